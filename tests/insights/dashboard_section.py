"""A section for the dashboard's tests, registered only while a test runs.

Independent of the real sections, the page must show whatever is
registered, so its tests register this one: it reads real roll-up rows (DailyCount) through
``Counts`` and uses every kind of part (figures of each unit, a line chart, a heatmap, a
list with links). ``count_threads`` is a real counter, so a browser test can seed threads
and roll them up.
"""

from contextlib import contextmanager
from unittest import mock

from django.core.cache import cache

from community.models import Space, Thread
from insights import figures, rollups
from insights.calendar import site_zone, today
from insights.figures import Chart, Dataset, Figure, Link, Listing, Section
from insights.rollups import Row

WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def count_threads(day, start, end):
    """Questions asked on `day`, per space and language, and per weekday-hour."""
    zone = site_zone()
    for thread in Thread.objects.filter(created_at__gte=start, created_at__lt=end):
        local = thread.created_at.astimezone(zone)
        yield Row("questions", 1, thread.space_id, thread.language)
        yield Row("busy", 1, thread.space_id, thread.language, f"{local.isoweekday()}-{local.hour}")


def build_activity(scope, counts) -> Section:
    asked = counts.total("questions")
    solved = counts.total("solved")
    asked_before = counts.total("questions", previous=True)
    solved_before = counts.total("solved", previous=True)
    busy = counts.by_key("busy")
    per_space = counts.by_space("questions")
    spaces = Space.objects.filter(pk__in=[pk for pk in per_space if pk]).order_by("pk")
    return Section(
        key="activity",
        title="Activity",
        figures=[
            Figure("asked", "Questions asked", asked, asked_before, "count", "Questions."),
            Figure(
                "solved-share",
                "Solved",
                solved / asked if asked else None,
                solved_before / asked_before if asked_before else None,
                "percent",
                "Share of questions solved.",
                higher_is_better=True,
                headline=True,
            ),
            Figure(
                "response",
                "First response",
                counts.total("response_seconds") or None,
                counts.total("response_seconds", previous=True) or None,
                "seconds",
                "Business time to the first answer.",
                higher_is_better=False,
            ),
            Figure(
                "members",
                "Members",
                counts.total("members"),
                counts.total("members", previous=True),
                "count",
                "New members.",
                site_wide=True,
            ),
        ],
        charts=[
            Chart(
                "questions",
                "Questions",
                "line",
                counts.labels,
                [
                    Dataset("Asked", counts.series("questions")),
                    Dataset("Solved", counts.series("solved")),
                ],
                "count",
                "Questions asked and solved per day.",
            ),
            Chart(
                "hours",
                "Busiest hours",
                "heatmap",
                [f"{hour}:00" for hour in range(24)],
                [
                    Dataset(name, [busy.get(f"{day}-{hour}", 0.0) for hour in range(24)])
                    for day, name in enumerate(WEEKDAYS, start=1)
                ],
                "count",
                "Questions per weekday and hour.",
            ),
        ],
        listings=[
            Listing(
                "spaces",
                "Questions by space",
                ["Space", "Questions"],
                [
                    [Link(space.name, space.get_absolute_url()), per_space[space.pk]]
                    for space in spaces
                ],
                "Where questions are asked.",
                empty="No questions in any space.",
            )
        ],
    )


@contextmanager
def activity_section(*, counter: bool = False):
    """Register the test section (and, if asked, the thread counter) for the block."""
    counters = {"tests.count_threads": count_threads} if counter else {}
    with (
        mock.patch.dict(figures._SECTIONS, {"activity": (10, build_activity)}, clear=True),
        mock.patch.dict(rollups._COUNTERS, counters, clear=True),
        mock.patch.dict(rollups._REFRESHERS, {}, clear=True),
    ):
        _forget_live_rows()
        yield
    _forget_live_rows()


def _forget_live_rows():
    """Today's rows are cached for a minute; a test's rows must not outlive it."""
    cache.delete(f"insights:live:{today().isoformat()}")
