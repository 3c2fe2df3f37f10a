from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SavedReplyQuerySet(models.QuerySet):
    def usable_by(self, member):
        """The shared replies and `member`'s personal ones (whether they may use saved
        replies at all is knowledge.permissions' question)."""
        return self.filter(Q(is_shared=True) | Q(owner_id=member.pk))

    def matching(self, text: str):
        """Replies whose title or text contains `text` (case-insensitive); all when empty."""
        text = text.strip()
        if not text:
            return self
        return self.filter(Q(title__icontains=text) | Q(body__icontains=text))

    def for_list(self):
        return self.select_related("owner").order_by("language", "title", "pk")


class SavedReply(models.Model):
    """A reply staff and super users insert into the answer editor and adapt before posting.
    Shared ones are for everyone who may use saved replies; personal ones for their owner."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="saved_replies",
    )
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("text (Markdown)"))
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    is_shared = models.BooleanField(_("shared with the team"), default=False)
    use_count = models.PositiveIntegerField(_("times used"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SavedReplyQuerySet.as_manager()

    class Meta:
        verbose_name = _("saved reply")
        verbose_name_plural = _("saved replies")
        ordering = ["title", "pk"]

    def __str__(self):
        return self.title
