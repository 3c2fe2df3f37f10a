"""Searching threads: the query side of community.search_indexes.

What a visitor types never reaches a query parser. It is split into words and
"quoted phrases" (a leading ``-`` excludes one) the way the index splits text;
words that either language drops as too common are left out; the rest become
Whoosh query objects. Each word is looked for in the English-stemmed text, the
German-stemmed text and the title, so “Rechnungen” finds “Rechnung” and
“invoices” finds “invoice”. All words must match; when no thread has all of
them, threads with any of them are shown instead.

haystack keeps the index (schema, updates through Celery, rebuild_index);
queries go straight to Whoosh through one searcher per thread that is reopened
only when the index changed. Through SearchQuerySet a query costs 0.2–1.5 s at
10,000 threads (a narrowing search over every document, a new reader per call
and, with INCLUDE_SPELLING, a spelling pass over the whole vocabulary); this
way it is 10–50 ms. Result rows are built from stored fields: no database query.
"""

import logging
import math
import os
import re
import threading
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from django.core.exceptions import ImproperlyConfigured
from django.core.paginator import Page, Paginator
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from whoosh import collectors
from whoosh import query as wq
from whoosh.support.levenshtein import distance

from community.i18n import active_language
from community.models import ThreadKind
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
    # haystack stores booleans as the strings "true" and "false".
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

    number = _page_number(page)
    try:
        searcher = current_searcher()
        allow = _filter_query(
            space=space, solved_only=solved_only, official_only=official_only, kind=kind
        )
        excluded = [_item_query(item) for item in parsed.excluded]

        def run(query):
            if excluded:
                query = wq.AndNot(query, wq.Or(excluded))
            return _collect(searcher, query, limit=number * RESULTS_PER_PAGE, allow=allow)

        found = run(wq.And([_item_query(item) for item in parsed.items]))
        if not len(found) and len(parsed.items) > 1:
            found = run(wq.Or([_item_query(item) for item in parsed.items]))
            results.matched_any = bool(len(found))
        total = len(found)
        number = min(number, max(1, math.ceil(total / RESULTS_PER_PAGE)))
        start = (number - 1) * RESULTS_PER_PAGE
        rows = [
            found[i].fields()
            for i in range(start, min(found.scored_length(), start + RESULTS_PER_PAGE))
        ]
        results.suggestion = spelling_suggestion(parsed.words, searcher=searcher)
    except Exception:
        # The query is made of plain words, so this is the index's fault, not the visitor's.
        logger.exception("search failed")
        results.error = _("Sorry, searching failed. Please try again in a moment.")
        return results

    highlighter = Highlighter(parsed.words)
    hits = [_hit(fields, highlighter) for fields in rows]
    results.total = total
    results.page = Paginator(_FetchedPage(hits, total), RESULTS_PER_PAGE).page(number)
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
    try:
        searcher = current_searcher()
        found = searcher.search(
            wq.Or([_item_query((word,)) for word in words]),
            limit=min(limit, 20),
            filter=wq.Term("solved", True),
        )
        rows = [hit.fields() for hit in found]
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
