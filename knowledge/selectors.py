"""What the knowledge-base pages read, each with its own select/prefetch (fixed query counts)."""

from django.db.models import Case, Count, IntegerField, Prefetch, Q, Value, When
from django.http import Http404

from community.permissions import is_signed_in
from knowledge.models import (
    Article,
    ArticleContributor,
    ArticleFollow,
    ArticleRevision,
    ArticleSlugHistory,
    ArticleStatus,
    Section,
    SectionFollow,
)

NEWEST_ARTICLES = 6


def sections_with_counts():
    """Every section, in order, with `article_count` (its published articles)."""
    return Section.objects.listed().annotate(
        article_count=Count("articles", filter=Q(articles__status=ArticleStatus.PUBLISHED))
    )


def newest_articles(*, languages, limit: int = NEWEST_ARTICLES) -> list[Article]:
    """The newest published articles in `languages` (the reader's), newest first; those in
    the other languages fill the list when there are fewer than `limit`. One query."""
    in_reader_language = Case(
        When(language__in=languages, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return list(
        Article.objects.published()
        .select_related("section")
        .order_by(in_reader_language, "-published_at", "-pk")[:limit]
    )


def section_articles(section: Section):
    """A section's published articles, A to Z, for its (paginated) page."""
    return (
        Article.objects.published()
        .filter(section=section)
        .select_related("section")
        .order_by("title", "pk")
    )


def section_drafts(section: Section):
    """Its articles that are not published (for staff on the section page)."""
    return (
        Article.objects.filter(section=section)
        .exclude(status=ArticleStatus.PUBLISHED)
        .select_related("section", "author")
        .order_by("-updated_at")
    )


def get_section_or_404(*, slug: str) -> Section:
    section = Section.objects.filter(slug=slug).first()
    if section is None:
        raise Http404
    return section


def find_article(*, section_slug: str, slug: str) -> tuple[Article | None, Article | None]:
    """(the article at this address, None) or (None, the article that used to live here);
    (None, None) when neither exists. Visibility is the caller's (knowledge.permissions)."""
    article = (
        Article.objects.select_related("section", "author", "translation__section")
        .prefetch_related(
            "tags",
            Prefetch(
                "contributors",
                queryset=ArticleContributor.objects.select_related("member").order_by("pk"),
            ),
        )
        .filter(section__slug=section_slug, slug=slug)
        .first()
    )
    if article is not None:
        return article, None
    old = (
        ArticleSlugHistory.objects.select_related("article__section")
        .filter(section_slug=section_slug, slug=slug)
        .first()
    )
    return None, (old.article if old is not None else None)


def article_revisions(article: Article):
    return article.revisions.select_related("editor").order_by("-number")


def pending_proposals():
    return (
        ArticleRevision.objects.filter(proposal=ArticleRevision.ProposalState.PENDING)
        .select_related("article__section", "editor")
        .order_by("created_at", "pk")
    )


def follows_section(*, member, section: Section) -> bool:
    return bool(
        is_signed_in(member)
        and SectionFollow.objects.filter(section=section, member=member).exists()
    )


def follows_article(*, member, article: Article) -> bool:
    return bool(
        is_signed_in(member)
        and ArticleFollow.objects.filter(article=article, member=member).exists()
    )
