from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

LIMITS_CACHE_KEY = "community:limits"


class LimitsQuerySet(models.QuerySet):
    def current(self) -> "Limits":
        """The site's limits; the defaults until an admin edits them. Cached until saved."""
        from django.core.cache import cache

        limits = cache.get(LIMITS_CACHE_KEY)
        if limits is None:
            limits = self.filter(pk=1).first() or Limits(pk=1)
            cache.set(LIMITS_CACHE_KEY, limits, timeout=None)
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

    objects = LimitsQuerySet.as_manager()

    class Meta:
        verbose_name = _("limits")
        verbose_name_plural = _("limits")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="limits_single_row")]

    def __str__(self):
        return str(self._meta.verbose_name).capitalize()
