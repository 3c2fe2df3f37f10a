"""The escalation funnel: counters, business-time durations and the dashboard section, on a
small hand-built week in the support team's time zone (Europe/Berlin, Mon–Fri 8–18).

The week: Monday 2 to Sunday 8 March 2026 (CET, UTC+1); the week before is the previous
period. Escalations (P = priority):

- A (space one, en, P1): asked Fri 6 at 12:00, escalated 17:00 for "no first response"
  and "me too", due 18:00, the team's first answer Mon 9 at 09:00 — 60 + 60 = 120 business
  minutes, a breach on Friday. Still open.
- B (space one, en, P3): asked Tue 3 at 09:00, escalated 10:00 (asker), due 11:00,
  answered 10:30, resolved Wed 4 at 14:00.
- C (space two, de, P2): asked Fri 27 Feb at 10:00, escalated Mon 2 at 00:30 (Sunday 23:30
  in UTC) for "no solution", due 09:00, never answered: a breach on Monday. Open.
- D (previous period, space one, en, P3): asked Tue 24 Feb 09:00, escalated 09:30
  (manual), due 10:30, answered 10:00, resolved 12:00.
"""

from datetime import UTC, date, datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache

from community.escalation.business_time import BusinessSchedule, business_minutes_between
from community.escalation.services import escalate
from community.models import EscalationStatus, Priority, SupportSettings, Thread
from insights import escalations, rollups
from insights.escalations import (
    BusinessClock,
    count_escalations,
    count_sla,
    escalation_durations,
    escalations_section,
    percentile,
)
from insights.models import DailyCount
from insights.rollups import Counts, Row, count_day, rollup
from insights.scope import Scope
from tests.factories import SpaceFactory, make_escalation, make_thread

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
WEEK = Scope(first=date(2026, 3, 2), last=date(2026, 3, 8))
# Long after the week: every day of it is rolled up and stored.
LATER = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)


def berlin(*parts) -> datetime:
    return datetime(*parts, tzinfo=BERLIN)


@pytest.fixture
def only_these_counters():
    """Only this part's counters, so the figures do not depend on the other parts' (the
    questions asked are written by hand, as the volume part's counter would write them)."""
    mine = {
        "escalations": escalations.count_escalations,
        "sla": escalations.count_sla,
    }
    with (
        mock.patch.dict(rollups._COUNTERS, mine, clear=True),
        mock.patch.dict(rollups._REFRESHERS, {}, clear=True),
    ):
        cache.clear()
        yield
    cache.clear()


def ask(*, space, language: str, at: datetime) -> Thread:
    thread = make_thread(
        space=space,
        title="How do I change my display name?",
        body="I cannot find the setting anywhere.",
    )
    Thread.objects.filter(pk=thread.pk).update(created_at=at, language=language)
    thread.refresh_from_db()
    return thread


def escalation(thread, *, at, reasons, priority, due, answered=None, resolved=None):
    return make_escalation(
        thread=thread,
        reasons=reasons,
        priority=priority,
        created_at=at,
        first_response_due_at=due,
        first_staff_response_at=answered,
        resolved_at=resolved,
        status=EscalationStatus.RESOLVED if resolved else EscalationStatus.IN_PROGRESS,
    )


