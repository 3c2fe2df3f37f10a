"""The escalation funnel: how often the community hands a question to the support team,
why, how soon, and whether the team answers within its first-response target.

Counters (one row per day of the support team's calendar, for the space and language of
the escalated thread):

- ``escalations`` (key: priority) — escalations opened that day;
- ``escalation_reasons`` (key: reason) — the same escalations once per reason they carry,
  so an escalation with two reasons counts under both;
- ``escalations_due`` and ``sla_breaches`` (key: priority) — escalations whose first staff
  response came due that day, and those of them that missed it (answered late, or still
  unanswered), counted on the due day, once the due time has passed;
- ``escalations_resolved`` — escalations resolved that day.

Threads that are hidden, deleted or merged away count nowhere, as in every figure.

The durations (time to escalate, escalation to the team's first answer) are medians and
90th percentiles of the period's escalations, which no daily sum can give: the section
reads their timestamps in one query and measures them in business time.
"""

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from community.escalation.business_time import BusinessSchedule
from community.models import (
    Escalation,
    EscalationReason,
    Priority,
    SupportSettings,
)
from insights.figures import Chart, Dataset, Figure, Section, percentile, register_section, share
from insights.rollups import Row, counter

# --- what counts --------------------------------------------------------------------------


def counted_escalations():
    """Escalations of threads that still stand: hidden, deleted and merged-away threads are
    left out of every figure, as their questions are."""
    return Escalation.objects.filter(
        thread__hidden_at__isnull=True,
        thread__deleted_at__isnull=True,
        thread__merged_into__isnull=True,
    )


def in_scope(queryset, scope, prefix: str = "thread__"):
    """`queryset` narrowed to the scope's space and language (of the escalated thread)."""
    if scope.space_id is not None:
        queryset = queryset.filter(**{f"{prefix}space_id": scope.space_id})
    if scope.language:
        queryset = queryset.filter(**{f"{prefix}language": scope.language})
    return queryset


def breached():
    """The first staff response came after it was due, or has not come (and the escalation
    was not resolved before it was due: resolving answers the customer)."""
    due = F("first_response_due_at")
    return Q(first_staff_response_at__gt=due) | Q(
        Q(resolved_at__isnull=True) | Q(resolved_at__gt=due),
        first_staff_response_at__isnull=True,
    )


# --- counters -----------------------------------------------------------------------------


@counter
def count_escalations(day: date, start: datetime, end: datetime) -> Iterable[Row]:
    opened = counted_escalations().filter(created_at__gte=start, created_at__lt=end)
    for space_id, language, reasons, priority in opened.values_list(
        "thread__space_id", "thread__language", "reasons", "priority"
    ):
        yield Row("escalations", 1, space_id, language, key=str(priority))
        for reason in dict.fromkeys(reasons or ()):
            yield Row("escalation_reasons", 1, space_id, language, key=str(reason))

    resolved = (
        counted_escalations()
        .filter(resolved_at__gte=start, resolved_at__lt=end)
        .values_list("thread__space_id", "thread__language")
        .annotate(number=Count("pk"))
        .order_by()
    )
    for space_id, language, number in resolved:
        yield Row("escalations_resolved", number, space_id, language)


@counter
def count_sla(day: date, start: datetime, end: datetime) -> Iterable[Row]:
    """Escalations whose first staff response came due on `day`, and the breaches among
    them. Only due times that have passed count: today's later ones are not decided yet."""
    until = min(end, timezone.now())
    if until <= start:
        return
    due = (
        counted_escalations()
        .filter(first_response_due_at__gte=start, first_response_due_at__lt=until)
        .values_list("thread__space_id", "thread__language", "priority")
        .annotate(due=Count("pk"), breaches=Count("pk", filter=breached()))
        .order_by()
    )
    for space_id, language, priority, number, breaches in due:
        yield Row("escalations_due", number, space_id, language, key=str(priority))
        yield Row("sla_breaches", breaches, space_id, language, key=str(priority))


# --- durations in business time -------------------------------------------------------------


