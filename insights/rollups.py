"""Daily roll-up rows: every figure the dashboard sums, one row per day, space, language,
figure and detail.

A *counter* is a function that counts one kind of thing for one day (questions asked,
answers, helpful votes …) and returns ``Row``s; modules register theirs with ``@counter``.
``rollup_day`` runs them all for a past day and replaces that day's rows in one
transaction, so running it twice, or after a late change, gives the same rows. Today's rows
are never trusted from storage: ``Counts`` computes them live (cached for a minute).

Before counting, *refreshers* bring derived per-item rows up to date (per-question facts,
post sentiment) for everything that changed since the first day rolled up.
"""

import functools
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q, Sum

from insights.calendar import day_bounds, today
from insights.models import DailyCount, RollupVersion

logger = logging.getLogger(__name__)

LIVE_SECONDS = 60
# How many reads of past days' rows (a scope's days and filters) each process keeps; a
# 90-day read with its previous period is about 12,000 entries at 10,000 threads a year.
STORED_READS_KEPT = 4


@dataclass(frozen=True)
class Row:
    metric: str
    value: float
    space_id: int | None = None
    language: str = ""
    key: str = ""


# A counter gets the day and its bounds (aware datetimes) and yields Rows for that day.
Counter = Callable[[date, datetime, datetime], Iterable[Row]]
# A refresher gets the earliest moment whose changes must be reflected.
Refresher = Callable[[datetime], int]

_COUNTERS: dict[str, Counter] = {}
_REFRESHERS: dict[str, Refresher] = {}


def counter(function: Counter) -> Counter:
    """Register a counter (by its qualified name, so re-importing does not add it twice)."""
    _COUNTERS[f"{function.__module__}.{function.__qualname__}"] = function
    return function


def refresher(function: Refresher) -> Refresher:
    _REFRESHERS[f"{function.__module__}.{function.__qualname__}"] = function
    return function


def count_day(day: date) -> list[Row]:
    """Every counter's rows for `day`, rows with the same identity summed."""
    start, end = day_bounds(day)
    totals: dict[tuple, float] = defaultdict(float)
    for count in _COUNTERS.values():
        for row in count(day, start, end):
            totals[(row.metric, row.key, row.space_id, row.language)] += row.value
    return [
        Row(metric=metric, key=key, space_id=space_id, language=language, value=value)
        for (metric, key, space_id, language), value in totals.items()
    ]


def rollup_day(day: date) -> int:
    """Store `day`'s rows in place of whatever was stored for it. Returns how many."""
    rows = count_day(day)
    with transaction.atomic():
        RollupVersion.bump()
        DailyCount.objects.filter(day=day).delete()
        DailyCount.objects.bulk_create(
            DailyCount(
                day=day,
                metric=row.metric,
                key=row.key,
                space_id=row.space_id,
                language=row.language,
                value=row.value,
            )
            for row in rows
            if row.value
        )
    return len(rows)


@functools.lru_cache(maxsize=STORED_READS_KEPT)
def _past_rows(version, space_id, language, first: date, last: date, current: date) -> dict:
    """metric → key → day → value of the days from `first` to `last`, today left out, for
    a scope's space and language. Kept per process under the roll-up version (``version``
    only keys the read): the next roll-up makes every kept read stale. Never changed by
    its readers, who share it."""
    rows = DailyCount.objects.filter(day__gte=first, day__lte=last).exclude(day=current)
    if space_id is not None:
        rows = rows.filter(Q(space_id=space_id) | Q(space__isnull=True))
    if language:
        rows = rows.filter(language__in=(language, ""))
    read: dict[str, dict[str, dict[date, float]]] = {}
    for day, metric, key, total in rows.values_list("day", "metric", "key").annotate(
        total=Sum("value")
    ):
        read.setdefault(metric, {}).setdefault(key, {})[day] = total
    return read


def forget_stored_reads() -> None:
    """Drop this process's kept reads (tests: a rolled-back roll-up can repeat a version)."""
    _past_rows.cache_clear()


def refresh_since(moment: datetime) -> dict[str, int]:
    """Run every refresher for changes since `moment`; how many items each refreshed."""
    return {name: refresh(moment) for name, refresh in _REFRESHERS.items()}


def rollup(first: date, last: date | None = None, *, log=None) -> int:
    """Refresh derived rows, then roll up every day from `first` to `last` (default: today)
    and return how many rows were written. Idempotent."""
    last = last or today()
    refreshed = refresh_since(day_bounds(first)[0])
    if log:
        for name, number in refreshed.items():
            log(f"{name}: {number} refreshed")
    written = 0
    day = first
    while day <= last:
        written += rollup_day(day)
        if log:
            log(f"{day}: rolled up")
        day += timedelta(days=1)
    return written