@pytest.fixture
def week(only_these_counters):
    one, two = SpaceFactory(), SpaceFactory()
    a = escalation(
        ask(space=one, language="en", at=berlin(2026, 3, 6, 12)),
        at=berlin(2026, 3, 6, 17),
        reasons=["no_first_response", "me_too"],
        priority=Priority.URGENT,
        due=berlin(2026, 3, 6, 18),
        answered=berlin(2026, 3, 9, 9),
    )
    b = escalation(
        ask(space=one, language="en", at=berlin(2026, 3, 3, 9)),
        at=berlin(2026, 3, 3, 10),
        reasons=["asker"],
        priority=Priority.NORMAL,
        due=berlin(2026, 3, 3, 11),
        answered=berlin(2026, 3, 3, 10, 30),
        resolved=berlin(2026, 3, 4, 14),
    )
    c = escalation(
        ask(space=two, language="de", at=berlin(2026, 2, 27, 10)),
        at=berlin(2026, 3, 2, 0, 30),
        reasons=["no_solution"],
        priority=Priority.HIGH,
        due=berlin(2026, 3, 2, 9),
    )
    d = escalation(
        ask(space=one, language="en", at=berlin(2026, 2, 24, 9)),
        at=berlin(2026, 2, 24, 9, 30),
        reasons=["manual"],
        priority=Priority.NORMAL,
        due=berlin(2026, 2, 24, 10, 30),
        answered=berlin(2026, 2, 24, 10),
        resolved=berlin(2026, 2, 24, 12),
    )
    with time_machine.travel(LATER, tick=False):
        rollup(WEEK.previous().first, WEEK.last)
        # The volume part's counter: 30 questions this week (20 in space one, in English),
        # 20 the week before.
        DailyCount.objects.bulk_create(
            [
                DailyCount(day=date(2026, 3, 2), metric="questions", space=one, language="en",
                           value=20),
                DailyCount(day=date(2026, 3, 2), metric="questions", space=two, language="de",
                           value=10),
                DailyCount(day=date(2026, 2, 24), metric="questions", space=one, language="en",
                           value=20),
            ]
        )  # fmt: skip
        yield {"one": one, "two": two, "a": a, "b": b, "c": c, "d": d}


def section(scope):
    with time_machine.travel(LATER, tick=False):
        built = escalations_section(scope, Counts(scope))
    return built


def figures(built) -> dict:
    return {figure.key: figure for figure in built.figures}


def charts(built) -> dict:
    return {chart.key: chart for chart in built.charts}


# --- counters -----------------------------------------------------------------------------


def test_count_escalations_counts_on_the_teams_day_per_priority_and_reason(week):
    # C was escalated at 00:30 Berlin on Monday 2, still Sunday 1 in UTC.
    with time_machine.travel(LATER, tick=False):
        monday = sorted(count_day(date(2026, 3, 2)), key=lambda row: row.metric)
        friday = count_day(date(2026, 3, 6))
    two = week["two"].pk
    assert monday == [
        Row("escalation_reasons", 1, two, "de", key="no_solution"),
        Row("escalations", 1, two, "de", key="2"),
        Row("escalations_due", 1, two, "de", key="2"),
        Row("sla_breaches", 1, two, "de", key="2"),
    ]
    one = week["one"].pk
    assert sorted(friday, key=lambda row: (row.metric, row.key)) == [
        Row("escalation_reasons", 1, one, "en", key="me_too"),
        Row("escalation_reasons", 1, one, "en", key="no_first_response"),
        Row("escalations", 1, one, "en", key="1"),
        Row("escalations_due", 1, one, "en", key="1"),
        Row("sla_breaches", 1, one, "en", key="1"),
    ]
    assert list(count_escalations(*_day(date(2026, 3, 1)))) == []


def _day(day):
    from insights.calendar import day_bounds

    return (day, *day_bounds(day))


def test_count_escalations_counts_resolutions_on_the_day_resolved(week):
    with time_machine.travel(LATER, tick=False):
        rows = list(count_escalations(*_day(date(2026, 3, 4))))
    assert rows == [Row("escalations_resolved", 1, week["one"].pk, "en")]


def test_an_answer_on_time_is_due_but_no_breach(week):
    with time_machine.travel(LATER, tick=False):
        rows = list(count_sla(*_day(date(2026, 3, 3))))
    assert rows == [
        Row("escalations_due", 1, week["one"].pk, "en", key="3"),
        Row("sla_breaches", 0, week["one"].pk, "en", key="3"),
    ]


def test_a_resolution_before_the_due_time_is_no_breach(only_these_counters):
    thread = ask(space=SpaceFactory(), language="en", at=berlin(2026, 3, 3, 9))
    escalation(thread, at=berlin(2026, 3, 3, 9, 30), reasons=["asker"], priority=3,
               due=berlin(2026, 3, 3, 10, 30), resolved=berlin(2026, 3, 3, 10))  # fmt: skip
    with time_machine.travel(LATER, tick=False):
        rows = {row.metric: row.value for row in count_sla(*_day(date(2026, 3, 3)))}
    assert rows == {"escalations_due": 1, "sla_breaches": 0}


