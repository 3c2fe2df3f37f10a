"""Searching threads: the query side of community.search_indexes.

What a visitor types never reaches a query parser. It is split into words and
"quoted phrases" (a leading ``-`` excludes one) the way the index splits text;
words that either language drops as too common are left out. Each remaining
word or phrase is looked for in the English-stemmed text, the German-stemmed
text and the title, so “Rechnungen” finds “Rechnung” and “invoices” finds
“invoice”. All of them must match; when no thread has all of them, threads with
any of them are shown instead. Result rows are built from stored index fields
(no database query) and the words are highlighted here, not by the engine.

haystack keeps the index (schema, updates through Celery, rebuild_index). The
query runs one of two ways, chosen on every call from haystack's ``default``
connection (settings.SEARCH_URL):

* haystack's Whoosh engine with the index on disk (the default): straight to
  Whoosh, through one searcher per thread that is reopened only when the index
  changed. Through SearchQuerySet a query costs 0.2–1.5 s at 10,000 threads (a
  narrowing search over every document, a new reader per call and, with
  INCLUDE_SPELLING, a spelling pass over the whole vocabulary); this way it is
  10–50 ms. The spelling suggestion is our own (spelling_suggestion below).
* any other engine (Elasticsearch, Solr, Whoosh in memory): the same words and
  phrases go through haystack's SearchQuerySet, each escaped by the engine's own
  cleaning (AutoQuery), the filters as SearchQuerySet filters, the suggestion
  from the engine's spelling_suggestion() when it gives one. The engine analyzes
  text its own way: ThreadIndex's analyzers are Whoosh objects, which
  haystack's Elasticsearch backend ignores (it maps every text field to its
  English "snowball" analyzer), so there German forms only find each other
  with a custom mapping.
"""

import logging
import math
import operator
import os
import re
import threading
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache, reduce
from typing import NamedTuple

from django.core.exceptions import ImproperlyConfigured
from django.core.paginator import Page, Paginator
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from haystack.inputs import AutoQuery, Exact
from haystack.query import SQ, SearchQuerySet
from whoosh import collectors
from whoosh import query as wq
from whoosh.support.levenshtein import distance

from community.i18n import active_language
from community.models import Thread, ThreadKind
from community.search_indexes import ENGLISH_ANALYZER, GERMAN_ANALYZER, LABELS_SEPARATOR

logger = logging.getLogger(__name__)

RESULTS_PER_PAGE = 20
MAX_PAGE = 250
MAX_QUERY_LENGTH = 200  # characters; the rest is cut off
MAX_QUERY_TERMS = 10  # words and phrases; the rest are ignored
SIMILAR_LIMIT = 5
SIMILAR_MIN_LENGTH = 3  # characters, for the title and for each of its words
SNIPPET_LENGTH = 240
SNIPPET_LEAD = 80  # characters shown before the first match
SNIPPET_SCAN_LIMIT = 20_000  # characters of a thread searched for a match to show

# Whoosh's RegexTokenizer pattern: words, keeping inner dots ("v2.1", "e.g").
WORD = re.compile(r"\w+(?:\.?\w+)*")
# A piece of a query: an optional leading minus, then a "quoted phrase" or a bare word.
CHUNK = re.compile(r'(?P<minus>(?<!\S)-)?(?:"(?P<phrase>[^"]*)"|(?P<word>[^\s"]+))')
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
SLUG = re.compile(r"[-\w]{1,60}")


# --- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchHit:
    """One result row, made from stored index fields."""

    title: str
    title_html: SafeString
    snippet_html: SafeString
    url: str
    space_slug: str
    space_name: str
    kind: str
    kind_label: str
    is_solved: bool
    has_official_answer: bool
    answer_count: int
    last_activity_at: datetime | None


@dataclass
class SearchResults:
    query: str
    page: Page | None = None  # None when nothing was searched
    total: int = 0
    suggestion: str = ""  # “Did you mean …?”; empty when every word is known
    error: str = ""  # for the visitor, when the query could not be run
    notice: str = ""  # for the visitor, e.g. the query was shortened
    matched_any: bool = False  # no thread had all the words; these have some

    @property
    def results(self) -> list[SearchHit]:
        return list(self.page.object_list) if self.page is not None else []


@dataclass(frozen=True)
class SimilarThread:
    title: str
    url: str
    space_name: str


# --- reading a query -------------------------------------------------------------------------


