from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

LIMITS_CACHE_KEY = "community:limits"
# How long a process keeps the admin's limits and branding. Saving them clears the cache at
# once; without a cache server each process has a cache of its own (gunicorn workers, the
# Celery worker), and the others see the change within this time.
SITE_SETTINGS_SECONDS = 60


class LimitsQuerySet(models.QuerySet):
    def current(self) -> "Limits":
        """The site's limits; the defaults until an admin edits them. Cached (see above)."""
        from django.core.cache import cache

        limits = cache.get(LIMITS_CACHE_KEY)
        if limits is None:
            limits = self.filter(pk=1).first() or Limits(pk=1)
            cache.set(LIMITS_CACHE_KEY, limits, timeout=SITE_SETTINGS_SECONDS)
        return limits


class Limits(models.Model):
    """Limits the services enforce for everyone, editable by an admin. One row, pk 1."""

    max_post_length = models.PositiveIntegerField(
        _("longest post (characters)"),
        default=32_000,
        validators=[MinValueValidator(500), MaxValueValidator(200_000)],
        help_text=_(
            "Questions, answers and their previews longer than this are refused with a message "
            "(the text stays in the form)."
        ),
    )

    # --- rate limits (community/services/ratelimits.py); 0 switches a limit off -------------
    # Defaults after Discourse. Staff are exempt from all of them; members from trust level 2
    # ("member") on get twice the daily counts.
    new_member_post_interval = models.PositiveIntegerField(
        _("new members: seconds between posts"),
        default=30,
        help_text=_("Trust level 0: at least this long between two posts (questions and answers)."),
    )
    post_interval = models.PositiveIntegerField(
        _("everyone: seconds between posts"),
        default=5,
        help_text=_("Every member (not staff): at least this long between two posts."),
    )
    duplicate_post_window = models.PositiveIntegerField(
        _("identical text refused for (seconds)"),
        default=5 * 60,
        help_text=_(
            "The same author posting the identical text again within this time is refused."
        ),
    )
    new_member_threads_first_day = models.PositiveIntegerField(
        _("new members: threads on the first day"),
        default=3,
        help_text=_("Trust level 0: questions in the first 24 hours after joining."),
    )
    new_member_answers_first_day = models.PositiveIntegerField(
        _("new members: answers on the first day"),
        default=10,
        help_text=_("Trust level 0: answers in the first 24 hours after joining."),
    )
    new_member_mentions_per_post = models.PositiveIntegerField(
        _("new members: mentions per post"),
        default=2,
        help_text=_("Trust level 0: at most this many @mentions in one post."),
    )
    threads_per_day = models.PositiveIntegerField(
        _("threads a day"),
        default=20,
        help_text=_("Per member and 24 hours; doubled from trust level 2, staff are exempt."),
    )
    helpful_votes_per_day = models.PositiveIntegerField(
        _("helpful votes a day"),
        default=50,
        help_text=_("Per member and 24 hours; doubled from trust level 2, staff are exempt."),
    )
    flags_per_day = models.PositiveIntegerField(
        _("flags a day"),
        default=20,
        help_text=_("Per member and 24 hours; doubled from trust level 2, staff are exempt."),
    )
    image_uploads_per_hour = models.PositiveIntegerField(
        _("image uploads an hour"),
        default=20,
        help_text=_("Per member; staff are exempt."),
    )
    invitations_per_day = models.PositiveIntegerField(
        _("invitations a day"),
        default=10,
        help_text=_("E-mail invitations per member and 24 hours; staff are exempt."),
    )
    previews_per_minute = models.PositiveIntegerField(
        _("previews and similar-thread lookups a minute"),
        default=60,
        help_text=_("Per visitor (member, else session, else address); staff are exempt."),
    )
    searches_per_minute = models.PositiveIntegerField(
        _("searches a minute"),
        default=30,
        help_text=_("Per visitor (member, else session, else address); staff are exempt."),
    )

    objects = LimitsQuerySet.as_manager()

    class Meta:
        verbose_name = _("limits")
        verbose_name_plural = _("limits")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="limits_single_row")]

    def __str__(self):
        return str(self._meta.verbose_name).capitalize()


class RateLimitCounter(models.Model):
    """How often one visitor did one thing in the current window (the database store of
    community/services/ratelimits.py, used when no shared cache server is configured).

    One row per key; a hit after ``expires_at`` starts a new window in the same row, and
    the hourly task deletes rows nobody hit again."""

    key = models.CharField(max_length=200, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.key}: {self.count}"
