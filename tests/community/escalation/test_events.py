"""record_event: the event, its webhook deliveries (their durable outbox) and the tasks,
all in the caller's transaction, with a versioned envelope that carries no personal data."""

import json
from datetime import UTC, datetime

import pytest
import time_machine
from django.db import transaction

from community.escalation.events import record_event
from community.models import (
    EscalationEvent,
    EscalationEventKind,
    OutboxMessage,
    Webhook,
    WebhookDelivery,
)
from tests.factories import MemberFactory, StaffFactory, make_escalation, make_thread

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_record_event_writes_a_delivery_per_active_subscribed_webhook_and_the_tasks(db, secret):
    everything = Webhook.objects.create(name="All", url="https://a.example.com/", secrets=secret)
    resolved_only = Webhook.objects.create(
        name="Resolved", url="https://b.example.com/", secrets=secret,
        event_types=[EscalationEventKind.RESOLVED],
    )  # fmt: skip
    Webhook.objects.create(
        name="Off", url="https://c.example.com/", secrets=secret, is_active=False
    )
    escalation = make_escalation()

    with time_machine.travel(START, tick=False):
        event = record_event(
            escalation=escalation,
            kind=EscalationEventKind.PRIORITY_CHANGED,
            data={"from": 3, "to": 1},
        )
        record_event(escalation=escalation, kind=EscalationEventKind.RESOLVED)

    assert (event.kind, event.data, event.created_at) == (
        "escalation.priority_changed",
        {"from": 3, "to": 1},
        START,
    )
    deliveries = list(WebhookDelivery.objects.order_by("pk"))
    assert [(d.webhook, d.event_type) for d in deliveries] == [
        (everything, "escalation.priority_changed"),
        (everything, "escalation.resolved"),
        (resolved_only, "escalation.resolved"),
    ]
    first = deliveries[0]
    assert first.message_id.startswith("msg_") and len(first.message_id) == 36
    assert (first.state, first.attempts, first.created_at, first.next_attempt_at) == (
        "pending",
        0,
        START,
        START,
    )
    assert len({d.message_id for d in deliveries}) == 3
    tasks = list(OutboxMessage.objects.order_by("pk").values_list("task_name", "kwargs"))
    assert ("community.deliver_webhook", {"delivery_id": first.pk}) in tasks
    assert ("community.email_escalation_event", {"event_id": event.pk}) in tasks
    assert [
        name for name, _ in tasks if name.startswith("community.deliver_webhook")
    ].__len__() == 3


def test_record_event_leaves_nothing_when_the_change_rolls_back(webhook):
    escalation = make_escalation()
    with pytest.raises(RuntimeError), transaction.atomic():
        record_event(escalation=escalation, kind=EscalationEventKind.ASSIGNED)
        raise RuntimeError("the change failed")
    assert not EscalationEvent.objects.exists()
    assert not WebhookDelivery.objects.exists()
    assert not OutboxMessage.objects.filter(task_name__contains="escalation").exists()


def test_envelope_is_versioned_and_describes_the_escalation_without_personal_data(webhook):
    asker = MemberFactory(email="asker-private@example.com", display_name="Asker Person")
    agent = StaffFactory(email="agent-private@example.com", display_name="Alex Agent")
    thread = make_thread(author=asker, title="Login fails after the update")
    with time_machine.travel(START, tick=False):
        escalation = make_escalation(
            thread=thread, reasons=["no_first_response", "me_too"], priority=1, assignee=agent,
            external_ticket_id="ZD-42", first_response_due_at=START, solution_due_at=START,
        )  # fmt: skip
        event = record_event(
            escalation=escalation, kind=EscalationEventKind.NOTE_ADDED, by=agent,
            data={"note_id": 7, "body": "The customer's phone is 0170 1234567"},
        )  # fmt: skip

    delivery = WebhookDelivery.objects.get()
    payload = delivery.payload
    assert payload["type"] == "escalation.note_added"
    assert payload["version"] == 1
    assert payload["id"] == delivery.message_id
    assert payload["timestamp"] == "2026-03-02T09:00:00Z"
    data = payload["data"]
    assert data["escalation"] == {
        "id": escalation.pk,
        "url": data["escalation"]["url"],
        "status": "new",
        "priority": 1,
        "reasons": ["no_first_response", "me_too"],
        "assignee": "Alex Agent",
        "external_ticket_id": "ZD-42",
        "created_at": "2026-03-02T09:00:00Z",
        "first_response_due_at": "2026-03-02T09:00:00Z",
        "solution_due_at": "2026-03-02T09:00:00Z",
    }
    assert data["escalation"]["url"].startswith("http")
    assert data["thread"]["id"] == thread.pk
    assert data["thread"]["title"] == "Login fails after the update"
    assert data["thread"]["url"].endswith(thread.get_absolute_url())
    assert data["thread"]["space"]["slug"] == thread.space.slug
    assert data["thread"]["language"] == "en"
    assert data["event"] == {"id": event.pk, "kind": "escalation.note_added", "by": "Alex Agent",
                             "data": {"note_id": 7}}  # fmt: skip
    text = json.dumps(payload)
    assert "@" not in text
    assert "0170" not in text
    assert "Asker Person" not in text


def test_a_system_event_has_no_actor_in_the_envelope(webhook):
    record_event(
        escalation=make_escalation(), kind=EscalationEventKind.CREATED, data={"reasons": ["me_too"]}
    )
    event = WebhookDelivery.objects.get().payload["data"]["event"]
    assert event["by"] is None
    assert event["data"] == {"reasons": ["me_too"]}
