"""community.escalation.webhooks: signed deliveries, retries with backoff, order per
escalation, one sender at a time, and recovery after the broker and the receiver were down."""

import json
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import time_machine
from django.utils import timezone
from standardwebhooks.webhooks import Webhook as Receiver
from standardwebhooks.webhooks import WebhookVerificationError

from community import outbox
from community.escalation import webhooks
from community.escalation.events import record_event
from community.escalation.webhooks import (
    DeliveryInFlight,
    deliver,
    new_secret,
    redeliver,
    sweep_deliveries,
)
from community.models import (
    AuditAction,
    AuditEntry,
    DeliveryState,
    EscalationEventKind,
    Webhook,
    WebhookAttempt,
    WebhookDelivery,
)
from tests.factories import StaffFactory, make_escalation

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _event(escalation, kind=EscalationEventKind.STATUS_CHANGED, **data):
    return record_event(
        escalation=escalation, kind=kind, data=data or {"from": "new", "to": "acknowledged"}
    )


def _queued(escalation, kind=EscalationEventKind.STATUS_CHANGED) -> WebhookDelivery:
    """An event recorded without running its tasks: the delivery waits in the table."""
    _event(escalation, kind)
    return WebhookDelivery.objects.order_by("-pk").first()


def test_deliver_signs_so_the_receiver_side_of_the_library_verifies_it(webhook, secret, receiver):
    with time_machine.travel(START, tick=False):
        delivery = _queued(make_escalation())
        outcome = deliver(delivery.pk)

        assert outcome.result == "delivered"
        [request] = receiver.requests
        assert request["url"] == "https://helpdesk.example.com/hooks"
        assert request["timeout"] == webhooks.TIMEOUT_SECONDS
        headers = request["headers"]
        assert headers["content-type"] == "application/json"
        assert headers["webhook-id"] == delivery.message_id
        assert headers["webhook-timestamp"] == str(int(START.timestamp()))
        payload = Receiver(secret).verify(request["body"], headers)
        assert payload["id"] == delivery.message_id
        assert payload["type"] == "escalation.status_changed"
        # Another secret does not verify it, nor does a changed body.
        with pytest.raises(WebhookVerificationError):
            Receiver(new_secret()).verify(request["body"], headers)
        with pytest.raises(WebhookVerificationError):
            Receiver(secret).verify(request["body"].replace(b"status", b"statuS"), headers)

    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.delivered_at) == (
        DeliveryState.DELIVERED,
        1,
        START,
    )
    assert delivery.last_status_code == 204
    [attempt] = WebhookAttempt.objects.filter(delivery=delivery)
    assert (attempt.status_code, attempt.error, attempt.attempted_at) == (204, "", START)


def test_deliver_signs_with_every_secret_during_a_key_rotation(receiver, db):
    old, new = new_secret(), new_secret()
    Webhook.objects.create(
        name="Rotating", url="https://crm.example.com/in", secrets=f"{old}\n\n{new}\n"
    )
    with time_machine.travel(START, tick=False):
        deliver(_queued(make_escalation()).pk)
        [request] = receiver.requests
        assert len(request["headers"]["webhook-signature"].split(" ")) == 2
        # A receiver that still has the old secret and one that has the new one both accept it.
        assert Receiver(old).verify(request["body"], request["headers"])["version"] == 1
        assert Receiver(new).verify(request["body"], request["headers"])["version"] == 1
        with pytest.raises(WebhookVerificationError):
            Receiver(new_secret()).verify(request["body"], request["headers"])


def test_deliver_retries_with_backoff_and_gives_up_a_day_after_the_delivery_was_written(
    webhook, receiver
):
    receiver.status = 503
    with time_machine.travel(START, tick=False):
        delivery = _queued(make_escalation())
    now, waits = START, []
    while True:
        with time_machine.travel(now, tick=False):
            outcome = deliver(delivery.pk)
        delivery.refresh_from_db()
        if outcome.result == "failed":
            break
        assert outcome.result == "retry"
        waits.append(delivery.next_attempt_at - now)
        # Not sent again before it is due.
        with time_machine.travel(delivery.next_attempt_at - timedelta(seconds=1), tick=False):
            assert deliver(delivery.pk).reason == "not due"
        now = delivery.next_attempt_at

    minutes = timedelta(minutes=1)
    assert waits == [timedelta(seconds=30), 2 * minutes, 10 * minutes, 30 * minutes,
                     60 * minutes, 120 * minutes, 240 * minutes, 480 * minutes, 480 * minutes,
                     480 * minutes]  # fmt: skip
    assert now - START >= webhooks.RETRY_WINDOW
    assert delivery.state == DeliveryState.FAILED
    assert delivery.next_attempt_at is None
    assert delivery.attempts == len(waits) + 1 == WebhookAttempt.objects.count()
    assert delivery.last_status_code == 503
    assert delivery.last_error == "Service Unavailable"
    assert len(receiver.requests) == delivery.attempts
    # Given up: neither the task nor the sweeper sends it again.
    with time_machine.travel(now + timedelta(days=1), tick=False):
        assert deliver(delivery.pk).result == "skipped"
        assert sweep_deliveries().delivered == 0
    assert len(receiver.requests) == delivery.attempts


