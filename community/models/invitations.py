"""Invitations: a member asks someone by e-mail to join the community, perhaps to help
with one thread. The address is personal data of someone who never agreed to anything:
it is kept only while the invitation is pending and erased when it is accepted, revoked
or expires (community.services.invitations)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class InvitationStatus(models.TextChoices):
    """Stored values never change."""

    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=InvitationStatus.PENDING)

    def for_list(self):
        return self.select_related("thread", "accepted_by")


class Invitation(models.Model):
    inviter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.CASCADE,
        related_name="invitations_sent",
    )
    # Lower case, as allauth stores addresses; "" once the invitation is no longer pending.
    email = models.EmailField(_("e-mail address"), blank=True)
    thread = models.ForeignKey(
        "community.Thread",
        verbose_name=_("thread"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    message = models.TextField(_("personal message"), blank=True)
    # The inviter's language when they invited: the e-mail and the invitation page speak it.
    language = models.CharField(_("language"), max_length=8, default=settings.LANGUAGE_CODE)
    status = models.CharField(
        _("status"), max_length=16, choices=InvitationStatus, default=InvitationStatus.PENDING
    )
    created_at = models.DateTimeField(_("created"))
    expires_at = models.DateTimeField(_("expires"), db_index=True)
    # When the e-mail was handed to the outbox: the sending task runs at most once.
    sent_at = models.DateTimeField(_("e-mail sent"), null=True, blank=True)
    closed_at = models.DateTimeField(_("accepted, revoked or expired"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["inviter", "-created_at"], name="invitation_inviter")]
        constraints = [
            # Inviting the same address again while the first one waits adds nothing.
            models.UniqueConstraint(
                fields=["inviter", "email"],
                condition=models.Q(status="pending"),
                name="invitation_one_pending_per_address",
            ),
            # The address goes when the invitation is no longer pending.
            models.CheckConstraint(
                condition=models.Q(status="pending") | models.Q(email=""),
                name="invitation_address_only_while_pending",
            ),
        ]

    def __str__(self):
        return f"{self.get_status_display()} ({self.pk})"
