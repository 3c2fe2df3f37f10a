"""Searching: search_threads, search_site (threads and the documents of other apps, the
type filter), similar_solved_threads and similar_documents, on the path chosen for each call.
"""

import logging
from collections.abc import Iterable
from dataclasses import replace

from django.conf import settings
from django.core.paginator import Paginator
from django.utils.translation import gettext as _

from community.searching.engine_path import _search_engine, _similar_engine
from community.searching.highlighting import Highlighter
from community.searching.query import MAX_QUERY_TERMS, WORD, clean_query, is_searchable, parse_query
from community.searching.results import (
    COUNT_LIMIT,
    MAX_PAGE,
    RESULTS_PER_PAGE,
    THREAD_CONTENT_TYPE,
    SearchResults,
    SimilarThread,
    _hit,
    _language,
    _space_name,
)
from community.searching.whoosh_path import _search_whoosh, _similar_whoosh

logger = logging.getLogger(__package__)  # "community.searching", as before the package split

SIMILAR_LIMIT = 5
SIMILAR_MIN_LENGTH = 3  # characters, for the title and for each of its words
THREADS = "threads"  # the type filter's value for threads (others: their SearchProvider.key)


def search_types() -> list[tuple[str, str]]:
    """(key, label) of every type the site search can be narrowed to, threads first."""
    from community.extensions import search_providers

    return [(THREADS, _("Threads")), *((p.key, str(p.label)) for p in search_providers())]


def uses_whoosh_directly() -> bool:
    """Whether queries go straight to Whoosh: haystack's engine is Whoosh with its index on disk.

    Any other engine (settings.SEARCH_URL) is asked through SearchQuerySet.
    """
    from haystack import connections
    from haystack.backends.whoosh_backend import WhooshSearchBackend

    backend = connections["default"].get_backend()
    return isinstance(backend, WhooshSearchBackend) and backend.use_file_storage


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


def _languages(languages: Iterable[str] | None) -> tuple[str, ...] | None:
    """The shipped languages among `languages`, or None (every language) for None or
    when none of them is one we ship."""
    if languages is None:
        return None
    known = dict(settings.LANGUAGES)
    chosen = tuple(dict.fromkeys(code for code in languages if code in known))
    return chosen or None


def _page_number(page) -> int:
    try:
        number = int(page)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE)


def search_site(*, query: str, types: Iterable[str] | None = None, **options) -> SearchResults:
    """Like search_threads, over threads and the documents other apps register
    (community.extensions.register_search_provider), ranked together: `types` are the keys
    to search (THREADS, "articles" …); None or none known searches every type. A filter
    only threads have (space, solved, official answer, kind) leaves the others out.
    Each row's `template` says which result row to show (empty: a thread's).
    """
    from community.extensions import search_providers

    providers = {provider.key: provider for provider in search_providers()}
    wanted = {key for key in types or () if key == THREADS or key in providers}
    if not wanted:
        wanted = {THREADS, *providers}
    chosen = [providers[key] for key in providers if key in wanted]
    content_types = ((THREAD_CONTENT_TYPE,) if THREADS in wanted else ()) + tuple(
        provider.content_type for provider in chosen
    )
    return _search(
        query=query,
        content_types=content_types,
        type_boosts={p.content_type: p.boost for p in chosen},
        hits={p.content_type: p.hit for p in chosen},
        **options,
    )


def search_threads(
    *,
    query: str,
    space: str = "",
    solved_only: bool = False,
    official_only: bool = False,
    kind: str = "",
    languages: Iterable[str] | None = None,
    every_language_if_none: bool = True,
    page=1,
) -> SearchResults:
    """Public threads matching `query` and the filters, best first, 20 to a page.

    `languages`: only threads written in these (codes of settings.LANGUAGES); None
    searches every language (pages pass selectors.reader_languages unless asked for all).
    When no thread in them matches and `every_language_if_none`, every language is
    searched instead and `languages_widened` says so.
    Matches are counted up to COUNT_LIMIT: past it `more_than` says so and the pages
    stop there. Never raises for anything a visitor can type: a query that cannot be
    run comes back with `error` set. An empty query searches nothing (`page` is None).
    A page number past the end gives the last page.
    """
    return _search(
        query=query,
        space=space,
        solved_only=solved_only,
        official_only=official_only,
        kind=kind,
        languages=languages,
        every_language_if_none=every_language_if_none,
        page=page,
        content_types=(THREAD_CONTENT_TYPE,),
    )