@lru_cache(maxsize=50_000)
def english_terms(word: str) -> tuple[str, ...]:
    return tuple(token.text for token in ENGLISH_ANALYZER(word))


@lru_cache(maxsize=50_000)
def german_terms(word: str) -> tuple[str, ...]:
    return tuple(token.text for token in GERMAN_ANALYZER(word))


def is_searchable(word: str) -> bool:
    """Neither language drops `word` as too short or too common (“the”, “die”, “über”).

    A word that only one language drops would still be required in the other
    language's field and make a query like “die Rechnung” find nothing.
    """
    return bool(english_terms(word)) and bool(german_terms(word))


def clean_query(raw: str) -> str:
    """`raw` without control characters (NUL included) and runs of spaces, at most 200 characters."""
    text = unicodedata.normalize("NFC", str(raw or ""))
    text = CONTROL_CHARACTERS.sub(" ", text)
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


@dataclass(frozen=True)
class ParsedQuery:
    """Each item is a tuple of words: one word, or a phrase to match in order."""

    items: tuple[tuple[str, ...], ...] = ()
    excluded: tuple[tuple[str, ...], ...] = ()
    shortened: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.items

    @property
    def words(self) -> list[str]:
        """The searchable words to find, phrases included, each once."""
        found = (word.lower() for item in self.items for word in item)
        return [word for word in dict.fromkeys(found) if is_searchable(word)]


def parse_query(raw: str) -> ParsedQuery:
    """Words, phrases and exclusions in what a visitor typed. Never raises."""
    text = clean_query(raw)
    shortened = len(" ".join(str(raw or "").split())) > MAX_QUERY_LENGTH
    items, excluded = [], []
    for chunk in CHUNK.finditer(text):
        tokens = tuple(
            token.lower() for token in WORD.findall(chunk["phrase"] or chunk["word"] or "")
        )
        searchable = [token for token in tokens if is_searchable(token)]
        if not searchable:
            continue
        # Several words in one chunk (a phrase, “e-mail”, “title:foo”) must come in order.
        item = tokens if len(searchable) > 1 else (searchable[0],)
        target = excluded if chunk["minus"] else items
        if item in target:
            continue
        if len(items) + len(excluded) >= MAX_QUERY_TERMS:
            shortened = True
            break
        target.append(item)
    return ParsedQuery(items=tuple(items), excluded=tuple(excluded), shortened=shortened)


# --- building Whoosh queries -----------------------------------------------------------------


def _field_query(fieldname: str, item: tuple[str, ...], analyze) -> wq.Query | None:
    terms = [term for word in item for term in analyze(word)]
    if not terms:
        return None
    return wq.Term(fieldname, terms[0]) if len(terms) == 1 else wq.Phrase(fieldname, terms)


def _item_query(item: tuple[str, ...]) -> wq.Query:
    """A word or phrase in the English text, the German text or the title."""
    options = [
        _field_query("text", item, english_terms),
        _field_query("text_de", item, german_terms),
        _field_query("title", item, english_terms),
    ]
    return wq.Or([option for option in options if option is not None])


def _filter_query(*, space: str, solved_only: bool, official_only: bool, kind: str):
    conditions = []
    if space and SLUG.fullmatch(space):
        conditions.append(wq.Term("space", space))
    if solved_only:
        conditions.append(wq.Term("solved", True))
    if official_only:
        conditions.append(wq.Term("has_official", True))
    if kind in ThreadKind.values:
        conditions.append(wq.Term("kind", kind))
    return wq.And(conditions) if conditions else None


# --- the searcher ----------------------------------------------------------------------------

_local = threading.local()


def _backend():
    from haystack import connections
    from haystack.backends.whoosh_backend import WhooshSearchBackend

    backend = connections["default"].get_backend()
    if not isinstance(backend, WhooshSearchBackend) or not backend.use_file_storage:
        raise ImproperlyConfigured("community.searching needs haystack's Whoosh engine on disk.")
    if not backend.setup_complete:
        backend.setup()
    return backend


