"""What a thread list row shows, prepared once per page.

A list page's cost was its rows: 20 rows made about 73 URL reversals and 61
{% blocktranslate %} calls in the row template. Here every URL is built from a
prefix reversed once per page, every label is translated once per page (or once
per distinct number), and space and tag links once per space and tag, so
``partials/thread_row.html`` only reads values (as the thread page's posts do
with ``community.views.presenters``). Rows are plain dicts, not Thread instances:
building 20 threads with their spaces and posters cost more than the query, and a
template reads a dict's keys faster than a model's attributes.

``attach_row_fragments`` goes further, as the thread page does with its posts: each
row's ``<li>`` is rendered once and kept in the "fragments" cache under a key made of
everything it shows — the row as read (title, counts, states, space, last poster, tags),
the words "3 minutes ago" as they read now, the page's language and whether the space is
shown — so any change to the thread, its tags, its space's name or its last poster's name
is a new key, never a stale row, and no write has to remember to invalidate anything.
Rows show nothing of the viewer, so every reader of a language shares them.
"""

import hashlib
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.template.loader import get_template
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import get_text_list
from django.utils.translation import get_language_info, gettext, ngettext

from community import fragments as stored_fragments
from community.models import IdeaStatus, ThreadKind, ThreadStatus
from community.reversing import url_prefix
from community.selectors import ROW_VALUES, covers_all_languages
from community.timetext import time_ago


@cache
def language_name(code: str) -> str:
    """A language's own name ("Deutsch", "English"): who reads it knows it by that."""
    try:
        name = get_language_info(code)["name_local"]
    except KeyError:
        return code
    return name[:1].upper() + name[1:]


@dataclass(frozen=True)
class LanguageScope:
    """Which languages a list shows, and the switch between them and all languages."""

    languages: tuple[str, ...]
    showing_all: bool

    @property
    def offered(self) -> bool:
        """A reader who reads every language has nothing to switch."""
        return not covers_all_languages(self.languages)

    @property
    def names(self) -> str:
        """ "English", "English and German" ("Englisch und Deutsch") in the page's language."""
        names = dict(settings.LANGUAGES)
        return get_text_list([str(names[code]) for code in self.languages], gettext("and"))

    @property
    def status(self) -> str:
        if self.showing_all:
            return gettext("Showing threads in all languages.")
        return gettext("Showing threads in %(languages)s.") % {"languages": self.names}

    @property
    def switch_label(self) -> str:
        if self.showing_all:
            return gettext("Only %(languages)s") % {"languages": self.names}
        return gettext("Show all languages")


def _badges_html(badges: list[tuple]) -> SafeString:
    """The row's badges as HTML: (CSS classes, label[, language of the label]) each."""
    parts = []
    for badge in badges:
        if len(badge) == 3:
            css, label, language = badge
            parts.append(format_html('<span class="{}" lang="{}">{}</span>', css, language, label))
        else:
            parts.append(format_html('<span class="{}">{}</span>', *badge))
    return mark_safe("".join(parts))  # every part escaped by format_html


# Stand-ins reversed once and replaced per row: thread URLs are /t/<pk>/<slug>/.
_PK, _SLUG = 987654321, "slug-placeholder"


class _Labels:
    """Translations a page of rows needs, each looked up once (numbers once per value)."""

    def __init__(self):
        self.pinned = gettext("Pinned")
        self.solved = "✓ " + gettext("Solved")
        self.official = gettext("Official answer")
        self.locked = gettext("Locked")
        self.me_too = gettext("me too")
        self.last_activity = gettext("last activity")
        self.by = gettext("by %(name)s")
        self._answers_word: dict[tuple[int, bool], str] = {}
        self._answers_text: dict[tuple[int, bool], str] = {}
        self._kinds: dict[str, str] = {}
        self._idea_statuses: dict[str, str] = {}

    def answers_word(self, count: int, *, comments: bool = False) -> str:
        """ "answer(s)", or "comment(s)" under an idea."""
        key = (count, comments)
        if key not in self._answers_word:
            self._answers_word[key] = (
                ngettext("comment", "comments", count)
                if comments
                else ngettext("answer", "answers", count)
            )
        return self._answers_word[key]

    def answers_text(self, count: int, *, comments: bool = False) -> str:
        key = (count, comments)
        if key not in self._answers_text:
            text = (
                ngettext("%(counter)s comment", "%(counter)s comments", count)
                if comments
                else ngettext("%(counter)s answer", "%(counter)s answers", count)
            )
            self._answers_text[key] = text % {"counter": count}
        return self._answers_text[key]

    def kind(self, value: str) -> str:
        if value not in self._kinds:
            self._kinds[value] = str(ThreadKind(value).label)
        return self._kinds[value]

    def idea_status(self, value: str) -> str:
        if value not in self._idea_statuses:
            self._idea_statuses[value] = str(IdeaStatus(value).label)
        return self._idea_statuses[value]


