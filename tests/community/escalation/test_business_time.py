"""Business-time arithmetic: weekends, public holidays (national and regional), DST changes,
night shifts, schedules that never open. 2026: DST starts on 29 March, ends on 25 October."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from community.escalation.business_time import (
    BusinessSchedule,
    NoBusinessHours,
    add_business_minutes,
    business_minutes_between,
    is_open,
    next_opening,
)
from community.models import SupportSettings

BERLIN = ZoneInfo("Europe/Berlin")
OFFICE = BusinessSchedule(holiday_country="DE")  # Mon–Fri 08:00–18:00 Berlin
EVERY_DAY = frozenset(range(1, 8))
ALWAYS = BusinessSchedule(opens=time(0), closes=time(0), work_days=EVERY_DAY)


def berlin(*args) -> datetime:
    return datetime(*args, tzinfo=BERLIN)


# --- weekends ----------------------------------------------------------------------------------


def test_add_business_minutes_within_one_day():
    assert add_business_minutes(berlin(2026, 3, 2, 9, 0), 60, OFFICE) == berlin(2026, 3, 2, 10, 0)


def test_add_business_minutes_carries_over_the_weekend():
    # Friday 17:00 + 2 hours: one hour on Friday, one on Monday.
    due = add_business_minutes(berlin(2026, 3, 6, 17, 0), 120, OFFICE)
    assert due == berlin(2026, 3, 9, 9, 0)


def test_a_question_asked_on_saturday_counts_from_monday_morning():
    due = add_business_minutes(berlin(2026, 3, 7, 11, 0), 60, OFFICE)
    assert due == berlin(2026, 3, 9, 9, 0)
    assert not is_open(berlin(2026, 3, 7, 11, 0), OFFICE)
    assert next_opening(berlin(2026, 3, 7, 11, 0), OFFICE) == berlin(2026, 3, 9, 8, 0)


def test_next_opening_is_the_moment_itself_while_open():
    moment = berlin(2026, 3, 3, 12, 30)
    assert is_open(moment, OFFICE)
    assert next_opening(moment, OFFICE) == moment


def test_after_closing_the_team_is_back_next_morning():
    assert next_opening(berlin(2026, 3, 3, 18, 0), OFFICE) == berlin(2026, 3, 4, 8, 0)
    assert next_opening(berlin(2026, 3, 3, 6, 0), OFFICE) == berlin(2026, 3, 3, 8, 0)


def test_zero_minutes_outside_hours_is_the_next_opening():
    assert add_business_minutes(berlin(2026, 3, 6, 19, 0), 0, OFFICE) == berlin(2026, 3, 9, 8, 0)


def test_works_on_any_aware_datetime_and_returns_the_same_instant():
    start = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)  # 09:00 in Berlin
    assert add_business_minutes(start, 30, OFFICE) == datetime(2026, 3, 2, 8, 30, tzinfo=UTC)


# --- public holidays ---------------------------------------------------------------------------


def test_christmas_days_are_closed():
    # Thursday 24 Dec 17:00 + 2 hours: Friday 25th and Saturday 26th are holidays, then Sunday.
    due = add_business_minutes(berlin(2026, 12, 24, 17, 0), 120, OFFICE)
    assert due == berlin(2026, 12, 28, 9, 0)
    assert OFFICE.holiday_name(date(2026, 12, 25)) == "Christmas Day"


def test_easter_from_good_friday_to_easter_monday_is_closed():
    due = add_business_minutes(berlin(2026, 4, 2, 17, 30), 60, OFFICE)
    assert due == berlin(2026, 4, 7, 8, 30)


def test_without_a_holiday_country_holidays_are_working_days():
    no_holidays = BusinessSchedule(holiday_country="")
    assert no_holidays.is_business_day(date(2026, 12, 25))


@pytest.mark.parametrize(("region", "closed"), [("BY", True), ("NW", False), ("", False)])
def test_regional_holiday_epiphany(region, closed):
    schedule = BusinessSchedule(holiday_country="DE", holiday_region=region)
    assert schedule.is_business_day(date(2026, 1, 6)) is not closed  # a Tuesday
    expected = berlin(2026, 1, 7, 9, 0) if closed else berlin(2026, 1, 6, 9, 0)
    assert add_business_minutes(berlin(2026, 1, 6, 8, 0), 60, schedule) == expected


def test_business_minutes_between_skips_a_regional_holiday():
    bavaria = BusinessSchedule(holiday_country="DE", holiday_region="BY")
    # Wednesday 3 June 17:00 to Friday 5 June 09:00: Corpus Christi (Thursday) in Bavaria.
    start, end = berlin(2026, 6, 3, 17, 0), berlin(2026, 6, 5, 9, 0)
    assert business_minutes_between(start, end, bavaria) == 120
    assert business_minutes_between(start, end, OFFICE) == 60 + 600 + 60


# --- daylight saving time -----------------------------------------------------------------------


@pytest.mark.parametrize(("day", "hours"), [(date(2026, 3, 29), 23), (date(2026, 10, 25), 25)])
def test_a_24_7_schedule_counts_the_real_length_of_a_dst_day(day, hours):
    start = datetime.combine(day, time(0), tzinfo=BERLIN)
    end = datetime.combine(date(day.year, day.month, day.day + 1), time(0), tzinfo=BERLIN)
    assert business_minutes_between(start, end, ALWAYS) == hours * 60
    assert add_business_minutes(start, hours * 60, ALWAYS) == end


@pytest.mark.parametrize("day", [date(2026, 3, 29), date(2026, 10, 25)])
def test_opening_hours_on_a_dst_day_are_wall_clock_hours(day):
    # Open every day 08:00–18:00: ten hours on the DST Sundays too.
    daily = BusinessSchedule(work_days=EVERY_DAY)
    start = datetime.combine(day, time(0), tzinfo=BERLIN)
    end = datetime.combine(day, time(23, 0), tzinfo=BERLIN)
    assert business_minutes_between(start, end, daily) == 600
    assert add_business_minutes(start, 60, daily) == datetime.combine(day, time(9), tzinfo=BERLIN)


def test_a_target_across_the_spring_change_keeps_local_opening_times():
    # Friday 27 March 17:00 CET + 2 hours → Monday 30 March 09:00 CEST (07:00 UTC).
    due = add_business_minutes(berlin(2026, 3, 27, 17, 0), 120, OFFICE)
    assert due == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)


def test_a_target_across_the_autumn_change_keeps_local_opening_times():
    # Friday 23 October 17:00 CEST + 2 hours → Monday 26 October 09:00 CET (08:00 UTC).
    due = add_business_minutes(berlin(2026, 10, 23, 17, 0), 120, OFFICE)
    assert due == datetime(2026, 10, 26, 8, 0, tzinfo=UTC)


# --- night shifts and schedules that never open --------------------------------------------


NIGHTS = BusinessSchedule(
    opens=time(22, 0), closes=time(6, 0), work_days=frozenset({1, 2, 3, 4, 5})
)


def test_a_night_shift_closes_the_next_morning():
    # Monday 23:00 is in Monday's shift (22:00–06:00): 7 hours end it, 8 reach Tuesday's.
    assert is_open(berlin(2026, 3, 2, 23, 0), NIGHTS)
    assert is_open(berlin(2026, 3, 3, 5, 0), NIGHTS)  # still Monday's shift
    assert not is_open(berlin(2026, 3, 3, 12, 0), NIGHTS)
    start = berlin(2026, 3, 2, 23, 0)
    assert add_business_minutes(start, 7 * 60, NIGHTS) == berlin(2026, 3, 3, 6, 0)
    assert add_business_minutes(start, 8 * 60, NIGHTS) == berlin(2026, 3, 3, 23, 0)
    assert business_minutes_between(
        berlin(2026, 3, 2, 20, 0), berlin(2026, 3, 3, 20, 0), NIGHTS
    ) == (8 * 60)


def test_friday_nights_shift_runs_into_saturday_then_the_weekend_is_closed():
    assert is_open(berlin(2026, 3, 7, 3, 0), NIGHTS)  # Saturday 03:00: Friday's shift
    assert next_opening(berlin(2026, 3, 7, 7, 0), NIGHTS) == berlin(2026, 3, 9, 22, 0)


def test_closing_at_midnight():
    evenings = BusinessSchedule(opens=time(18, 0), closes=time(0, 0))
    assert add_business_minutes(berlin(2026, 3, 2, 23, 0), 120, evenings) == berlin(
        2026, 3, 3, 19, 0
    )


def test_a_schedule_without_working_days_raises_no_business_hours():
    never = BusinessSchedule(work_days=frozenset())
    with pytest.raises(NoBusinessHours):
        add_business_minutes(berlin(2026, 3, 2, 9, 0), 60, never)
    with pytest.raises(NoBusinessHours):
        next_opening(berlin(2026, 3, 2, 9, 0), never)


# --- business_minutes_between -------------------------------------------------------------------


def test_business_minutes_between_is_antisymmetric():
    start, end = berlin(2026, 3, 6, 16, 0), berlin(2026, 3, 9, 10, 30)
    assert business_minutes_between(start, end, OFFICE) == 120 + 150
    assert business_minutes_between(end, start, OFFICE) == -(120 + 150)
    assert business_minutes_between(start, start, OFFICE) == 0


def test_business_minutes_between_outside_hours_is_zero():
    assert business_minutes_between(berlin(2026, 3, 7, 9), berlin(2026, 3, 8, 20), OFFICE) == 0


def test_business_minutes_between_inverts_add_business_minutes():
    start = berlin(2026, 12, 23, 15, 45)
    for minutes in (1, 59, 600, 601, 48 * 60):
        due = add_business_minutes(start, minutes, OFFICE)
        assert business_minutes_between(start, due, OFFICE) == minutes


# --- from the admin's settings ------------------------------------------------------------------


def test_schedule_from_support_settings():
    current = SupportSettings(
        time_zone="Europe/Vienna",
        opens_at=time(9, 0),
        closes_at=time(17, 0),
        work_days="1234",
        holiday_country="AT",
        holiday_region="9",
    )
    schedule = BusinessSchedule.from_settings(current)
    assert schedule == BusinessSchedule(
        time_zone="Europe/Vienna",
        opens=time(9, 0),
        closes=time(17, 0),
        work_days=frozenset({1, 2, 3, 4}),
        holiday_country="AT",
        holiday_region="9",
    )
