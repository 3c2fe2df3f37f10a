"""Trust levels: the thresholds an admin tunes, the regulars' grace, super-user nominations."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class TrustLevelSettingsQuerySet(models.QuerySet):
    def current(self) -> "TrustLevelSettings":
        """The thresholds in force: the admin's row, or the defaults until there is one."""
        return self.filter(pk=1).first() or TrustLevelSettings(pk=1)


def _count(verbose_name, default, help_text, *, maximum=100_000):
    return models.PositiveIntegerField(
        verbose_name,
        default=default,
        validators=[MaxValueValidator(maximum)],
        help_text=help_text,
    )


class TrustLevelSettings(models.Model):
    """What it takes to reach each automatic trust level, and to be proposed as a super user.
    One row, pk 1, editable in the admin; defaults after Discourse."""

    # Basic member (trust level 1)
    basic_threads_read = _count(_("threads read"), 5, _("Basic member: threads opened."))
    basic_minutes_read = _count(
        _("minutes spent reading"), 10, _("Basic member: time spent reading, in total.")
    )
    basic_days_member = _count(_("days since joining"), 1, _("Basic member: days since sign-up."))
    # Member (trust level 2)
    member_visit_days = _count(_("days visited"), 15, _("Member: days on which they visited."))
    member_answers = _count(_("answers posted"), 3, _("Member: answers posted."))
    member_helpful_votes = _count(
        _("helpful votes received"), 5, _("Member: helpful votes on their posts.")
    )
    # Regular (trust level 3), over a rolling period
    regular_period_days = _count(
        _("period (days)"),
        100,
        _("Regular: the requirements below count over this many past days."),
        maximum=3650,
    )
    regular_visit_percent = models.PositiveSmallIntegerField(
        _("share of days visited (%)"),
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Regular: visits on at least this share of the period’s days."),
    )
    regular_good_answers = _count(
        _("accepted or helpful answers"),
        10,
        _("Regular: answers in the period that were accepted or marked helpful."),
    )
    regular_grace_days = _count(
        _("grace (days)"),
        14,
        _("A regular who no longer meets the requirements keeps the level this long."),
        maximum=365,
    )
    # Proposed as a super user (trust level 4, granted by staff)
    nomination_accepted_answers = _count(
        _("accepted answers"), 25, _("Super-user proposal: accepted answers in total.")
    )
    nomination_reputation = _count(
        _("reputation"), 1000, _("Super-user proposal: reputation at least."), maximum=10_000_000
    )
    nomination_strike_free_days = _count(
        _("days without a strike"),
        90,
        _("Super-user proposal: no post hidden by a moderator for this many days."),
        maximum=3650,
    )
    nomination_days_member = _count(
        _("days as a member"), 60, _("Super-user proposal: days since sign-up."), maximum=3650
    )
    nomination_pause_days = _count(
        _("days before proposing again"),
        90,
        _("A member whose nomination was declined is not proposed again for this long."),
        maximum=3650,
    )

    objects = TrustLevelSettingsQuerySet.as_manager()

    class Meta:
        verbose_name = _("trust level settings")
        verbose_name_plural = _("trust level settings")
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="trust_settings_single_row")
        ]

    def __str__(self):
        return str(self._meta.verbose_name).capitalize()


class TrustLevelGrace(models.Model):
    """A regular (trust level 3) who no longer meets the requirements, since `since`: after
    the grace period they go back to member. The row goes when they meet them again."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    since = models.DateField(_("below the requirements since"))

    class Meta:
        verbose_name = _("regular’s grace period")
        verbose_name_plural = _("regulars’ grace periods")

    def __str__(self):
        return f"{self.member_id} since {self.since}"


class NominationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


class Nomination(models.Model):
    """A member proposed as a super user: by staff by hand, or by the criteria (no
    `proposed_by`) when staff decide on a member the nominations page suggested."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="nominations",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=NominationStatus, default=NominationStatus.PENDING
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty: proposed because the member meets the criteria."),
    )
    note = models.TextField(_("note"), max_length=1000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("proposed"))

    class Meta:
        verbose_name = _("super-user nomination")
        verbose_name_plural = _("super-user nominations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One open nomination per member: a second click finds the first.
            models.UniqueConstraint(
                fields=["member"],
                condition=models.Q(status="pending"),
                name="nomination_one_pending",
            ),
            models.CheckConstraint(
                condition=models.Q(status="pending", decided_at__isnull=True)
                | (~models.Q(status="pending") & models.Q(decided_at__isnull=False)),
                name="nomination_decided_iff_decided_at",
            ),
        ]
        indexes = [models.Index(fields=["status", "-created_at"], name="nomination_queue")]

    def __str__(self):
        return f"{self.member_id}: {self.status}"
