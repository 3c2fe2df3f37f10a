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
