"""Sections and published articles for the thread-to-article, feedback and related tests,
made with the models directly (the article workflow's services publish them for real)."""

import itertools

from django.utils import timezone

from knowledge.models import Article, ArticleStatus, Section
from tests.factories import StaffFactory

_numbers = itertools.count(1)


def make_section(**fields) -> Section:
    number = next(_numbers)
    defaults = {"slug": f"section-{number}", "name_en": f"Section {number}", "position": number}
    return Section.objects.create(**{**defaults, **fields})


def make_article(
    *,
    section=None,
    title="How to open an invoice PDF",
    status=ArticleStatus.PUBLISHED,
    tags=(),
    **fields,
) -> Article:
    number = next(_numbers)
    article = Article.objects.create(
        section=section or make_section(),
        title=title,
        slug=fields.pop("slug", f"article-{number}"),
        body=fields.pop("body", "Open the invoice from your account page."),
        author=fields.pop("author", None) or StaffFactory(),
        status=status,
        published_at=timezone.now() if status == ArticleStatus.PUBLISHED else None,
        **fields,
    )
    article.tags.set(tags)
    return article
