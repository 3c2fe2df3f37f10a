from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class VersionRow(models.Model):
    """A number in a table of one row (pk 1) that writers bump in their transaction and
    readers compare with what they keep: it lives in the database, not in the cache,
    because the default cache is memory of one process and every web process must see the
    same number. ``changed_at`` keeps a recreated row (after a flush) from meeting an old
    number. Subclasses add the constraint that holds them to one row."""

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.number} ({self.changed_at:%Y-%m-%d %H:%M:%S})"

    @classmethod
    def bump(cls) -> None:
        """A new number (the row is made where there is none yet)."""
        now = timezone.now()
        if cls.objects.filter(pk=1).update(number=F("number") + 1, changed_at=now):
            return
        try:
            with transaction.atomic():
                cls.objects.create(pk=1, number=1, changed_at=now)
        except IntegrityError:  # another process created the row a moment ago
            cls.objects.filter(pk=1).update(number=F("number") + 1, changed_at=now)

    @classmethod
    def current(cls) -> tuple:
        """(number, changed_at), or (0, None) before the first bump; one small query."""
        return cls.objects.filter(pk=1).values_list("number", "changed_at").first() or (0, None)


class ContentVersion(VersionRow):
    """A number that grows with every change a visitor could see. One row, pk 1.

    Pages cached for visitors are stored and validated (ETag) under it, so a bump makes every
    cached copy stale at once (community.caching).
    """

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="content_version_single_row")
        ]
