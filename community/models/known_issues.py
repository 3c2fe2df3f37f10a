"""Known issues: one public status post with updates when many customers hit one problem."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class KnownIssueStatus(models.TextChoices):
    """In order. Stored values never change."""

    INVESTIGATING = "investigating", _("Investigating")
    IDENTIFIED = "identified", _("Identified")
    FIXED = "fixed", _("Fixed")


class KnownIssueQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=KnownIssueStatus.FIXED)


class KnownIssue(models.Model):
    """The status post is a thread of kind "known issue"; linked threads point here."""

    thread = models.OneToOneField(
        "community.Thread",
        verbose_name=_("status post"),
        on_delete=models.CASCADE,
        related_name="known_issue",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=KnownIssueStatus,
        default=KnownIssueStatus.INVESTIGATING,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"))
    fixed_at = models.DateTimeField(_("fixed"), null=True, blank=True)

    objects = KnownIssueQuerySet.as_manager()

    class Meta:
        verbose_name = _("known issue")
        verbose_name_plural = _("known issues")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return str(self.thread_id)

    @property
    def is_open(self) -> bool:
        return self.status != KnownIssueStatus.FIXED


class KnownIssueUpdate(models.Model):
    """A status update, posted publicly as an official answer on the status post."""

    known_issue = models.ForeignKey(
        KnownIssue, verbose_name=_("known issue"), on_delete=models.CASCADE, related_name="updates"
    )
    status = models.CharField(_("status"), max_length=16, choices=KnownIssueStatus)
    post = models.ForeignKey(
        "community.Post",
        verbose_name=_("post"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("posted"))

    class Meta:
        verbose_name = _("status update")
        verbose_name_plural = _("status updates")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.known_issue_id}: {self.status}"
