"""Escalation events to a helpdesk or CRM: signed webhook deliveries with retries.

How one event travels:

1. ``queue_deliveries`` (called by ``record_event`` in the change's transaction) writes one
   WebhookDelivery per active webhook that subscribed to the event's kind. The row is the
   durable outbox: it exists if and only if the change was committed, with a message id
   (``msg_<uuid>``) and a body fixed for its whole life.
2. After commit, ``deliver`` runs in the worker (the outbox's ``community.deliver_webhook``
   task). It claims the row under a row lock, POSTs the body signed the Standard Webhooks
   way (the ``standardwebhooks`` library; one ``v1,…`` signature per secret, space-separated,
   so a receiver can rotate keys), logs a WebhookAttempt and marks the row delivered on 2xx.
   Otherwise it schedules the next attempt (``RETRY_DELAYS``) until ``RETRY_WINDOW`` after
   the row was written; a failed attempt after that gives up (state failed).
3. ``sweep_deliveries`` runs every minute (beat): it sends whatever is due, including rows
   whose task never ran because the broker was down.

Deliveries of one escalation to one webhook go in order: a later one waits while an
earlier one is still pending. A delivered row is never sent again by the task or the sweeper;
only staff's ``redeliver`` sends one again (same id and body: receivers drop duplicates by id).
"""

import json
import logging
import secrets as secrets_module
import time
import uuid
from base64 import b64encode
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import requests
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from standardwebhooks.webhooks import Webhook as Signer

from community.audit import record_action
from community.escalation.payloads import build_envelope
from community.models import (
    AuditAction,
    DeliveryState,
    EscalationEvent,
    Member,
    Webhook,
    WebhookAttempt,
    WebhookDelivery,
)
from community.outbox import enqueue

logger = logging.getLogger(__name__)

DELIVER_TASK = "community.deliver_webhook"
TIMEOUT_SECONDS = 10
# After the 1st, 2nd … failed attempt; the last delay repeats.
RETRY_DELAYS = (
    timedelta(seconds=30),
    timedelta(minutes=2),
    timedelta(minutes=10),
    timedelta(minutes=30),
    timedelta(hours=1),
    timedelta(hours=2),
    timedelta(hours=4),
    timedelta(hours=8),
)
# Retried for at least this long after the delivery was written; then given up.
RETRY_WINDOW = timedelta(hours=24)
# The sweeper leaves a fresh delivery this long to the task its transaction sent.
SWEEP_GRACE = timedelta(minutes=1)
# While one worker sends a delivery, the row is claimed for this long (well beyond the
# timeout): a second worker, or the sweeper, skips it. A worker that dies mid-send leaves
# the claim to run out, and the sweeper sends the delivery again.
CLAIM_FOR = timedelta(minutes=2)
# What a receiver gets to read of an error answer, and what is kept of it.
ERROR_TEXT_LENGTH = 500


def new_secret() -> str:
    """A fresh signing secret in the Standard Webhooks form (``whsec_`` + base64 of 32 bytes)."""
    return "whsec_" + b64encode(secrets_module.token_bytes(32)).decode()


def secrets_of(webhook: Webhook) -> list[str]:
    """The webhook's signing secrets, one per non-empty line."""
    return [line.strip() for line in (webhook.secrets or "").splitlines() if line.strip()]


def check_secret(secret: str) -> None:
    """Raises ValueError when `secret` cannot sign (not base64, or empty)."""
    try:
        Signer(secret)
    except Exception as error:
        raise ValueError(str(error) or type(error).__name__) from error


def sign(*, secrets: list[str], message_id: str, timestamp: datetime, body: str) -> str:
    """The ``webhook-signature`` header: one ``v1,<base64>`` per secret, space-separated."""
    moment = timestamp.astimezone(UTC)  # the library reads the time as UTC whatever it says
    return " ".join(Signer(secret).sign(message_id, moment, body) for secret in secrets)


def body_of(delivery: WebhookDelivery) -> str:
    return json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":"))


# --- writing (in the change's transaction) ----------------------------------------------------


