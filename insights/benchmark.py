"""The insights dashboard in ``manage.py bench``: 12 months of roll-ups on community's data
set, the dashboard page, and the sections built in-process.

Registered in InsightsConfig.ready() as a benchmark extension (community.extensions); only
the benchmark imports this module. Community's data set (10,000 threads by default) is
dated within a few weeks; the issue's budget (< 300 ms, ≤ 25 queries) is for 12 months of
data, so ``build`` spreads the threads over the last 365 days, the community growing
(later days busier), and rolls up every day. ``find`` catches up the days since.

The bench table measures pages by URL; the in-process figure (``build_sections`` for the
last 90 days by week, no template) has none, so it is printed when the extension's data is
ready, just before the pages are measured.
"""

import random
import statistics
import time
from datetime import timedelta

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Max, Min, OuterRef, Subquery
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from community.benchmark.pages import STAFF, Page, Request, Target
from community.models import Post, Thread
from community.tasks import tasks_muted
from insights.calendar import local_day, today
from insights.figures import build_sections
from insights.models import DailyCount
from insights.rollups import rollup
from insights.scope import Scope

SPAN = timedelta(days=365)
# A data set whose threads span fewer days than this is spread over SPAN first.
SPREAD_AT_LEAST = timedelta(days=300)
# Growth: thread i of n is asked at the fraction (i/n) ** GROWTH of the span.
GROWTH = 0.7
PERIOD_DAYS = 90
IN_PROCESS_ROUNDS = 15
DASHBOARD_TARGET = Target(median_ms=300)
MAX_QUERIES = 25
BATCH = 2_000


def _span() -> tuple:
    return tuple(Thread.objects.aggregate(first=Min("created_at"), last=Max("created_at")).values())


def _is_spread() -> bool:
    first, last = _span()
    return first is not None and last - first >= SPREAD_AT_LEAST


def find(size) -> bool | None:
    """True if the threads are spread over a year and rolled up (the days since the last
    run are rolled up now), else None."""
    if not _is_spread():
        return None
    newest = DailyCount.objects.aggregate(newest=Max("day"))["newest"]
    if newest is None:
        return None
    rollup(newest, today())
    _print_in_process(print)
    return True


def spread_threads(*, now, log=lambda line: None) -> int:
    """Date community's threads over the last year, later ones denser, and their posts and
    answers after them (opening post with the thread, answers from the first response on)."""
    rng = random.Random(19)
    start = now - SPAN
    threads = list(Thread.objects.order_by("pk").only("pk", "answer_count", "status"))
    count = len(threads)
    for number, thread in enumerate(threads):
        fraction = ((number + rng.random()) / count) ** GROWTH
        asked = start + SPAN * fraction - timedelta(hours=6)
        thread.created_at = asked
        thread.last_activity_at = asked + timedelta(hours=5)
        thread.first_response_at = asked + timedelta(minutes=35) if thread.answer_count else None
        thread.solved_at = thread.last_activity_at if thread.status == "solved" else None
    fields = ["created_at", "last_activity_at", "first_response_at", "solved_at"]
    with tasks_muted(), transaction.atomic():
        for first in range(0, count, BATCH):
            Thread.objects.bulk_update(threads[first : first + BATCH], fields)
        thread_of = Thread.objects.filter(pk=OuterRef("thread_id"))
        Post.objects.filter(is_opening=True).update(
            created_at=Subquery(thread_of.values("created_at")[:1])
        )
        Post.objects.filter(is_opening=False).update(
            created_at=Subquery(thread_of.values("first_response_at")[:1])
        )
    log(f"  {count:,} threads spread over {SPAN.days} days")
    return count


def build(size, log=lambda line: None) -> bool:
    """Spread the threads over a year (if they are not) and roll up every day of it."""
    now = timezone.now()
    if not _is_spread():
        spread_threads(now=now, log=log)
    first = local_day(_span()[0])
    started = time.monotonic()
    written = rollup(first, today())
    log(f"  {written:,} daily figures since {first} in {time.monotonic() - started:.0f} s")
    _print_in_process(log)
    return True


def measure_sections(
    rounds: int = IN_PROCESS_ROUNDS, *, live_cold: bool = False
) -> tuple[float, float, int]:
    """Median and slowest milliseconds and the queries of building every section for the
    last 90 days by week: as most requests do, with today's live figures from the cache,
    or with `live_cold` as the one request a minute that counts them anew."""
    current = today()
    scope = Scope(first=current - timedelta(days=PERIOD_DAYS - 1), last=current, grouping="week")
    timings, queries = [], 0
    for _round in range(rounds + 1):
        if live_cold or not _round:
            cache.delete(f"insights:live:{current.isoformat()}")
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            build_sections(scope)
            elapsed = (time.perf_counter() - started) * 1000
        if _round:  # the first round warms up
            timings.append(elapsed)
            queries = max(queries, len(captured))
    return statistics.median(timings), max(timings), queries


def _print_in_process(log) -> None:
    median, slowest, queries = measure_sections()
    met = median < DASHBOARD_TARGET.median_ms and queries <= MAX_QUERIES
    log(
        f"insights sections, {PERIOD_DAYS} days by week (in-process): median {median:.1f} ms, "
        f"max {slowest:.1f} ms, {queries} queries; target < {DASHBOARD_TARGET.median_ms:g} ms "
        f"and ≤ {MAX_QUERIES} queries: {'met' if met else 'MISSED'}"
    )
    median, slowest, queries = measure_sections(live_cold=True)
    log(
        f"  the once-a-minute request that counts today anew: median {median:.1f} ms, "
        f"max {slowest:.1f} ms, {queries} queries"
    )


def _dashboard(data, round_number: int) -> list[Request]:
    return [Request(reverse("insights:dashboard") + f"?period={PERIOD_DAYS}")]


PAGES: list[Page] = [Page("insights, 90 days", STAFF, "insights", _dashboard, DASHBOARD_TARGET)]
