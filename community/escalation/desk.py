"""The support desk's work on an escalation: claim, assign, status, priority, notes, the
helpdesk ticket, the private conversation with the customer, and the resolution.

Every service locks the escalation's row, writes an EscalationEvent through
``record_event`` (the hand-off to e-mail and webhooks listens there) and sends
``escalation_changed``; resolving sends ``escalation_resolved``. `by` is the acting staff
member, or None for the system and the helpdesk (community.escalation.inbound).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from community.audit import record_action
from community.escalation.events import record_event
from community.i18n import in_every_language
from community.markdown import render_markdown
from community.models import (
    AuditAction,
    Escalation,
    EscalationEvent,
    EscalationEventKind,
    EscalationStatus,
    InternalNote,
    Member,
    NotificationKind,
    Priority,
    SatisfactionSurvey,
    SupportCase,
)
from community.outbox import enqueue
from community.permissions import can
from community.services.notices import notify
from community.signals import escalation_changed, escalation_resolved

MAX_TICKET_ID_LENGTH = 100
MAX_NOTE_LENGTH = 20_000
MAX_PRIORITY_REASON_LENGTH = 200

# Where staff may move an escalation by hand; "resolved" only through resolve().
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    EscalationStatus.NEW: frozenset({EscalationStatus.ACKNOWLEDGED, EscalationStatus.IN_PROGRESS}),
    EscalationStatus.ACKNOWLEDGED: frozenset(
        {EscalationStatus.IN_PROGRESS, EscalationStatus.WAITING_ON_CUSTOMER}
    ),
    EscalationStatus.IN_PROGRESS: frozenset({EscalationStatus.WAITING_ON_CUSTOMER}),
    EscalationStatus.WAITING_ON_CUSTOMER: frozenset({EscalationStatus.IN_PROGRESS}),
    EscalationStatus.RESOLVED: frozenset(),
}


def allowed_statuses(escalation: Escalation) -> list[str]:
    """The statuses staff may move `escalation` to by hand, in workflow order."""
    allowed = ALLOWED_TRANSITIONS.get(escalation.status, frozenset())
    return [value for value in EscalationStatus.values if value in allowed]


def _check_actor(by: Member | None) -> None:
    """Staff work escalations; None is the system or the helpdesk."""
    if by is not None and not can(by, "community.work_escalations"):
        raise PermissionDenied(_("Only the support team works on escalations."))


def _lock(escalation: Escalation) -> Escalation:
    """The escalation's row, locked, with its thread; the caller's copy is refreshed too."""
    current = (
        Escalation.objects.select_for_update(of=("self",))
        .select_related("thread")
        .get(pk=escalation.pk)
    )
    return current


def _sync(target: Escalation, current: Escalation) -> None:
    """Copy the changed row into the caller's instance, so it sees what was written."""
    for field in Escalation._meta.concrete_fields:
        setattr(target, field.attname, getattr(current, field.attname))


def _event(
    escalation: Escalation, kind: str, *, by: Member | None, data: dict, now
) -> EscalationEvent:
    event = record_event(escalation=escalation, kind=kind, by=by, data=data, now=now)
    escalation_changed.send(sender=Escalation, escalation=escalation, event=event, by=by)
    return event


def _check_open(escalation: Escalation) -> None:
    if not escalation.is_open:
        raise ValidationError(_("This escalation is resolved already."), code="resolved")


def _set_status(escalation: Escalation, status: str, *, by: Member | None, now) -> None:
    """Move to `status` (checked by the caller), with its event."""
    old = escalation.status
    escalation.status = status
    fields = ["status"]
    if escalation.acknowledged_at is None and status != EscalationStatus.NEW:
        escalation.acknowledged_at = now
        fields.append("acknowledged_at")
    escalation.save(update_fields=fields)
    _event(escalation, EscalationEventKind.STATUS_CHANGED, by=by,
           data={"from": old, "to": status}, now=now)  # fmt: skip


