"""Any other engine (Elasticsearch, Solr, Whoosh in memory): through haystack's SearchQuerySet."""

import math
import operator
from functools import reduce

from django.apps import apps
from haystack.inputs import AutoQuery, Exact
from haystack.query import SQ, SearchQuerySet

from community.models import Thread, ThreadKind
from community.searching.query import SLUG, ParsedQuery
from community.searching.ranking import boost, rank_order
from community.searching.results import RESULTS_PER_PAGE, _flag, _Found
from community.searching.spelling import _engine_suggestion

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
    *,
    space: str = "",
    solved_only: bool = False,
    official_only: bool = False,
    kind: str = "",
    languages: tuple[str, ...] | None = None,
    content_types: tuple[str, ...] | None = None,
    type_boosts: dict | None = None,
) -> SearchQuerySet:
    """Indexed threads (or the documents of `content_types`) on the connection the engine
    was chosen from, narrowed by the filters."""
    models = [apps.get_model(ct) for ct in content_types] if content_types else [Thread]
    sqs = SearchQuerySet(using="default").models(*models)
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
    if languages:
        sqs = sqs.filter(reduce(operator.or_, (SQ(language=Exact(code)) for code in languages)))
    return sqs


def _fetch_page(sqs: SearchQuerySet, number: int, type_boosts: dict | None = None):
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
    rows = _ranked_rows([result for result in found if result is not None], type_boosts)
    return rows, total, number, ran


def _ranked_rows(found, type_boosts: dict | None = None) -> list[dict]:
    """The stored fields of the page's results, re-ranked like the Whoosh path (ranking):
    the engine's score times the boosts of solved and officially answered threads, ties
    by recency. Within the page only: the engine chose which threads are on it."""
    rows = [_stored(result) for result in found]
    type_boosts = type_boosts or {}
    signals = [
        (
            (result.score or 0.0)
            * boost(solved=_flag(row.get("solved")), official=_flag(row.get("has_official")))
            * type_boosts.get(row["django_ct"], 1.0),
            str(row.get("last_activity") or ""),
        )
        for result, row in zip(found, rows, strict=True)
    ]
    return [rows[index] for index in rank_order(signals)]


def _search_engine(parsed: ParsedQuery, number: int, filters: dict) -> _Found:
    """Page `number` of the threads matching `parsed`, from any engine through SearchQuerySet."""
    type_boosts = filters.get("type_boosts")
    threads = _thread_sqs(**filters)
    if parsed.excluded:
        threads = threads.exclude(reduce(operator.or_, map(_item_sq, parsed.excluded)))
    threads = threads.set_spelling_query(" ".join(parsed.words))

    matched_any = False
    every_word = threads.filter(reduce(operator.and_, map(_item_sq, parsed.items)))
    rows, total, page_number, ran = _fetch_page(every_word, number, type_boosts)
    if not total and len(parsed.items) > 1:
        any_word = threads.filter(reduce(operator.or_, map(_item_sq, parsed.items)))
        rows, total, page_number, ran = _fetch_page(any_word, number, type_boosts)
        matched_any = bool(total)
    return _Found(rows, total, page_number, matched_any, _engine_suggestion(ran, parsed.words))


def _similar_engine(words: list[str], limit: int, filters: dict | None = None) -> list[dict]:
    """The stored fields of up to `limit` solved threads with any of `words`, through
    SearchQuerySet (other documents when `filters` name their content types instead)."""
    matching = reduce(operator.or_, (_item_sq((word,)) for word in words))
    threads = _thread_sqs(**(filters or {"solved_only": True})).filter(matching)
    # With INCLUDE_SPELLING the engine suggests spellings on every query: of the words.
    found = threads.set_spelling_query(" ".join(words))[:limit]
    return [_stored(result) for result in found if result is not None]


def _stored(result) -> dict:
    """A result's stored fields, with which document it is (as the Whoosh path gives them)."""
    row = result.get_stored_fields()
    row.setdefault("django_ct", f"{result.app_label}.{result.model_name}")
    row.setdefault("django_id", result.pk)
    return row
