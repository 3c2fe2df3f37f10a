"""Articles in the site search and in the ask form's suggestions.

community searches and never imports knowledge: knowledge/apps.py registers these in
community.extensions (a search provider for the type filter, a suggestion provider and
the suggestion link that records a deflection). Everything here is built from the stored
fields of the index (knowledge.search_indexes): no database query per result.
"""

from datetime import UTC, datetime

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from community.extensions import SearchProvider
from community.i18n import active_language
from community.search_indexes import LABELS_SEPARATOR
from community.searching import SearchHit, SimilarThread, similar_documents

ARTICLE_CONTENT_TYPE = "knowledge.article"
ARTICLES = "articles"  # the site search's ?type= value
# At equal relevance an article ranks above any thread: above a solved thread with an
# official answer too (community.searching.ranking: 1.25 × 1.15 = 1.4375).
ARTICLE_BOOST = 1.5
RESULT_TEMPLATE = "knowledge/partials/search_result.html"


def _section_name(fields: dict) -> str:
    english = fields.get("section_name_en") or ""
    return (fields.get("section_name_de") or english) if active_language() == "de" else english


def _language(fields: dict) -> tuple[str, str]:
    """The article's language and, when it is not the visitor's, its name to show."""
    code = fields.get("language") or ""
    names = dict(settings.LANGUAGES)
    if code not in names or code == active_language():
        return code, ""
    return code, str(names[code])


def article_hit(fields: dict, highlighter) -> SearchHit:
    """A result row of the site search for an article."""
    title = fields.get("title") or ""
    text = fields.get("text") or ""
    body_start = text.find("\n") + 1
    body_end = text.find(LABELS_SEPARATOR)
    body = text[: body_end if body_end >= 0 else len(text)]
    updated = fields.get("last_activity")
    language, language_label = _language(fields)
    return SearchHit(
        title=title,
        title_html=highlighter.mark(title),
        snippet_html=highlighter.snippet(body, skip=body_start) if body_start else mark_safe(""),
        url=fields.get("url") or "",
        space_slug="",
        space_name="",
        kind="",
        kind_label="",
        is_solved=False,
        has_official_answer=False,
        answer_count=0,
        last_activity_at=updated.replace(tzinfo=UTC) if isinstance(updated, datetime) else None,
        language=language,
        language_label=language_label,
        template=RESULT_TEMPLATE,
        type_label=str(_("Article")),
        section_name=_section_name(fields),
        section_url=fields.get("section_url") or "",
        summary=fields.get("summary") or "",
    )


SEARCH_PROVIDER = SearchProvider(
    key=ARTICLES,
    label=_("Articles"),
    content_type=ARTICLE_CONTENT_TYPE,
    hit=article_hit,
    boost=ARTICLE_BOOST,
    search_source="kb",  # a search narrowed to articles is the knowledge base's search
)


def article_suggestions(*, title: str, limit: int) -> list[SimilarThread]:
    """Published articles in any language sharing words with `title`, best first (the
    ask form lists them above the solved threads). No database query."""
    suggestions = []
    for fields in similar_documents(title, content_type=ARTICLE_CONTENT_TYPE, limit=limit):
        language, language_label = _language(fields)
        suggestions.append(
            SimilarThread(
                title=fields.get("title") or "",
                url=fields.get("url") or "",
                space_name=_section_name(fields),
                language=language,
                language_label=language_label,
                pk=int(fields.get("django_id") or 0),
                kind="article",
                type_label=str(_("Article")),
            )
        )
    return suggestions


def suggestion_link(*, kind: str, pk: int, url: str) -> str:
    """The ask form links a suggestion through knowledge:open_suggestion, which records
    the opening (a deflection when no question follows) and redirects to `url`'s page."""
    if kind not in ("article", "thread") or not pk:
        return url
    return reverse("knowledge:open_suggestion", kwargs={"kind": kind, "pk": pk})
