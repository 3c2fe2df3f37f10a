"""Webhooks to a helpdesk or CRM: where escalation events go, and every delivery attempt.

A WebhookDelivery row is written in the transaction of the change it reports, so it is its
own durable outbox: ``community.escalation.webhooks`` delivers it, retries with backoff for
at least a day, and the every-minute sweeper sends again whatever is due.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Webhook(models.Model):
    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(_("URL"), max_length=500)
    # One whsec_… secret per line. Every line signs each delivery, so a receiver can move
    # to a new secret while the old one still verifies (key rotation).
    secrets = models.TextField(
        _("signing secrets"),
        help_text=_("One whsec_… secret per line; all of them sign, for key rotation."),
    )
    # EscalationEventKind values; empty: every event.
    event_types = models.JSONField(_("events"), default=list, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("Waiting to be delivered")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Given up")


class WebhookDelivery(models.Model):
    """One event for one webhook: a fixed message id and body, sent until the receiver
    answers 2xx or the retry window has passed."""

    webhook = models.ForeignKey(
        Webhook, verbose_name=_("webhook"), on_delete=models.CASCADE, related_name="deliveries"
    )
    message_id = models.CharField(_("message id"), max_length=64, unique=True)
    event_type = models.CharField(_("event"), max_length=40)
    payload = models.JSONField(_("body"))
    state = models.CharField(
        _("state"), max_length=16, choices=DeliveryState, default=DeliveryState.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created"))
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(
        _("last HTTP status"), null=True, blank=True
    )
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="webhook_delivery_due"),
        ]

    def __str__(self):
        return f"{self.event_type} → {self.webhook_id} ({self.state})"


class WebhookAttempt(models.Model):
    delivery = models.ForeignKey(
        WebhookDelivery,
        verbose_name=_("delivery"),
        on_delete=models.CASCADE,
        related_name="attempt_log",
    )
    attempted_at = models.DateTimeField(_("when"))
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)

    class Meta:
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery attempts")
        ordering = ["-attempted_at", "-pk"]

    def __str__(self):
        return f"{self.delivery_id}: {self.status_code or self.error[:40]}"


class InboundHookMessage(models.Model):
    """A helpdesk call that was accepted: its id is refused if it comes again (replay)."""

    message_id = models.CharField(max_length=64, unique=True)
    received_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("inbound helpdesk message")
        verbose_name_plural = _("inbound helpdesk messages")

    def __str__(self):
        return self.message_id