def _search(
    *,
    query: str,
    space: str = "",
    solved_only: bool = False,
    official_only: bool = False,
    kind: str = "",
    languages: Iterable[str] | None = None,
    every_language_if_none: bool = True,
    page=1,
    content_types: tuple[str, ...],
    type_boosts: dict | None = None,
    hits: dict | None = None,
) -> SearchResults:
    text = clean_query(query)
    languages = _languages(languages)
    results = SearchResults(query=text, languages=languages)
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
        "languages": languages,
        "content_types": content_types,
        "type_boosts": type_boosts or {},
    }
    try:
        search = _search_whoosh if uses_whoosh_directly() else _search_engine
        found = search(parsed, _page_number(page), filters)
        if not found.total and languages is not None and every_language_if_none:
            widened = search(parsed, _page_number(page), {**filters, "languages": None})
            if widened.total:
                found = widened
                results.languages_widened = True
    except Exception:
        # The query is made of plain words, so this is the index's fault, not the visitor's.
        logger.exception("search failed")
        results.error = _("Sorry, searching failed. Please try again in a moment.")
        return results

    highlighter = Highlighter(parsed.words)
    hits = hits or {}
    hits = [hits.get(fields.get("django_ct"), _hit)(fields, highlighter) for fields in found.rows]
    results.total = found.total
    if found.total > COUNT_LIMIT:
        results.more_than = COUNT_LIMIT
    # Not every match was checked (a phrase of common words): `total` were, more may follow.
    results.total_is_exact = found.exact
    results.matched_any = found.matched_any
    results.suggestion = found.suggestion
    shown = min(found.total, COUNT_LIMIT)
    results.page = Paginator(_FetchedPage(hits, shown), RESULTS_PER_PAGE).page(found.number)
    return results


def similar_solved_threads(title: str, limit: int = SIMILAR_LIMIT) -> list[SimilarThread]:
    """Up to `limit` solved public threads that share words with `title`, best first.

    For the ask form while the title is typed: any word may match, in either
    language, and threads in every language are shown (each carries its language's
    name when it is not the visitor's); common words and words under three letters
    are ignored. Never raises.
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
        similar = _similar_whoosh if uses_whoosh_directly() else _similar_engine
        rows = similar(words, limit)
    except Exception:
        logger.exception("similar threads search failed")
        return []
    return [
        SimilarThread(
            title=fields.get("title") or "",
            url=fields.get("url") or "",
            space_name=_space_name(fields),
            language=_language(fields)[0],
            language_label=_language(fields)[1],
            pk=_pk(fields),
        )
        for fields in rows
    ]


def _pk(fields: dict) -> int:
    try:
        return int(fields.get("django_id") or 0)
    except (TypeError, ValueError):
        return 0


def similar_documents(title: str, *, content_type: str, limit: int = SIMILAR_LIMIT) -> list[dict]:
    """The stored fields (with ``django_id``) of up to `limit` documents of `content_type`
    ("app_label.model") that share words with `title`, best first: for another app's
    suggestions (community.extensions.register_suggestion_provider). Never raises."""
    words = _similar_words(title)
    if not words or limit <= 0:
        return []
    filters = {"content_types": (content_type,)}
    try:
        similar = _similar_whoosh if uses_whoosh_directly() else _similar_engine
        return similar(words, min(limit, 20), filters)
    except Exception:
        logger.exception("similar documents search failed")
        return []


def _similar_words(title: str) -> list[str]:
    text = clean_query(title)
    if len(text) < SIMILAR_MIN_LENGTH:
        return []
    return [
        word
        for word in dict.fromkeys(WORD.findall(text.lower()))
        if len(word) >= SIMILAR_MIN_LENGTH and is_searchable(word)
    ][:MAX_QUERY_TERMS]


def ask_suggestions(title: str, limit: int = SIMILAR_LIMIT) -> list[SimilarThread]:
    """What the ask form's "similar" box lists for `title`: the suggestions of other apps
    (community.extensions.register_suggestion_provider: articles) first, then solved
    threads, each with the link to open it (community.extensions.suggestion_link). A
    primary provider's list (similar's hybrid ranking) replaces both when it answers."""
    from community.extensions import primary_suggestions, suggestion_link, suggestions

    if len(clean_query(title)) < SIMILAR_MIN_LENGTH:
        return []
    found = primary_suggestions(title=title, limit=limit)
    if found is None:
        found = [*suggestions(title=title, limit=limit), *similar_solved_threads(title, limit)]
    return [
        replace(item, open_url=suggestion_link(kind=item.kind, pk=item.pk, url=item.url))
        if item.pk
        else item
        for item in found
    ]