def subscribed_webhooks(kind: str) -> list[Webhook]:
    """Active webhooks that want events of `kind` (no kinds chosen: every event)."""
    return [
        webhook
        for webhook in Webhook.objects.filter(is_active=True).order_by("pk")
        if not webhook.event_types or kind in webhook.event_types
    ]


def queue_deliveries(*, event: EscalationEvent) -> list[WebhookDelivery]:
    """One pending delivery of `event` per subscribed webhook, and a task for each after
    commit. Call inside the transaction that recorded the event."""
    deliveries = []
    for webhook in subscribed_webhooks(event.kind):
        message_id = f"msg_{uuid.uuid4().hex}"
        deliveries.append(
            WebhookDelivery.objects.create(
                webhook=webhook,
                message_id=message_id,
                event_type=event.kind,
                payload=build_envelope(event=event, message_id=message_id),
                created_at=event.created_at,
                next_attempt_at=event.created_at,
            )
        )
    for delivery in deliveries:
        enqueue(DELIVER_TASK, {"delivery_id": delivery.pk})
    return deliveries


# --- sending (in the worker) ------------------------------------------------------------------


def escalation_id_of(delivery: WebhookDelivery) -> int | None:
    try:
        return delivery.payload["data"]["escalation"]["id"]
    except (KeyError, TypeError):
        return None


def _earlier_pending(delivery: WebhookDelivery):
    """Pending deliveries of the same escalation to the same webhook, written before it."""
    return WebhookDelivery.objects.filter(
        webhook_id=delivery.webhook_id,
        state=DeliveryState.PENDING,
        payload__data__escalation__id=escalation_id_of(delivery),
        pk__lt=delivery.pk,
    )


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failed attempt."""
    return RETRY_DELAYS[min(max(attempts, 1), len(RETRY_DELAYS)) - 1]


@dataclass
class Outcome:
    """What one call of ``deliver`` did: "delivered", "retry", "failed" (an attempt was
    made), or "skipped" with why (nothing was sent)."""

    result: str
    reason: str = ""
    status_code: int | None = None
    reached_receiver: bool = True

    @property
    def attempted(self) -> bool:
        return self.result in ("delivered", "retry", "failed")


def _claim(delivery_id: int, now: datetime) -> tuple[WebhookDelivery | None, str]:
    """Lock the row, check it may be sent now, and claim it (attempts + 1, next attempt
    moved past the send). Returns the claimed row, or None and why not."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(of=("self",))
            .select_related("webhook")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None:
            return None, "gone"
        if delivery.state != DeliveryState.PENDING:
            return None, delivery.state  # delivered or given up: never sent again here
        if not delivery.webhook.is_active:
            return None, "webhook switched off"  # kept pending: sent when it is on again
        if delivery.next_attempt_at is not None and delivery.next_attempt_at > now:
            return None, "not due"  # waiting for its retry, or another worker is sending it
        if _earlier_pending(delivery).exists():
            return None, "waiting for an earlier delivery"
        # Compare-and-set as well as the row lock: SQLite has no row locks.
        claimed = WebhookDelivery.objects.filter(
            pk=delivery.pk,
            state=DeliveryState.PENDING,
            attempts=delivery.attempts,
            next_attempt_at=delivery.next_attempt_at,
        ).update(attempts=F("attempts") + 1, next_attempt_at=now + CLAIM_FOR)
        if not claimed:
            return None, "not due"
        delivery.attempts += 1
        delivery.next_attempt_at = now + CLAIM_FOR
        return delivery, ""


