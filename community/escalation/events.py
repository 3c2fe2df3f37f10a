"""An escalation's timeline: every change is an EscalationEvent, written in the change's
transaction, and handed off to the support team (e-mail) and the webhooks from there.

``record_event`` is the one entry point. In the caller's transaction it writes the event
and one WebhookDelivery per subscribed webhook (the deliveries' durable outbox); after
commit the outbox (community.outbox) hands the worker a task that e-mails the support team
and one task per delivery. A broker outage delays them: the outbox's sweeper and the
deliveries' own sweeper (community.escalation.webhooks) send them when it is back.
"""

from django.db import transaction
from django.utils import timezone

from community.escalation.webhooks import queue_deliveries
from community.models import Escalation, EscalationEvent, Member
from community.outbox import enqueue

TEAM_MAIL_TASK = "community.email_escalation_event"


def record_event(
    *,
    escalation: Escalation,
    kind: str,
    by: Member | None = None,
    data: dict | None = None,
    now=None,
) -> EscalationEvent:
    """Append `kind` (an EscalationEventKind value) to `escalation`'s timeline. `data` is
    plain JSON about the change, never personal data: it goes to e-mails and webhooks.

    Call it after the change is saved on `escalation` (the webhooks' body describes the
    escalation as it is now), inside the change's transaction."""
    with transaction.atomic():
        event = EscalationEvent.objects.create(
            escalation=escalation,
            kind=kind,
            actor=by,
            data=dict(data or {}),
            created_at=now or timezone.now(),
        )
        queue_deliveries(event=event)
        enqueue(TEAM_MAIL_TASK, {"event_id": event.pk})
    return event