def current_searcher():
    """A Whoosh searcher on the latest index, kept open between requests on this thread.

    Opening one costs ~25 ms at 10,000 threads, so it is reopened only when
    the index folder changed. The listing, not Whoosh's generation number,
    decides: a rebuilt index starts counting generations again, but its
    segment files have new names.
    """
    backend = _backend()
    try:
        state = (backend.path, tuple(sorted(os.listdir(backend.path))))
    except FileNotFoundError:
        backend.setup()  # the folder was removed (index cleared): create an empty index
        state = (backend.path, tuple(sorted(os.listdir(backend.path))))
    cached = getattr(_local, "searcher", None)
    if cached is not None and cached[0] == state:
        return cached[1]
    searcher = backend.index.refresh().searcher()
    if cached is not None:
        cached[1].close()
    _local.searcher = (state, searcher)
    return searcher


def _collect(searcher, query, *, limit: int, allow=None):
    """Top `limit` hits and the exact number of matches, in one pass over the matches.

    Whoosh's block-skipping and matcher replacement would make the count wrong.
    """
    collector = collectors.TopCollector(limit=limit, usequality=False, replace=0)
    if allow is not None:
        collector = collectors.FilterCollector(collector, allow=allow)
    searcher.search_with_collector(query, collector)
    return collector.results()


def uses_whoosh_directly() -> bool:
    """Whether queries go straight to Whoosh: haystack's engine is Whoosh with its index on disk.

    Any other engine (settings.SEARCH_URL) is asked through SearchQuerySet.
    """
    from haystack import connections
    from haystack.backends.whoosh_backend import WhooshSearchBackend

    backend = connections["default"].get_backend()
    return isinstance(backend, WhooshSearchBackend) and backend.use_file_storage


# --- any other engine: through haystack's SearchQuerySet ------------------------------------

# The fields a word or phrase is looked for in (community.search_indexes.ThreadIndex).
SEARCHED_FIELDS = ("text", "text_de", "title")


def _item_sq(item: tuple[str, ...]) -> SQ:
    """A word or phrase in any searched field, escaped by the engine (haystack's AutoQuery).

    Each word is made of letters, digits and inner dots only (parse_query), so
    AutoQuery turns it into one cleaned term, or one exact phrase.
    """
    text = f'"{" ".join(item)}"' if len(item) > 1 else item[0]
    return reduce(operator.or_, (SQ(**{field: AutoQuery(text)}) for field in SEARCHED_FIELDS))


def _thread_sqs(
    *, space: str = "", solved_only: bool = False, official_only: bool = False, kind: str = ""
) -> SearchQuerySet:
    """Indexed threads on the connection the engine was chosen from, narrowed by the filters."""
    sqs = SearchQuerySet(using="default").models(Thread)
    # Exact() as it is: a slug has no quotes or spaces, and the engine's cleaning would break
    # one with a hyphen (haystack's Whoosh backend quotes it again, "'billing-faq'").
    if space and SLUG.fullmatch(space):
        sqs = sqs.filter(space=Exact(space))
    # "true", not True: haystack writes True into the query as "True", which Elasticsearch
    # (since 6.0) refuses for a boolean field.
    if solved_only:
        sqs = sqs.filter(solved="true")
    if official_only:
        sqs = sqs.filter(has_official="true")
    if kind in ThreadKind.values:
        sqs = sqs.filter(kind=Exact(kind))
    return sqs


def _fetch_page(sqs: SearchQuerySet, number: int):
    """Page `number` of `sqs` (the last page when it is past the end): the stored fields of
    its threads, the number of matches, the number of the page and the SearchQuerySet run.

    `sqs` itself is not run: each request is a clone, without the offsets of another.
    """
    start = (number - 1) * RESULTS_PER_PAGE
    ran = sqs.all()
    found = ran[start : start + RESULTS_PER_PAGE]
    total = ran.count()  # counted by the request that fetched the page
    if number > 1 and not found:  # past the last page
        if not total:  # haystack's Whoosh backend counts nothing there: count from the start
            ran = sqs.all()
            total = ran.count()
        number = max(1, math.ceil(total / RESULTS_PER_PAGE))
        start = (number - 1) * RESULTS_PER_PAGE
        found = ran[start : start + RESULTS_PER_PAGE] if total else []
    rows = [result.get_stored_fields() for result in found if result is not None]
    return rows, total, number, ran


def _same_word(word: str, other: str) -> bool:
    """`other` is `word`, or `word` as one of the two languages stems it."""
    return any(terms(word) == terms(other) for terms in (english_terms, german_terms))