def _set_assignee(escalation: Escalation, assignee: Member | None, *, by: Member | None, now):
    old = escalation.assignee_id
    escalation.assignee = assignee
    escalation.save(update_fields=["assignee"])
    _event(escalation, EscalationEventKind.ASSIGNED, by=by,
           data={"from": old, "to": assignee.pk if assignee else None}, now=now)  # fmt: skip


@transaction.atomic
def claim(*, escalation: Escalation, by: Member) -> Escalation:
    """`by` takes `escalation` on: assigned to them; a new one becomes acknowledged."""
    _check_actor(by)
    if by is None:
        raise PermissionDenied(_("Only the support team works on escalations."))
    current = _lock(escalation)
    _check_open(current)
    now = timezone.now()
    if current.assignee_id != by.pk:
        _set_assignee(current, by, by=by, now=now)
    if current.status == EscalationStatus.NEW:
        _set_status(current, EscalationStatus.ACKNOWLEDGED, by=by, now=now)
    _sync(escalation, current)
    return escalation


@transaction.atomic
def assign(*, escalation: Escalation, assignee: Member | None, by: Member | None) -> Escalation:
    """Give `escalation` to `assignee` (a staff member), or to nobody (None)."""
    _check_actor(by)
    if assignee is not None and not (assignee.is_staff and assignee.is_active):
        raise ValidationError(
            _("Escalations can only be assigned to members of the support team."),
            code="not_staff",
        )
    current = _lock(escalation)
    _check_open(current)
    if current.assignee_id != (assignee.pk if assignee else None):
        _set_assignee(current, assignee, by=by, now=timezone.now())
    _sync(escalation, current)
    return escalation


@transaction.atomic
def change_status(*, escalation: Escalation, status: str, by: Member | None) -> Escalation:
    """Move `escalation` along new → acknowledged → in progress ⇄ waiting on customer.
    Resolving goes through :func:`resolve`; the same status again changes nothing."""
    _check_actor(by)
    if status not in EscalationStatus.values:
        raise ValidationError(_("Unknown status."), code="invalid")
    current = _lock(escalation)
    _check_open(current)
    if status == current.status:
        _sync(escalation, current)
        return escalation
    if status == EscalationStatus.RESOLVED:
        raise ValidationError(
            _("Resolve an escalation with a resolution note, not by its status."),
            code="resolve",
        )
    if status not in ALLOWED_TRANSITIONS[current.status]:
        raise ValidationError(
            _("An escalation cannot go from “%(from)s” to “%(to)s”."),
            params={"from": current.get_status_display(), "to": EscalationStatus(status).label},
            code="transition",
        )
    _set_status(current, status, by=by, now=timezone.now())
    _sync(escalation, current)
    return escalation


@transaction.atomic
def change_priority(
    *, escalation: Escalation, priority: int, by: Member | None, reason: str = ""
) -> Escalation:
    """Set `escalation`'s priority; "set by <name>: <reason>" joins its priority reasons.
    A person's change is audited."""
    _check_actor(by)
    try:
        priority = Priority(int(priority))
    except (TypeError, ValueError):
        raise ValidationError(_("Unknown priority."), code="invalid") from None
    reason = " ".join((reason or "").split())[:MAX_PRIORITY_REASON_LENGTH]
    current = _lock(escalation)
    _check_open(current)
    if current.priority == priority:
        _sync(escalation, current)
        return escalation
    old = current.priority
    name = by.public_name if by is not None else _("the helpdesk")
    text = _("set by %(name)s") % {"name": name}
    if reason:
        text = f"{text}: {reason}"
    current.priority = priority
    current.priority_reasons = [*current.priority_reasons, {"code": "staff", "text": text}]
    current.save(update_fields=["priority", "priority_reasons"])
    now = timezone.now()
    if by is not None:
        record_action(actor=by, action=AuditAction.CHANGE_PRIORITY, target=current,
                      reason=reason, **{"from": int(old), "to": int(priority)})  # fmt: skip
    _event(current, EscalationEventKind.PRIORITY_CHANGED, by=by,
           data={"from": int(old), "to": int(priority)}, now=now)  # fmt: skip
    _sync(escalation, current)
    return escalation


