"""Escalation to the support team: targets, escalations, the desk's notes, surveys.

When the community cannot help in time, a thread is escalated: the support team works it at
/support/, privately with the customer where needed, and the outcome comes back to the
thread. ``community.escalation`` holds the services; these are the rows they write.
"""

from datetime import time

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from community.models.limits import SITE_SETTINGS_SECONDS
from community.models.members import validate_time_zone

SUPPORT_SETTINGS_CACHE_KEY = "community:support-settings"


class Priority(models.IntegerChoices):
    """P1 first. Stored values never change; a lower number is more urgent."""

    URGENT = 1, _("P1 urgent")
    HIGH = 2, _("P2 high")
    NORMAL = 3, _("P3 normal")


class CustomerUrgency(models.TextChoices):
    """What the asker says about their own urgency on the ask form."""

    NORMAL = "normal", _("It can wait a little")
    HIGH = "high", _("It stops me from doing something important")
    URGENT = "urgent", _("I cannot use the service at all")


class SupportSettingsQuerySet(models.QuerySet):
    def current(self) -> "SupportSettings":
        """The site's support targets and hours; the defaults until an admin edits them.
        Cached like the limits (SITE_SETTINGS_SECONDS); saving clears the cache."""
        from django.core.cache import cache

        current = cache.get(SUPPORT_SETTINGS_CACHE_KEY)
        if current is None:
            current = self.filter(pk=1).first() or SupportSettings(pk=1)
            cache.set(SUPPORT_SETTINGS_CACHE_KEY, current, timeout=SITE_SETTINGS_SECONDS)
        return current


class SupportSettings(models.Model):
    """The support team's targets, hours and routing, editable by an admin. One row, pk 1.

    Spaces override the first-response target (``Space.first_response_target``), the
    solution target (``Space.solution_target``) and the default priority; the rest is the
    one support team's and holds for every space. Targets count business time only.
    """

    solution_target = models.PositiveIntegerField(
        _("solution target (minutes)"),
        default=48 * 60,
        validators=[MinValueValidator(1)],
        help_text=_("Business minutes until a question should be solved, unless its space says."),
    )
    # --- business hours ---------------------------------------------------------------------
    time_zone = models.CharField(
        _("time zone of the support team"),
        max_length=64,
        default="Europe/Berlin",
        validators=[validate_time_zone],
    )
    opens_at = models.TimeField(_("opens at"), default=time(8, 0))
    closes_at = models.TimeField(_("closes at"), default=time(18, 0))
    work_days = models.CharField(
        _("working days"),
        max_length=7,
        default="12345",
        validators=[RegexValidator(r"^[1-7]{1,7}$", _("Digits 1 (Monday) to 7 (Sunday)."))],
        help_text=_(
            "ISO weekday digits, 1 = Monday … 7 = Sunday; e.g. 12345 for Monday to Friday."
        ),
    )
    holiday_country = models.CharField(
        _("public holidays of (country code)"),
        max_length=2,
        default="DE",
        blank=True,
        help_text=_("ISO code such as DE, AT or CH; empty for no public holidays."),
    )
    holiday_region = models.CharField(
        _("region"),
        max_length=10,
        blank=True,
        help_text=_("Optional subdivision, e.g. BY for Bavaria or NW for North Rhine-Westphalia."),
    )
    # --- tiered routing (shares of the first-response target) ----------------------------
    super_users_after = models.PositiveSmallIntegerField(
        _("super users asked after (% of the target)"),
        default=50,
        validators=[MaxValueValidator(100)],
        help_text=_("An unanswered question is put in front of super users after this share."),
    )
    staff_alert_after = models.PositiveSmallIntegerField(
        _("support team alerted after (% of the target)"),
        default=80,
        validators=[MaxValueValidator(100)],
        help_text=_("Staff are told before the target is missed."),
    )
    escalate_after = models.PositiveSmallIntegerField(
        _("escalated after (% of the target)"),
        default=100,
        validators=[MinValueValidator(1), MaxValueValidator(300)],
    )
    # --- automatic triggers -------------------------------------------------------------------
    me_too_threshold = models.PositiveSmallIntegerField(
        _("“me too”s that escalate"),
        default=5,
        help_text=_(
            "This many “me too”s within the window below escalate (a likely outage); 0 off."
        ),
    )
    me_too_window = models.PositiveSmallIntegerField(_("“me too” window (hours)"), default=24)
    escalate_high_priority_triage = models.BooleanField(
        _("escalate complaints and account problems at once"),
        default=True,
        help_text=_("A question triaged as a complaint or account/security problem at P1 or P2."),
    )
    # --- the helpdesk's inbound webhook (/hooks/helpdesk/) ------------------------------------
    helpdesk_secret = models.CharField(
        _("helpdesk signing secret"),
        max_length=200,
        blank=True,
        help_text=_("whsec_… secret the helpdesk signs its calls with; empty refuses all calls."),
    )

    objects = SupportSettingsQuerySet.as_manager()

    class Meta:
        verbose_name = _("support targets and hours")
        verbose_name_plural = _("support targets and hours")

    def __str__(self):
        return str(_("Support targets and hours"))

    def save(self, *args, **kwargs):
        from django.core.cache import cache

        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(SUPPORT_SETTINGS_CACHE_KEY)


