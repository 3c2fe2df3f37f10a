"""The Whoosh fast path: words and phrases looked up in the index's posting lists directly.

Taken when haystack's engine is Whoosh with its index on disk (search.uses_whoosh_directly).

Each word is looked up once per text field (``text`` with its English stem, ``text_de``
with its German stem) as a set of threads; the words of a search are combined with set
operations, the filters are sets too (kept per index segment). Only the threads that
match are scored, each once (BM25 in the two text fields, plus the title), and ranked
(community.searching.ranking). A quoted phrase first finds the threads with all its words,
then checks the order of the words in the best of them only (PHRASE_CHECK_LIMIT beyond
the page), so a phrase of common words costs about as much as its words; the count
then says "at least". Decoded posting lists are kept per segment (postings).
"""

import heapq
from dataclasses import dataclass, field

from community.models import ThreadKind
from community.searching import postings
from community.searching.query import SLUG, ParsedQuery, english_terms, german_terms
from community.searching.ranking import (
    OFFICIAL_BOOST,
    RELEVANCE_STEP,
    SOLVED_BOOST,
    ranking_signals,
)
from community.searching.results import (
    COUNT_LIMIT,
    RESULTS_PER_PAGE,
    THREAD_CONTENT_TYPE,
    _Found,
)
from community.searching.searcher import current_searcher
from community.searching.spelling import spelling_suggestion

# A phrase's word order is checked in the best threads with all of its words: those the
# page needs and this many more; further ones only while the page is not full, up to
# PHRASE_CHECK_MAX. When some were not checked, the count says "at least".
PHRASE_CHECK_LIMIT = 300
PHRASE_CHECK_MAX = 2000
# The spelling suggestion is looked for when a search finds fewer threads than this.
SUGGEST_BELOW = 10
# Where each word is looked for: the field and the analysis of the word that it stores.
TEXT_FIELDS = (("text", english_terms), ("text_de", german_terms))
TITLE_FIELD = "title"  # also in `text`: only adds to the score of a thread


@dataclass
class _Item:
    """A word or a phrase of the query, as the terms of each field."""

    terms: dict[str, tuple[str, ...]]  # text field → terms, for each field the item has terms in
    title_terms: tuple[str, ...] = ()

    @property
    def is_phrase(self) -> bool:
        return any(len(terms) > 1 for terms in self.terms.values())

    @classmethod
    def of(cls, words: tuple[str, ...]) -> "_Item":
        terms = {}
        for fieldname, analyze in TEXT_FIELDS:
            analyzed = tuple(term for word in words for term in analyze(word))
            if analyzed:
                terms[fieldname] = analyzed
        english = terms.get("text", ())
        return cls(terms=terms, title_terms=english if len(english) == 1 else ())


@dataclass
class _SegmentMatches:
    """The threads of one segment that match, with the fields where each phrase may match."""

    segment: postings.Segment
    every: bool = True  # every item must match (else any one)
    docs: set[int] = field(default_factory=set)
    plain_docs: set[int] = field(default_factory=set)  # any one: those with a word (no phrase)
    # per phrase item (its index in the query): field → documents with all its words there
    phrase_fields: dict[int, dict[str, set[int]]] = field(default_factory=dict)
    excluded_phrases: dict[int, dict[str, set[int]]] = field(default_factory=dict)


def _item_docs(segment: postings.Segment, item: _Item) -> tuple[set[int], dict[str, set[int]]]:
    """The documents with every term of `item` in one text field, and, when `item` is a
    phrase (its word order is checked later), those documents per field."""
    found: set[int] = set()
    fields_of: dict[str, set[int]] = {}
    for fieldname, terms in item.terms.items():
        docs = None
        for term in sorted(set(terms), key=lambda t: segment.parent.doc_frequency(fieldname, t)):
            term_docs = segment.docs(fieldname, term)
            docs = term_docs if docs is None else docs & term_docs
            if not docs:
                break
        if not docs:
            continue
        found |= docs
        if len(terms) > 1:
            fields_of[fieldname] = docs
    return found, fields_of


def _filter_docs(segment: postings.Segment, filters: dict) -> set[int] | None:
    """The documents the filters allow, or None when no filter is set."""
    allowed = None

    def narrow(docs):
        nonlocal allowed
        allowed = set(docs) if allowed is None else allowed & docs

    space, kind = filters.get("space", ""), filters.get("kind", "")
    if space and SLUG.fullmatch(space):
        narrow(segment.docs("space", space))
    if filters.get("solved_only"):
        narrow(segment.docs("solved", True))
    if filters.get("official_only"):
        narrow(segment.docs("has_official", True))
    if kind in ThreadKind.values:
        narrow(segment.docs("kind", kind))
    content_types = filters.get("content_types")
    if content_types is not None:  # threads, articles …: haystack's django_ct of each document
        narrow(set().union(*(segment.docs("django_ct", ct) for ct in content_types)))
    languages = filters.get("languages")
    if languages is not None and _index_has_languages(segment.parent):
        narrow(set().union(*(segment.docs("language", code) for code in languages)))
    return allowed


