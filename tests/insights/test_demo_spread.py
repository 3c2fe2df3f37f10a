"""The insights demo finisher (searches, a year of roll-ups) and the benchmark's data: a
small hand-built community instead of the whole demo (tests/community/test_seed_demo.py
seeds that)."""

from datetime import timedelta
from random import Random
from unittest import mock

import pytest
from django.core.cache import cache
from django.utils import timezone

from community.models import Post, Thread
from insights import benchmark, rollups
from insights.calendar import local_day
from insights.demo import NOT_FOUND, finish_demo, seed_searches
from insights.figures import Section
from insights.models import DailyCount, SearchLog
from insights.rollups import Row
from tests.factories import MemberFactory, make_answer, make_thread

pytestmark = pytest.mark.django_db


def _threads(ages_in_days: list[int], language: str = "en") -> list[Thread]:
    now = timezone.now()
    threads = []
    for age in ages_in_days:
        thread = make_thread(
            title=f"Question asked {age} days ago", author=MemberFactory(locale=language)
        )
        Thread.objects.filter(pk=thread.pk).update(
            created_at=now - timedelta(days=age), language=language
        )
        threads.append(thread)
    return threads


@pytest.fixture
def threads_per_day_counter():
    """One counter: the questions asked on the day (stands in for the dashboard's)."""

    def count(day, start, end):
        asked = Thread.objects.filter(created_at__gte=start, created_at__lt=end).count()
        return [Row("questions", asked)] if asked else []

    with (
        mock.patch.dict(rollups._COUNTERS, {"test": count}, clear=True),
        mock.patch.dict(rollups._REFRESHERS, {}, clear=True),
    ):
        cache.clear()
        yield
    cache.clear()


def test_searches_follow_the_threads_in_their_language_and_include_ones_without_results():
    threads = _threads([300, 200, 100, 10] * 5, "en") + _threads([250, 50] * 5, "de")
    written = seed_searches(rng=Random(1))

    assert written == SearchLog.objects.count()
    assert 3 * len(threads) <= written <= 9 * len(threads)
    assert set(SearchLog.objects.values_list("language", flat=True)) == {"en", "de"}
    assert set(SearchLog.objects.values_list("source", flat=True)) == {"site", "kb"}
    # Each search lies shortly before a thread was asked, so the searches follow the year.
    asked = sorted(Thread.objects.values_list("created_at", flat=True))
    for searched in SearchLog.objects.values_list("created_at", flat=True)[:200]:
        assert any(timedelta(0) <= moment - searched < timedelta(days=2) for moment in asked)
    nothing = SearchLog.objects.filter(result_count=0)
    assert set(nothing.values_list("query", flat=True)) <= {
        query for language in NOT_FOUND for query, _ in NOT_FOUND[language]
    }
    assert nothing.filter(language="de").exists() and nothing.filter(language="en").exists()
    assert not SearchLog.objects.filter(language="de", query="invoice").exists()
    # Run twice: nothing more.
    assert seed_searches(rng=Random(1)) == 0


def test_every_zero_result_query_is_listed_per_language():
    assert sum(len(queries) for queries in NOT_FOUND.values()) >= 20
    assert set(NOT_FOUND) == {"en", "de"}


def test_finish_demo_rolls_up_the_whole_history(threads_per_day_counter):
    (oldest, newer) = _threads([200, 3])
    log = []
    finish_demo(log=log.append)

    day_of = {
        thread.pk: local_day(Thread.objects.get(pk=thread.pk).created_at)
        for thread in (oldest, newer)
    }
    stored = dict(DailyCount.objects.filter(metric="questions").values_list("day", "value"))
    assert stored == {day_of[oldest.pk]: 1.0, day_of[newer.pk]: 1.0}
    assert log and "searches, " in log[0]


# --- the benchmark ----------------------------------------------------------------------------


def test_benchmark_spreads_the_threads_over_a_year_growing_and_posts_follow():
    threads = _threads([0] * 40)
    for thread in threads[:10]:
        make_answer(thread=thread)
    assert not benchmark._is_spread()

    now = timezone.now()
    benchmark.spread_threads(now=now)

    asked = list(Thread.objects.order_by("pk").values_list("created_at", flat=True))
    assert asked == sorted(asked)
    assert now - timedelta(days=366) < asked[0] < now - timedelta(days=300)
    assert asked[-1] < now
    assert benchmark._is_spread()
    # Growing: more threads in the second half of the year than in the first.
    halfway = now - timedelta(days=182)
    assert sum(moment > halfway for moment in asked) > 1.5 * sum(
        moment <= halfway for moment in asked
    )
    for thread in Thread.objects.all():
        opening = Post.objects.get(thread=thread, is_opening=True)
        assert opening.created_at == thread.created_at
        for answer in Post.objects.filter(thread=thread, is_opening=False):
            assert answer.created_at == thread.first_response_at > thread.created_at


def test_benchmark_measures_the_sections_and_counts_their_queries():
    def section(scope, counts):
        list(Thread.objects.all()[:1])  # one query of its own
        return Section(key="test", title="Test")

    from insights import figures

    with (
        mock.patch.dict(figures._SECTIONS, {"test": (1, section)}, clear=True),
        mock.patch.dict(rollups._COUNTERS, {}, clear=True),
    ):
        median, slowest, queries = benchmark.measure_sections(rounds=3)
    assert 0 < median <= slowest
    assert queries == 2  # the roll-up rows, and the section's own