def _engine_suggestion(sqs: SearchQuerySet, words: list[str]) -> str:
    """The engine's spelling suggestion for `words`, or empty when it changes none of them.

    Engines suggest a word for each word, known ones too: Whoosh another form
    (“invoices” for “invoice”), Elasticsearch the stem (“invoic”). A word the
    suggestion only changes to another form of it is kept as typed. Never raises.
    """
    try:
        suggestion = sqs.spelling_suggestion()  # from the query already run: no new request
    except Exception:
        logger.warning("the search engine's spelling suggestion failed", exc_info=True)
        return ""
    suggested = [word.lower() for word in WORD.findall(str(suggestion or ""))]
    if len(suggested) != len(words):  # a word was dropped or split: not a correction of each
        return ""
    corrected = [
        word if _same_word(word, other) else other
        for word, other in zip(words, suggested, strict=True)
    ]
    return " ".join(corrected) if corrected != words else ""


# --- highlighting ----------------------------------------------------------------------------

_FOLDED = {"a": "[aä]", "ä": "[aä]", "o": "[oö]", "ö": "[oö]", "u": "[uü]", "ü": "[uü]"}


class Highlighter:
    """Marks the words of a query in text the way the index matches them (stemmed,
    English or German). The text is escaped first: the only markup is our ``<mark>``.

    A regular expression on the first three letters of each query word (umlauts
    folded, as German stemming folds them) finds candidates; only those are stemmed.
    """

    def __init__(self, words):
        words = [word.lower() for word in words if is_searchable(word)]
        self.english = {term for word in words for term in english_terms(word)}
        self.german = {term for word in words for term in german_terms(word)}
        prefixes = sorted({word[:3] for word in words}, key=len, reverse=True)
        self.pattern = None
        if prefixes:
            alternatives = "|".join(
                "".join(_FOLDED.get(char, re.escape(char)) for char in prefix)
                for prefix in prefixes
            )
            self.pattern = re.compile(rf"(?<!\w)(?:{alternatives})\w*(?:\.?\w+)*", re.IGNORECASE)

    def _is_match(self, token: str) -> bool:
        token = token.lower()
        return not self.english.isdisjoint(english_terms(token)) or not self.german.isdisjoint(
            german_terms(token)
        )

    def spans(self, text: str, start: int = 0, end: int | None = None):
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text, start, len(text) if end is None else end):
            if self._is_match(match.group()):
                yield match.span()

    def mark(self, text: str) -> SafeString:
        parts, position = [], 0
        for start, end in self.spans(text):
            parts.append(escape(text[position:start]))
            parts.append(f"<mark>{escape(text[start:end])}</mark>")
            position = end
        parts.append(escape(text[position:]))
        return mark_safe("".join(parts))  # every piece is escaped above

    def snippet(self, text: str, *, skip: int = 0, length: int = SNIPPET_LENGTH) -> SafeString:
        """About `length` characters of `text` from `skip` on, around the first match."""
        text = text or ""
        first = next(self.spans(text, skip, min(len(text), skip + SNIPPET_SCAN_LIMIT)), None)
        start = skip
        if first is not None and first[0] - skip > SNIPPET_LEAD:
            start = first[0] - SNIPPET_LEAD
            start = text.find(" ", start, first[0]) + 1 or start  # start with a whole word
        end = min(len(text), start + length)
        if end < len(text):
            end = text.rfind(" ", start, end) if " " in text[start:end] else end
        piece = " ".join(text[start:end].split())
        prefix = "… " if start > skip else ""
        suffix = " …" if end < len(text) else ""
        return mark_safe(f"{prefix}{self.mark(piece)}{suffix}")  # mark() escaped the text


def highlight(text: str, query: str) -> SafeString:
    """`text`, escaped, with the words of `query` (stemmed, either language) in ``<mark>``."""
    return Highlighter(parse_query(query).words).mark(text)


# --- spelling --------------------------------------------------------------------------------


def _is_known(reader, word: str) -> bool:
    return any(reader.doc_frequency("text", term) for term in english_terms(word)) or any(
        reader.doc_frequency("text_de", term) for term in german_terms(word)
    )


