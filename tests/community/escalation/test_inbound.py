"""/hooks/helpdesk/: signed calls from the helpdesk, replays refused, changes applied."""

import json
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone
from standardwebhooks.webhooks import Webhook

from community.escalation.inbound import KEEP_SEEN_IDS, prune_seen_messages
from community.models import (
    EscalationEventKind,
    EscalationStatus,
    InboundHookMessage,
    SupportSettings,
)
from community.tasks import prune_inbound_hook_messages_task
from tests.factories import StaffFactory, make_escalation

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
URL = "/hooks/helpdesk/"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def configured(db):
    settings = SupportSettings.objects.current()
    settings.helpdesk_secret = SECRET
    settings.save()


def call(client, payload, *, message_id="msg_1", at=NOW, secret=SECRET, raw=None):
    body = raw if raw is not None else json.dumps(payload)
    signature = Webhook(secret).sign(message_id, at, body)
    headers = {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": signature,
    }
    with time_machine.travel(NOW, tick=False):
        return client.post(URL, body, content_type="application/json", headers=headers)


def update(escalation, **data):
    return {"type": "escalation.update", "data": {"escalation_id": escalation.pk, **data}}


def test_a_valid_call_applies_status_assignee_and_ticket(client, configured):
    escalation = make_escalation()
    agent = StaffFactory(email="agent@example.com")
    payload = update(escalation, status="acknowledged", assignee_email="AGENT@example.com",
                     ticket_id="ZD-123")  # fmt: skip
    response = call(client, payload)
    assert response.status_code == 204
    escalation.refresh_from_db()
    assert escalation.status == EscalationStatus.ACKNOWLEDGED
    assert escalation.assignee == agent
    assert escalation.external_ticket_id == "ZD-123"
    assert set(escalation.events.values_list("kind", "actor")) == {
        (EscalationEventKind.TICKET_LINKED, None),
        (EscalationEventKind.ASSIGNED, None),
        (EscalationEventKind.STATUS_CHANGED, None),
    }
    assert InboundHookMessage.objects.filter(message_id="msg_1").exists()


def test_a_replay_is_refused(client, configured):
    escalation = make_escalation()
    assert call(client, update(escalation, ticket_id="ZD-1")).status_code == 204
    response = call(client, update(escalation, ticket_id="ZD-2"))
    assert response.status_code == 409
    escalation.refresh_from_db()
    assert escalation.external_ticket_id == "ZD-1"


def test_old_and_future_timestamps_are_refused(client, configured):
    escalation = make_escalation()
    for at in (NOW - timedelta(minutes=6), NOW + timedelta(minutes=6)):
        response = call(client, update(escalation, ticket_id="ZD-1"), at=at)
        assert response.status_code == 401
    assert not InboundHookMessage.objects.exists()


def test_a_bad_signature_is_refused(client, configured):
    escalation = make_escalation()
    other = "whsec_" + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo="
    assert call(client, update(escalation, ticket_id="ZD-1"), secret=other).status_code == 401
    response = client.post(URL, "{}", content_type="application/json")  # no headers
    assert response.status_code == 401
    assert response.json()["error"].startswith("Signature refused")
    escalation.refresh_from_db()
    assert escalation.external_ticket_id == ""


def test_no_secret_refuses_everything(client, db):
    escalation = make_escalation()
    assert call(client, update(escalation, ticket_id="ZD-1")).status_code == 503
    assert client.get(URL).status_code == 405


@pytest.mark.parametrize(
    "raw",
    [
        "not json",
        json.dumps([1, 2]),
        json.dumps({"type": "something.else", "data": {"escalation_id": 1}}),
        json.dumps({"type": "escalation.update", "data": {"escalation_id": "1", "status": "new"}}),
        json.dumps({"type": "escalation.update", "data": {"escalation_id": 1}}),
        json.dumps({"type": "escalation.update", "data": {"escalation_id": 1, "status": 3}}),
    ],
)
def test_a_bad_body_is_a_400_and_not_remembered(client, configured, raw):
    response = call(client, None, raw=raw)
    assert response.status_code == 400
    assert "error" in response.json()
    assert not InboundHookMessage.objects.exists()


def test_refused_changes_roll_back_the_whole_call(client, configured):
    escalation = make_escalation()
    payload = update(escalation, ticket_id="ZD-5", status="resolved")
    response = call(client, payload)
    assert response.status_code == 400
    payload = update(escalation, ticket_id="ZD-5", assignee_email="nobody@example.com")
    assert call(client, payload, message_id="msg_2").status_code == 400
    escalation.refresh_from_db()
    assert escalation.external_ticket_id == "" and not escalation.events.exists()
    assert not InboundHookMessage.objects.exists()  # the helpdesk may send a fixed call again


def test_an_unknown_escalation_is_a_404(client, configured):
    payload = {"type": "escalation.update", "data": {"escalation_id": 99999, "ticket_id": "X"}}
    response = call(client, payload)
    assert response.status_code == 404
    assert response.json() == {"error": "No such escalation."}


def test_seen_ids_are_forgotten_once_no_replay_of_them_can_pass(db):
    now = timezone.now()
    InboundHookMessage.objects.create(message_id="old", received_at=now - KEEP_SEEN_IDS * 2)
    InboundHookMessage.objects.create(message_id="recent", received_at=now - timedelta(hours=1))
    assert prune_seen_messages(now=now) == 1
    assert list(InboundHookMessage.objects.values_list("message_id", flat=True)) == ["recent"]
    assert prune_inbound_hook_messages_task() == 0
