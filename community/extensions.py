"""Seams that other apps fill in their ``AppConfig.ready()``: community calls what they
register and never imports them (dependencies point one way)."""

from collections.abc import Callable
from dataclasses import dataclass

from community.reversing import reverse_once

# A profile section: called with the member shown and the viewer, returns the template to
# include and its context ({"template": "gamification/profile_badges.html", ...}), or None
# to show nothing. Keep each to a fixed number of queries.
ProfileSection = Callable[..., dict | None]
_profile_sections: list[ProfileSection] = []


def register_profile_section(section: ProfileSection) -> ProfileSection:
    """Add a section to every member's profile page, after the ones registered before.
    Usable as a decorator; registering the same function twice adds it once."""
    if section not in _profile_sections:
        _profile_sections.append(section)
    return section


def profile_sections(*, member, viewer) -> list[dict]:
    sections = []
    for section in _profile_sections:
        rendered = section(member=member, viewer=viewer)
        if rendered is not None:
            sections.append(rendered)
    return sections


# Called at the end of seeding the demo community, inside its transaction and with tasks
# muted, with ``log`` (a print-like function): an app brings what it derives from the
# community's history up to date (trust levels, badges) by its own rules.
DemoFinisher = Callable[..., None]
_demo_finishers: list[DemoFinisher] = []


def register_demo_finisher(finisher: DemoFinisher) -> DemoFinisher:
    if finisher not in _demo_finishers:
        _demo_finishers.append(finisher)
    return finisher


def finish_demo(*, log: Callable[[str], None]) -> None:
    for finisher in _demo_finishers:
        finisher(log=log)


# A benchmark extension: the dotted path of a module that adds pages to ``manage.py bench``.
# It provides PAGES (community.benchmark.pages.Page objects in groups of their own) and
# find(size) / build(size, log) for the data its pages need on top of community's data set
# (see community.benchmark.pages.extensions). Only the benchmark imports it, never the site.
_benchmark_modules: list[str] = []


def register_benchmark(module: str) -> None:
    """Measure the pages of `module` in ``manage.py bench`` too; registering twice adds once."""
    if module not in _benchmark_modules:
        _benchmark_modules.append(module)


def benchmark_modules() -> list[str]:
    return list(_benchmark_modules)


# --- nav links: entries of the header's main menu that other apps add -----------------------
# A link is (URL name, label, the URL names that mark it as the current page); the label is a
# lazy translation. base.html shows them after community's own entries.
_nav_links: list[tuple[str, object, tuple[str, ...]]] = []


def register_nav_link(url_name: str, label, *, current: tuple[str, ...] = ()) -> None:
    """Add a link to the main menu; registering the same URL name twice adds it once."""
    if all(name != url_name for name, _label, _current in _nav_links):
        _nav_links.append((url_name, label, tuple(current)))


def nav_links(current_url_name: str | None = None) -> list[dict]:
    return [
        {"url": reverse_once(name), "label": label, "is_current": current_url_name in current}
        for name, label, current in _nav_links
    ]


# --- sitemaps: sections of /sitemap.xml that other apps add ---------------------------------
_sitemaps: dict[str, type] = {}


def register_sitemap(name: str, sitemap: type) -> None:
    """Add `sitemap` (a django.contrib.sitemaps.Sitemap class) to /sitemap.xml as `name`."""
    _sitemaps[name] = sitemap


def registered_sitemaps() -> dict[str, type]:
    return dict(_sitemaps)


# --- thread page panels (the knowledge base's link and "Turn into article") ---------------
# A thread panel: called with the viewer and the thread shown, returns the template to
# include (rendered with ``panel`` = the dict) and its context, e.g.
# {"template": "knowledge/from_thread_panel.html", "article": …}, or None to show nothing.
# It shows below the solution summary, before the question; with "place": "end", after the
# answer form (what to read next, e.g. related threads).
# The thread page's query count is pinned: keep each panel to one query at most.
ThreadPanel = Callable[..., dict | None]
_thread_panels: list[ThreadPanel] = []


def register_thread_panel(panel: ThreadPanel) -> ThreadPanel:
    """Show `panel` on every thread page, below the solution summary, after the ones
    registered before. Usable as a decorator; registering the same function twice adds it
    once."""
    if panel not in _thread_panels:
        _thread_panels.append(panel)
    return panel


def thread_panels(*, viewer, thread) -> list[dict]:
    panels = []
    for panel in _thread_panels:
        rendered = panel(viewer=viewer, thread=thread)
        if rendered is not None:
            panels.append(rendered)
    return panels


# --- Search providers (the site search's type filter) -------------------------------------
# Another app's documents in the site search index (a haystack index of its own, sharing
# the thread index's text fields: text, text_de, title, language, url, last_activity).
# `key` is the ?type= value, `content_type` haystack's ``django_ct`` of its documents
# ("app_label.model"), `boost` multiplies their relevance (threads: 1.0, times the solved
# and official-answer boosts), `hit(fields, highlighter)` builds a
# community.searching.SearchHit from a document's stored fields (give it a `template`:
# the result row to include). Threads are built in (community.searching.THREADS).


@dataclass(frozen=True)
class SearchProvider:
    key: str
    label: str  # lazy translation: “Articles”
    content_type: str
    hit: Callable[..., object]
    boost: float = 1.0
    # What a search narrowed to these documents is reported as (signals.search_performed's
    # source, e.g. "kb"); blank: it is the site search like any other.
    search_source: str = ""


_search_providers: dict[str, SearchProvider] = {}


def register_search_provider(provider: SearchProvider) -> SearchProvider:
    """Search `provider`'s documents too (replacing one registered with the same key)."""
    _search_providers[provider.key] = provider
    return provider


