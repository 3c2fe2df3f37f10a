"""The roll-up framework: counters, idempotent days, live today, filters, buckets."""

from datetime import date, timedelta
from unittest import mock

import pytest
from django.core.cache import cache

from insights import rollups
from insights.calendar import day_bounds, today
from insights.models import DailyCount
from insights.rollups import Counts, Row, count_day, rollup, rollup_day
from insights.scope import Scope
from tests.factories import SpaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def only_counter():
    """Replace the registered counters with one test counter whose output the test sets."""
    produced: dict[date, list[Row]] = {}

    def count(day, start, end):
        assert (start, end) == day_bounds(day)
        return produced.get(day, [])

    with (
        mock.patch.dict(rollups._COUNTERS, {"test": count}, clear=True),
        mock.patch.dict(rollups._REFRESHERS, {}, clear=True),
    ):
        cache.clear()
        yield produced
    cache.clear()


def test_count_day_sums_rows_with_the_same_identity(only_counter):
    day = date(2026, 3, 2)
    only_counter[day] = [Row("questions", 2, 1, "de"), Row("questions", 3, 1, "de")]
    assert count_day(day) == [Row("questions", 5, 1, "de")]


def test_rolling_up_a_day_twice_gives_the_same_rows(only_counter):
    space = SpaceFactory()
    day = date(2026, 3, 2)
    only_counter[day] = [Row("questions", 4, space.pk, "en"), Row("members", 2)]
    rollup_day(day)
    rollup_day(day)
    rows = sorted(DailyCount.objects.values_list("metric", "space_id", "language", "value"))
    assert rows == [("members", None, "", 2.0), ("questions", space.pk, "en", 4.0)]

    only_counter[day] = [Row("questions", 1, space.pk, "en")]  # a late change
    rollup(day, day)
    assert list(DailyCount.objects.values_list("metric", "value")) == [("questions", 1.0)]


def test_counts_read_stored_days_and_today_live(only_counter):
    space, other = SpaceFactory(), SpaceFactory()
    current = today()
    yesterday = current - timedelta(days=1)
    only_counter[yesterday] = [
        Row("questions", 3, space.pk, "en"),
        Row("questions", 5, other.pk, "de"),
        Row("members", 7),
    ]
    rollup_day(yesterday)
    # Stored rows for today are ignored: today is computed live.
    only_counter[current] = [Row("questions", 99, space.pk, "en")]
    rollup_day(current)
    only_counter[current] = [Row("questions", 2, space.pk, "en")]
    cache.clear()

    everything = Counts(Scope(first=yesterday, last=current))
    assert everything.total("questions") == 10
    assert everything.series("questions") == [8, 2]
    assert everything.by_space("questions") == {space.pk: 5, other.pk: 5}

    one_space = Counts(Scope(first=yesterday, last=current, space_id=space.pk))
    assert one_space.total("questions") == 5
    assert one_space.total("members") == 7  # site-wide: the filter does not narrow it

    german = Counts(Scope(first=yesterday, last=current, language="de"))
    assert german.total("questions") == 5


def test_past_days_are_read_once_per_process_until_the_next_rollup(
    only_counter, django_assert_num_queries
):
    space = SpaceFactory()
    current = today()
    earlier = [current - timedelta(days=days) for days in (3, 2, 1)]
    for day in earlier:
        only_counter[day] = [Row("questions", 1, space.pk, "en"), Row("tagged", 2, key="pdf")]
        rollup_day(day)
    scope = Scope(first=earlier[1], last=earlier[2])  # the period before holds earlier[0]

    with django_assert_num_queries(2):  # the roll-up version, the rows
        first = Counts(scope)
    with django_assert_num_queries(1):  # the version only: the rows are kept
        again = Counts(scope)
    for counts in (first, again):
        assert counts.total("questions") == 2
        assert counts.total("questions", previous=True) == 1
        assert counts.series("questions") == [1, 1]
        assert counts.by_key("tagged") == {"pdf": 4}
    with django_assert_num_queries(2):  # other filters: read apart
        assert (
            Counts(Scope(first=earlier[1], last=earlier[2], language="de")).total("questions") == 0
        )

    # A late change rolled up (by the nightly task, in another process) is read at once.
    only_counter[earlier[2]] = [Row("questions", 5, space.pk, "en")]
    rollup_day(earlier[2])
    with django_assert_num_queries(2):
        changed = Counts(scope)
    assert changed.total("questions") == 6
    assert changed.series("questions") == [1, 5]
    assert changed.by_key("tagged") == {"pdf": 2}
    # A day rolled up to nothing is a change too.
    only_counter[earlier[1]] = []
    rollup_day(earlier[1])
    assert Counts(scope).total("questions") == 5


def test_a_process_keeps_only_a_few_reads(only_counter):
    current = today()
    for back in range(rollups.STORED_READS_KEPT + 2):
        Counts(Scope(first=current - timedelta(days=back + 2), last=current - timedelta(days=1)))
    assert rollups._past_rows.cache_info().currsize == rollups.STORED_READS_KEPT


def test_the_previous_period_is_as_long_and_ends_the_day_before():
    scope = Scope(first=date(2026, 3, 10), last=date(2026, 3, 16))
    assert scope.previous() == Scope(first=date(2026, 3, 3), last=date(2026, 3, 9))


def test_weeks_and_months_are_clipped_to_the_period():
    weeks = Scope(first=date(2026, 3, 4), last=date(2026, 3, 17), grouping="week").buckets()
    assert [(b.first, b.last) for b in weeks] == [
        (date(2026, 3, 4), date(2026, 3, 8)),
        (date(2026, 3, 9), date(2026, 3, 15)),
        (date(2026, 3, 16), date(2026, 3, 17)),
    ]
    months = Scope(first=date(2026, 1, 20), last=date(2026, 3, 5), grouping="month").buckets()
    assert [(b.first, b.last) for b in months] == [
        (date(2026, 1, 20), date(2026, 1, 31)),
        (date(2026, 2, 1), date(2026, 2, 28)),
        (date(2026, 3, 1), date(2026, 3, 5)),
    ]


def test_a_scope_cannot_end_before_it_starts():
    with pytest.raises(ValueError):
        Scope(first=date(2026, 3, 2), last=date(2026, 3, 1))


def test_a_day_with_a_clock_change_has_its_true_length():
    start, end = day_bounds(date(2026, 3, 29))  # Europe/Berlin springs forward
    assert end - start == timedelta(hours=23)