class BusinessClock:
    """Business seconds between many pairs of moments, from one walk over the days they
    span: each moment becomes the business seconds since the clock's first day (prefix
    sums over the opening intervals), so a duration is a subtraction. Gives the same as
    ``business_minutes_between`` (× 60) without walking the calendar once per pair."""

    def __init__(self, schedule: BusinessSchedule, earliest: datetime, latest: datetime):
        zone = schedule.zone
        day = earliest.astimezone(zone).date() - timedelta(days=1)
        last = latest.astimezone(zone).date() + timedelta(days=1)
        self._starts: list[datetime] = []
        self._lengths: list[float] = []
        self._before: list[float] = []
        elapsed = 0.0
        while day <= last:
            hours = schedule.hours_of(day)
            day += timedelta(days=1)
            if hours is None:
                continue
            start, end = hours
            length = (end - start).total_seconds()
            self._starts.append(start)
            self._lengths.append(length)
            self._before.append(elapsed)
            elapsed += length

    def reading(self, moment: datetime) -> float:
        """Business seconds from the clock's first day to `moment`."""
        position = bisect_right(self._starts, moment) - 1
        if position < 0:
            return 0.0
        into = (moment - self._starts[position]).total_seconds()
        return self._before[position] + min(max(into, 0.0), self._lengths[position])

    def seconds_between(self, start: datetime, end: datetime) -> float:
        return self.reading(end) - self.reading(start)


def escalation_durations(scope) -> dict[str, dict[str, list[float]]]:
    """Business seconds per escalation opened in the period and in the one before (one
    query for both): ``to_escalate`` (question asked → its first escalation) and
    ``to_staff_answer`` (escalated → the team's first response, where there is one)."""
    previous = scope.previous()
    start, end = previous.bounds()[0], scope.bounds()[1]
    current_start = scope.bounds()[0]
    earlier = Escalation.objects.filter(
        thread_id=OuterRef("thread_id"), created_at__lt=OuterRef("created_at")
    )
    rows = list(
        in_scope(counted_escalations(), scope)
        .filter(created_at__gte=start, created_at__lt=end)
        .annotate(repeated=Exists(earlier))
        .values_list("created_at", "thread__created_at", "first_staff_response_at", "repeated")
    )
    durations = {
        period: {"to_escalate": [], "to_staff_answer": []} for period in ("current", "previous")
    }
    if not rows:
        return durations
    moments = [moment for row in rows for moment in row[:3] if moment is not None]
    schedule = BusinessSchedule.from_settings(SupportSettings.objects.current())
    clock = BusinessClock(schedule, min(moments), max(moments))
    for escalated, asked, answered, repeated in rows:
        period = durations["current" if escalated >= current_start else "previous"]
        if not repeated:
            period["to_escalate"].append(clock.seconds_between(asked, escalated))
        if answered is not None:
            period["to_staff_answer"].append(clock.seconds_between(escalated, answered))
    return durations


# --- the section ----------------------------------------------------------------------------


def _sum(values: dict[str, float]) -> float:
    return sum(values.values())