def _closest_known_word(reader, word: str) -> str | None:
    """The indexed word nearest `word`: fewest edits, then in most threads.

    Whoosh keeps the unstemmed words of the ``text`` field in a spelling field.
    Candidates share the first letter (few typos get that one wrong, and it
    keeps the scan short); short words allow one edit, longer ones two.
    """
    spelling_field = reader.schema["text"].spelling_fieldname("text")
    max_edits = 1 if len(word) <= 4 else 2
    best, best_rank = None, None
    for candidate_bytes in reader.expand_prefix(spelling_field, word[:1]):
        candidate = candidate_bytes.decode("utf-8")
        if abs(len(candidate) - len(word)) > max_edits or candidate == word:
            continue
        edits = distance(word, candidate, limit=max_edits)
        if edits > max_edits or not is_searchable(candidate):
            continue
        frequency = sum(reader.doc_frequency("text", term) for term in english_terms(candidate))
        rank = (edits, -frequency, candidate)
        if best_rank is None or rank < best_rank:
            best, best_rank = candidate, rank
    return best


def spelling_suggestion(words, *, searcher=None) -> str:
    """`words` with each word the index does not know replaced by the closest one it knows.

    Empty when every word is known (in either language's stemmed form) or
    nothing close is. haystack's suggestion is not used: it also replaces
    known words, ranks every candidate within two edits alike and scans the
    whole vocabulary for each word of the query (seconds at 10,000 threads).
    """
    words = [word.lower() for word in words]
    if not words:
        return ""
    reader = (searcher or current_searcher()).reader()
    if "text" not in reader.schema:
        return ""
    corrected, changed = [], False
    for word in words:
        if _is_known(reader, word):
            corrected.append(word)
            continue
        suggestion = _closest_known_word(reader, word)
        changed = changed or suggestion is not None
        corrected.append(suggestion or word)
    return " ".join(corrected) if changed else ""


# --- searching -------------------------------------------------------------------------------


def _flag(value) -> bool:
    # haystack's Whoosh backend stores booleans as the strings "true" and "false";
    # Elasticsearch gives them back as booleans.
    return value is True or value == "true"


def _space_name(fields: dict) -> str:
    english = fields.get("space_name_en") or ""
    return (fields.get("space_name_de") or english) if active_language() == "de" else english


def _hit(fields: dict, highlighter: Highlighter) -> SearchHit:
    title = fields.get("title") or ""
    # The stored text is the title, the posts, then the labels (ThreadIndex.prepare_text):
    # the snippet comes from the posts.
    text = fields.get("text") or ""
    posts_start = text.find("\n") + 1
    posts_end = text.find(LABELS_SEPARATOR)
    posts = text[: posts_end if posts_end >= 0 else len(text)]
    kind = fields.get("kind") or ThreadKind.QUESTION
    last_activity = fields.get("last_activity")
    return SearchHit(
        title=title,
        title_html=highlighter.mark(title),
        snippet_html=highlighter.snippet(posts, skip=posts_start) if posts_start else mark_safe(""),
        url=fields.get("url") or "",
        space_slug=fields.get("space") or "",
        space_name=_space_name(fields),
        kind=kind,
        kind_label=ThreadKind(kind).label if kind in ThreadKind.values else "",
        is_solved=_flag(fields.get("solved")),
        has_official_answer=_flag(fields.get("has_official")),
        answer_count=int(fields.get("answer_count") or 0),
        last_activity_at=last_activity.replace(tzinfo=UTC)
        if isinstance(last_activity, datetime)
        else None,
    )


class _FetchedPage:
    """What Paginator needs of a page that was already fetched: the total and the rows."""

    def __init__(self, rows: list, total: int):
        self.rows = rows
        self.total = total

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, item):
        return self.rows


def _page_number(page) -> int:
    try:
        number = int(page)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE)


class _Found(NamedTuple):
    rows: list[dict]  # the stored fields of each thread on the page
    total: int
    number: int  # of the page, which is the last one when the one asked for is past the end
    matched_any: bool
    suggestion: str


def _search_whoosh(parsed: ParsedQuery, number: int, filters: dict) -> _Found:
    """Page `number` of the threads matching `parsed`, straight from Whoosh."""
    searcher = current_searcher()
    allow = _filter_query(**filters)
    excluded = [_item_query(item) for item in parsed.excluded]

    def run(query):
        if excluded:
            query = wq.AndNot(query, wq.Or(excluded))
        return _collect(searcher, query, limit=number * RESULTS_PER_PAGE, allow=allow)

    matched_any = False
    found = run(wq.And([_item_query(item) for item in parsed.items]))
    if not len(found) and len(parsed.items) > 1:
        found = run(wq.Or([_item_query(item) for item in parsed.items]))
        matched_any = bool(len(found))
    total = len(found)
    number = min(number, max(1, math.ceil(total / RESULTS_PER_PAGE)))
    start = (number - 1) * RESULTS_PER_PAGE
    rows = [
        found[i].fields()
        for i in range(start, min(found.scored_length(), start + RESULTS_PER_PAGE))
    ]
    suggestion = spelling_suggestion(parsed.words, searcher=searcher)
    return _Found(rows, total, number, matched_any, suggestion)