def present_thread_links(rows, *, ui_language: str, show_space: bool = True) -> list[dict]:
    """Add to each row (from ``selectors.thread_rows``) its ``url``, its space's
    ``space_url`` and ``space_name`` in `ui_language` (empty without `show_space`), and
    ``foreign_language``/``language_name`` when it is written in another language."""
    rows = list(rows)
    thread_url = reverse("community:thread", kwargs={"pk": _PK, "slug": _SLUG})
    prefix, rest = thread_url.split(str(_PK), 1)
    middle, suffix = rest.split(_SLUG, 1)
    space_name = f"space__name_{ui_language}"
    spaces: dict[int, tuple[str, str]] = {}
    for row in rows:
        row["url"] = f"{prefix}{row['pk']}{middle}{row['slug'] or '-'}{suffix}"
        language = row["language"]
        if language and language != ui_language:
            row["foreign_language"] = language
            row["language_name"] = language_name(language)
        else:
            row["foreign_language"] = ""
        if show_space:
            space_id = row["space_id"]
            if space_id not in spaces:
                # As Space.name does: the reader's language, else the site's.
                name = row.get(space_name) or row[f"space__name_{settings.LANGUAGE_CODE}"]
                url = reverse("community:space", kwargs={"slug": row["space__slug"]})
                spaces[space_id] = (url, name)
            row["space_url"], row["space_name"] = spaces[space_id]
        else:
            row["space_url"] = row["space_name"] = ""
    return rows


def present_thread_rows(rows, *, ui_language: str, show_space: bool = True) -> list[dict]:
    """Add to each row what ``partials/thread_row.html`` reads; returns the rows as a list.

    Rows come from ``selectors.thread_rows`` with ``selectors.attach_tag_names``; nothing
    here queries the database. `show_space` is False on a space's own page, where a link
    to the space is noise.
    """
    rows = present_thread_links(rows, ui_language=ui_language, show_space=show_space)
    labels = _Labels()
    tag_prefix = url_prefix("community:tag", slug="placeholder-slug")
    tags: dict[str, str] = {}  # name → its link's HTML
    for row in rows:
        pinned, kind, idea_status = row["is_pinned"], row["kind"], row["idea_status"]
        row["is_solved"] = solved = row["status"] == ThreadStatus.SOLVED
        row["row_class"] = "thread-row thread-row--pinned" if pinned else "thread-row"
        is_idea = kind == ThreadKind.IDEA
        row["answers_word"] = labels.answers_word(row["answer_count"], comments=is_idea)
        row["answers_text"] = labels.answers_text(row["answer_count"], comments=is_idea)
        row["me_too_word"] = labels.me_too
        badges = []
        if row["foreign_language"]:
            badges.append(("badge badge--language", row["language_name"], row["language"]))
        if pinned:
            badges.append(("badge badge--pinned", labels.pinned))
        if solved:
            badges.append(("badge badge--solved", labels.solved))
        if row["has_official_answer"]:
            badges.append(("badge badge--official", labels.official))
        if row["is_locked"]:
            badges.append(("badge badge--locked", labels.locked))
        if kind != ThreadKind.QUESTION:
            badges.append(("badge", labels.kind(kind)))
        if kind == ThreadKind.IDEA and idea_status:
            badges.append((f"badge badge--idea-{idea_status}", labels.idea_status(idea_status)))
        row["badges_html"] = _badges_html(badges)
        for name, slug in zip(row["tag_names"], row["tag_slugs"], strict=True):
            if name not in tags:
                url = f"{tag_prefix}{slug}/"
                tags[name] = format_html('<a class="tag" href="{}">#{}</a> ', url, name)
        row["tags_html"] = mark_safe("".join(tags[name] for name in row["tag_names"]))
        row["activity_word"] = labels.last_activity
        row["activity_iso"] = row["last_activity_at"].isoformat()
        row["activity_ago"] = time_ago(row["last_activity_at"])
        poster = row["last_poster__display_name"] or row["last_poster__username"]
        row["last_poster_text"] = labels.by % {"name": poster} if poster else ""
    return rows


