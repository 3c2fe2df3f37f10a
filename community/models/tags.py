import re

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from community.i18n import localized

SLUG_MAX_LENGTH = 80
# "c++" and "c#" must not both become "c": the signs a tag may hold get words.
_SLUG_SIGNS = {"+": "-plus", "#": "-sharp"}


def tag_slug_base(name: str) -> str:
    """The address form of a tag's name: "E-1042" → "e-1042", "Kündigung" → "kundigung"."""
    text = re.sub(r"[+#]", lambda match: _SLUG_SIGNS[match.group()], name)
    return slugify(text)[: SLUG_MAX_LENGTH - 10].strip("-") or "tag"


class TagQuerySet(models.QuerySet):
    def with_thread_counts(self):
        """Each tag with ``thread_count``: its threads every visitor may see. One query."""
        public = Q(
            threads__hidden_at__isnull=True,
            threads__deleted_at__isnull=True,
            threads__space__is_active=True,
        )
        return self.annotate(thread_count=Count("threads", filter=public, distinct=True))

    def listed(self):
        """The tags the tag index shows: the official vocabulary, and every free tag that
        has at least one thread a visitor can see (a free tag of a deleted thread is noise)."""
        return self.with_thread_counts().filter(Q(is_official=True) | Q(thread_count__gt=0))

    def vocabulary(self) -> list[str]:
        """The official tags' names, A to Z: what the ask form lists under its tag field."""
        return list(self.filter(is_official=True).order_by("name").values_list("name", flat=True))

    def matching(self, text: str):
        """Listed tags whose name contains `text`, those starting with it first, then the
        most used."""
        text = (text or "").strip().lower().lstrip("#")
        tags = self.listed()
        if text:
            tags = tags.filter(name__contains=text)
        return tags.annotate(
            starts=models.Case(
                models.When(name__startswith=text, then=models.Value(0)),
                default=models.Value(1),
                output_field=models.IntegerField(),
            )
        ).order_by("starts", "-thread_count", "name")


class Tag(models.Model):
    """A keyword on threads. Official tags form the admin's vocabulary; members
    from trust level 1 may add free tags."""

    name = models.CharField(_("name"), max_length=32, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=SLUG_MAX_LENGTH,
        unique=True,
        blank=True,
        help_text=_("The tag's address, /tags/<slug>/. Made from the name when left empty."),
    )
    description_en = models.CharField(_("description (English)"), max_length=240, blank=True)
    description_de = models.CharField(_("description (German)"), max_length=240, blank=True)
    is_official = models.BooleanField(
        _("official"), default=False, help_text=_("Part of the vocabulary everybody can use.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TagQuerySet.as_manager()

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Tags come into being in several places (a member's question, the admin, the demo
        # seed): each gets its address here, so none is ever without one.
        if not self.slug:
            self.slug = self._free_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("community:tag", kwargs={"slug": self.slug})

    @property
    def description(self) -> str:
        return localized(self, "description")

    def _free_slug(self) -> str:
        base = tag_slug_base(self.name)
        taken = set(
            Tag.objects.filter(slug__startswith=base)
            .exclude(pk=self.pk)
            .values_list("slug", flat=True)
        )
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        return slug
