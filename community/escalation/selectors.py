"""What the support desk's pages read: the queue with its filters and SLA timers, one
escalation with its timeline, and the customer's history."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Case, F, Prefetch, QuerySet, When

from community.models import (
    Escalation,
    EscalationEvent,
    EscalationStatus,
    InternalNote,
    Member,
    Thread,
)

# "At risk": the due time is closer than this share of the whole target.
AT_RISK_SHARE = 0.25

STATUS_OPEN = "open"
STATUS_ALL = "all"


@dataclass(frozen=True)
class SlaTimer:
    """The clock a row shows: the first response until staff responded, then the solution."""

    kind: str  # "first_response" | "solution" | "done"
    due_at: datetime | None
    left: timedelta | None  # negative: overdue
    at_risk: bool

    @property
    def overdue(self) -> bool:
        return self.left is not None and self.left < timedelta(0)


def _due_of(escalation_fields: dict) -> tuple[str, datetime | None]:
    if escalation_fields["status"] == EscalationStatus.RESOLVED:
        return "done", None
    if escalation_fields["first_staff_response_at"] is None:
        return "first_response", escalation_fields["first_response_due_at"]
    return "solution", escalation_fields["solution_due_at"]


def sla_timer(escalation: Escalation, *, now: datetime) -> SlaTimer:
    fields = {
        "status": escalation.status,
        "first_staff_response_at": escalation.first_staff_response_at,
        "first_response_due_at": escalation.first_response_due_at,
        "solution_due_at": escalation.solution_due_at,
    }
    kind, due = _due_of(fields)
    if due is None:
        return SlaTimer(kind=kind, due_at=None, left=None, at_risk=False)
    left = due - now
    start = escalation.thread.created_at
    at_risk = timedelta(0) <= left <= (due - start) * AT_RISK_SHARE
    return SlaTimer(kind=kind, due_at=due, left=left, at_risk=at_risk)


def _clock_ids(escalations: QuerySet, *, now: datetime, breached: bool) -> list[int]:
    """The ids among `escalations` whose SLA clock is overdue (`breached`) or at risk. In
    Python on a few columns: the same on every database, and the open queue is short."""
    rows = escalations.values(
        "pk",
        "status",
        "first_staff_response_at",
        "first_response_due_at",
        "solution_due_at",
        "thread__created_at",
    )
    ids = []
    for row in rows:
        _kind, due = _due_of(row)
        if due is None:
            continue
        left = due - now
        window = (due - row["thread__created_at"]) * AT_RISK_SHARE
        wanted = left < timedelta(0) if breached else timedelta(0) <= left <= window
        if wanted:
            ids.append(row["pk"])
    return ids


def desk_queue(
    *,
    member: Member,
    now: datetime,
    status: str = STATUS_OPEN,
    priority: int | None = None,
    space_id: int | None = None,
    assignee: str = "",
    clock: str = "",
) -> QuerySet:
    """The desk's queue: open escalations by default, most urgent first (priority, then the
    due time the row's clock counts down to). `assignee`: "me", "none" or "" (anyone);
    `clock`: "breached", "at_risk" or "" (any)."""
    escalations = Escalation.objects.for_desk()
    if status == STATUS_OPEN:
        escalations = escalations.open()
    elif status in EscalationStatus.values:
        escalations = escalations.filter(status=status)
    if priority:
        escalations = escalations.filter(priority=priority)
    if space_id:
        escalations = escalations.filter(thread__space_id=space_id)
    if assignee == "me":
        escalations = escalations.filter(assignee=member)
    elif assignee == "none":
        escalations = escalations.filter(assignee__isnull=True)
    if clock in ("breached", "at_risk"):
        ids = _clock_ids(escalations, now=now, breached=clock == "breached")
        escalations = escalations.filter(pk__in=ids)
    due = Case(
        When(first_staff_response_at__isnull=True, then=F("first_response_due_at")),
        default=F("solution_due_at"),
    )
    return escalations.alias(due=due).order_by(
        "priority", F("due").asc(nulls_last=True), "created_at", "pk"
    )


def escalation_for_desk(pk: int) -> Escalation | None:
    """One escalation with what its page shows: thread, customer, notes, timeline."""
    return (
        Escalation.objects.for_desk()
        .select_related("case", "resolution_post", "escalated_by", "survey")
        .prefetch_related(
            Prefetch("notes", queryset=InternalNote.objects.select_related("author")),
            Prefetch("events", queryset=EscalationEvent.objects.select_related("actor")),
        )
        .filter(pk=pk)
        .first()
    )


def opening_post(escalation: Escalation):
    """The question as the asker wrote it (None if it is gone)."""
    from community.models import Post

    return Post.objects.filter(thread_id=escalation.thread_id, is_opening=True).first()


@dataclass(frozen=True)
class CustomerContext:
    member: Member
    earlier_threads: list[Thread]
    earlier_escalations: list[Escalation]


EARLIER_LIMIT = 10


def customer_context(escalation: Escalation) -> CustomerContext:
    """The asker's history beside the case: their other threads and escalations."""
    customer = escalation.thread.author
    threads = list(
        Thread.objects.filter(author=customer, deleted_at__isnull=True)
        .exclude(pk=escalation.thread_id)
        .select_related("space")
        .order_by("-created_at", "-pk")[:EARLIER_LIMIT]
    )
    escalations = list(
        Escalation.objects.filter(thread__author=customer)
        .exclude(pk=escalation.pk)
        .select_related("thread")
        .order_by("-created_at", "-pk")[:EARLIER_LIMIT]
    )
    return CustomerContext(
        member=customer, earlier_threads=threads, earlier_escalations=escalations
    )


