from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxState(models.TextChoices):
    """Where an outbox message is on its way to the worker. Stored values never change."""

    PENDING = "pending", _("Waiting for the task queue")
    SENT = "sent", _("Handed to the task queue")
    DONE = "done", _("Done")
    FAILED = "failed", _("Given up")


# A message is "open" until its task has succeeded or the outbox gave up on it.
OPEN_STATES = (OutboxState.PENDING, OutboxState.SENT)


class OutboxMessage(models.Model):
    """A task for the Celery worker, written in the transaction that makes it necessary.

    ``community.outbox`` hands it to the broker after commit and sends it again until the
    worker reports success, so a broker or worker outage delays work but never loses it.
    """

    task_name = models.CharField(_("task"), max_length=200)
    kwargs = models.JSONField(_("arguments"), default=dict, blank=True)
    # At most one open message per key: the same work asked for twice is done once.
    dedupe_key = models.CharField(_("deduplication key"), max_length=200, blank=True)
    state = models.CharField(
        _("state"), max_length=16, choices=OutboxState, default=OutboxState.PENDING
    )
    attempts = models.PositiveIntegerField(_("hand-overs tried"), default=0)
    failures = models.PositiveIntegerField(_("failures reported by the worker"), default=0)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    sent_at = models.DateTimeField(_("handed over"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="outbox_state_next_attempt"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["dedupe_key"],
                condition=Q(state__in=OPEN_STATES) & ~Q(dedupe_key=""),
                name="outbox_one_open_message_per_key",
            ),
        ]

    def __str__(self):
        return f"{self.task_name} #{self.pk} ({self.state})"


class WorkerHeartbeat(models.Model):
    """The last time a Celery worker ran the heartbeat task, with the outbox backlog it saw.

    Written every minute by ``community.record_heartbeat`` (Celery beat → broker → worker),
    read by /healthz: a fresh row proves the whole chain works without sending a task.
    """

    name = models.CharField(max_length=50, unique=True)
    beat_at = models.DateTimeField()
    # Outbox messages not done yet (pending or sent) when the heartbeat was recorded.
    outbox_waiting = models.PositiveIntegerField(default=0)
    outbox_oldest_waiting_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self):
        return f"{self.name} at {self.beat_at:%Y-%m-%d %H:%M:%S}"