def search_providers() -> list[SearchProvider]:
    return list(_search_providers.values())


# --- Ask-form suggestions -----------------------------------------------------------------
# Listed above the solved threads in the ask form's "similar" box, in registration order.
# A provider is called with the title being typed (cleaned, at least SIMILAR_MIN_LENGTH
# characters) and `limit`, and returns objects with title, url, language, language_label
# and space_name (e.g. community.searching.SimilarThread); a fixed number of queries each.
SuggestionProvider = Callable[..., list]
_suggestion_providers: list[SuggestionProvider] = []
# A primary provider ranks everything itself (e.g. similar's hybrid of keywords and
# embeddings): its list replaces the others' and the keyword threads, so nothing is
# listed twice. It returns None when it cannot answer (its model did not load); the
# keyword suggestions are shown then. The last one registered wins.
_primary_suggestion_provider: list[SuggestionProvider] = []


def register_suggestion_provider(
    provider: SuggestionProvider, *, primary: bool = False
) -> SuggestionProvider:
    if primary:
        _primary_suggestion_provider[:] = [provider]
    elif provider not in _suggestion_providers:
        _suggestion_providers.append(provider)
    return provider


def primary_suggestions(*, title: str, limit: int) -> list | None:
    """The primary provider's suggestions, or None without one or when it cannot answer."""
    if not _primary_suggestion_provider:
        return None
    return _primary_suggestion_provider[0](title=title, limit=limit)


def suggestions(*, title: str, limit: int) -> list:
    found = []
    for provider in _suggestion_providers:
        found.extend(provider(title=title, limit=limit))
    return found


# A similar-threads provider ranks threads like a title by its own means (e.g. similar's
# hybrid of keywords and embeddings, which finds paraphrases and the other language's
# wording): called with `title` and `limit`, it returns up to `limit` thread ids, best
# first, whatever the threads' state (the caller filters), or None when it cannot answer
# (its model did not load); the caller then keeps to the keyword lookup. No query. The last
# one registered wins. Used for the staff's known-issue suggestions.
SimilarThreadsProvider = Callable[..., list[int] | None]
_similar_threads_provider: list[SimilarThreadsProvider] = []


def register_similar_threads_provider(provider: SimilarThreadsProvider) -> SimilarThreadsProvider:
    _similar_threads_provider[:] = [provider]
    return provider


def similar_thread_ids(*, title: str, limit: int) -> list[int] | None:
    """The provider's thread ids, or None without one or when it cannot answer."""
    if not _similar_threads_provider:
        return None
    return _similar_threads_provider[0](title=title, limit=limit)


# A suggestion link: called with the kind of target ("article", "thread"), its primary key
# and its address, returns the address the ask form links to instead (e.g. one that records
# that the suggestion was opened, then redirects). The last one registered wins.
SuggestionLink = Callable[..., str]
_suggestion_link: list[SuggestionLink] = []


def register_suggestion_link(link: SuggestionLink) -> SuggestionLink:
    _suggestion_link[:] = [link]
    return link


def suggestion_link(*, kind: str, pk: int, url: str) -> str:
    return _suggestion_link[0](kind=kind, pk=pk, url=url) if _suggestion_link else url


# --- answer-editor tools -------------------------------------------------------------------
# A tool shown with the answer form on a thread page (e.g. knowledge's "Insert a saved
# reply"): called with ``member`` and ``thread`` when the member may answer, returns the
# template to include and its context ({"template": "knowledge/replies_picker.html", ...}),
# or None to show nothing. Keep each to at most one query. The template is included outside
# the answer <form> (no nested forms), just before it; the answer textarea is ``#id_body``.
AnswerEditorTool = Callable[..., dict | None]
_answer_editor_tools: list[AnswerEditorTool] = []


def register_answer_editor_tool(tool: AnswerEditorTool) -> AnswerEditorTool:
    """Show `tool` with every answer form, after the ones registered before. Usable as a
    decorator; registering the same function twice adds it once."""
    if tool not in _answer_editor_tools:
        _answer_editor_tools.append(tool)
    return tool


def answer_editor_tools(*, member, thread) -> list[dict]:
    tools = []
    for tool in _answer_editor_tools:
        rendered = tool(member=member, thread=thread)
        if rendered is not None:
            tools.append(rendered)
    return tools


# --- end of answer-editor tools ------------------------------------------------------------

# --- health checks: parts of /healthz that other apps add ---------------------------------
# A check is called with no argument and returns a dict of details (status "ok"), or raises
# community.views.health.CheckFailed(reason, details) when its part does not work.
_health_checks: dict[str, Callable[[], dict]] = {}


def register_health_check(name: str, check: Callable[[], dict]) -> None:
    _health_checks[name] = check


def health_checks() -> dict[str, Callable[[], dict]]:
    return dict(_health_checks)


# --- end of health checks ---------------------------------------------------------------


# --- e-mail kinds for some members only ------------------------------------------------------
# An e-mail kind (community.models.EmailKind) that only some members get, e.g. the insights
# app's weekly report for community managers: its switch on the e-mail settings page is
# shown to the members `audience(member)` says yes to. Kinds without an audience are for all.
_email_audiences: dict[str, Callable[..., bool]] = {}


def register_email_audience(kind: str, audience: Callable[..., bool]) -> None:
    _email_audiences[kind] = audience


def email_kinds_for(member) -> list[tuple[str, str]]:
    """(value, label) of the e-mail kinds `member` can switch on and off, in order."""
    from community.models import EmailKind

    return [
        (kind, label)
        for kind, label in EmailKind.choices
        if kind not in _email_audiences or _email_audiences[kind](member)
    ]