def _post(delivery: WebhookDelivery, now: datetime) -> tuple[int | None, str, int]:
    """POST the delivery once: (HTTP status or None, error text, duration in ms)."""
    body = body_of(delivery)
    started = time.monotonic()
    try:
        signature = sign(
            secrets=secrets_of(delivery.webhook),
            message_id=delivery.message_id,
            timestamp=now,
            body=body,
        )
        if not signature:
            return None, "The webhook has no signing secret.", 0
    except Exception as error:  # a secret that is not base64: nothing was sent
        return None, f"Signing failed: {error}"[:ERROR_TEXT_LENGTH], 0
    headers = {
        "content-type": "application/json",
        "webhook-id": delivery.message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signature,
        "user-agent": "Peerdesk-Webhooks/1",
    }
    try:
        response = requests.post(
            delivery.webhook.url,
            data=body.encode(),
            headers=headers,
            timeout=TIMEOUT_SECONDS,
            allow_redirects=False,
            stream=True,  # read no more of the answer than is kept
        )
        try:
            error = "" if 200 <= response.status_code < 300 else _start_of(response)
        finally:
            response.close()
    except requests.RequestException as error:
        duration = int((time.monotonic() - started) * 1000)
        return None, f"{type(error).__name__}: {error}"[:ERROR_TEXT_LENGTH], duration
    duration = int((time.monotonic() - started) * 1000)
    return response.status_code, error, duration


def _start_of(response) -> str:
    """The first bytes of an error answer, as text."""
    chunk = next(response.iter_content(chunk_size=ERROR_TEXT_LENGTH), b"") or b""
    return chunk.decode(response.encoding or "utf-8", errors="replace")[:ERROR_TEXT_LENGTH]


def deliver(delivery_id: int, now: datetime | None = None) -> Outcome:
    """Send delivery `delivery_id` once if it is pending and due, and record the attempt.

    Idempotent: a delivered or failed row, one that is not due (waiting for its retry, or
    claimed by another worker that is sending it right now) and one whose escalation has an
    earlier delivery still pending for this webhook are not sent. The row lock is held only
    while claiming, not during the HTTP request."""
    now = now or timezone.now()
    delivery, reason = _claim(delivery_id, now)
    if delivery is None:
        return Outcome("skipped", reason=reason, reached_receiver=False)
    status_code, error, duration = _post(delivery, now)
    delivered = status_code is not None and 200 <= status_code < 300
    with transaction.atomic():
        WebhookAttempt.objects.create(
            delivery=delivery,
            attempted_at=now,
            status_code=status_code,
            error=error,
            duration_ms=duration,
        )
        fields = {"last_status_code": status_code, "last_error": error}
        if delivered:
            fields |= {
                "state": DeliveryState.DELIVERED,
                "delivered_at": now,
                "next_attempt_at": None,
            }
            result = "delivered"
        elif now >= delivery.created_at + RETRY_WINDOW:
            fields |= {"state": DeliveryState.FAILED, "next_attempt_at": None}
            result = "failed"
        else:
            fields |= {"next_attempt_at": now + retry_delay(delivery.attempts)}
            result = "retry"
        WebhookDelivery.objects.filter(pk=delivery.pk, state=DeliveryState.PENDING).update(**fields)
        if result != "retry":
            _send_next(delivery)
    if result != "delivered":
        logger.warning(
            "webhook delivery not accepted",
            extra={"delivery_id": delivery.pk, "status": status_code, "result": result},
        )
    return Outcome(
        result, reason=error, status_code=status_code, reached_receiver=status_code is not None
    )