@register_section("escalations", order=20)
def escalations_section(scope, counts) -> Section:
    """Escalation to the support team: rate, reasons, speed and SLA, by priority.
    Two queries of its own: the period's escalation timestamps, the open escalations."""
    opened = _sum(counts.by_key("escalations"))
    opened_before = _sum(counts.by_key("escalations", previous=True))
    breaches = _sum(counts.by_key("sla_breaches"))
    breaches_before = _sum(counts.by_key("sla_breaches", previous=True))
    due = _sum(counts.by_key("escalations_due"))
    due_before = _sum(counts.by_key("escalations_due", previous=True))
    durations = escalation_durations(scope)
    now, before = durations["current"], durations["previous"]
    open_now = in_scope(counted_escalations().open(), scope).count()

    figures = [
        Figure(
            key="escalation_rate",
            label=_("Escalation rate"),
            value=share(opened, counts.total("questions")),
            previous=share(opened_before, counts.total("questions", previous=True)),
            unit="percent",
            definition=_(
                "Escalations opened in the period per question asked in it. Lower means the "
                "community solves more on its own."
            ),
            higher_is_better=False,
            headline=True,
        ),
        Figure(
            key="time_to_escalate",
            label=_("Time to escalate (median)"),
            value=percentile(now["to_escalate"], 0.5),
            previous=percentile(before["to_escalate"], 0.5),
            unit="seconds",
            definition=_(
                "From the question being asked to its first escalation, in the support "
                "team's business hours; the median of the escalations opened in the period."
            ),
            higher_is_better=False,
        ),
        Figure(
            key="staff_first_answer_median",
            label=_("Escalation to the team's first answer (median)"),
            value=percentile(now["to_staff_answer"], 0.5),
            previous=percentile(before["to_staff_answer"], 0.5),
            unit="seconds",
            definition=_(
                "From the escalation to the support team's first answer (in the thread or "
                "privately), in business hours; the median of the escalations opened in "
                "the period that have an answer."
            ),
            higher_is_better=False,
        ),
        Figure(
            key="staff_first_answer_p90",
            label=_("Escalation to the team's first answer (90th percentile)"),
            value=percentile(now["to_staff_answer"], 0.9),
            previous=percentile(before["to_staff_answer"], 0.9),
            unit="seconds",
            definition=_(
                "Nine in ten answered escalations of the period got the support team's "
                "first answer within this much business time."
            ),
            higher_is_better=False,
        ),
        Figure(
            key="sla_breaches",
            label=_("SLA breaches"),
            value=breaches,
            previous=breaches_before,
            unit="count",
            definition=_(
                "Escalations whose first answer from the support team came after it was "
                "due, or has not come, counted on the day it was due."
            ),
            higher_is_better=False,
            headline=True,
        ),
        Figure(
            key="sla_breach_share",
            label=_("Share of SLA breaches"),
            value=share(breaches, due),
            previous=share(breaches_before, due_before),
            unit="percent",
            definition=_(
                "SLA breaches per escalation whose first answer from the support team "
                "came due in the period."
            ),
            higher_is_better=False,
        ),
        Figure(
            key="open_escalations",
            label=_("Open escalations now"),
            value=open_now,
            previous=None,
            unit="count",
            definition=_(
                "Escalations the support team has not resolved yet, whenever they were "
                "opened; the period does not change it."
            ),
            higher_is_better=False,
        ),
    ]

    priorities = list(Priority)
    by_priority = Chart(
        key="escalations_by_priority",
        title=_("Escalations by priority"),
        kind="stacked",
        labels=counts.labels,
        datasets=[
            Dataset(str(priority.label), counts.series("escalations", str(priority.value)))
            for priority in priorities
        ],
        unit="count",
        definition=_("Escalations opened, by the priority they have now."),
    )
    opened_by_priority = counts.by_key("escalations")
    breaches_by_priority = counts.by_key("sla_breaches")
    sla = Chart(
        key="sla_by_priority",
        title=_("SLA breaches by priority"),
        kind="bar",
        labels=[str(priority.label) for priority in priorities],
        datasets=[
            Dataset(
                _("Escalations"),
                [opened_by_priority.get(str(priority.value), 0) for priority in priorities],
            ),
            Dataset(
                _("SLA breaches"),
                [breaches_by_priority.get(str(priority.value), 0) for priority in priorities],
            ),
        ],
        unit="count",
        definition=_(
            "Escalations opened in the period and SLA breaches (due in the period), by priority."
        ),
    )
    reasons = reasons_chart(counts.by_key("escalation_reasons"))
    return Section(
        key="escalations",
        title=_("Escalation to the support team"),
        figures=figures,
        charts=[by_priority, sla, reasons],
    )


def reasons_chart(per_reason: dict[str, float]) -> Chart:
    """Every reason, the most frequent first (ties in the reasons' own order)."""
    totals = defaultdict(float, per_reason)
    reasons = sorted(EscalationReason, key=lambda reason: -totals[reason.value])
    return Chart(
        key="escalation_reasons",
        title=_("Why questions were escalated"),
        kind="bar",
        labels=[str(reason.label) for reason in reasons],
        datasets=[Dataset(_("Escalations"), [totals[reason.value] for reason in reasons])],
        unit="count",
        definition=_(
            "Escalations opened in the period, by reason; one with two reasons counts under both."
        ),
    )
