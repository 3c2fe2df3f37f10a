"""What the dashboard reads: daily roll-up rows, per-question facts, each post's sentiment,
the site searches, and which weekly reports went out.

Every row here is derived from what the other apps store and can be computed again
(``manage.py rollup_insights --since DATE``); nothing here is the only copy of anything.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from community.models.content_version import VersionRow


class DailyCount(models.Model):
    """One figure for one day of the support team's calendar (its time zone), for one space
    and one language, or for the whole site where a figure belongs to no space.

    ``metric`` names what is counted (``questions``, ``answers``, ``escalations`` …);
    ``key`` splits it further where a chart needs it (a tag's slug, ``"3-14"`` for Wednesday
    14:00–15:00, a priority, an agent's id), blank otherwise. ``value`` is a count or a sum
    (a sum of survey scores, say), so a period's figure is the sum of its days' rows.
    """

    day = models.DateField(_("day"))
    metric = models.CharField(_("figure"), max_length=40)
    key = models.CharField(_("detail"), max_length=80, blank=True)
    space = models.ForeignKey(
        "community.Space",
        verbose_name=_("space"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # Blank: the figure has no language (a count of members, say).
    language = models.CharField(_("language"), max_length=8, blank=True)
    value = models.FloatField(_("value"))

    class Meta:
        verbose_name = _("daily figure")
        verbose_name_plural = _("daily figures")
        permissions = [
            (
                "view_insights",
                _("Community manager: can open the insights dashboard"),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "metric", "key", "space", "language"],
                condition=models.Q(space__isnull=False),
                name="insights_daily_count_unique",
            ),
            models.UniqueConstraint(
                fields=["day", "metric", "key", "language"],
                condition=models.Q(space__isnull=True),
                name="insights_daily_count_site_unique",
            ),
        ]
        # Covers the dashboard's one read (a range of days, summed per day, figure and
        # detail) so that it never touches the table.
        indexes = [
            models.Index(fields=["day", "metric", "key", "value"], name="insights_daily_covering")
        ]

    def __str__(self):
        return f"{self.day} {self.metric} {self.key} = {self.value:g}"


class RollupVersion(VersionRow):
    """A number that grows each time a day is rolled up (``insights.rollups.rollup_day``).
    One row, pk 1. Each process keeps the dashboard's last reads of past days' figures
    under it (``insights.rollups.Counts``)."""

    class Meta:
        verbose_name = _("roll-up version")
        verbose_name_plural = _("roll-up versions")
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="insights_rollup_version_one_row")
        ]


class ResponderClass(models.TextChoices):
    PEER = "peer", _("Community member")
    SUPER_USER = "super_user", _("Super user")
    STAFF = "staff", _("Staff")


class QuestionFact(models.Model):
    """What one question's life says about the support it got, computed from the thread,
    its posts and its escalations (``insights.facts.refresh_question_fact``).

    Durations are in business seconds of the support team's hours where a target counts
    them (first response, solution), and in wall-clock seconds in ``*_wall_seconds``.
    Kept fresh after each change to the thread (receivers, through the outbox) and
    recomputed by the nightly roll-up.
    """

    thread = models.OneToOneField(
        "community.Thread",
        verbose_name=_("thread"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    space = models.ForeignKey(
        "community.Space", verbose_name=_("space"), on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(_("language"), max_length=8)
    asked_at = models.DateTimeField(_("asked"))
    # The day it was asked in the support team's calendar.
    asked_on = models.DateField(_("asked on"))
    # Hidden, deleted or merged away: kept, and left out of every figure.
    is_public = models.BooleanField(_("public"), default=True)

    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    first_response_seconds = models.FloatField(
        _("first response (business seconds)"), null=True, blank=True
    )
    first_response_wall_seconds = models.FloatField(
        _("first response (seconds)"), null=True, blank=True
    )
    first_responder = models.CharField(
        _("first answered by"), max_length=12, choices=ResponderClass, blank=True
    )
    # Answered within the space's first-response target (None while unanswered).
    within_target = models.BooleanField(_("within target"), null=True, blank=True)

    solved_at = models.DateTimeField(_("solved"), null=True, blank=True)
    solution_seconds = models.FloatField(_("time to solution (business seconds)"), null=True)
    solution_wall_seconds = models.FloatField(_("time to solution (seconds)"), null=True)
    solved_by = models.CharField(_("solved by"), max_length=12, choices=ResponderClass, blank=True)
    # Solved by the first answer, never escalated, never reopened.
    first_contact_resolution = models.BooleanField(_("first-contact resolution"), default=False)
    was_reopened = models.BooleanField(_("reopened"), default=False)
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)

    computed_at = models.DateTimeField(_("computed"))

    class Meta:
        verbose_name = _("question fact")
        verbose_name_plural = _("question facts")
        indexes = [
            models.Index(fields=["asked_on"], name="insights_fact_asked_on"),
            models.Index(fields=["space", "asked_on"], name="insights_fact_space_asked"),
        ]

    def __str__(self):
        return f"#{self.thread_id}"


class SentimentLabel(models.TextChoices):
    POSITIVE = "positive", _("Positive")
    NEUTRAL = "neutral", _("Neutral")
    NEGATIVE = "negative", _("Negative")


class PostSentiment(models.Model):
    """A post's tone by the offline lexicon (``insights.sentiment``): a score from -1 (very
    negative) to +1 (very positive) and its label. Opening posts speak for their thread."""

    post = models.OneToOneField(
        "community.Post",
        verbose_name=_("post"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    thread = models.ForeignKey(
        "community.Thread", verbose_name=_("thread"), on_delete=models.CASCADE, related_name="+"
    )
    is_opening = models.BooleanField(_("opening post"))
    language = models.CharField(_("language"), max_length=8)
    score = models.FloatField(_("score"))
    label = models.CharField(_("tone"), max_length=8, choices=SentimentLabel)
    # The lexicon's version: a new lexicon scores every post again.
    lexicon = models.CharField(_("lexicon"), max_length=20)
    computed_at = models.DateTimeField(_("computed"))

    class Meta:
        verbose_name = _("post sentiment")
        verbose_name_plural = _("post sentiments")
        indexes = [models.Index(fields=["is_opening", "score"], name="insights_sentiment_score")]

    def __str__(self):
        return f"{self.post_id}: {self.label} ({self.score:+.2f})"


class SearchLog(models.Model):
    """One site or knowledge-base search: what was asked (normalised; nothing that looks
    like personal data is kept) and how many results it found. No member is recorded."""

    query = models.CharField(_("query"), max_length=100)
    source = models.CharField(_("where"), max_length=12)  # "site", "kb"
    language = models.CharField(_("language"), max_length=8, blank=True)
    result_count = models.PositiveIntegerField(_("results"))
    created_at = models.DateTimeField(_("searched"), db_index=True)

    class Meta:
        verbose_name = _("search")
        verbose_name_plural = _("searches")

    def __str__(self):
        return self.query


class WeeklyReportDelivery(models.Model):
    """The weekly report went to this member for the week starting on ``week_start``
    (a Monday): once per member and week, whichever worker gets there first."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week_start = models.DateField(_("week"))
    sent_at = models.DateTimeField(_("sent"))

    class Meta:
        verbose_name = _("weekly report")
        verbose_name_plural = _("weekly reports")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "week_start"], name="insights_weekly_report_once"
            ),
        ]

    def __str__(self):
        return f"{self.member_id} {self.week_start}"
