"""Telling the other apps that a search ran (the insights dashboard logs searches)."""

from community.extensions import search_providers
from community.i18n import active_language
from community.searching.results import SearchResults
from community.signals import search_performed


def announce_search(results: SearchResults, *, doc_type: str, page: str) -> None:
    """Send ``search_performed`` for a search that ran, once per search: its first page
    only (paging on is the same search), never for an empty query or an error."""
    if results.page is None or results.error or page not in ("", "1"):
        return
    sources = {provider.key: provider.search_source for provider in search_providers()}
    search_performed.send(
        sender=SearchResults,
        query=results.query,
        source=sources.get(doc_type) or "site",
        language=active_language(),
        result_count=results.total,
    )
