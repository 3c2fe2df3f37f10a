from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SentNotification(models.Model):
    """A notification e-mail that went out; makes the sending tasks safe to run twice."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sent notification")
        verbose_name_plural = _("sent notifications")
        constraints = [models.UniqueConstraint(fields=["member", "key"], name="notification_once")]

    def __str__(self):
        return f"{self.key} → {self.member_id}"


class NotificationKind(models.TextChoices):
    """What a notification in the centre is about. Stored values never change; apps other
    than community store their texts in ``data["text"]`` (one per language, see
    ``community.services.notices.notify``)."""

    NEW_ANSWER = "answer", _("New answer on your thread")
    MENTION = "mention", _("You were mentioned")
    ACCEPTED = "accepted", _("Your answer was accepted")
    HELPFUL = "helpful", _("Your post was marked helpful")
    IDEA_STATUS = "idea_status", _("An idea you follow changed status")
    BADGE_EARNED = "badge", _("You earned a badge")
    TRUST_LEVEL_CHANGED = "trust_level", _("Your trust level changed")
    NOMINATION_DECIDED = "nomination", _("Your super-user nomination was decided")
    FLAG_RESOLVED = "flag", _("A post you flagged was reviewed")
    ESCALATION = "escalation", _("News from the support team")
    # --- private messages to the support team ---
    CASE_OPENED = "case_opened", _("A member wrote privately to the support team")
    CASE_REPLIED = "case_replied", _("New reply to your private message")
    # --- knowledge base (texts in data["text"], written by knowledge) ---
    ARTICLE = "article", _("News of a knowledge-base article you follow")
    # --- escalation and known issues ---
    UNANSWERED = "unanswered", _("A question in a space you follow waits for an answer")
    STAFF_ALERT = "staff_alert", _("A question is about to miss its response target")
    ESCALATED = "escalated", _("A thread was escalated to the support team")
    KNOWN_ISSUE = "known_issue", _("News of a known issue that affects you")
    SURVEY = "survey", _("How did the support team do?")
    # --- invitations ---
    INVITATION_ACCEPTED = "invitation", _("Someone you invited joined")


class NotificationQuerySet(models.QuerySet):
    def for_member(self, member):
        return self.filter(recipient=member)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One entry in a member's notification centre (the bell).

    Written only through ``community.services.notices.notify``. Entries with the same
    ``group_key`` that are still unread collapse into one ("5 people found your answer
    helpful"): ``count`` says how many, ``actor`` is the latest.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=NotificationKind)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    thread = models.ForeignKey(
        "community.Thread", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    post = models.ForeignKey(
        "community.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # Where the entry leads when it is about neither a thread nor a post (a badge's page).
    url = models.CharField(_("link"), max_length=300, blank=True)
    # What the text needs beyond the rows above (a badge's slug, a trust level, a note).
    data = models.JSONField(_("details"), default=dict, blank=True)
    group_key = models.CharField(_("group"), max_length=120, blank=True)
    count = models.PositiveIntegerField(_("count"), default=1)
    created_at = models.DateTimeField(_("created"), db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread",
            ),
        ]
        constraints = [
            # At most one unread entry per group: grouping cannot race into two.
            models.UniqueConstraint(
                fields=["recipient", "group_key"],
                condition=models.Q(read_at__isnull=True) & ~models.Q(group_key=""),
                name="notification_one_unread_per_group",
            )
        ]

    def __str__(self):
        return f"{self.kind} → {self.recipient_id}"


class EmailKind(models.TextChoices):
    """The e-mails a member can switch off one by one on /settings/notifications/.
    Stored values never change."""

    NEW_ANSWER = "answer", _("New answers on threads I follow")
    MENTION = "mention", _("Mentions of me in posts")
    SOLUTION = "solution", _("Solutions chosen on threads I follow, my accepted answers included")
    IDEA_STATUS = "idea_status", _("Status changes of ideas I follow or voted for")
    NEW_THREAD = "new_thread", _("New threads in spaces and tags I follow")
    QUESTION_RECEIVED = (
        "question_received",
        _("Confirmation of each question I ask, with the expected response time"),
    )
    # Offered only to those who get it (community.extensions.register_email_audience).
    WEEKLY_REPORT = "weekly_report", _("The weekly community report for community managers")


class NotificationPreferenceQuerySet(models.QuerySet):
    def declining(self, kind: EmailKind | str):
        """Rows of members who switched the e-mail `kind` off."""
        return self.filter(kind=kind, email=False)


class NotificationPreference(models.Model):
    """A member's choice for one kind of e-mail. No row means the e-mail is on: only the
    kinds a member switched off (or on again) are stored."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=EmailKind)
    email = models.BooleanField(_("send e-mail"), default=True)

    objects = NotificationPreferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["member", "kind"], name="notification_preference_once")
        ]

    def __str__(self):
        return f"{self.kind}: {'on' if self.email else 'off'} → {self.member_id}"
