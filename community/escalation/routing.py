"""Tiered routing and the automatic triggers: what the every-minute sweep does.

An unanswered question is put in front of super users following its space, then the
support team is alerted, then it is escalated, each at a share of its space's
first-response target in business time (SupportSettings: super_users_after,
staff_alert_after, escalate_after). The sweep also escalates questions past their solution
target, threads many members said "me too" to in a short time (a likely outage), threads
with a post flagged for personal data, and questions triaged as urgent account, payment or
security problems or complaints.

Idempotent and safe with two workers at once: a routing notice is written once per thread
and tier (a unique constraint; whoever writes it tells people), and ``escalate`` locks the
thread and never opens a second escalation. Only questions of the last LOOKBACK are looked
at (the first run does not escalate years of history), and never for a reason an earlier,
resolved escalation of the thread already had.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass, fields
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from community.escalation.business_time import NoBusinessHours
from community.escalation.services import escalate
from community.escalation.targets import (
    Targets,
    share_of_first_response_due,
    solution_due,
    targets_for,
)
from community.escalation.triage import is_escalation_worthy
from community.i18n import in_every_language
from community.models import (
    Escalation,
    EscalationReason,
    EscalationStatus,
    Flag,
    FlagReason,
    FlagStatus,
    KnownIssueStatus,
    MeToo,
    NotificationKind,
    RoutingNotice,
    RoutingTier,
    SpaceFollow,
    SupportSettings,
    Thread,
    ThreadKind,
    ThreadStatus,
)
from community.permissions import super_users
from community.services.notices import notify
from community.signals import question_routed

logger = logging.getLogger(__name__)

# Questions asked longer ago than this are left alone (and flags older than this).
LOOKBACK = timedelta(days=30)
# Flags that still stand: waiting for review, or agreed by a reviewer.
STANDING_FLAGS = (FlagStatus.PENDING, FlagStatus.AGREED)


@dataclass
class SweepResult:
    """What one sweep did: notices written per tier, escalations per reason (a thread
    escalated for a reason it was not escalated for yet counts once)."""

    super_users: int = 0
    staff_alerts: int = 0
    no_first_response: int = 0
    no_solution: int = 0
    me_too: int = 0
    personal_data: int = 0
    triage: int = 0

    def as_dict(self) -> dict[str, int]:
        return {item.name: getattr(self, item.name) for item in fields(self)}

    @property
    def escalated(self) -> int:
        return (
            self.no_first_response + self.no_solution + self.me_too + self.personal_data
            + self.triage
        )  # fmt: skip


# --- selection --------------------------------------------------------------------------------


def _candidates(now: datetime):
    """Questions of the last LOOKBACK that still exist on their own and are not closed."""
    return Thread.objects.filter(
        kind=ThreadKind.QUESTION,
        deleted_at__isnull=True,
        merged_into__isnull=True,
        duplicate_of__isnull=True,
        is_locked=False,
        created_at__gte=now - LOOKBACK,
    )


class _Escalations:
    """The escalations of the threads a sweep looks at, read in one query: which are open,
    and which reasons a resolved one already had."""

    def __init__(self, thread_ids):
        self.open: dict[int, set[str]] = {}
        self.resolved_reasons: dict[int, set[str]] = defaultdict(set)
        rows = Escalation.objects.filter(thread_id__in=thread_ids).values_list(
            "thread_id", "status", "reasons"
        )
        for thread_id, status, reasons in rows:
            if status == EscalationStatus.RESOLVED:
                self.resolved_reasons[thread_id].update(reasons or [])
            else:
                self.open[thread_id] = set(reasons or [])

    def needs(self, thread_id: int, reason: str) -> bool:
        """Whether escalating for `reason` would change anything: neither the open
        escalation nor a resolved one has it."""
        return reason not in self.open.get(thread_id, ()) and reason not in (
            self.resolved_reasons.get(thread_id, ())
        )


class _TargetsBySpace:
    def __init__(self):
        self._by_space: dict[int, Targets] = {}

    def __call__(self, thread: Thread) -> Targets:
        if thread.space_id not in self._by_space:
            self._by_space[thread.space_id] = targets_for(thread.space)
        return self._by_space[thread.space_id]


def _is_due(thread: Thread, percent: int, targets: Targets, now: datetime) -> bool:
    """Whether `percent` % of `thread`'s first-response target (business time) has passed.
    Business minutes are never fewer than wall-clock ones, so a younger thread is not due
    and costs no calendar arithmetic."""
    if thread.created_at + timedelta(minutes=targets.first_response * percent / 100) > now:
        return False
    try:
        return share_of_first_response_due(thread, percent, targets) <= now
    except NoBusinessHours:
        return False


def _solution_overdue(thread: Thread, targets: Targets, now: datetime) -> bool:
    if thread.created_at + timedelta(minutes=targets.solution) > now:
        return False
    try:
        return solution_due(thread, targets) <= now
    except NoBusinessHours:
        return False


# --- the sweep ----------------------------------------------------------------------------------


def sweep(*, now: datetime | None = None) -> SweepResult:
    """Route and escalate what is due at `now` (default: now). Each thread's change is its
    own transaction; running it twice, or twice at once, changes nothing more."""
    now = now or timezone.now()
    current = SupportSettings.objects.current()
    result = SweepResult()
    targets = _TargetsBySpace()
    open_questions = list(
        _candidates(now).filter(status=ThreadStatus.OPEN).select_related("space", "author")
    )
    escalations = _Escalations([thread.pk for thread in open_questions])
    notices = defaultdict(set)
    for thread_id, tier in RoutingNotice.objects.filter(
        thread_id__in=[thread.pk for thread in open_questions]
    ).values_list("thread_id", "tier"):
        notices[thread_id].add(tier)

    for thread in open_questions:
        thread_targets = targets(thread)
        shown = thread.hidden_at is None
        unanswered = thread.first_response_at is None and shown
        if unanswered and thread.pk not in escalations.open:
            tiers = (
                (RoutingTier.SUPER_USERS, current.super_users_after),
                (RoutingTier.STAFF_ALERT, current.staff_alert_after),
            )
            for tier, percent in tiers:
                due = tier not in notices[thread.pk] and _is_due(
                    thread, percent, thread_targets, now
                )
                if due and _route_safely(thread=thread, tier=tier, now=now):
                    result.super_users += tier == RoutingTier.SUPER_USERS
                    result.staff_alerts += tier == RoutingTier.STAFF_ALERT
        wanted = []
        if unanswered and _is_due(thread, current.escalate_after, thread_targets, now):
            wanted.append(EscalationReason.NO_FIRST_RESPONSE)
        if shown and _solution_overdue(thread, thread_targets, now):
            wanted.append(EscalationReason.NO_SOLUTION)
        if (
            shown
            and current.escalate_high_priority_triage
            and thread.priority <= 2
            and is_escalation_worthy(thread)
        ):
            wanted.append(EscalationReason.TRIAGE)
        _escalate_for(thread, wanted, escalations, result, now)

    _escalate_triggered(current, now, result)
    if result.escalated or result.super_users or result.staff_alerts:
        logger.info("escalation sweep", extra=result.as_dict())
    return result


def _escalate_for(thread, wanted, escalations: _Escalations, result: SweepResult, now) -> None:
    wanted = [reason for reason in wanted if escalations.needs(thread.pk, reason)]
    if not wanted:
        return
    try:
        escalation = escalate(thread=thread, reasons=wanted, now=now)
    except Exception:
        # One thread's failure must not hold up every other thread: the next sweep retries.
        logger.exception("escalation failed", extra={"thread_id": thread.pk, "reasons": wanted})
        return
    for reason in getattr(escalation, "added_reasons", ()):
        name = EscalationReason(reason).value
        setattr(result, name, getattr(result, name) + 1)


def _route_safely(*, thread: Thread, tier: str, now: datetime) -> bool:
    try:
        return route(thread=thread, tier=tier, now=now)
    except Exception:
        logger.exception("routing failed", extra={"thread_id": thread.pk, "tier": tier})
        return False


def _escalate_triggered(current, now, result: SweepResult, thread_ids=None) -> None:
    """Escalate for "me too"s and personal-data flags: three queries to find the threads
    and their escalations, then one escalation per thread that needs it."""
    me_too = _me_too_threads(current, now, thread_ids)
    personal_data = _personal_data_threads(now, thread_ids)
    escalations = _Escalations([thread.pk for thread in (*me_too, *personal_data)])
    for thread in me_too:
        _escalate_for(thread, [EscalationReason.ME_TOO], escalations, result, now)
    for thread in personal_data:
        _escalate_for(thread, [EscalationReason.PERSONAL_DATA], escalations, result, now)


def _me_too_threads(current: SupportSettings, now: datetime, thread_ids=None) -> list[Thread]:
    """Open questions with at least `me_too_threshold` "me too"s within the window, unless
    they are linked to a known issue that is not fixed yet."""
    if not current.me_too_threshold:
        return []
    counts = MeToo.objects.filter(created_at__gte=now - timedelta(hours=current.me_too_window))
    if thread_ids is not None:
        counts = counts.filter(thread_id__in=thread_ids)
    busy = (
        counts.values("thread_id")
        .annotate(count=Count("pk"))
        .filter(count__gte=current.me_too_threshold)
        .values("thread_id")
    )
    # A thread linked to a known issue still open is an outage the team knows about.
    not_known = Q(linked_known_issue__isnull=True) | Q(
        linked_known_issue__status=KnownIssueStatus.FIXED
    )
    return list(
        _candidates(now)
        .filter(not_known, pk__in=busy, status=ThreadStatus.OPEN, hidden_at__isnull=True)
        .select_related("space", "author")
    )


def _personal_data_threads(now: datetime, thread_ids=None) -> list[Thread]:
    """Questions with a post flagged for personal data, the flag waiting or agreed. Flags
    of the last LOOKBACK on any question still there (an old thread's new flag counts)."""
    flags = Flag.objects.filter(
        reason=FlagReason.PERSONAL_DATA,
        status__in=STANDING_FLAGS,
        created_at__gte=now - LOOKBACK,
    )
    if thread_ids is not None:
        flags = flags.filter(post__thread_id__in=thread_ids)
    return list(
        Thread.objects.filter(
            pk__in=flags.values("post__thread_id"),
            kind=ThreadKind.QUESTION,
            deleted_at__isnull=True,
            merged_into__isnull=True,
        ).select_related("space", "author")
    )


def escalate_if_triggered(*, thread_id: int, now: datetime | None = None) -> list[str]:
    """Check one thread for the triggers that should not wait for the sweep ("me too"s
    reaching the threshold, a personal-data flag) and escalate it. Returns the reasons it
    was escalated for now. Safe to run twice."""
    now = now or timezone.now()
    result = SweepResult()
    _escalate_triggered(SupportSettings.objects.current(), now, result, thread_ids=[thread_id])
    return [name for name, count in result.as_dict().items() if count]


# --- tiers ----------------------------------------------------------------------------------


def route(*, thread: Thread, tier: str, now: datetime | None = None) -> bool:
    """Put unanswered `thread` in front of `tier` once: super users following its space
    (NotificationKind.UNANSWERED), or the support team (STAFF_ALERT). Returns whether this
    call did it (False: routed before, maybe by a concurrent sweep). Emits
    ``question_routed``."""
    now = now or timezone.now()
    with transaction.atomic():
        try:
            with transaction.atomic():
                RoutingNotice.objects.create(thread=thread, tier=tier, created_at=now)
        except IntegrityError:
            return False
        if tier == RoutingTier.SUPER_USERS:
            followers = SpaceFollow.objects.filter(space_id=thread.space_id).values("member_id")
            members = super_users().filter(pk__in=followers).exclude(pk=thread.author_id)
            kind = NotificationKind.UNANSWERED
            message = gettext_noop("“%(title)s” waits for an answer: can you help?")
        else:
            from community.services.cases import support_team

            members = support_team()
            kind = NotificationKind.STAFF_ALERT
            message = gettext_noop("“%(title)s” is about to miss its response target")
        text = in_every_language(message, title=thread.title)
        for member in members:
            notify(
                member=member, kind=kind, thread=thread, url=thread.get_absolute_url(),
                data={"text": text}, group_key=f"routed:{tier}:{thread.pk}",
            )  # fmt: skip
        question_routed.send(sender=Thread, thread=thread, tier=tier, by=None)
    return True


# --- the review queue's "Unanswered" tab ---------------------------------------------------


@dataclass
class UnansweredQuestion:
    thread: Thread
    due_at: datetime | None
    escalated: bool

    def minutes_left(self, now: datetime) -> int | None:
        """Wall-clock minutes to the first-response target; negative when overdue."""
        if self.due_at is None:
            return None
        return int((self.due_at - now).total_seconds() // 60)


def unanswered_routed_threads():
    """Open, unanswered, shown questions put in front of super users, oldest first."""
    routed = RoutingNotice.objects.filter(tier=RoutingTier.SUPER_USERS).values("thread_id")
    return (
        Thread.objects.public()
        .filter(
            pk__in=routed,
            kind=ThreadKind.QUESTION,
            status=ThreadStatus.OPEN,
            first_response_at__isnull=True,
            is_locked=False,
        )
        .select_related("space", "author")
        .annotate(
            open_escalations=Count(
                "escalations", filter=~Q(escalations__status=EscalationStatus.RESOLVED)
            )
        )
        .order_by("created_at", "pk")
    )


def unanswered_questions(threads) -> list[UnansweredQuestion]:
    """`threads` (from ``unanswered_routed_threads``) with their first-response due times;
    no query per thread."""
    targets = _TargetsBySpace()
    rows = []
    for thread in threads:
        try:
            due = share_of_first_response_due(thread, 100, targets(thread))
        except NoBusinessHours:
            due = None
        rows.append(
            UnansweredQuestion(thread=thread, due_at=due, escalated=thread.open_escalations > 0)
        )
    return rows