def _send_next(delivery: WebhookDelivery) -> None:
    """The next pending delivery of the same escalation to the same webhook no longer
    waits: hand it to the worker now rather than at the next sweep."""
    following = (
        WebhookDelivery.objects.filter(
            webhook_id=delivery.webhook_id,
            state=DeliveryState.PENDING,
            payload__data__escalation__id=escalation_id_of(delivery),
            pk__gt=delivery.pk,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    if following is not None:
        enqueue(DELIVER_TASK, {"delivery_id": following})


@dataclass
class SweepReport:
    delivered: int = 0
    retrying: int = 0
    failed: int = 0
    skipped: int = 0
    unreachable_webhooks: set[int] = field(default_factory=set)


def due_deliveries(now: datetime):
    """Pending deliveries to send now: their retry is due, or they were never attempted and
    are older than the grace left to the task their transaction sent."""
    return WebhookDelivery.objects.filter(
        state=DeliveryState.PENDING, next_attempt_at__lte=now, webhook__is_active=True
    ).filter(Q(attempts__gt=0) | Q(created_at__lte=now - SWEEP_GRACE))


def sweep_deliveries(now: datetime | None = None, *, limit: int = 500) -> SweepReport:
    """Every minute (beat): send what is due, oldest first. A webhook whose receiver could
    not be reached is left alone for the rest of this sweep (its deliveries stay due).

    Each delivery is sent with the clock as it is then (a long sweep must not sign with a
    timestamp receivers find too old), unless `now` is given."""
    given_now, now = now, now or timezone.now()
    report = SweepReport()
    for delivery_id, webhook_id in (
        due_deliveries(now).order_by("pk").values_list("pk", "webhook_id")[:limit]
    ):
        if webhook_id in report.unreachable_webhooks:
            report.skipped += 1
            continue
        outcome = deliver(delivery_id, now=given_now)
        if outcome.result == "delivered":
            report.delivered += 1
        elif outcome.result == "retry":
            report.retrying += 1
        elif outcome.result == "failed":
            report.failed += 1
        else:
            report.skipped += 1
        if outcome.attempted and not outcome.reached_receiver:
            report.unreachable_webhooks.add(webhook_id)
    return report


# --- staff ------------------------------------------------------------------------------------


class DeliveryInFlight(Exception):
    """The delivery is being sent right now; a second send would race it."""


class WebhookSwitchedOff(Exception):
    """The delivery's webhook is switched off: nothing would be sent."""


def is_in_flight(delivery: WebhookDelivery, now: datetime | None = None) -> bool:
    """Claimed by a worker that has not recorded its attempt yet (and the claim holds)."""
    now = now or timezone.now()
    return (
        delivery.state == DeliveryState.PENDING
        and delivery.next_attempt_at is not None
        and delivery.next_attempt_at > now
        and delivery.attempts > delivery.attempt_log.count()
    )


@transaction.atomic
def redeliver(*, delivery: WebhookDelivery, by: Member | None) -> WebhookDelivery:
    """Send `delivery` again now, whatever its state (a failed one becomes pending again; a
    delivered one is sent once more with the same id and body). Audited when a person asks.
    Raises DeliveryInFlight while a worker is sending it, WebhookSwitchedOff when its
    webhook is off (it would wait instead of going out)."""
    now = timezone.now()
    current = (
        WebhookDelivery.objects.select_for_update().select_related("webhook").get(pk=delivery.pk)
    )
    if not current.webhook.is_active:
        raise WebhookSwitchedOff
    if is_in_flight(current, now):
        raise DeliveryInFlight
    current.state = DeliveryState.PENDING
    current.next_attempt_at = now
    current.delivered_at = None
    current.save(update_fields=["state", "next_attempt_at", "delivered_at"])
    if by is not None:
        record_action(
            actor=by,
            action=AuditAction.REDELIVER_WEBHOOK,
            target=current,
            message_id=current.message_id,
            webhook=current.webhook_id,
        )
    enqueue(DELIVER_TASK, {"delivery_id": current.pk})
    delivery.state, delivery.next_attempt_at = current.state, current.next_attempt_at
    delivery.delivered_at = None
    return current


# --- reads for the staff page -----------------------------------------------------------------

RECENT_DELIVERIES = 20


def webhooks_with_recent_deliveries(limit: int = RECENT_DELIVERIES) -> list[Webhook]:
    """Every webhook with its `limit` newest deliveries in ``recent_deliveries`` (one query
    for all of them, whatever their number)."""
    from django.db.models import Prefetch

    recent = WebhookDelivery.objects.order_by("-created_at", "-pk")[:limit]
    return list(
        Webhook.objects.order_by("name", "pk").prefetch_related(
            Prefetch("deliveries", queryset=recent, to_attr="recent_deliveries")
        )
    )


def delivery_with_attempts(pk: int) -> WebhookDelivery | None:
    return (
        WebhookDelivery.objects.select_related("webhook")
        .prefetch_related("attempt_log")
        .filter(pk=pk)
        .first()
    )