@transaction.atomic
def add_note(*, escalation: Escalation, by: Member, body: str) -> InternalNote:
    """An internal note on `escalation`, for the support team's eyes only (Markdown)."""
    _check_actor(by)
    if by is None:
        raise PermissionDenied(_("Only the support team works on escalations."))
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write a note first."), code="required")
    if len(body) > MAX_NOTE_LENGTH:
        raise ValidationError(
            _("A note can have at most %(max)s characters."),
            params={"max": MAX_NOTE_LENGTH},
            code="max_length",
        )
    current = _lock(escalation)
    now = timezone.now()
    note = InternalNote.objects.create(
        escalation=current, author=by, body=body, body_html=render_markdown(body), created_at=now
    )
    _event(current, EscalationEventKind.NOTE_ADDED, by=by, data={"note_id": note.pk}, now=now)
    return note


@transaction.atomic
def link_ticket(*, escalation: Escalation, ticket_id: str, by: Member | None) -> Escalation:
    """Remember the helpdesk's own ticket id for `escalation` (empty: unlink)."""
    _check_actor(by)
    ticket_id = (ticket_id or "").strip()
    if len(ticket_id) > MAX_TICKET_ID_LENGTH:
        raise ValidationError(
            _("A ticket id can have at most %(max)s characters."),
            params={"max": MAX_TICKET_ID_LENGTH},
            code="max_length",
        )
    current = _lock(escalation)
    if current.external_ticket_id != ticket_id:
        old = current.external_ticket_id
        current.external_ticket_id = ticket_id
        current.save(update_fields=["external_ticket_id"])
        _event(current, EscalationEventKind.TICKET_LINKED, by=by,
               data={"from": old, "to": ticket_id}, now=timezone.now())  # fmt: skip
    _sync(escalation, current)
    return escalation


@transaction.atomic
def open_private_channel(*, escalation: Escalation, by: Member, body: str) -> SupportCase:
    """Start a private conversation with the thread's asker about `escalation`, with `by`'s
    first message; the customer finds it in the notification centre and by e-mail."""
    from community.services.cases import open_case_for_member

    _check_actor(by)
    if by is None:
        raise PermissionDenied(_("Only the support team works on escalations."))
    current = _lock(escalation)
    _check_open(current)
    if current.case_id is not None:
        raise ValidationError(
            _("This escalation has a private conversation already."), code="exists"
        )
    thread = current.thread
    case = open_case_for_member(member=thread.author, by=by, body=body, thread=thread)
    now = timezone.now()
    current.case = case
    fields = ["case"]
    if current.first_staff_response_at is None:
        current.first_staff_response_at = now
        fields.append("first_staff_response_at")
    current.save(update_fields=fields)
    _event(current, EscalationEventKind.STAFF_REPLIED, by=by, data={"case_id": case.pk}, now=now)
    _sync(escalation, current)
    return case


def record_case_reply(*, case: SupportCase, by: Member, message_id: int) -> Escalation | None:
    """A message in `case` (inside reply_to_case's transaction): the linked escalation, if
    any, notes who replied; a customer's reply brings a waiting escalation back to work."""
    escalation_id = Escalation.objects.filter(case_id=case.pk).values_list("pk", flat=True).first()
    if escalation_id is None:
        return None
    current = Escalation.objects.select_for_update(of=("self",)).get(pk=escalation_id)
    now = timezone.now()
    if by.pk == case.author_id:
        _event(current, EscalationEventKind.CUSTOMER_REPLIED, by=by,
               data={"case_id": case.pk, "message_id": message_id}, now=now)  # fmt: skip
        if current.status == EscalationStatus.WAITING_ON_CUSTOMER:
            _set_status(current, EscalationStatus.IN_PROGRESS, by=None, now=now)
    else:
        if current.first_staff_response_at is None:
            current.first_staff_response_at = now
            current.save(update_fields=["first_staff_response_at"])
        _event(current, EscalationEventKind.STAFF_REPLIED, by=by,
               data={"case_id": case.pk, "message_id": message_id}, now=now)  # fmt: skip
    return current


