"""The dashboard's calendar: days are the support team's days, in its time zone (the
admin's "Support targets and hours"), so "Monday" means the same for every figure and for
the business-hours targets. Members still read times in their own time zone."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from community.models import SupportSettings


def site_zone() -> ZoneInfo:
    return ZoneInfo(SupportSettings.objects.current().time_zone)


def local_day(moment: datetime) -> date:
    """The support team's calendar day of `moment`."""
    return moment.astimezone(site_zone()).date()


def today() -> date:
    return local_day(timezone.now())


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The first moment of `day` and of the day after, in UTC (23 or 25 hours apart on the
    days the clocks change: arithmetic on two datetimes of one ZoneInfo ignores that)."""
    zone = site_zone()
    return (
        datetime.combine(day, time.min, tzinfo=zone).astimezone(UTC),
        datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone).astimezone(UTC),
    )


def span_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """From the start of `first` to the end of `last`, both days included."""
    return day_bounds(first)[0], day_bounds(last)[1]
