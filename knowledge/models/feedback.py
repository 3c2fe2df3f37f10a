from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ArticleFeedback(models.Model):
    """“Was this article helpful?” One per member, or per session for visitors."""

    article = models.ForeignKey(
        "knowledge.Article", on_delete=models.CASCADE, related_name="feedback"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    session_key = models.CharField(max_length=40, blank=True)
    helpful = models.BooleanField(_("helpful"))
    comment = models.TextField(_("what was missing"), max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("article feedback")
        verbose_name_plural = _("article feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "member"],
                condition=Q(member__isnull=False),
                name="feedback_once_per_member",
            ),
            models.UniqueConstraint(
                fields=["article", "session_key"],
                condition=Q(member__isnull=True),
                name="feedback_once_per_session",
            ),
        ]

    def __str__(self):
        return f"{self.article_id}: {'yes' if self.helpful else 'no'}"


class SuggestionOpened(models.Model):
    """Someone opened a suggestion (an article or a thread) from the ask form. Holds no
    personal data beyond the member id or the session key. Turned into a Deflection when
    they did not post within the window, or marked `posted` when they did."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    session_key = models.CharField(max_length=40, blank=True)
    article = models.ForeignKey(
        "knowledge.Article", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    thread = models.ForeignKey(
        "community.Thread", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True, db_index=True)
    posted = models.BooleanField(default=False)
    settled = models.BooleanField(default=False, db_index=True)

    def __str__(self):
        return f"opened {self.article_id or self.thread_id} at {self.opened_at}"


class Deflection(models.Model):
    """A question that was not asked: a suggestion from the ask form answered it (the
    visitor opened it and did not post within the window). For the KPI dashboard."""

    article = models.ForeignKey(
        "knowledge.Article", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    thread = models.ForeignKey(
        "community.Thread", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    opened = models.OneToOneField(SuggestionOpened, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("deflection")
        verbose_name_plural = _("deflections")

    def __str__(self):
        return f"deflected by {self.article_id or self.thread_id}"


class ArticleDailyViews(models.Model):
    """How often an article was opened on one day of the support team's calendar, for the
    dashboard's self-service figures (``Article.view_count`` is the running total).

    Counted by the article page's beacon (static/js/views.js), never by its GET.
    """

    article = models.ForeignKey(
        "knowledge.Article", on_delete=models.CASCADE, related_name="daily_views"
    )
    # The support team's calendar day (community SupportSettings.time_zone).
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("article views per day")
        verbose_name_plural = _("article views per day")
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="article_daily_views_once")
        ]
        indexes = [models.Index(fields=["day"], name="article_daily_views_day")]

    def __str__(self):
        return f"article {self.article_id} on {self.day}: {self.views}"
