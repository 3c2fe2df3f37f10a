"""Seams that other apps fill in their ``AppConfig.ready()``: community calls what they
register and never imports them (DESIGN.md: dependencies point one way)."""

from collections.abc import Callable

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
