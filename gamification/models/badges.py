"""Badge awards: which member earned which badge, when, and (for repeatable badges) for what.

The badges themselves are code (``gamification.badges``); a row here only names one by slug.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class BadgeAward(models.Model):
    """`member` earned the badge `badge`. Never updated; awards are not taken back.

    A one-off badge has no source and is held once per member; a repeatable one (an answer
    with 25 helpful votes) names the thing it was earned for and is held once per member and
    source. Both are unique by a partial constraint, so an award replayed or raced by a
    second worker is refused by the database, not by a read before the write.
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="badge_awards",
    )
    badge = models.SlugField(_("badge"), max_length=40)
    source_type = models.ForeignKey(
        ContentType,
        verbose_name=_("kind of source"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    source_id = models.PositiveBigIntegerField(_("source number"), null=True, blank=True)
    awarded_at = models.DateTimeField(_("awarded"))

    class Meta:
        verbose_name = _("badge award")
        verbose_name_plural = _("badge awards")
        ordering = ["-awarded_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "badge"],
                condition=Q(source_id__isnull=True),
                name="badge_award_once",
            ),
            models.UniqueConstraint(
                fields=["member", "badge", "source_type", "source_id"],
                condition=Q(source_id__isnull=False),
                name="badge_award_once_per_source",
            ),
            models.CheckConstraint(
                condition=Q(source_type__isnull=True, source_id__isnull=True)
                | Q(source_type__isnull=False, source_id__isnull=False),
                name="badge_award_source_complete",
            ),
        ]
        indexes = [
            # A badge's page: who earned it, newest first.
            models.Index(fields=["badge", "-awarded_at"], name="badge_award_newest"),
        ]

    def __str__(self):
        return f"{self.badge} → {self.member_id}"
