from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Tag(models.Model):
    """A keyword on threads. Official tags form the admin's vocabulary; members
    from trust level 1 may add free tags."""

    name = models.CharField(_("name"), max_length=32, unique=True)
    is_official = models.BooleanField(
        _("official"), default=False, help_text=_("Part of the vocabulary everybody can use.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("community:threads") + f"?tag={self.name}"
