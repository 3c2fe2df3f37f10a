"""The demo's webhook to a helpdesk, with a delivery history staff can browse at
/support/webhooks/: most events delivered at once, some after retries, one given up.

The webhook points to an example.invalid address and is switched off, so nothing is ever
sent from a demo site (the sweeper leaves a switched-off webhook alone). Call after the
escalations are seeded; it does nothing when there are none, or when it ran before.
"""

from datetime import datetime, timedelta

from community.escalation.payloads import build_envelope
from community.escalation.webhooks import RETRY_WINDOW, new_secret, retry_delay
from community.models import (
    DeliveryState,
    Escalation,
    EscalationEvent,
    EscalationEventKind,
    Webhook,
    WebhookAttempt,
    WebhookDelivery,
)

DEMO_WEBHOOK_NAME = "Demo helpdesk (example, switched off)"
DEMO_WEBHOOK_URL = "https://helpdesk.example.invalid/hooks/peerdesk"
MAX_DELIVERIES = 24


def _events(now: datetime) -> list[EscalationEvent]:
    """The escalations' recorded events, oldest first; an escalation without any (rows the
    demo wrote directly) is described by its creation, as record_event would have."""
    events = list(
        EscalationEvent.objects.filter(created_at__lte=now)
        .select_related("escalation__thread__space", "escalation__assignee", "actor")
        .order_by("created_at", "pk")[:MAX_DELIVERIES]
    )
    if events:
        return events
    escalations = Escalation.objects.filter(created_at__lte=now).select_related(
        "thread__space", "assignee"
    )
    return [
        EscalationEvent(
            escalation=escalation,
            kind=EscalationEventKind.CREATED,
            data={"reasons": list(escalation.reasons)},
            created_at=escalation.created_at,
        )
        for escalation in escalations.order_by("created_at", "pk")[:MAX_DELIVERIES]
    ]


def _attempt(delivery, at, status, error="", duration=180):
    WebhookAttempt.objects.create(
        delivery=delivery, attempted_at=at, status_code=status, error=error, duration_ms=duration
    )


def seed_webhooks(*, now: datetime) -> int:
    """Create the demo webhook and one delivery per seeded escalation event. Returns how
    many deliveries were written."""
    if Webhook.objects.filter(name=DEMO_WEBHOOK_NAME).exists():
        return 0
    events = _events(now)
    if not events:
        return 0
    webhook = Webhook.objects.create(
        name=DEMO_WEBHOOK_NAME, url=DEMO_WEBHOOK_URL, secrets=new_secret(), is_active=False
    )
    # The oldest event that is old enough to have used up its retries is the one given up.
    given_up = next(
        (e for e in events if now - e.created_at >= RETRY_WINDOW + timedelta(hours=8)), None
    )
    for number, event in enumerate(events):
        start = event.created_at
        message_id = f"msg_demo{webhook.pk:04d}{number:04d}{(event.pk or 0):08d}"
        delivery = WebhookDelivery.objects.create(
            webhook=webhook,
            message_id=message_id,
            event_type=event.kind,
            payload=build_envelope(event=event, message_id=message_id),
            created_at=start,
        )
        if event is given_up:
            at, attempts = start, 0
            while True:
                attempts += 1
                _attempt(delivery, at, 502, "Bad Gateway", duration=30 + attempts)
                if at - start >= RETRY_WINDOW:
                    break
                at += retry_delay(attempts)
            fields = {"state": DeliveryState.FAILED, "last_status_code": 502,
                      "last_error": "Bad Gateway"}  # fmt: skip
        elif number % 4 == 3:  # the helpdesk was briefly away: retried, then delivered
            _attempt(delivery, start, 503, "Service Unavailable", duration=95)
            _attempt(
                delivery, start + retry_delay(1), None,
                "ConnectionError: [Errno 111] Connection refused", duration=4,
            )  # fmt: skip
            at = start + retry_delay(1) + retry_delay(2)
            _attempt(delivery, at, 200, duration=210)
            attempts = 3
            fields = {"state": DeliveryState.DELIVERED, "delivered_at": at,
                      "last_status_code": 200}  # fmt: skip
        else:
            _attempt(delivery, start, 204, duration=120 + number * 7 % 90)
            attempts = 1
            fields = {"state": DeliveryState.DELIVERED, "delivered_at": start,
                      "last_status_code": 204}  # fmt: skip
        WebhookDelivery.objects.filter(pk=delivery.pk).update(attempts=attempts, **fields)
    return len(events)
