"""The search page and the “similar solved questions” list of the ask form."""

from django.conf import settings
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from community import selectors
from community.models import Space, ThreadKind
from community.searching import (
    SIMILAR_MIN_LENGTH,
    THREADS,
    SearchResults,
    ask_suggestions,
    clean_query,
    search_site,
    search_types,
)
from community.services.ratelimits import RateLimited, check_preview_rate, check_search_rate
from community.services.searches import announce_search
from community.views.helpers import rate_limit_visitor, too_many_requests

TRUE_VALUES = ("1", "on", "true", "yes")
ALL_LANGUAGES = "all"


def _languages(request) -> tuple[str, ...] | None:
    """The languages to search: ?lang=all every one (None), ?lang=de&lang=en those,
    otherwise the ones the reader reads (selectors.reader_languages)."""
    asked = request.GET.getlist("lang")
    if ALL_LANGUAGES in asked:
        return None
    known = dict(settings.LANGUAGES)
    chosen = tuple(dict.fromkeys(code for code in asked if code in known))
    return chosen or selectors.reader_languages(request)


def search(request):
    """GET ?q=…&type=…&space=…&solved=1&official=1&kind=…&lang=…&page=…; an empty q shows
    the form only. Threads and other apps' documents (?type=threads, ?type=articles …:
    community.extensions.register_search_provider), in the reader's languages unless
    ?lang=all (or ?lang=<code>…).

    One query of its own whatever the results (the spaces for the filter):
    result rows come from the index.
    """
    params = request.GET
    spaces = list(Space.objects.listed())
    languages = _languages(request)
    space = params.get("space", "")
    kind = params.get("kind", "")
    types = search_types()
    doc_type = params.get("type", "")
    filters = {
        "type": doc_type if doc_type in {key for key, _ in types} else "",
        "space": space if space in {s.slug for s in spaces} else "",
        "kind": kind if kind in ThreadKind.values else "",
        "solved": params.get("solved", "").lower() in TRUE_VALUES,
        "official": params.get("official", "").lower() in TRUE_VALUES,
        "all_languages": languages is None,
    }
    results = refusal = None
    if clean_query(params.get("q", "")):  # an empty query searches nothing and counts nothing
        try:
            check_search_rate(visitor=rate_limit_visitor(request), member=request.user)
        except RateLimited as error:
            refusal = error
            results = SearchResults(query=params.get("q", ""), error=error.messages[0])
    results = results or search_site(
        query=params.get("q", ""),
        types=(filters["type"],) if filters["type"] else None,
        space=filters["space"],
        solved_only=filters["solved"],
        official_only=filters["official"],
        kind=filters["kind"],
        languages=languages,
        page=params.get("page", 1),
    )
    if refusal is None:
        announce_search(results, doc_type=filters["type"], page=str(params.get("page", "1")))
    context = {
        "results": results,
        "page_obj": results.page,
        "search_query": results.query,  # fills the header's search box
        "filters": filters,
        "spaces": spaces,
        "kinds": ThreadKind.choices,
        "types": types if len(types) > 1 else [],
        # Counted as "threads" when only threads can be found, else as "results".
        "threads_only": filters["type"] == THREADS or len(types) == 1,
        "language_names": [str(dict(settings.LANGUAGES)[code]) for code in languages or ()],
    }
    response = render(request, "community/search.html", context)
    return too_many_requests(response, refusal) if refusal else response


def suggest_similar(request):
    """GET ?title=…: articles (community.extensions.register_suggestion_provider) and solved
    questions like the title being typed.

    htmx (the ask form, while typing) gets the list alone; without JavaScript
    this is a page of its own with the same links and a way back to the form.
    """
    title = clean_query(request.GET.get("title", ""))
    threads, refusal = [], None
    if len(title) >= SIMILAR_MIN_LENGTH:
        try:
            check_preview_rate(visitor=rate_limit_visitor(request), member=request.user)
        except RateLimited as error:
            refusal = error
        else:
            threads = ask_suggestions(title)
    context = {"threads": threads, "title": title}
    if refusal:
        context["rate_limit_message"] = refusal.messages[0]
    if request.htmx:
        response = render(request, "community/partials/similar_threads.html", context)
    else:
        response = render(
            request,
            "community/similar_threads.html",
            {**context, "show_empty": True, "same_tab": True},
        )
    patch_vary_headers(response, ("HX-Request",))  # one URL, two bodies
    return too_many_requests(response, refusal) if refusal else response
