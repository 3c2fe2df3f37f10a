"""An escalation's timeline: every change is an EscalationEvent, written in the change's
transaction, and handed off to the support team (e-mail) and the webhooks from there."""

from django.utils import timezone

from community.models import Escalation, EscalationEvent, Member


def record_event(
    *,
    escalation: Escalation,
    kind: str,
    by: Member | None = None,
    data: dict | None = None,
    now=None,
) -> EscalationEvent:
    """Append `kind` (an EscalationEventKind value) to `escalation`'s timeline. `data` is
    plain JSON about the change, never personal data: it goes to e-mails and webhooks."""
    return EscalationEvent.objects.create(
        escalation=escalation,
        kind=kind,
        actor=by,
        data=dict(data or {}),
        created_at=now or timezone.now(),
    )