def _index_has_languages(searcher) -> bool:
    """Whether every thread in the index has its language: an index built before threads
    had one (and only partly updated since) would hide the threads without one, so the
    filter is left out until the index is rebuilt."""
    from django.conf import settings

    if "language" not in searcher.schema:
        return False
    with_language = sum(searcher.doc_frequency("language", code) for code, _ in settings.LANGUAGES)
    return with_language > 0 and with_language >= searcher.doc_count()


def _matches(searcher, items, excluded, filters, *, every: bool) -> list[_SegmentMatches]:
    """Per segment: the documents with every item (`every`) or any item, filtered."""
    found = []
    for segment in postings.segments(searcher):
        result = _SegmentMatches(segment, every=every)
        docs = None
        for index, item in enumerate(items):
            item_docs, fields_of = _item_docs(segment, item)
            if item.is_phrase:
                result.phrase_fields[index] = fields_of
            elif not every:
                result.plain_docs |= item_docs
            if docs is None:
                docs = item_docs
            elif every:
                docs &= item_docs
            else:
                docs |= item_docs
            if every and not docs:
                break
        docs = docs or set()
        if docs:
            allowed = _filter_docs(segment, filters)
            if allowed is not None:
                docs &= allowed
            if segment.deleted:
                docs -= segment.deleted
        for index, item in enumerate(excluded):
            if not docs:
                break
            item_docs, fields_of = _item_docs(segment, item)
            if item.is_phrase:  # left out only where the words come in order
                result.excluded_phrases[index] = fields_of
            else:
                docs -= item_docs
        result.docs = docs
        found.append(result)
    return found


def _scores(matches: _SegmentMatches, items: list[_Item]) -> dict[int, float]:
    """BM25 of each matching document: for each item, its terms in the English-stemmed
    text, or, where a document has none of them there, in the German-stemmed text (the
    same text: counting both would count one word twice); plus the title (its boost is in
    the title's term weights)."""
    segment, docs = matches.segment, matches.docs
    scores = dict.fromkeys(docs, 0.0)
    for item in items:
        remaining = docs
        for fieldname, terms in item.terms.items():  # "text", then "text_de"
            scored: set[int] = set()
            for term in dict.fromkeys(terms):
                scored |= segment.add_bm25(scores, fieldname, term, remaining)
            remaining = remaining - scored
            if not remaining:
                break
        for term in item.title_terms:
            segment.add_bm25(scores, TITLE_FIELD, term, docs)
    return scores


def _in_order(positions: list[list[int]]) -> bool:
    """Whether the terms come one after the other somewhere (the first term's positions,
    then each next term one further)."""
    following = [set(p) for p in positions[1:]]
    return any(
        all(start + offset + 1 in later for offset, later in enumerate(following))
        for start in positions[0]
    )


def _phrase_matches(segment, item: _Item, fields_of: dict[str, set[int]], docs) -> set[int]:
    """Which of `docs` have `item`'s words in order in one of their fields."""
    found = set()
    for fieldname, terms in item.terms.items():
        check = (docs & fields_of.get(fieldname, set())) - found
        if not check or len(terms) < 2:
            continue
        positions = [segment.positions(fieldname, term, check) for term in terms]
        for docnum in check:
            lists = [p.get(docnum) for p in positions]
            if all(lists) and _in_order(lists):
                found.add(docnum)
    return found


@dataclass
class _Ranked:
    docnums: list[int]  # the searcher's document numbers, best first, as far as needed
    total: int  # matches counted
    exact: bool  # whether `total` is all of them


def _ordered(candidates: list, count: int) -> list:
    """The best `count` of `candidates` ((boosted score, recency, segment, docnum) tuples)
    in rank order: scores in steps of the best one, recency within a step (ranking)."""
    if not candidates:
        return []
    best = max(candidates)[0]
    step = RELEVANCE_STEP * best
    if count < len(candidates):
        # Everything in the step of the count-th best score or above: the rest cannot rank.
        floor = heapq.nlargest(count, (c[0] for c in candidates))[-1]
        floor_step = int(floor / step) if step else 0
        candidates = [c for c in candidates if step == 0 or int(c[0] / step) >= floor_step]
    if step:
        candidates.sort(key=lambda c: (int(c[0] / step), c[1], -c[2], -c[3]), reverse=True)
    return candidates[:count]


