"""Private conversations between a member and the support team.

A member opens one instead of posting personal data in public. Cases are never listed
publicly and never indexed for search; only their author and staff read them.
"""

from django.conf import settings
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    """Stored values never change."""

    OPEN = "open", _("Waiting for the support team")
    ANSWERED = "answered", _("Answered by the support team")
    CLOSED = "closed", _("Closed")


class SupportCaseQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("author", "space", "thread")

    def open_first(self):
        """Open cases first (the oldest waiting longest on top), then answered, then closed."""
        rank = Case(
            When(status=CaseStatus.OPEN, then=Value(0)),
            When(status=CaseStatus.ANSWERED, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
        return self.alias(rank=rank).order_by("rank", "updated_at", "pk")


class SupportCase(models.Model):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="support_cases",
    )
    title = models.CharField(_("title"), max_length=200)
    space = models.ForeignKey(
        "community.Space",
        verbose_name=_("space"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The public thread the member was answering when they chose to write privately.
    thread = models.ForeignKey(
        "community.Thread",
        verbose_name=_("thread"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=CaseStatus, default=CaseStatus.OPEN
    )
    created_at = models.DateTimeField(_("created"))
    updated_at = models.DateTimeField(_("updated"))

    objects = SupportCaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("private message to the support team")
        verbose_name_plural = _("private messages to the support team")
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["author", "-updated_at"], name="support_case_author")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("community:case", kwargs={"pk": self.pk})


class CaseMessage(models.Model):
    case = models.ForeignKey(
        SupportCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    body = models.TextField(_("text"))
    body_html = models.TextField(_("text as HTML"))
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.case_id}: {self.author_id}"
