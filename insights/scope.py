"""What the manager asked to see: a range of days, how to group them, and filters."""

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from django.utils import formats
from django.utils.translation import gettext as _

from insights.calendar import span_bounds

GROUPINGS = ("day", "week", "month")


@dataclass(frozen=True)
class Bucket:
    label: str
    first: date
    last: date


@dataclass(frozen=True)
class Scope:
    """Days ``first`` to ``last`` (both included) of the support team's calendar, grouped
    by day, ISO week or month; one space or all (None); one content language or all ("")."""

    first: date
    last: date
    grouping: str = "day"
    space_id: int | None = None
    language: str = ""

    def __post_init__(self):
        if self.last < self.first:
            raise ValueError("a scope ends on or after the day it starts")
        if self.grouping not in GROUPINGS:
            raise ValueError(f"unknown grouping {self.grouping!r}")

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def previous(self) -> "Scope":
        """The period just before, as long as this one (the comparison)."""
        last = self.first - timedelta(days=1)
        return replace(self, first=last - timedelta(days=self.days - 1), last=last)

    def bounds(self) -> tuple[datetime, datetime]:
        """Aware datetimes: the start of the first day and the end of the last."""
        return span_bounds(self.first, self.last)

    def contains(self, day: date) -> bool:
        return self.first <= day <= self.last

    def buckets(self) -> list[Bucket]:
        """The chart's x-axis: every day, ISO week (Monday to Sunday) or calendar month that
        the period touches, clipped to it, with a label in the active language."""
        buckets = []
        day = self.first
        while day <= self.last:
            if self.grouping == "day":
                end = day
                label = formats.date_format(day, "SHORT_DATE_FORMAT")
            elif self.grouping == "week":
                end = day + timedelta(days=6 - day.weekday())
                iso = day.isocalendar()
                label = _("Week %(week)s/%(year)s") % {"week": iso.week, "year": iso.year}
            else:
                next_month = (day.replace(day=1) + timedelta(days=32)).replace(day=1)
                end = next_month - timedelta(days=1)
                label = formats.date_format(day, "YEAR_MONTH_FORMAT")
            end = min(end, self.last)
            buckets.append(Bucket(label=label, first=day, last=end))
            day = end + timedelta(days=1)
        return buckets

    def bucket_index(self) -> dict[date, int]:
        """Each day of the period → the index of its bucket."""
        index = {}
        for position, bucket in enumerate(self.buckets()):
            day = bucket.first
            while day <= bucket.last:
                index[day] = position
                day += timedelta(days=1)
        return index
