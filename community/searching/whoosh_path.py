"""The Whoosh fast path: queries built as Whoosh objects and run on the current searcher.

Taken when haystack's engine is Whoosh with its index on disk (search.uses_whoosh_directly).
"""

import math

from whoosh import collectors
from whoosh import query as wq

from community.models import ThreadKind
from community.searching.query import SLUG, ParsedQuery, english_terms, german_terms
from community.searching.results import RESULTS_PER_PAGE, _Found
from community.searching.searcher import current_searcher
from community.searching.spelling import spelling_suggestion

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


# --- running them ----------------------------------------------------------------------------


def _collect(searcher, query, *, limit: int, allow=None):
    """Top `limit` hits and the exact number of matches, in one pass over the matches.

    Whoosh's block-skipping and matcher replacement would make the count wrong.
    """
    collector = collectors.TopCollector(limit=limit, usequality=False, replace=0)
    if allow is not None:
        collector = collectors.FilterCollector(collector, allow=allow)
    searcher.search_with_collector(query, collector)
    return collector.results()


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


def _similar_whoosh(words: list[str], limit: int) -> list[dict]:
    """The stored fields of up to `limit` solved threads with any of `words`, straight from Whoosh."""
    found = current_searcher().search(
        wq.Or([_item_query((word,)) for word in words]),
        limit=limit,
        filter=wq.Term("solved", True),
    )
    return [hit.fields() for hit in found]