def _rank(
    searcher, found: list[_SegmentMatches], items, excluded, needed: int, type_boosts=None
) -> _Ranked:
    """The best `needed` documents of `found`, and how many match.

    `type_boosts`: {content type: factor} for documents other than threads (articles)."""
    candidates = []  # (boosted score, recency, segment index, docnum)
    for index, matches in enumerate(found):
        if not matches.docs:
            continue
        scores = _scores(matches, items)
        signals = ranking_signals(matches.segment)
        solved, official, activity = signals.solved, signals.official, signals.activity
        boosted = [
            (matches.segment.has("django_ct", ct), factor)
            for ct, factor in (type_boosts or {}).items()
            if factor != 1.0
        ]
        candidates.extend(
            (
                score
                * (SOLVED_BOOST if docnum in solved else 1.0)
                * (OFFICIAL_BOOST if docnum in official else 1.0)
                * _type_boost(boosted, docnum),
                activity[docnum] or 0,
                index,
                docnum,
            )
            for docnum, score in scores.items()
        )

    phrases = [i for i, item in enumerate(items) if item.is_phrase]
    excluded_phrases = [i for i, item in enumerate(excluded) if item.is_phrase]
    if not phrases and not any(m.excluded_phrases for m in found):
        top = _ordered(candidates, needed)
        return _Ranked([found[c[2]].segment.offset + c[3] for c in top], len(candidates), True)

    # Phrases: the word order is checked in the best documents with all the words only,
    # enough of them to fill the page and PHRASE_CHECK_LIMIT more, further ones only
    # while the page is not full (at most PHRASE_CHECK_MAX in all).
    ranked = _ordered(candidates, PHRASE_CHECK_MAX)
    kept: list[int] = []
    checked = 0
    batch_size = needed + PHRASE_CHECK_LIMIT
    while checked < len(ranked) and (checked == 0 or len(kept) < needed):
        batch = ranked[checked : checked + batch_size]
        checked += len(batch)
        batch_size = max(PHRASE_CHECK_LIMIT, RESULTS_PER_PAGE)
        passed = _check_phrases(found, items, excluded, phrases, excluded_phrases, batch)
        kept.extend(found[i].segment.offset + d for _, _, i, d in batch if d in passed[i])
    return _Ranked(kept, len(kept), exact=checked == len(candidates))


def _type_boost(boosted, docnum: int) -> float:
    for docs, factor in boosted:
        if docnum in docs:
            return factor
    return 1.0


def _check_phrases(found, items, excluded, phrases, excluded_phrases, batch) -> dict:
    """{segment index: the documents of `batch` whose phrases are in order (and whose
    excluded phrases are not)}."""
    by_segment: dict[int, set[int]] = {}
    for _, _, index, docnum in batch:
        by_segment.setdefault(index, set()).add(docnum)
    for index, docs in by_segment.items():
        matches = found[index]
        if matches.every:  # each phrase in order
            for item_index in phrases:
                fields_of = matches.phrase_fields[item_index]
                docs &= _phrase_matches(matches.segment, items[item_index], fields_of, docs)
        else:  # a word, or one of the phrases in order
            keep = docs & matches.plain_docs
            for item_index in phrases:
                fields_of = matches.phrase_fields[item_index]
                keep |= _phrase_matches(matches.segment, items[item_index], fields_of, docs - keep)
            docs &= keep
        for item_index in excluded_phrases:
            fields_of = matches.excluded_phrases.get(item_index, {})
            docs -= _phrase_matches(matches.segment, excluded[item_index], fields_of, docs)
    return by_segment


def _search_whoosh(parsed: ParsedQuery, number: int, filters: dict) -> _Found:
    """Page `number` of the threads matching `parsed`, straight from the Whoosh index."""
    searcher = current_searcher()
    items = [_Item.of(item) for item in parsed.items]
    excluded = [_Item.of(item) for item in parsed.excluded]
    needed = min(number * RESULTS_PER_PAGE, COUNT_LIMIT)

    matched_any = False
    boosts = filters.get("type_boosts")
    found = _matches(searcher, items, excluded, filters, every=True)
    ranked = _rank(searcher, found, items, excluded, needed, boosts)
    if not ranked.total and len(items) > 1:
        found = _matches(searcher, items, excluded, filters, every=False)
        ranked = _rank(searcher, found, items, excluded, needed, boosts)
        matched_any = bool(ranked.total)

    pages = max(1, -(-min(ranked.total, COUNT_LIMIT) // RESULTS_PER_PAGE))
    number = min(number, pages)
    start = (number - 1) * RESULTS_PER_PAGE
    rows = [searcher.stored_fields(d) for d in ranked.docnums[start : start + RESULTS_PER_PAGE]]
    suggestion = ""
    if ranked.total < SUGGEST_BELOW or matched_any:
        suggestion = spelling_suggestion(parsed.words, searcher=searcher)
    return _Found(rows, ranked.total, number, matched_any, suggestion, exact=ranked.exact)


def _similar_whoosh(words: list[str], limit: int, filters: dict | None = None) -> list[dict]:
    """The stored fields of up to `limit` solved threads with any of `words`, best first
    (other documents when `filters` name their content types instead)."""
    searcher = current_searcher()
    items = [_Item.of((word,)) for word in words]
    filters = filters or {"solved_only": True, "content_types": (THREAD_CONTENT_TYPE,)}
    found = _matches(searcher, items, [], filters, every=False)
    ranked = _rank(searcher, found, items, [], limit)
    return [searcher.stored_fields(d) for d in ranked.docnums[:limit]]
