"""Members' flags on posts and the system's holds: what the review queue works through."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FlagReason(models.TextChoices):
    """Why a post is in the review queue. Stored values never change.

    Members choose among the first six (MEMBER_REASONS); the last two are the system's own
    flags (``reporter`` is None): a new member's post held by the spam rules, and a post
    its author edited after it was hidden, back for another look."""

    SPAM = "spam", _("Spam")
    ABUSIVE = "abusive", _("Abusive or offensive")
    OFF_TOPIC = "off_topic", _("Off-topic")
    PERSONAL_DATA = "personal_data", _("Contains personal data")
    DUPLICATE = "duplicate", _("Duplicate of another thread")
    OTHER = "other", _("Something else")
    HELD = "held", _("Held by the spam rules")
    EDITED_AFTER_HIDING = "edited", _("Edited after hiding")


MEMBER_REASONS = (
    FlagReason.SPAM,
    FlagReason.ABUSIVE,
    FlagReason.OFF_TOPIC,
    FlagReason.PERSONAL_DATA,
    FlagReason.DUPLICATE,
    FlagReason.OTHER,
)
# What regulars (trust level 3) review: spam from members and the spam rules' holds.
SPAM_REASONS = (FlagReason.SPAM, FlagReason.HELD)


class FlagStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    AGREED = "agreed", _("Agreed")
    DISAGREED = "disagreed", _("Disagreed")
    IGNORED = "ignored", _("Ignored")


class FlagQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=FlagStatus.PENDING)


class Flag(models.Model):
    """One member's flag on a post (once per post and member), or a hold by the system.

    Written only through ``community.services.flags``."""

    post = models.ForeignKey(
        "community.Post", verbose_name=_("post"), on_delete=models.CASCADE, related_name="flags"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reporter"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="flags_given",
    )
    reason = models.CharField(_("reason"), max_length=20, choices=FlagReason)
    note = models.CharField(_("note"), max_length=500, blank=True)
    duplicate_of = models.ForeignKey(
        "community.Thread",
        verbose_name=_("duplicate of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=FlagStatus, default=FlagStatus.PENDING
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    created_at = models.DateTimeField(_("flagged"), auto_now_add=True)

    objects = FlagQuerySet.as_manager()

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["post", "reporter"], name="flag_once_per_member"),
        ]
        indexes = [models.Index(fields=["status", "post"], name="flag_status_post")]

    def __str__(self):
        return f"{self.get_reason_display()} on post {self.post_id}"
