"""Every escalation event to the support team by e-mail, in each member's own language.

Called by the worker (the ``community.email_escalation_event`` task) after the change was
committed. One e-mail per staff member and event (a SentNotification row makes a second run
send nothing); the member who made the change is not told about it. The e-mail says what
changed and links to the desk; it quotes no private text (notes, the private conversation).
There is no e-mail preference for these: they are the support team's work queue.
"""

from django.utils import translation
from django.utils.translation import gettext as _

from community.escalation.payloads import escalation_path
from community.models import (
    EscalationEvent,
    EscalationEventKind,
    EscalationReason,
    EscalationStatus,
    Member,
    Priority,
)
from community.site import absolute_url

TEMPLATE = "community/email/escalation_event"


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def _reasons(codes) -> str:
    return ", ".join(_label(EscalationReason, code) for code in codes or ())


def _member_name(value) -> str:
    """A member given by id (or already by name) as their public name."""
    if isinstance(value, int):
        member = Member.objects.filter(pk=value).first()
        return member.public_name if member else "?"
    return str(value)


def describe_change(event: EscalationEvent) -> str:
    """One sentence on what `event` changed, in the active language."""
    data = event.data or {}
    escalation = event.escalation
    actor = event.actor.public_name if event.actor else None
    kind = event.kind
    if kind == EscalationEventKind.CREATED:
        reasons = _reasons(data.get("reasons") or escalation.reasons)
        if actor:
            return _("%(name)s escalated the thread to the support team. Why: %(reasons)s.") % {
                "name": actor,
                "reasons": reasons,
            }
        return _("The thread was escalated to the support team. Why: %(reasons)s.") % {
            "reasons": reasons
        }
    if kind == EscalationEventKind.REASON_ADDED:
        return _("Another reason to escalate: %(reasons)s.") % {
            "reasons": _reasons(data.get("reasons") or escalation.reasons[-1:])
        }
    if kind == EscalationEventKind.PRIORITY_CHANGED and "to" in data:
        return _("Priority changed from %(old)s to %(new)s.") % {
            "old": _label(Priority, data.get("from")),
            "new": _label(Priority, data["to"]),
        }
    if kind == EscalationEventKind.STATUS_CHANGED and "to" in data:
        return _("Status changed from %(old)s to %(new)s.") % {
            "old": _label(EscalationStatus, data.get("from")),
            "new": _label(EscalationStatus, data["to"]),
        }
    if kind == EscalationEventKind.ASSIGNED:
        assignee = data.get("to", escalation.assignee_id)
        if assignee in (None, ""):
            return _("Nobody is assigned any more.")
        return _("Assigned to %(name)s.") % {"name": _member_name(assignee)}
    if kind == EscalationEventKind.NOTE_ADDED:
        return _("%(name)s added an internal note.") % {"name": actor or _("The system")}
    if kind == EscalationEventKind.CUSTOMER_REPLIED:
        return _("The customer replied in the private conversation.")
    if kind == EscalationEventKind.STAFF_REPLIED:
        return _("%(name)s replied to the customer in the private conversation.") % {
            "name": actor or _("The support team")
        }
    if kind == EscalationEventKind.TICKET_LINKED:
        ticket = data.get("to") or data.get("ticket_id") or escalation.external_ticket_id
        return _("Linked to helpdesk ticket %(ticket)s.") % {"ticket": ticket}
    if kind == EscalationEventKind.RESOLVED:
        if actor:
            return _("%(name)s resolved the escalation.") % {"name": actor}
        return _("The escalation was resolved.")
    if kind == EscalationEventKind.SURVEY_ANSWERED and data.get("score"):
        return _("The customer rated the support %(score)s out of 5.") % {"score": data["score"]}
    return _label(EscalationEventKind, kind)


def email_context(event: EscalationEvent, member: Member) -> dict:
    """What the e-mail templates read, the change told in `member`'s language."""
    escalation = event.escalation
    with translation.override(member.locale):
        change = describe_change(event)
        reasons = _reasons(escalation.reasons)
    return {
        "event": event,
        "escalation": escalation,
        "thread": escalation.thread,
        "url": absolute_url(escalation_path(escalation)),
        "thread_url": absolute_url(escalation.thread.get_absolute_url()),
        "change": change,
        "reasons": reasons,
    }


def send_event_emails(*, event_id: int) -> int:
    """E-mail the support team (not the actor) about event `event_id`. Returns how many
    e-mails were queued; 0 when the event is gone or everybody was told already."""
    from community.services.cases import support_team
    from community.services.notifications import _send as send_notification_email

    event = (
        EscalationEvent.objects.select_related(
            "actor", "escalation__thread__space", "escalation__assignee"
        )
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        return 0
    sent = 0
    for member in support_team():
        if member.pk == event.actor_id:
            continue  # their own change
        sent += send_notification_email(
            member=member,
            key=f"escalation-event:{event.pk}",
            template=TEMPLATE,
            context=email_context(event, member),
            follow=None,
        )
    return sent