def test_a_missing_answer_counts_only_once_its_due_time_has_passed(only_these_counters):
    thread = ask(space=SpaceFactory(), language="en", at=berlin(2026, 3, 3, 9))
    escalation(thread, at=berlin(2026, 3, 3, 9, 30), reasons=["asker"], priority=3,
               due=berlin(2026, 3, 3, 14))  # fmt: skip
    with time_machine.travel(berlin(2026, 3, 3, 13, 59), tick=False):
        assert list(count_sla(*_day(date(2026, 3, 3)))) == []
    with time_machine.travel(berlin(2026, 3, 3, 14, 1), tick=False):
        rows = {row.metric: row.value for row in count_sla(*_day(date(2026, 3, 3)))}
    assert rows == {"escalations_due": 1, "sla_breaches": 1}


def test_hidden_deleted_and_merged_threads_count_nowhere(week):
    Thread.objects.filter(pk=week["a"].thread_id).update(hidden_at=LATER)
    Thread.objects.filter(pk=week["c"].thread_id).update(deleted_at=LATER)
    Thread.objects.filter(pk=week["b"].thread_id).update(merged_into=week["d"].thread)
    with time_machine.travel(LATER, tick=False):
        for day in (date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 4), date(2026, 3, 6)):
            assert count_day(day) == []


def test_an_escalation_by_the_service_is_a_breach_on_its_due_day(only_these_counters):
    # Escalated on Friday 17:00 with the space's 60-minute target: due 18:00 that day.
    thread = ask(space=SpaceFactory(first_response_target=60), language="en",
                 at=berlin(2026, 3, 6, 12))  # fmt: skip
    escalated = escalate(thread=thread, reasons=["asker"], now=berlin(2026, 3, 6, 17))
    assert escalated.first_response_due_at == berlin(2026, 3, 6, 18)
    with time_machine.travel(LATER, tick=False):
        rows = {(row.metric, row.key): row.value for row in count_day(date(2026, 3, 6))}
    priority = str(escalated.priority)
    assert rows[("escalations", priority)] == 1
    assert rows[("escalation_reasons", "asker")] == 1
    assert rows[("sla_breaches", priority)] == 1


# --- business time ----------------------------------------------------------------------------


def test_friday_17_to_monday_9_is_two_business_hours():
    schedule = BusinessSchedule()
    start, end = berlin(2026, 3, 6, 17), berlin(2026, 3, 9, 9)
    clock = BusinessClock(schedule, start, end)
    assert clock.seconds_between(start, end) == 120 * 60


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (berlin(2026, 3, 2, 7), berlin(2026, 3, 2, 7, 30)),  # before opening: nothing
        (berlin(2026, 3, 6, 18, 30), berlin(2026, 3, 9, 7)),  # a whole weekend: nothing
        (berlin(2026, 3, 27, 16), berlin(2026, 3, 30, 10)),  # over the spring clock change
        (berlin(2026, 4, 2, 17), berlin(2026, 4, 7, 9)),  # Good Friday and Easter Monday
        (berlin(2026, 1, 5, 12), berlin(2026, 3, 5, 12)),  # two months
    ],
)
def test_the_clock_agrees_with_business_minutes_between(start, end):
    schedule = BusinessSchedule(holiday_country="DE")
    clock = BusinessClock(schedule, start, end)
    assert clock.seconds_between(start, end) == business_minutes_between(start, end, schedule) * 60


def test_percentile_interpolates_between_the_nearest_values():
    assert percentile([], 0.5) is None
    assert percentile([7200], 0.9) == 7200
    assert percentile([7200, 1800], 0.5) == 4500
    assert percentile([1800, 7200], 0.9) == pytest.approx(6660)
    assert percentile([3600, 28800, 18000], 0.5) == 18000


def test_a_thread_escalated_again_counts_once_in_time_to_escalate(only_these_counters):
    thread = ask(space=SpaceFactory(), language="en", at=berlin(2026, 3, 3, 9))
    escalation(thread, at=berlin(2026, 3, 3, 10), reasons=["asker"], priority=3,
               due=berlin(2026, 3, 3, 11), answered=berlin(2026, 3, 3, 10, 30),
               resolved=berlin(2026, 3, 3, 12))  # fmt: skip
    escalation(thread, at=berlin(2026, 3, 5, 10), reasons=["asker"], priority=3,
               due=berlin(2026, 3, 5, 11), answered=berlin(2026, 3, 5, 12))  # fmt: skip
    with time_machine.travel(LATER, tick=False):
        durations = escalation_durations(WEEK)["current"]
    assert durations == {"to_escalate": [3600.0], "to_staff_answer": [1800.0, 7200.0]}