class EscalationStatus(models.TextChoices):
    """The desk's workflow, in order. Stored values never change."""

    NEW = "new", _("New")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    IN_PROGRESS = "in_progress", _("In progress")
    WAITING_ON_CUSTOMER = "waiting", _("Waiting on customer")
    RESOLVED = "resolved", _("Resolved")


OPEN_ESCALATION_STATUSES = (
    EscalationStatus.NEW,
    EscalationStatus.ACKNOWLEDGED,
    EscalationStatus.IN_PROGRESS,
    EscalationStatus.WAITING_ON_CUSTOMER,
)


class EscalationReason(models.TextChoices):
    """Why a thread was escalated. An escalation may have several. Stored values never change."""

    NO_FIRST_RESPONSE = "no_first_response", _("No reply within the first-response target")
    NO_SOLUTION = "no_solution", _("Not solved within the solution target")
    ME_TOO = "me_too", _("Many members have the same problem (likely outage)")
    PERSONAL_DATA = "personal_data", _("A post was flagged for personal data")
    TRIAGE = "triage", _("Complaint or account/security problem at high priority")
    ASKER = "asker", _("The asker asked for the support team")
    MANUAL = "manual", _("Escalated by a super user or staff member")
    HELPDESK = "helpdesk", _("Opened by the helpdesk")


class EscalationQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=EscalationStatus.RESOLVED)

    def for_desk(self):
        return self.select_related("thread", "thread__space", "thread__author", "assignee")