def live_rows(day: date) -> list[Row]:
    """`day`'s rows computed now (today's figures), cached for a minute."""
    key = f"insights:live:{day.isoformat()}"
    rows = cache.get(key)
    if rows is None:
        rows = count_day(day)
        cache.set(key, rows, LIVE_SECONDS)
    return rows


class Counts:
    """The roll-up rows of a scope and of the period before it (today's computed live),
    filtered by the scope's space and language.

    Past days' rows are read in one query and kept by the process under the roll-up
    version (``RollupVersion``): viewed again, the dashboard reads one small row instead
    of thousands, and the next roll-up of any day makes every kept read stale.

    A figure that belongs to no space or language (stored with space None or language "")
    counts whatever the filter: it is site-wide.
    """

    def __init__(self, scope):
        self.scope = scope
        self.previous_scope = scope.previous()
        self._buckets = scope.buckets()
        self._bucket_of = scope.bucket_index()
        self._by_space: dict[str, dict[int | None, float]] = {}
        # metric → key → day → value: a section's many reads each visit only their own days.
        # Shared with other Counts of the same read: never changed.
        self._stored: dict[str, dict[str, dict[date, float]]] = {}
        # Today's figures, metric → key → value, when the period (or the one before) has it.
        self._live_day: date | None = None
        self._live: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        self._load()

    def _keep(self, space_id, language) -> bool:
        scope = self.scope
        if scope.space_id is not None and space_id is not None and space_id != scope.space_id:
            return False
        return not (scope.language and language and language != scope.language)

    def _load(self):
        first, last = self.previous_scope.first, self.scope.last
        current = today()
        scope = self.scope
        self._stored = _past_rows(
            RollupVersion.current(), scope.space_id, scope.language, first, last, current
        )
        if first <= current <= last:
            self._live_day = current
            for row in live_rows(current):
                if self._keep(row.space_id, row.language):
                    self._live[row.metric][row.key] += row.value

    # --- reading -----------------------------------------------------------------------

    def _days(self, metric: str, key: str) -> dict[date, float]:
        return self._stored.get(metric, {}).get(key, {})

    def _live_in(self, scope) -> bool:
        return self._live_day is not None and scope.contains(self._live_day)

    def total(self, metric: str, key: str = "", *, previous: bool = False) -> float:
        """The sum of `metric` (with detail `key`) over the period or the one before."""
        scope = self.previous_scope if previous else self.scope
        total = sum(value for day, value in self._days(metric, key).items() if scope.contains(day))
        if self._live_in(scope):
            total += self._live.get(metric, {}).get(key, 0.0)
        return total

    def series(self, metric: str, key: str = "") -> list[float]:
        """The sum of `metric` per bucket of the period (the chart's x-axis)."""
        values = [0.0] * len(self._buckets)
        for day, value in self._days(metric, key).items():
            if day in self._bucket_of:
                values[self._bucket_of[day]] += value
        if self._live_day in self._bucket_of:
            values[self._bucket_of[self._live_day]] += self._live.get(metric, {}).get(key, 0.0)
        return values

    def by_key(self, metric: str, *, previous: bool = False) -> dict[str, float]:
        """`metric`'s sum per detail key over the period (tags, hours, priorities …)."""
        scope = self.previous_scope if previous else self.scope
        totals: dict[str, float] = defaultdict(float)
        for detail, days in self._stored.get(metric, {}).items():
            for day, value in days.items():
                if scope.contains(day):
                    totals[detail] += value
        if self._live_in(scope):
            for detail, value in self._live.get(metric, {}).items():
                totals[detail] += value
        return dict(totals)

    def by_space(self, metric: str, key: str = "") -> dict[int | None, float]:
        """`metric`'s sum per space over the period (one more query, made once per metric;
        the language filter applies, the space filter does not)."""
        if metric not in self._by_space:
            scope = self.scope
            rows = DailyCount.objects.filter(
                day__gte=scope.first, day__lte=scope.last, metric=metric, key=key
            ).exclude(day=today())
            if scope.language:
                rows = rows.filter(language__in=(scope.language, ""))
            totals: dict[int | None, float] = defaultdict(float)
            for space_id, total in rows.values_list("space_id").annotate(total=Sum("value")):
                totals[space_id] += total
            current = today()
            if scope.contains(current):
                for row in live_rows(current):
                    wrong_language = (
                        scope.language and row.language and row.language != scope.language
                    )
                    if row.metric == metric and row.key == key and not wrong_language:
                        totals[row.space_id] += row.value
            self._by_space[metric] = dict(totals)
        return self._by_space[metric]

    @property
    def labels(self) -> list[str]:
        return [bucket.label for bucket in self._buckets]