def present_space_cards(spaces, *, all_languages: bool = False) -> list[dict]:
    """The home page's space cards for spaces from ``selectors.listed_spaces_with_counts``:
    name and description in the page's language, the link (keeping ?lang=all when the
    reader asked for every language) and the number of threads in words."""
    cards = []
    for space in spaces:
        url = space.get_absolute_url()
        count = space.thread_count
        cards.append(
            {
                "url": f"{url}?lang=all" if all_languages else url,
                "name": space.name,
                "description": space.description,
                "count_text": ngettext("%(counter)s thread", "%(counter)s threads", count)
                % {"counter": count},
            }
        )
    return cards


# --- rendered once, kept by what they show --------------------------------------------------

ROW_TEMPLATE = "community/partials/thread_row.html"


def _row_template_digest() -> str:
    """A change to the row's template (a deploy) is a new key; recomputed while developing,
    when templates change under a running server."""
    if settings.DEBUG:
        return _read_row_template_digest()
    return _cached_row_template_digest()


def _read_row_template_digest() -> str:
    source = get_template(ROW_TEMPLATE).template.source
    return hashlib.blake2b(source.encode(), digest_size=8).hexdigest()


_cached_row_template_digest = cache(_read_row_template_digest)


def _row_key(row: dict, page_facts: tuple) -> str:
    """Everything ``partials/thread_row.html`` shows for `row` (fresh from
    ``selectors.thread_rows`` and ``attach_tag_names``). Extend it when the row shows
    something new; tests/community/views/test_rows.py changes each fact and compares."""
    facts = (
        page_facts,
        tuple(row[name] for name in ROW_VALUES),
        tuple(row["tag_names"]),
        tuple(row["tag_slugs"]),
        time_ago(row["last_activity_at"]),
    )
    return "row:" + hashlib.blake2b(repr(facts).encode(), digest_size=16).hexdigest()


def attach_row_fragments(rows, *, ui_language: str, show_space: bool = True) -> list[dict]:
    """Set ``fragment``, the row's rendered ``<li>``, on each of `rows` (from
    ``selectors.thread_rows`` with ``selectors.attach_tag_names``); returns them as a list.

    Fragments come from the cache where it holds them; only the others are presented
    (``present_thread_rows``), rendered and stored. One cache read and at most one write
    per page, whatever the number of rows.
    """
    rows = list(rows)
    page_facts = (_row_template_digest(), get_script_prefix(), ui_language, show_space)
    keys = [_row_key(row, page_facts) for row in rows]
    use_cache = settings.PEERDESK_ROW_FRAGMENT_CACHE
    fragments = stored_fragments.get_many(keys) if use_cache else {}
    missing = [(row, key) for row, key in zip(rows, keys, strict=True) if key not in fragments]
    if missing:
        present_thread_rows(
            [row for row, _key in missing], ui_language=ui_language, show_space=show_space
        )
        template = get_template(ROW_TEMPLATE)
        rendered = {key: template.render({"thread": row}) for row, key in missing}
        if use_cache:
            stored_fragments.set_many(rendered, settings.PEERDESK_POST_FRAGMENT_SECONDS)
        fragments.update(rendered)
    for row, key in zip(rows, keys, strict=True):
        # Rendered by thread_row.html from values it escaped: safe as it is.
        row["fragment"] = mark_safe(fragments[key])
    return rows