class Escalation(models.Model):
    """A thread the support team took over. At most one open escalation per thread."""

    thread = models.ForeignKey(
        "community.Thread",
        verbose_name=_("thread"),
        on_delete=models.CASCADE,
        related_name="escalations",
    )
    # EscalationReason values, in the order they were added.
    reasons = models.JSONField(_("reasons"), default=list)
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority, default=Priority.NORMAL
    )
    # Why the priority is what it is: [{"code": ..., "text": ...}], from the triage rules or
    # "set by <name>" when staff changed it.
    priority_reasons = models.JSONField(_("priority reasons"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=EscalationStatus, default=EscalationStatus.NEW
    )
    escalated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("escalated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty when the system escalated."),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_escalations",
    )
    external_ticket_id = models.CharField(_("helpdesk ticket"), max_length=100, blank=True)
    # The private channel with the customer, opened by staff when needed.
    case = models.OneToOneField(
        "community.SupportCase",
        verbose_name=_("private conversation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="escalation",
    )
    created_at = models.DateTimeField(_("escalated"), db_index=True)
    # Due times in absolute time, computed in business time when the escalation is created.
    first_response_due_at = models.DateTimeField(_("first staff response due"), null=True)
    solution_due_at = models.DateTimeField(_("solution due"), null=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    first_staff_response_at = models.DateTimeField(_("first staff response"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolution_note = models.TextField(_("resolution"), blank=True)
    resolution_post = models.ForeignKey(
        "community.Post",
        verbose_name=_("resolution answer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = EscalationQuerySet.as_manager()

    class Meta:
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        ordering = ["priority", "solution_due_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["thread"],
                condition=~Q(status="resolved"),
                name="escalation_one_open_per_thread",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "priority", "solution_due_at"], name="escalation_queue"),
        ]

    def __str__(self):
        return f"#{self.pk} {self.thread_id}"

    def get_absolute_url(self):
        return reverse("community:desk_escalation", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status != EscalationStatus.RESOLVED


class EscalationEventKind(models.TextChoices):
    """What happened to an escalation: each one goes to the support team's e-mail and the
    webhooks (``community.escalation.events``). Stored values never change."""

    CREATED = "escalation.created", _("Escalated")
    REASON_ADDED = "escalation.reason_added", _("Another reason added")
    PRIORITY_CHANGED = "escalation.priority_changed", _("Priority changed")
    ASSIGNED = "escalation.assigned", _("Assigned")
    STATUS_CHANGED = "escalation.status_changed", _("Status changed")
    NOTE_ADDED = "escalation.note_added", _("Internal note added")
    CUSTOMER_REPLIED = "escalation.customer_replied", _("Customer replied")
    STAFF_REPLIED = "escalation.staff_replied", _("Support team replied")
    TICKET_LINKED = "escalation.ticket_linked", _("Helpdesk ticket linked")
    RESOLVED = "escalation.resolved", _("Resolved")
    SURVEY_ANSWERED = "escalation.survey_answered", _("Satisfaction survey answered")


class EscalationEvent(models.Model):
    """The escalation's timeline, append-only."""

    escalation = models.ForeignKey(
        Escalation, verbose_name=_("escalation"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("event"), max_length=40, choices=EscalationEventKind)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Plain JSON describing the change, e.g. {"from": 3, "to": 1}; never personal data.
    data = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"))

    class Meta:
        verbose_name = _("escalation event")
        verbose_name_plural = _("escalation events")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.escalation_id}: {self.kind}"


class InternalNote(models.Model):
    """A note on an escalation that only the support team reads."""

    escalation = models.ForeignKey(
        Escalation, verbose_name=_("escalation"), on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    body = models.TextField(_("text"))
    body_html = models.TextField(_("text as HTML"))
    created_at = models.DateTimeField(_("written"))

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.escalation_id}: {self.author_id}"


class SatisfactionSurvey(models.Model):
    """The customer's rating of a resolved escalation: 1–5 and a comment, answered once."""

    escalation = models.OneToOneField(
        Escalation, verbose_name=_("escalation"), on_delete=models.CASCADE, related_name="survey"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("customer"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    # The agent who resolved it, for CSAT per agent.
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    score = models.PositiveSmallIntegerField(
        _("score"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True)
    sent_at = models.DateTimeField(_("sent"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("satisfaction survey")
        verbose_name_plural = _("satisfaction surveys")
        ordering = ["-sent_at", "-pk"]

    def __str__(self):
        return f"{self.escalation_id}: {self.score or '–'}"


class RoutingTier(models.TextChoices):
    SUPER_USERS = "super_users", _("Put in front of super users")
    STAFF_ALERT = "staff_alert", _("Support team alerted")


class RoutingNotice(models.Model):
    """That an unanswered question was put in front of a tier; once per thread and tier, so
    the every-minute sweep never tells anyone twice."""

    thread = models.ForeignKey(
        "community.Thread", on_delete=models.CASCADE, related_name="routing_notices"
    )
    tier = models.CharField(max_length=16, choices=RoutingTier)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("routing notice")
        verbose_name_plural = _("routing notices")
        constraints = [
            models.UniqueConstraint(fields=["thread", "tier"], name="routing_notice_once"),
        ]

    def __str__(self):
        return f"{self.thread_id}: {self.tier}"