def staff_members() -> QuerySet:
    """Who an escalation can be assigned to."""
    return Member.objects.filter(is_staff=True, is_active=True).order_by("display_name", "pk")


def reason_labels(reasons: list[str]) -> list[str]:
    """The escalation's reasons as its readers' words (unknown codes as they are)."""
    from community.models import EscalationReason

    labels = dict(EscalationReason.choices)
    return [str(labels.get(reason, reason)) for reason in reasons]


@dataclass(frozen=True)
class TimelineEntry:
    event: EscalationEvent
    change: str  # "old → new" in the reader's words, or ""


def timeline(escalation: Escalation) -> list[TimelineEntry]:
    """The escalation's events (prefetched) with what changed in words: status and priority
    labels, the assignees' names (one query), ticket ids, the survey's score."""
    from community.models import EscalationEventKind, Priority

    events = list(escalation.events.all())
    member_ids = {
        value
        for event in events
        if event.kind == EscalationEventKind.ASSIGNED
        for value in (event.data.get("from"), event.data.get("to"))
        if isinstance(value, int)
    }
    names = (
        {member.pk: member.public_name for member in Member.objects.filter(pk__in=member_ids)}
        if member_ids
        else {}
    )
    statuses = dict(EscalationStatus.choices)
    priorities = dict(Priority.choices)
    empty = "–"

    def words(kind: str, value) -> str:
        if kind == EscalationEventKind.STATUS_CHANGED:
            return str(statuses.get(value, value))
        if kind == EscalationEventKind.PRIORITY_CHANGED:
            return str(priorities.get(value, value))
        if kind == EscalationEventKind.ASSIGNED:
            return names.get(value, empty) if value is not None else empty
        return str(value) if value not in (None, "") else empty

    entries = []
    for event in events:
        change = ""
        if "from" in event.data and "to" in event.data:
            change = (
                f"{words(event.kind, event.data['from'])} → {words(event.kind, event.data['to'])}"
            )
        elif event.kind == EscalationEventKind.SURVEY_ANSWERED:
            change = f"{event.data.get('score', empty)}/5"
        entries.append(TimelineEntry(event=event, change=change))
    return entries
