"""Articles for the search, suggestion and deflection tests, made with the models directly."""

import itertools

from django.utils import timezone

from community.markdown import render_markdown
from knowledge.models import Article, ArticleStatus, Section
from tests.factories import MemberFactory

_numbers = itertools.count(1)


def make_section(**fields) -> Section:
    number = next(_numbers)
    defaults = {"slug": f"section-{number}", "name_en": f"Section {number}", "name_de": ""}
    return Section.objects.create(**{**defaults, **fields})


def make_article(
    *, title, body, summary="", language="en", section=None, status=ArticleStatus.PUBLISHED
) -> Article:
    number = next(_numbers)
    return Article.objects.create(
        section=section or make_section(),
        title=title,
        slug=f"article-{number}",
        summary=summary,
        body=body,
        body_html=render_markdown(body),
        language=language,
        author=MemberFactory(),
        status=status,
        published_at=timezone.now() if status == ArticleStatus.PUBLISHED else None,
    )
