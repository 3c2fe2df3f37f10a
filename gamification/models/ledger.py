"""The reputation ledger: append-only rows, one per booking or reversal."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReputationReason(models.TextChoices):
    """Why points were booked. Stored values never change."""

    ANSWER_HELPFUL = "answer_helpful", _("Answer marked helpful")
    QUESTION_HELPFUL = "question_helpful", _("Question marked helpful")
    ANSWER_ACCEPTED = "answer_accepted", _("Answer accepted as the solution")
    ACCEPTED_AN_ANSWER = "accepted_an_answer", _("Accepted someone’s answer")
    ANSWER_ENDORSED = "answer_endorsed", _("Answer recommended by the support team")
    SOLVED_TOO = "solved_too", _("Your solution solved someone’s problem too")
    ARTICLE_PUBLISHED = "article_published", _("Article published from your answer")
    FLAG_AGREED = "flag_agreed", _("Flag agreed by a moderator")


# The defaults of ReputationRule; an admin changes them in the database.
DEFAULT_POINTS = {
    ReputationReason.ANSWER_HELPFUL: 10,
    ReputationReason.QUESTION_HELPFUL: 5,
    ReputationReason.ANSWER_ACCEPTED: 15,
    ReputationReason.ACCEPTED_AN_ANSWER: 2,
    ReputationReason.ANSWER_ENDORSED: 20,
    ReputationReason.SOLVED_TOO: 5,
    ReputationReason.ARTICLE_PUBLISHED: 25,
    ReputationReason.FLAG_AGREED: 2,
}


class ReputationRule(models.Model):
    """How many points a reason is worth from now on (earlier rows keep theirs)."""

    reason = models.CharField(_("reason"), max_length=32, choices=ReputationReason, unique=True)
    points = models.SmallIntegerField(_("points"))

    class Meta:
        verbose_name = _("reputation rule")
        verbose_name_plural = _("reputation rules")
        ordering = ["reason"]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.points:+d}"


# What makes a ledger row unique (see ReputationEvent).
IDENTITY = ["member", "reason", "source_type", "source_id", "actor_key", "round", "is_reversal"]


class ReputationEvent(models.Model):
    """One booking (or its reversal) in a member's reputation. Never updated or deleted.

    Identity: (member, reason, source, `actor_key`, `round`, `is_reversal`) is unique, so a
    replayed or duplicated event books nothing twice. `actor_key` tells apart who caused
    it where several members can (each voter: their id; 0 where one booking per source is
    all there is). `round` counts how often the same thing was given again after it was
    taken back (vote, withdraw, vote again: round 1, its reversal in round 1, round 2).

    A reversal is either a taking back (the vote withdrawn, the answer unaccepted) or a
    suspension (`suspended`: its source was hidden or deleted). Showing the source again
    books anew only what was suspended, never what had been taken back before.
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="reputation_events",
    )
    points = models.SmallIntegerField(_("points"))
    reason = models.CharField(_("reason"), max_length=32, choices=ReputationReason)
    source_type = models.ForeignKey(
        ContentType, verbose_name=_("kind of source"), on_delete=models.PROTECT, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(_("source number"))
    actor_key = models.PositiveBigIntegerField(_("caused by"), default=0)
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    is_reversal = models.BooleanField(_("reversal"), default=False)
    suspended = models.BooleanField(_("suspended with its source"), default=False)
    # The space the source belonged to when booked: leaderboards per space read this.
    space = models.ForeignKey(
        "community.Space",
        verbose_name=_("space"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("reputation event")
        verbose_name_plural = _("reputation events")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=IDENTITY,
                name="reputation_event_once",
            ),
            models.CheckConstraint(
                condition=models.Q(suspended=False) | models.Q(is_reversal=True),
                name="reputation_only_reversals_suspend",
            ),
        ]
        indexes = [
            # A member's ledger page, newest first.
            models.Index(fields=["member", "-created_at"], name="reputation_member_ledger"),
            # Everything booked on one post, reversed when it is hidden or deleted.
            models.Index(fields=["source_type", "source_id"], name="reputation_source"),
            # Leaderboards: points per member since a moment, site-wide or in one space.
            models.Index(fields=["created_at", "member", "points"], name="reputation_period"),
            models.Index(
                fields=["space", "created_at", "member", "points"], name="reputation_space_period"
            ),
        ]

    def __str__(self):
        return f"{self.member_id} {self.points:+d} {self.reason}"


class SpaceReputation(models.Model):
    """What a member gained in one space of all time: the sum of their ledger rows booked
    there, moved by the ledger's services in the same transaction as each row (as
    ``Member.reputation`` is the sum of all of them). A space's all-time leaderboard reads it
    in index order instead of summing the whole ledger; ``recalculate_reputation`` checks it.
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    # A deleted space takes its totals along; its ledger rows stay, with no space.
    space = models.ForeignKey(
        "community.Space", verbose_name=_("space"), on_delete=models.CASCADE, related_name="+"
    )
    points = models.IntegerField(_("points"), default=0)

    class Meta:
        verbose_name = _("reputation in a space")
        verbose_name_plural = _("reputation in spaces")
        constraints = [
            models.UniqueConstraint(fields=["member", "space"], name="space_reputation_once"),
        ]
        indexes = [
            # A space's all-time board: the most points first, ties to the earlier member;
            # a viewer's rank is a count over the same range.
            models.Index(fields=["space", "-points", "member"], name="space_reputation_rank"),
        ]

    def __str__(self):
        return f"{self.member_id} in {self.space_id}: {self.points}"
