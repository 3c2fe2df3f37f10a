"""Article views: the running total on the article (``Article.view_count``, shown to
editors) and one row per article and day (``ArticleDailyViews``, for the dashboard).

Counted from the article page's beacon, like a thread's views
(community.services.view_counts explains why a page's GET never counts).
"""

from datetime import date

from django.db import transaction
from django.db.models import F

from community.services.view_counts import increment_daily_views, support_today
from knowledge.models import Article, ArticleDailyViews


@transaction.atomic
def record_article_view(article: Article, day: date | None = None) -> None:
    """Count one view of `article` on `day` (default: the support team's today), in its
    total and in the day's row; both atomic increments."""
    Article.objects.filter(pk=article.pk).update(view_count=F("view_count") + 1)
    increment_daily_views(ArticleDailyViews, day=day or support_today(), article=article)
