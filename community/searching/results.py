"""What a search gives back: result rows built from stored index fields, and pages of them."""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import NamedTuple

from django.conf import settings
from django.core.paginator import Page
from django.utils.safestring import SafeString, mark_safe

from community.i18n import active_language
from community.models import ThreadKind
from community.search_indexes import LABELS_SEPARATOR
from community.searching.highlighting import Highlighter

RESULTS_PER_PAGE = 20
# Matches are counted up to this many; past it a search says “more than 1,000”, and
# pages go as far as these reach (50 pages of 20).
COUNT_LIMIT = 1000
MAX_PAGE = COUNT_LIMIT // RESULTS_PER_PAGE
# haystack's ``django_ct`` of a thread's document; other apps' documents are found through
# community.extensions.register_search_provider.
THREAD_CONTENT_TYPE = "community.thread"


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
    language: str = ""  # of the thread: "en", "de"; empty in an index built before
    language_label: str = ""  # the language's name when it is not the visitor's, else empty
    # Set for other documents than threads (community.extensions.SearchProvider.hit):
    template: str = ""  # the result row to include; empty: a thread's
    type_label: str = ""  # “Article”
    section_name: str = ""
    section_url: str = ""
    summary: str = ""


@dataclass
class SearchResults:
    query: str
    page: Page | None = None  # None when nothing was searched
    total: int = 0  # of matches; when `more_than` is set, it is larger still
    more_than: int = 0  # “more than N threads”: set when there are more than COUNT_LIMIT
    total_is_exact: bool = True  # False: `total` were found, others were not checked
    languages: tuple[str, ...] | None = None  # the languages asked for; None: every one
    languages_widened: bool = False  # nothing in `languages` matched: these are in any
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
    language: str = ""
    language_label: str = ""  # the language's name when it is not the visitor's, else empty
    pk: int = 0  # of the thread (or of another suggested document)
    kind: str = "thread"  # what it is: "thread", or another app's ("article")
    type_label: str = ""  # shown for other documents than threads: “Article”
    open_url: str = ""  # the link the ask form uses (community.extensions.suggestion_link)


class _Found(NamedTuple):
    """A page of threads found by either path (whoosh_path, engine_path)."""

    rows: list[dict]  # the stored fields of each thread on the page
    total: int
    number: int  # of the page, which is the last one when the one asked for is past the end
    matched_any: bool
    suggestion: str
    exact: bool = True  # whether `total` counts every match (or only a lower bound)


def _flag(value) -> bool:
    # haystack's Whoosh backend stores booleans as the strings "true" and "false";
    # Elasticsearch gives them back as booleans.
    return value is True or value == "true"


def _space_name(fields: dict) -> str:
    english = fields.get("space_name_en") or ""
    return (fields.get("space_name_de") or english) if active_language() == "de" else english


def _language(fields: dict) -> tuple[str, str]:
    """The thread's language and, when it is not the visitor's, its name to show."""
    code = fields.get("language") or ""
    names = dict(settings.LANGUAGES)
    if code not in names or code == active_language():
        return code, ""
    return code, str(names[code])


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
    language, language_label = _language(fields)
    return SearchHit(
        title=title,
        title_html=highlighter.mark(title),
        snippet_html=highlighter.snippet(posts, skip=posts_start) if posts_start else mark_safe(""),
        url=fields.get("url") or "",
        space_slug=fields.get("space") or "",
        space_name=_space_name(fields),
        kind=kind,
        # Questions are the usual kind: only the others carry a label.
        kind_label=ThreadKind(kind).label
        if kind in ThreadKind.values and kind != ThreadKind.QUESTION
        else "",
        is_solved=_flag(fields.get("solved")),
        has_official_answer=_flag(fields.get("has_official")),
        answer_count=int(fields.get("answer_count") or 0),
        last_activity_at=last_activity.replace(tzinfo=UTC)
        if isinstance(last_activity, datetime)
        else None,
        language=language,
        language_label=language_label,
    )
