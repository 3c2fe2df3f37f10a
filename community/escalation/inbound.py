"""Calls from the helpdesk to /hooks/helpdesk/: it sets an escalation's status, assignee
and its own ticket id. The call is signed the Standard Webhooks way (``webhook-id``,
``webhook-timestamp``, ``webhook-signature``) with SupportSettings.helpdesk_secret; calls
older or newer than the library's tolerance (5 minutes) and ids seen before are refused.
The changes go through the desk's services with by=None, so they land on the timeline and
go out to e-mail and webhooks like a person's. See docs/helpdesk-inbound.md."""

import binascii
import json
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from community.escalation import desk
from community.models import Escalation, InboundHookMessage, Member, SupportSettings

EVENT_TYPE = "escalation.update"
MAX_MESSAGE_ID_LENGTH = 64
# Seen ids are kept this long: a call older than the signature's tolerance (5 minutes) is
# refused by its timestamp anyway, so the ids only need to outlive that window, with room
# for clocks that disagree.
KEEP_SEEN_IDS = timedelta(days=7)


@dataclass
class InboundError(Exception):
    status: int
    message: str


def verify(*, body: bytes, headers) -> str:
    """The call's message id once its signature and timestamp check out; raises InboundError
    (503: no secret configured, 401: bad or old signature)."""
    secret = SupportSettings.objects.current().helpdesk_secret.strip()
    if not secret:
        raise InboundError(503, "The helpdesk hook is not configured.")
    try:
        Webhook(secret).verify(body, dict(headers), json_parse=False)
    except (WebhookVerificationError, ValueError, binascii.Error, UnicodeDecodeError) as error:
        raise InboundError(401, f"Signature refused: {error}") from None
    return headers.get("webhook-id", "")


def _parse(body: bytes) -> dict:
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise InboundError(400, "The body is not JSON.") from None
    if not isinstance(payload, dict) or payload.get("type") != EVENT_TYPE:
        raise InboundError(400, f'Expected {{"type": "{EVENT_TYPE}", "data": {{…}}}}.')
    data = payload.get("data")
    if not isinstance(data, dict):
        raise InboundError(400, '"data" must be an object.')
    escalation_id = data.get("escalation_id")
    if not isinstance(escalation_id, int) or isinstance(escalation_id, bool):
        raise InboundError(400, '"data.escalation_id" must be a number.')
    for key in ("status", "assignee_email", "ticket_id"):
        if key in data and data[key] is not None and not isinstance(data[key], str):
            raise InboundError(400, f'"data.{key}" must be a string.')
    if not any(key in data for key in ("status", "assignee_email", "ticket_id")):
        raise InboundError(400, "Nothing to change: give status, assignee_email or ticket_id.")
    return data


def _assignee(email: str | None) -> Member | None:
    if not email:
        return None
    member = Member.objects.filter(email__iexact=email.strip(), is_staff=True, is_active=True)
    found = member.first()
    if found is None:
        raise InboundError(400, "No active support team member has that e-mail address.")
    return found


def _apply(escalation: Escalation, data: dict) -> None:
    if data.get("ticket_id") is not None:
        desk.link_ticket(escalation=escalation, ticket_id=data["ticket_id"], by=None)
    if "assignee_email" in data:
        desk.assign(escalation=escalation, assignee=_assignee(data["assignee_email"]), by=None)
    if data.get("status"):
        desk.change_status(escalation=escalation, status=data["status"], by=None)


def handle_helpdesk_call(*, body: bytes, headers) -> Escalation:
    """Verify, refuse replays, and apply one call; all or nothing. Raises InboundError."""
    message_id = verify(body=body, headers=headers)
    if not message_id or len(message_id) > MAX_MESSAGE_ID_LENGTH:
        raise InboundError(400, "The webhook-id header is missing or too long.")
    data = _parse(body)
    try:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    InboundHookMessage.objects.create(
                        message_id=message_id, received_at=timezone.now()
                    )
            except IntegrityError:
                raise InboundError(409, "This message was received before (replay).") from None
            escalation = Escalation.objects.filter(pk=data["escalation_id"]).first()
            if escalation is None:
                raise InboundError(404, "No such escalation.")
            _apply(escalation, data)
    except ValidationError as error:
        raise InboundError(400, " ".join(error.messages)) from None
    return escalation


def prune_seen_messages(*, now=None) -> int:
    """Forget the ids of calls received more than KEEP_SEEN_IDS ago (hourly, beat)."""
    cutoff = (now or timezone.now()) - KEEP_SEEN_IDS
    deleted, _ = InboundHookMessage.objects.filter(received_at__lt=cutoff).delete()
    return deleted