def record_staff_answer(*, post, by: Member) -> Escalation | None:
    """A staff member answered in public (inside post_answer's transaction): the thread's
    open escalation got its first staff response, if it had none."""
    escalation_id = (
        Escalation.objects.open()
        .filter(thread_id=post.thread_id, first_staff_response_at__isnull=True)
        .values_list("pk", flat=True)
        .first()
    )
    if escalation_id is None:
        return None
    current = Escalation.objects.select_for_update(of=("self",)).get(pk=escalation_id)
    if current.first_staff_response_at is not None:
        return current
    now = timezone.now()
    current.first_staff_response_at = now
    current.save(update_fields=["first_staff_response_at"])
    _event(current, EscalationEventKind.STAFF_REPLIED, by=by, data={"post_id": post.pk}, now=now)
    return current


def _survey_texts() -> dict[str, str]:
    return in_every_language(gettext_noop("How did the support team do? Tell us in one click."))


@transaction.atomic
def resolve(
    *,
    escalation: Escalation,
    by: Member,
    note: str,
    mark_solution: bool = False,
    contact_confirmed: bool = False,
) -> Escalation:
    """Close `escalation`: `note` is posted on the thread as the support team's official
    answer (and its solution, with `mark_solution`); the customer is asked for a rating
    (notification centre and e-mail). Audited. Emits ``escalation_resolved``.

    The note is public: personal data in it raises PersonalDataFound as any answer does
    (`contact_confirmed`: its e-mail addresses and phone numbers are the company's)."""
    from community.escalation.surveys import survey_path
    from community.services.posts import post_answer
    from community.services.solutions import accept_answer

    _check_actor(by)
    if by is None:
        raise PermissionDenied(_("Only the support team works on escalations."))
    current = _lock(escalation)
    _check_open(current)
    thread = current.thread
    if thread.deleted_at is not None:
        raise ValidationError(_("The thread was deleted; there is nowhere to answer."))
    post = post_answer(thread=thread, author=by, body=note, contact_confirmed=contact_confirmed)
    if mark_solution:
        accept_answer(answer=post, by=by)
    current.refresh_from_db(fields=["first_staff_response_at"])
    now = timezone.now()
    old = current.status
    current.status = EscalationStatus.RESOLVED
    current.resolved_at = now
    current.resolution_note = post.body
    current.resolution_post = post
    current.save(update_fields=["status", "resolved_at", "resolution_note", "resolution_post"])
    record_action(actor=by, action=AuditAction.RESOLVE_ESCALATION, target=current)
    record_event(escalation=current, kind=EscalationEventKind.RESOLVED, by=by,
                 data={"from": old, "post_id": post.pk, "solution": bool(mark_solution)},
                 now=now)  # fmt: skip
    survey = SatisfactionSurvey.objects.create(
        escalation=current, member=thread.author, agent=by, sent_at=now
    )
    # No thread= on purpose: the notification centre would link the thread instead.
    notify(member=thread.author, kind=NotificationKind.SURVEY, actor=by,
           url=survey_path(survey), data={"text": _survey_texts()})  # fmt: skip
    enqueue("community.send_survey", {"survey_id": survey.pk})
    escalation_resolved.send(sender=Escalation, escalation=current, post=post, by=by)
    _sync(escalation, current)
    return escalation
