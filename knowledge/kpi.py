"""Figures for the KPI dashboard: self-service deflection per article and per thread."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count
from django.utils import timezone

from community.models import Thread
from knowledge.models import Article, Deflection


@dataclass(frozen=True)
class DeflectionCounts:
    start: datetime
    end: datetime
    total: int
    articles: list[tuple[Article, int]]  # most deflections first
    threads: list[tuple[Thread, int]]


def _bounds(period) -> tuple[datetime, datetime]:
    if isinstance(period, timedelta):
        end = timezone.now()
        return end - period, end
    start, end = period
    return start, end


def deflections(period: timedelta | tuple[datetime, datetime]) -> DeflectionCounts:
    """Deflections recorded in `period` (the last timedelta, or a (start, end) pair), counted
    per article and per thread, most first. Four queries whatever the numbers."""
    start, end = _bounds(period)
    rows = Deflection.objects.filter(created_at__gte=start, created_at__lt=end)
    per_article = dict(
        rows.filter(article__isnull=False)
        .values_list("article")
        .annotate(count=Count("pk"))
        .values_list("article", "count")
    )
    per_thread = dict(
        rows.filter(thread__isnull=False)
        .values_list("thread")
        .annotate(count=Count("pk"))
        .values_list("thread", "count")
    )
    articles = Article.objects.filter(pk__in=per_article).select_related("section")
    threads = Thread.objects.filter(pk__in=per_thread).select_related("space")
    return DeflectionCounts(
        start=start,
        end=end,
        total=sum(per_article.values()) + sum(per_thread.values()),
        articles=sorted(
            ((a, per_article[a.pk]) for a in articles), key=lambda pair: (-pair[1], pair[0].pk)
        ),
        threads=sorted(
            ((t, per_thread[t.pk]) for t in threads), key=lambda pair: (-pair[1], pair[0].pk)
        ),
    )