def _search_engine(parsed: ParsedQuery, number: int, filters: dict) -> _Found:
    """Page `number` of the threads matching `parsed`, from any engine through SearchQuerySet."""
    threads = _thread_sqs(**filters)
    if parsed.excluded:
        threads = threads.exclude(reduce(operator.or_, map(_item_sq, parsed.excluded)))
    threads = threads.set_spelling_query(" ".join(parsed.words))

    matched_any = False
    every_word = threads.filter(reduce(operator.and_, map(_item_sq, parsed.items)))
    rows, total, page_number, ran = _fetch_page(every_word, number)
    if not total and len(parsed.items) > 1:
        any_word = threads.filter(reduce(operator.or_, map(_item_sq, parsed.items)))
        rows, total, page_number, ran = _fetch_page(any_word, number)
        matched_any = bool(total)
    return _Found(rows, total, page_number, matched_any, _engine_suggestion(ran, parsed.words))


def search_threads(
    *,
    query: str,
    space: str = "",
    solved_only: bool = False,
    official_only: bool = False,
    kind: str = "",
    page=1,
) -> SearchResults:
    """Public threads matching `query` and the filters, best first, 20 to a page.

    Never raises for anything a visitor can type: a query that cannot be run
    comes back with `error` set. An empty query searches nothing (`page` is None).
    A page number past the end gives the last page.
    """
    text = clean_query(query)
    results = SearchResults(query=text)
    if not text:
        return results
    parsed = parse_query(query)
    if parsed.shortened:
        results.notice = _("Your search was long, so only its first words were used.")
    if parsed.is_empty:
        results.error = _(
            "There is nothing to search for in that. Try a few words from your question, "
            "such as “invoice PDF”."
        )
        return results

    filters = {
        "space": space,
        "solved_only": solved_only,
        "official_only": official_only,
        "kind": kind,
    }
    try:
        search = _search_whoosh if uses_whoosh_directly() else _search_engine
        found = search(parsed, _page_number(page), filters)
    except Exception:
        # The query is made of plain words, so this is the index's fault, not the visitor's.
        logger.exception("search failed")
        results.error = _("Sorry, searching failed. Please try again in a moment.")
        return results

    highlighter = Highlighter(parsed.words)
    hits = [_hit(fields, highlighter) for fields in found.rows]
    results.total = found.total
    results.matched_any = found.matched_any
    results.suggestion = found.suggestion
    results.page = Paginator(_FetchedPage(hits, found.total), RESULTS_PER_PAGE).page(found.number)
    return results


def similar_solved_threads(title: str, limit: int = SIMILAR_LIMIT) -> list[SimilarThread]:
    """Up to `limit` solved public threads that share words with `title`, best first.

    For the ask form while the title is typed: any word may match, in either
    language; common words and words under three letters are ignored. Never raises.
    """
    text = clean_query(title)
    if len(text) < SIMILAR_MIN_LENGTH or limit <= 0:
        return []
    words = [
        word
        for word in dict.fromkeys(WORD.findall(text.lower()))
        if len(word) >= SIMILAR_MIN_LENGTH and is_searchable(word)
    ][:MAX_QUERY_TERMS]
    if not words:
        return []
    limit = min(limit, 20)
    try:
        if uses_whoosh_directly():
            found = current_searcher().search(
                wq.Or([_item_query((word,)) for word in words]),
                limit=limit,
                filter=wq.Term("solved", True),
            )
            rows = [hit.fields() for hit in found]
        else:
            matching = reduce(operator.or_, (_item_sq((word,)) for word in words))
            threads = _thread_sqs(solved_only=True).filter(matching)
            # With INCLUDE_SPELLING the engine suggests spellings on every query: of the words.
            found = threads.set_spelling_query(" ".join(words))[:limit]
            rows = [result.get_stored_fields() for result in found if result is not None]
    except Exception:
        logger.exception("similar threads search failed")
        return []
    return [
        SimilarThread(
            title=fields.get("title") or "",
            url=fields.get("url") or "",
            space_name=_space_name(fields),
        )
        for fields in rows
    ]
