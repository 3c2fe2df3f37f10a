"""The versioned JSON envelope every webhook delivery carries (documented in docs/webhooks.md).

It says what happened to an escalation and where to look, never who the customer is: no
e-mail addresses, no text of the private conversation, no internal note text. People appear
by their public name only, as they do on the site.
"""

from datetime import UTC, datetime

from community.models import Escalation, EscalationEvent, Member
from community.site import absolute_url

ENVELOPE_VERSION = 1
# Keys of an event's data that could hold text people typed; never sent, whatever a caller
# of record_event put there (its data is documented as plain facts, this is the safety net).
TEXT_KEYS = frozenset({"body", "text", "note", "comment", "message", "email", "resolution"})


def escalation_path(escalation: Escalation) -> str:
    """The escalation's page on the support desk."""
    return escalation.get_absolute_url()


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z") if moment else None


def _public_name(member: Member | None) -> str | None:
    return member.public_name if member is not None else None


def _space(thread) -> dict | None:
    space = thread.space
    if space is None:
        return None
    return {"id": space.pk, "slug": space.slug, "name": space.name_en}


def event_data(data: dict) -> dict:
    """The event's own facts without any key that could carry typed text."""
    return {key: value for key, value in (data or {}).items() if key not in TEXT_KEYS}


def build_envelope(*, event: EscalationEvent, message_id: str) -> dict:
    """The body of one delivery of `event`: fixed for the delivery's life (every retry sends
    the same bytes under the same message id)."""
    escalation = event.escalation
    thread = escalation.thread
    return {
        "type": event.kind,
        "version": ENVELOPE_VERSION,
        "id": message_id,
        "timestamp": _iso(event.created_at),
        "data": {
            "escalation": {
                "id": escalation.pk,
                "url": absolute_url(escalation_path(escalation)),
                "status": escalation.status,
                "priority": escalation.priority,
                "reasons": list(escalation.reasons),
                "assignee": _public_name(escalation.assignee),
                "external_ticket_id": escalation.external_ticket_id,
                "created_at": _iso(escalation.created_at),
                "first_response_due_at": _iso(escalation.first_response_due_at),
                "solution_due_at": _iso(escalation.solution_due_at),
            },
            "thread": {
                "id": thread.pk,
                "title": thread.title,
                "url": absolute_url(thread.get_absolute_url()),
                "space": _space(thread),
                "language": thread.language,
            },
            "event": {
                "id": event.pk,
                "kind": event.kind,
                "by": _public_name(event.actor),
                "data": event_data(event.data),
            },
        },
    }
