"""One row per member and thing: votes, "me too", follows. Unique by constraint."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from community.models.threads import IdeaStatus


class HelpfulVote(models.Model):
    post = models.ForeignKey(
        "community.Post", on_delete=models.CASCADE, related_name="helpful_votes"
    )
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("helpful vote")
        verbose_name_plural = _("helpful votes")
        constraints = [
            models.UniqueConstraint(fields=["post", "member"], name="helpful_vote_once"),
        ]

    def __str__(self):
        return f"{self.member_id} → post {self.post_id}"


class SolvedToo(models.Model):
    """“This solved my problem too” on a solution."""

    post = models.ForeignKey("community.Post", on_delete=models.CASCADE, related_name="solved_too")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("“solved my problem too”")
        verbose_name_plural = _("“solved my problem too”")
        constraints = [models.UniqueConstraint(fields=["post", "member"], name="solved_too_once")]

    def __str__(self):
        return f"{self.member_id} → post {self.post_id}"


class MeToo(models.Model):
    """A member has the same problem (or wants the same idea)."""

    thread = models.ForeignKey("community.Thread", on_delete=models.CASCADE, related_name="me_toos")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("“me too”")
        verbose_name_plural = _("“me too” votes")
        constraints = [models.UniqueConstraint(fields=["thread", "member"], name="me_too_once")]

    def __str__(self):
        return f"{self.member_id} → thread {self.thread_id}"


class ThreadFollow(models.Model):
    thread = models.ForeignKey("community.Thread", on_delete=models.CASCADE, related_name="follows")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("followed thread")
        verbose_name_plural = _("followed threads")
        constraints = [
            models.UniqueConstraint(fields=["thread", "member"], name="thread_follow_once")
        ]

    def __str__(self):
        return f"{self.member_id} follows thread {self.thread_id}"


class SpaceFollow(models.Model):
    space = models.ForeignKey("community.Space", on_delete=models.CASCADE, related_name="follows")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="space_follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("followed space")
        verbose_name_plural = _("followed spaces")
        constraints = [
            models.UniqueConstraint(fields=["space", "member"], name="space_follow_once")
        ]

    def __str__(self):
        return f"{self.member_id} follows space {self.space_id}"


class TagFollowQuerySet(models.QuerySet):
    def is_following(self, *, member, tag) -> bool:
        """Whether `member` (a visitor is never) follows `tag`. One query for members."""
        if member is None or not member.is_authenticated:
            return False
        return self.filter(member=member, tag=tag).exists()


class TagFollow(models.Model):
    """A member wants to hear about new threads with a tag, like following a space."""

    tag = models.ForeignKey("community.Tag", on_delete=models.CASCADE, related_name="follows")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tag_follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TagFollowQuerySet.as_manager()

    class Meta:
        verbose_name = _("followed tag")
        verbose_name_plural = _("followed tags")
        constraints = [models.UniqueConstraint(fields=["tag", "member"], name="tag_follow_once")]

    def __str__(self):
        return f"{self.member_id} follows tag {self.tag_id}"


class IdeaStatusChange(models.Model):
    """The public history of an idea: what staff decided, when, and why."""

    thread = models.ForeignKey(
        "community.Thread", on_delete=models.CASCADE, related_name="idea_status_changes"
    )
    status = models.CharField(_("status"), max_length=16, choices=IdeaStatus)
    comment = models.TextField(_("comment"))
    duplicate_of = models.ForeignKey(
        "community.Thread",
        verbose_name=_("already exists as"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("idea status change")
        verbose_name_plural = _("idea status changes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.thread_id}: {self.status}"


class MemberVisit(models.Model):
    """A day on which a member used the site, with what they read that day: trust levels
    and badges count visit days, threads read and time spent reading from these rows."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="visits"
    )
    # The member's own calendar day (their time zone).
    day = models.DateField(_("day"))
    threads_read = models.PositiveIntegerField(_("threads read"), default=0)
    seconds_read = models.PositiveIntegerField(_("seconds spent reading"), default=0)

    class Meta:
        verbose_name = _("visit day")
        verbose_name_plural = _("visit days")
        constraints = [models.UniqueConstraint(fields=["member", "day"], name="visit_once_a_day")]

    def __str__(self):
        return f"{self.member_id} on {self.day}"


class ThreadRead(models.Model):
    """A member opened a thread: counted once in their day's ``threads_read``, whenever
    they come back to it."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey("community.Thread", on_delete=models.CASCADE, related_name="+")
    first_read_at = models.DateTimeField(_("first read"))

    class Meta:
        verbose_name = _("thread read")
        verbose_name_plural = _("threads read")
        constraints = [
            models.UniqueConstraint(fields=["member", "thread"], name="thread_read_once")
        ]

    def __str__(self):
        return f"{self.member_id} read thread {self.thread_id}"


class ThreadDailyViews(models.Model):
    """How often a thread's page was opened on one day of the support team's calendar.

    Counted by the page's beacon (static/js/views.js → ``community:thread_viewed``), never
    by the page's GET, so visitors' pages stay cacheable and a GET writes nothing. One row
    per thread and day keeps a year of views small and sums cheaply per period.
    """

    thread = models.ForeignKey(
        "community.Thread", on_delete=models.CASCADE, related_name="daily_views"
    )
    # The support team's calendar day (SupportSettings.time_zone), like the dashboard's.
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("thread views per day")
        verbose_name_plural = _("thread views per day")
        constraints = [
            models.UniqueConstraint(fields=["thread", "day"], name="thread_daily_views_once")
        ]
        indexes = [models.Index(fields=["day"], name="thread_daily_views_day")]

    def __str__(self):
        return f"thread {self.thread_id} on {self.day}: {self.views}"
