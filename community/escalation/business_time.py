"""Business-time arithmetic: the support team's targets count only its opening hours.

A schedule is the team's time zone, its daily opening and closing time (wall-clock, so a
day is as long in summer as in winter: zoneinfo does the DST arithmetic), its working days
and its public holidays (the ``holidays`` library). All functions take and return aware
datetimes; they work in UTC inside and in the team's local time only to find the days.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays as holiday_calendars

# How far ahead the arithmetic looks for an opening before it gives up (a schedule without
# a single working day, e.g. every weekday a holiday, must not loop forever).
MAX_DAYS = 800


class NoBusinessHours(ValueError):
    """The schedule never opens (no working day within MAX_DAYS)."""


@dataclass(frozen=True)
class BusinessSchedule:
    time_zone: str = "Europe/Berlin"
    opens: time = time(8, 0)
    closes: time = time(18, 0)
    # ISO weekdays, 1 = Monday … 7 = Sunday.
    work_days: frozenset[int] = frozenset({1, 2, 3, 4, 5})
    holiday_country: str = ""
    holiday_region: str = ""

    @classmethod
    def from_settings(cls, support_settings) -> "BusinessSchedule":
        return cls(
            time_zone=support_settings.time_zone,
            opens=support_settings.opens_at,
            closes=support_settings.closes_at,
            work_days=frozenset(int(day) for day in support_settings.work_days if day.isdigit()),
            holiday_country=support_settings.holiday_country,
            holiday_region=support_settings.holiday_region,
        )

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def holiday_name(self, day: date) -> str | None:
        """The public holiday's name on `day` (in the library's default language), or None."""
        calendar = _calendar(self.holiday_country, self.holiday_region)
        if calendar is None:
            return None
        return calendar.get(day)

    def is_business_day(self, day: date) -> bool:
        return day.isoweekday() in self.work_days and self.holiday_name(day) is None

    def hours_of(self, day: date) -> tuple[datetime, datetime] | None:
        """`day`'s opening and closing as aware datetimes, or None when closed all day.
        Opening and closing at the same time means open all day; closing before opening
        is a night shift that closes the next morning (00:00 closes at midnight). A day is
        a business day when its shift starts on a working day that is no holiday."""
        if not self.is_business_day(day):
            return None
        zone = self.zone
        start = datetime.combine(day, self.opens, tzinfo=zone)
        if self.closes > self.opens:
            end = datetime.combine(day, self.closes, tzinfo=zone)
        elif self.closes == self.opens:
            start = datetime.combine(day, time(0), tzinfo=zone)
            end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
        else:
            end = datetime.combine(day + timedelta(days=1), self.closes, tzinfo=zone)
        # In UTC: arithmetic on datetimes that share a ZoneInfo is wall-clock arithmetic,
        # which would count a DST day as 24 hours.
        return start.astimezone(UTC), end.astimezone(UTC)

    def intervals_from(self, moment: datetime) -> Iterator[tuple[datetime, datetime]]:
        """The opening intervals that end after `moment`, the first one clipped to start no
        earlier than `moment`, in order. Raises NoBusinessHours after MAX_DAYS closed days."""
        day = moment.astimezone(self.zone).date() - timedelta(days=1)
        closed_days = 0
        while True:
            hours = self.hours_of(day)
            day += timedelta(days=1)
            if hours is None:
                closed_days += 1
                if closed_days > MAX_DAYS:
                    raise NoBusinessHours
                continue
            start, end = hours
            if end <= moment:
                continue
            closed_days = 0
            yield max(start, moment), end


@lru_cache(maxsize=16)
def _calendar(country: str, region: str):
    if not country:
        return None
    return holiday_calendars.country_holidays(country, subdiv=region or None)


def is_open(moment: datetime, schedule: BusinessSchedule) -> bool:
    start, _end = next(schedule.intervals_from(moment))
    return start <= moment


def next_opening(moment: datetime, schedule: BusinessSchedule) -> datetime:
    """`moment` itself when the team is working then, else when it is back."""
    start, _end = next(schedule.intervals_from(moment))
    return start


def add_business_minutes(start: datetime, minutes: float, schedule: BusinessSchedule) -> datetime:
    """The moment `minutes` of business time after `start`. A start outside business hours
    counts from the next opening; zero minutes is that opening."""
    remaining = timedelta(minutes=minutes)
    for interval_start, interval_end in schedule.intervals_from(start):
        available = interval_end - interval_start
        if remaining <= available:
            return interval_start + remaining
        remaining -= available
    raise NoBusinessHours  # pragma: no cover (intervals_from never ends on its own)


def business_minutes_between(start: datetime, end: datetime, schedule: BusinessSchedule) -> float:
    """Business minutes from `start` to `end` (negative when `end` is earlier)."""
    if end < start:
        return -business_minutes_between(end, start, schedule)
    total = timedelta()
    for interval_start, interval_end in schedule.intervals_from(start):
        if interval_start >= end:
            break
        total += min(interval_end, end) - interval_start
    return total.total_seconds() / 60
