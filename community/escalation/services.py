"""Escalating a thread to the support team: by the every-minute sweep, by the asker's
"I still need help from the support team", and by super users and staff with a note.

At most one open escalation per thread: a second escalation adds its reasons to the open
one. ``escalate`` locks the thread's row, and a partial unique constraint
(``escalation_one_open_per_thread``) catches what a lock cannot (two first inserts), so
two sweeps at once still leave one escalation.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from community.audit import record_action
from community.escalation.business_time import NoBusinessHours, add_business_minutes
from community.escalation.events import record_event
from community.escalation.targets import solution_due, targets_for
from community.i18n import in_every_language
from community.markdown import render_markdown
from community.models import (
    AuditAction,
    Escalation,
    EscalationEventKind,
    EscalationReason,
    InternalNote,
    Member,
    NotificationKind,
    Priority,
    Thread,
    ThreadKind,
)
from community.permissions import (
    check_escalate_thread_permission,
    check_request_support_permission,
)
from community.services.notices import notify
from community.signals import thread_escalated

MAX_NOTE_LENGTH = 5000

# Reasons that make an escalation more urgent than the question's own triage, with the
# explanation kept in the escalation's priority_reasons (stored in English like the triage's,
# shown in the reader's language).
OUTAGE = {
    "code": "outage",
    "text": gettext_noop("Many members have the same problem: a likely outage"),
}
PERSONAL_DATA = {"code": "personal_data", "text": gettext_noop("A post holds personal data")}
RAISING_REASONS = {
    EscalationReason.ME_TOO: (Priority.URGENT, OUTAGE),
    EscalationReason.PERSONAL_DATA: (Priority.HIGH, PERSONAL_DATA),
}


def _raised_priority(priority: int, explanation: list, reasons: list[str]) -> tuple[int, list]:
    """`priority` and its `explanation` raised for the `reasons` that demand it."""
    explanation = list(explanation or [])
    codes = {item.get("code") for item in explanation if isinstance(item, dict)}
    for reason in reasons:
        if reason not in RAISING_REASONS:
            continue
        at_least, why = RAISING_REASONS[reason]
        if priority > at_least:
            priority = int(at_least)
        if why["code"] not in codes:
            explanation.append(dict(why))
            codes.add(why["code"])
    return priority, explanation


def _due_times(thread: Thread, now: datetime) -> tuple[datetime | None, datetime | None]:
    """The support team's first response is due a first-response target after `now`;
    the solution when the question's own solution target ends, or, when that has passed,
    a first-response target after `now`. None when the team has no business hours."""
    targets = targets_for(thread.space)
    try:
        first_response = add_business_minutes(now, targets.first_response, targets.schedule)
        solution = solution_due(thread, targets)
    except NoBusinessHours:
        return None, None
    if solution <= now:
        solution = first_response
    return first_response, solution


def _clean_reasons(reasons) -> list[str]:
    return [EscalationReason(reason).value for reason in dict.fromkeys(reasons)]


def escalate(
    *,
    thread: Thread,
    reasons: list[str],
    by: Member | None = None,
    note: str = "",
    now: datetime | None = None,
) -> Escalation | None:
    """Hand `thread` to the support team for `reasons` (EscalationReason values).

    Opens an escalation (status new), or adds the reasons that are new to the thread's
    open one; never a second open one. Returns None when nothing changed: every reason was
    there already, or the thread is not a question (any more), or is deleted or merged.
    `by` is the member who escalated (None: the system); their `note` becomes the first
    internal note. Locks the thread's row; safe against a concurrent call for the same
    thread (the loser adds to the winner's escalation). Emits ``thread_escalated``.
    """
    reasons = _clean_reasons(reasons)
    if not reasons:
        return None
    now = now or timezone.now()
    with transaction.atomic():
        try:
            with transaction.atomic():  # a savepoint: the constraint may refuse the insert
                return _escalate(thread=thread, reasons=reasons, by=by, note=note, now=now)
        except IntegrityError:
            # Another connection opened the thread's escalation between our read and insert
            # (possible where rows are not locked): add to it instead.
            return _escalate(thread=thread, reasons=reasons, by=by, note=note, now=now)


def _escalate(*, thread, reasons, by, note, now) -> Escalation | None:
    # The thread's row only (of=self): locking its space would queue every escalation in it.
    current = (
        Thread.objects.select_for_update(no_key=True, of=("self",))
        .select_related("space")
        .filter(pk=thread.pk)
        .first()
    )
    if (
        current is None
        or current.kind != ThreadKind.QUESTION
        or current.deleted_at is not None
        or current.merged_into_id is not None
    ):
        return None
    escalation = Escalation.objects.open().filter(thread=current).first()
    created = escalation is None
    if created:
        added = reasons
        priority, explanation = _raised_priority(current.priority, current.priority_reasons, added)
        first_response_due_at, solution_due_at = _due_times(current, now)
        escalation = Escalation.objects.create(
            thread=current,
            reasons=added,
            priority=priority,
            priority_reasons=explanation,
            escalated_by=by,
            created_at=now,
            first_response_due_at=first_response_due_at,
            solution_due_at=solution_due_at,
        )
    else:
        added = [reason for reason in reasons if reason not in escalation.reasons]
        if not added:
            return None
        escalation.reasons = [*escalation.reasons, *added]
        escalation.priority, escalation.priority_reasons = _raised_priority(
            escalation.priority, escalation.priority_reasons, added
        )
        escalation.save(update_fields=["reasons", "priority", "priority_reasons"])
    note = (note or "").strip()
    if note and by is not None:
        InternalNote.objects.create(
            escalation=escalation,
            author=by,
            body=note,
            body_html=render_markdown(note),
            created_at=now,
        )
    record_event(
        escalation=escalation,
        kind=EscalationEventKind.CREATED if created else EscalationEventKind.REASON_ADDED,
        by=by,
        data={"reasons": added, "priority": escalation.priority},
        now=now,
    )
    if by is not None:
        record_action(actor=by, action=AuditAction.ESCALATE_THREAD, target=current, reasons=added)
    _tell_people(escalation=escalation, thread=current, added=added, created=created, by=by)
    thread_escalated.send(
        sender=Escalation, escalation=escalation, reasons=added, created=created, by=by
    )
    escalation.added_reasons = added  # what this call changed, for the sweep's counts
    return escalation


def _tell_people(*, escalation, thread, added, created, by) -> None:
    """The notification centre: every staff member (counted up per escalation), and the
    asker when the support team takes over. E-mail to the team goes with the escalation's
    events (``record_event``)."""
    from community.services.cases import support_team

    text = in_every_language(
        gettext_noop("“%(title)s” was escalated to the support team"), title=thread.title
    )
    for member in support_team():
        notify(
            member=member, kind=NotificationKind.ESCALATED, actor=by, thread=thread,
            url=thread.get_absolute_url(), data={"text": text, "reasons": added},
            group_key=f"escalation:{escalation.pk}",
        )  # fmt: skip
    if created:
        notify(
            member=thread.author, kind=NotificationKind.ESCALATED, actor=by, thread=thread,
            url=thread.get_absolute_url(),
            data={"text": in_every_language(
                gettext_noop("Our support team is looking into your question “%(title)s”"),
                title=thread.title,
            )},
        )  # fmt: skip


# --- by hand --------------------------------------------------------------------------------


def request_support(*, thread: Thread, by: Member) -> Escalation | None:
    """The asker's "I still need help from the support team" (reason ASKER). Raises
    PermissionDenied with the reason when they may not (see the permission rule)."""
    check_request_support_permission(member=by, thread=thread)
    return escalate(thread=thread, reasons=[EscalationReason.ASKER], by=by)


def escalate_by_hand(*, thread: Thread, by: Member, note: str) -> Escalation | None:
    """A super user or staff member escalates `thread` with a note for the support team
    (reason MANUAL). Raises ValidationError (code "note") for an empty or too long note,
    PermissionDenied for members who may not. None when it was escalated by hand already."""
    check_escalate_thread_permission(member=by, thread=thread)
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Tell the support team why this question needs them."), code="note")
    if len(note) > MAX_NOTE_LENGTH:
        raise ValidationError(
            _("Keep the note under %(count)s characters.") % {"count": MAX_NOTE_LENGTH},
            code="note",
        )
    return escalate(thread=thread, reasons=[EscalationReason.MANUAL], by=by, note=note)