def test_deliver_keeps_the_order_of_one_escalations_events(webhook, receiver):
    escalation, other = make_escalation(), make_escalation()
    with time_machine.travel(START, tick=False):
        first = _queued(escalation, EscalationEventKind.ASSIGNED)
        second = _queued(escalation, EscalationEventKind.STATUS_CHANGED)
        unrelated = _queued(other, EscalationEventKind.PRIORITY_CHANGED)
        receiver.status = 500
        assert deliver(first.pk).result == "retry"
        receiver.status = 200
        # The second waits while the first is pending; another escalation's does not.
        assert deliver(second.pk).reason == "waiting for an earlier delivery"
        assert deliver(unrelated.pk).result == "delivered"

    with time_machine.travel(START + timedelta(minutes=1), tick=False):
        report = sweep_deliveries()

    assert report.delivered == 2
    assert receiver.types() == [
        "escalation.assigned",  # answered 500
        "escalation.priority_changed",
        "escalation.assigned",
        "escalation.status_changed",
    ]


def test_delivering_one_hands_the_next_waiting_one_of_its_escalation_to_the_worker(
    webhook, receiver, django_capture_on_commit_callbacks
):
    escalation = make_escalation()
    with time_machine.travel(START, tick=False):
        first = _queued(escalation, EscalationEventKind.ASSIGNED)
        receiver.status = 503
        deliver(first.pk)
        receiver.status = 200
        second = _queued(escalation, EscalationEventKind.STATUS_CHANGED)
        assert deliver(second.pk).result == "skipped"
    with (
        time_machine.travel(START + timedelta(seconds=30), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        deliver(first.pk)  # its success sends the task of the second at once
    second.refresh_from_db()
    assert second.state == DeliveryState.DELIVERED
    # The first one's failed attempt, its retry, then the one that waited.
    assert receiver.types() == [
        "escalation.assigned",
        "escalation.assigned",
        "escalation.status_changed",
    ]


def test_deliver_never_sends_one_delivery_twice_at_once_nor_after_it_was_delivered(
    webhook, receiver
):
    with time_machine.travel(START, tick=False):
        delivery = _queued(make_escalation())
        seen = []
        # A second worker (or the sweeper) reaches the row while the first one is sending it.
        receiver.during_request = lambda: seen.append(deliver(delivery.pk))
        assert deliver(delivery.pk).result == "delivered"
        receiver.during_request = None
        assert [outcome.reason for outcome in seen] == ["not due"]
        # Delivered: the task's second run and the sweeper send nothing.
        assert deliver(delivery.pk).reason == DeliveryState.DELIVERED
    with time_machine.travel(START + timedelta(hours=1), tick=False):
        assert sweep_deliveries().delivered == 0
    assert len(receiver.requests) == 1
    assert WebhookAttempt.objects.count() == 1


def test_a_worker_lost_mid_send_leaves_the_claim_to_run_out_and_the_sweeper_sends_it(
    webhook, receiver
):
    with time_machine.travel(START, tick=False):
        delivery = _queued(make_escalation())
        claimed, _reason = webhooks._claim(delivery.pk, timezone.now())  # the worker dies here
        assert claimed is not None
        assert sweep_deliveries().delivered == 0
    with time_machine.travel(START + webhooks.CLAIM_FOR, tick=False):
        assert sweep_deliveries().delivered == 1
    assert len(receiver.requests) == 1


def test_sweep_leaves_a_fresh_delivery_to_its_task_for_a_minute(webhook, receiver):
    with time_machine.travel(START, tick=False):
        delivery = _queued(make_escalation())
        assert sweep_deliveries().delivered == 0
    with time_machine.travel(START + webhooks.SWEEP_GRACE, tick=False):
        assert sweep_deliveries().delivered == 1
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.DELIVERED


def test_sweep_skips_a_receiver_that_is_down_for_the_rest_of_the_sweep(webhook, receiver):
    with time_machine.travel(START, tick=False):
        for _ in range(3):
            _queued(make_escalation())
    receiver.down = True
    with time_machine.travel(START + timedelta(minutes=1), tick=False):
        report = sweep_deliveries()
    assert (report.retrying, report.skipped) == (1, 2)
    assert WebhookAttempt.objects.count() == 1


def test_switched_off_webhook_gets_nothing_new_and_its_waiting_deliveries_wait(webhook, receiver):
    with time_machine.travel(START, tick=False):
        delivery = _queued(make_escalation())
        Webhook.objects.filter(pk=webhook.pk).update(is_active=False)
        assert deliver(delivery.pk).reason == "webhook switched off"
        _event(make_escalation())
    assert WebhookDelivery.objects.count() == 1
    assert receiver.requests == []


def test_recovery_after_the_broker_and_the_receiver_were_down_mid_way(
    webhook, secret, receiver, broker, django_capture_on_commit_callbacks
):
    """The issue's proof: the broker and the receiver stop mid-way; when both are back, the
    sweepers deliver every event exactly once, in order, each verifiable."""
    receiver.secret = secret  # verifies each request as it arrives
    first, second = make_escalation(), make_escalation()

    # Given everything up: the first event goes out at once.
    with time_machine.travel(START, tick=False), django_capture_on_commit_callbacks(execute=True):
        _event(first, EscalationEventKind.ASSIGNED)
    assert len(receiver.requests) == 1

    # When the broker stops: events are still recorded, their deliveries wait in the table.
    broker.down = True
    with time_machine.travel(START + timedelta(minutes=1), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            _event(first, EscalationEventKind.STATUS_CHANGED)
        with django_capture_on_commit_callbacks(execute=True):
            _event(second, EscalationEventKind.CREATED)
    assert broker.refused >= 1
    assert len(receiver.requests) == 1

    # and then the receiver stops too, while the broker comes back.
    receiver.down = True
    broker.down = False
    with time_machine.travel(START + timedelta(minutes=3), tick=False):
        report = sweep_deliveries()
        assert report.retrying == 1 and report.skipped >= 1
        with django_capture_on_commit_callbacks(execute=True):
            _event(second, EscalationEventKind.PRIORITY_CHANGED)  # its task fails to connect
        outbox.relay_due(ignore_schedule=True)
    assert len(receiver.requests) == 1
    pending = WebhookDelivery.objects.filter(state=DeliveryState.PENDING)
    assert pending.count() == 3

    # Then both are back: the outbox hands the waiting tasks over again and the delivery
    # sweeper sends what is due; together they deliver everything exactly once.
    receiver.down = False
    later = START + timedelta(hours=1)
    with time_machine.travel(later, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            outbox.relay_due(ignore_schedule=True)
        sweep_deliveries()
        sweep_deliveries()
        outbox.relay_due(ignore_schedule=True)
        payloads = receiver.verified()

    assert not WebhookDelivery.objects.exclude(state=DeliveryState.DELIVERED).exists()
    ids = receiver.message_ids()
    assert len(ids) == len(set(ids)) == WebhookDelivery.objects.count() == 4
    by_escalation = {}
    for payload in payloads:
        by_escalation.setdefault(payload["data"]["escalation"]["id"], []).append(payload["type"])
    assert by_escalation == {
        first.pk: ["escalation.assigned", "escalation.status_changed"],
        second.pk: ["escalation.created", "escalation.priority_changed"],
    }


def test_redeliver_sends_a_failed_delivery_again_and_audits_who_asked(
    webhook, receiver, django_capture_on_commit_callbacks
):
    staff = StaffFactory()
    with time_machine.travel(START, tick=False):
        delivery = _queued(make_escalation())
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        state=DeliveryState.FAILED, next_attempt_at=None
    )
    delivery.refresh_from_db()
    with (
        time_machine.travel(START + timedelta(days=2), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        redeliver(delivery=delivery, by=staff)
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.DELIVERED
    assert receiver.message_ids() == [delivery.message_id]
    entry = AuditEntry.objects.get(action=AuditAction.REDELIVER_WEBHOOK)
    assert (entry.actor, entry.target_id) == (staff, delivery.pk)
    assert entry.details["message_id"] == delivery.message_id


def test_redeliver_refuses_while_a_worker_is_sending_it(webhook, receiver):
    staff = StaffFactory()
    with time_machine.travel(START, tick=False):
        delivery = _queued(make_escalation())
        webhooks._claim(delivery.pk, timezone.now())
        with pytest.raises(DeliveryInFlight):
            redeliver(delivery=delivery, by=staff)
    assert not AuditEntry.objects.filter(action=AuditAction.REDELIVER_WEBHOOK).exists()


def test_a_secret_that_cannot_sign_is_an_attempt_that_failed_not_a_crash(receiver, db):
    Webhook.objects.create(name="Broken", url="https://x.example.com/", secrets="whsec_not base64!")
    with time_machine.travel(START, tick=False):
        delivery = _queued(make_escalation())
        outcome = deliver(delivery.pk)
    assert outcome.result == "retry"
    assert "Signing failed" in outcome.reason
    assert receiver.requests == []


class _Handler(BaseHTTPRequestHandler):
    received: list = []
    status = 200
    answer = b""

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append((dict(self.headers.items()), body))
        self.send_response(self.status)
        self.send_header("Content-Length", str(len(self.answer)))
        self.end_headers()
        self.wfile.write(self.answer)

    def log_message(self, *args):
        pass


@pytest.fixture
def local_receiver():
    """A real HTTP server on this machine, answering as _Handler's class attributes say."""
    server = HTTPServer(("127.0.0.1", 0), _Handler)
    _Handler.received, _Handler.status, _Handler.answer = [], 200, b""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/hook"
    server.shutdown()
    server.server_close()


def test_a_long_error_answer_is_kept_only_in_part(db, secret, local_receiver):
    _Handler.status, _Handler.answer = 500, b"x" * 100_000
    Webhook.objects.create(name="Local", url=local_receiver, secrets=secret)
    delivery = _queued(make_escalation())
    outcome = deliver(delivery.pk)
    assert (outcome.result, outcome.status_code) == ("retry", 500)
    delivery.refresh_from_db()
    assert delivery.last_error == "x" * webhooks.ERROR_TEXT_LENGTH


def test_deliver_to_a_real_http_receiver(db, secret):
    server = HTTPServer(("127.0.0.1", 0), _Handler)
    _Handler.received, _Handler.status, _Handler.answer = [], 200, b""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        Webhook.objects.create(
            name="Local", url=f"http://127.0.0.1:{server.server_port}/hook", secrets=secret
        )
        delivery = _queued(make_escalation())
        assert deliver(delivery.pk).result == "delivered"
    finally:
        server.shutdown()
        server.server_close()
    [(headers, body)] = _Handler.received
    payload = Receiver(secret).verify(body, headers)
    assert payload == json.loads(body)
    assert payload["id"] == delivery.message_id


# --- the demo -----------------------------------------------------------------------------------


def test_seed_webhooks_writes_a_switched_off_webhook_with_a_realistic_history(receiver):
    from community.demo.webhooks import DEMO_WEBHOOK_URL, seed_webhooks

    now = START + timedelta(days=3)
    assert seed_webhooks(now=now) == 0  # no escalations yet: nothing
    assert not Webhook.objects.exists()

    escalations = [make_escalation(created_at=START) for _ in range(4)]
    for escalation in escalations:
        with time_machine.travel(START, tick=False):
            _event(escalation, EscalationEventKind.CREATED)
    assert not WebhookDelivery.objects.exists()  # no webhook when the events were recorded

    assert seed_webhooks(now=now) == 4
    assert seed_webhooks(now=now) == 0  # once
    webhook = Webhook.objects.get()
    assert (webhook.url, webhook.is_active) == (DEMO_WEBHOOK_URL, False)
    states = list(WebhookDelivery.objects.order_by("pk").values_list("state", "attempts"))
    assert states[0][0] == DeliveryState.FAILED and states[0][1] > 5
    assert states[3] == (DeliveryState.DELIVERED, 3)
    assert states[1] == states[2] == (DeliveryState.DELIVERED, 1)
    assert not WebhookAttempt.objects.filter(attempted_at__gt=now).exists()
    # Switched off: the sweeper sends none of it.
    with time_machine.travel(now, tick=False):
        sweep_deliveries()
    assert receiver.requests == []


@pytest.mark.django_db(transaction=True)
def test_two_workers_sending_one_delivery_at_the_same_moment_send_it_once(receiver):
    from tests.community.parallel import run_in_parallel

    Webhook.objects.create(name="Helpdesk", url="https://h.example.com/", secrets=new_secret())
    with outbox.tasks_muted():  # autocommit: its task would deliver it at once
        delivery = _queued(make_escalation())
    receiver.during_request = lambda: time.sleep(0.3)  # a slow receiver: the sends overlap

    outcomes = run_in_parallel(lambda _: deliver(delivery.pk), 4)

    assert [o.result for o in outcomes if not isinstance(o, Exception)].count("delivered") == 1, [
        o.reason for o in outcomes
    ]
    assert all(not isinstance(o, Exception) for o in outcomes), outcomes
    assert len(receiver.requests) == 1
    assert WebhookAttempt.objects.count() == 1