# --- the section ----------------------------------------------------------------------------


def test_the_section_on_the_week(week):
    built = section(WEEK)
    shown = figures(built)
    assert shown["escalation_rate"].value == pytest.approx(3 / 30)
    assert shown["escalation_rate"].previous == pytest.approx(1 / 20)
    assert shown["escalation_rate"].verdict == "worse"
    # A 5 h, B 1 h, C 8 h (Fri 10:00–18:00, then nothing until Monday's 00:30) | D 30 min.
    assert shown["time_to_escalate"].value == 5 * 3600
    assert shown["time_to_escalate"].previous == 1800
    # A 120 min, B 30 min (C unanswered) | D 30 min.
    assert shown["staff_first_answer_median"].value == 4500
    assert shown["staff_first_answer_p90"].value == pytest.approx(6660)
    assert shown["staff_first_answer_median"].previous == 1800
    assert shown["sla_breaches"].value == 2
    assert shown["sla_breaches"].previous == 0
    assert shown["sla_breach_share"].value == pytest.approx(2 / 3)
    assert shown["sla_breach_share"].previous == 0
    assert shown["open_escalations"].value == 2
    assert shown["open_escalations"].previous is None

    drawn = charts(built)
    by_priority = drawn["escalations_by_priority"]
    assert [dataset.values for dataset in by_priority.datasets] == [
        [0, 0, 0, 0, 1, 0, 0],  # P1: A on Friday
        [1, 0, 0, 0, 0, 0, 0],  # P2: C on Monday
        [0, 1, 0, 0, 0, 0, 0],  # P3: B on Tuesday
    ]
    assert drawn["sla_by_priority"].rows()[1:] == [
        ["P1 urgent", 1, 1],
        ["P2 high", 1, 1],
        ["P3 normal", 1, 0],
    ]
    reasons = dict(drawn["escalation_reasons"].rows()[1:])
    assert reasons["The asker asked for the support team"] == 1
    assert reasons["Many members have the same problem (likely outage)"] == 1
    assert reasons["No reply within the first-response target"] == 1
    assert reasons["Not solved within the solution target"] == 1
    assert reasons["Escalated by a super user or staff member"] == 0  # D: the week before
    assert drawn["escalation_reasons"].labels[-1] != "The asker asked for the support team"


def test_the_section_for_one_space(week):
    shown = figures(section(Scope(first=WEEK.first, last=WEEK.last, space_id=week["one"].pk)))
    assert shown["escalation_rate"].value == pytest.approx(2 / 20)  # A and B
    assert shown["time_to_escalate"].value == (5 * 3600 + 3600) / 2
    assert shown["sla_breaches"].value == 1
    assert shown["sla_breach_share"].value == pytest.approx(1 / 2)
    assert shown["open_escalations"].value == 1


def test_the_section_in_german(week):
    shown = figures(section(Scope(first=WEEK.first, last=WEEK.last, language="de")))
    assert shown["escalation_rate"].value == pytest.approx(1 / 10)  # C
    assert shown["escalation_rate"].previous is None  # no German question the week before
    assert shown["time_to_escalate"].value == 8 * 3600
    assert shown["staff_first_answer_median"].value is None
    assert shown["sla_breach_share"].value == 1
    assert shown["open_escalations"].value == 1


def test_the_section_reads_two_queries_of_its_own(week, django_assert_max_num_queries):
    SupportSettings.objects.current()  # cached, as on every page
    with time_machine.travel(LATER, tick=False):
        counts = Counts(WEEK)
        with django_assert_max_num_queries(2):
            escalations_section(WEEK, counts)


def test_today_is_counted_live(only_these_counters):
    now = berlin(2026, 3, 10, 15)
    thread = ask(space=SpaceFactory(), language="en", at=now - timedelta(hours=2))
    escalation(thread, at=now - timedelta(hours=1), reasons=["asker"], priority=1,
               due=now - timedelta(minutes=1))  # fmt: skip
    with time_machine.travel(now, tick=False):
        scope = Scope(first=date(2026, 3, 10), last=date(2026, 3, 10))
        shown = figures(escalations_section(scope, Counts(scope)))
    assert shown["sla_breaches"].value == 1
    assert shown["open_escalations"].value == 1
