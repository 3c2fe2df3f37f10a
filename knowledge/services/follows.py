"""Following sections and articles: followers hear of new and substantially updated
articles (knowledge.services.notifications)."""

from django.db import transaction

from community.models import Member
from knowledge.models import Article, ArticleFollow, Section, SectionFollow


@transaction.atomic
def set_section_following(*, section: Section, by: Member, following: bool) -> bool:
    """`by` follows `section` (or no longer). Idempotent; returns `following`."""
    if following:
        SectionFollow.objects.get_or_create(section=section, member=by)
    else:
        SectionFollow.objects.filter(section=section, member=by).delete()
    return following


@transaction.atomic
def set_article_following(*, article: Article, by: Member, following: bool) -> bool:
    """`by` follows `article` (or no longer). Idempotent; returns `following`."""
    if following:
        ArticleFollow.objects.get_or_create(article=article, member=by)
    else:
        ArticleFollow.objects.filter(article=article, member=by).delete()
    return following
