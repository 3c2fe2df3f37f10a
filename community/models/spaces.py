from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from community.i18n import localized
from community.models.escalation import Priority
from community.models.threads import ThreadKind


class SpaceQuerySet(models.QuerySet):
    def listed(self):
        return self.filter(is_active=True).order_by("position", "pk")


class Space(models.Model):
    """Where threads live, e.g. “Invoices & payment”."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=80)
    name_de = models.CharField(_("name (German)"), max_length=80, blank=True)
    description_en = models.CharField(_("description (English)"), max_length=240, blank=True)
    description_de = models.CharField(_("description (German)"), max_length=240, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    default_kind = models.CharField(
        _("default kind"),
        max_length=16,
        choices=ThreadKind,
        default=ThreadKind.QUESTION,
        help_text=_("What a new thread here is unless the author picks otherwise, e.g. Idea."),
    )
    first_response_target = models.PositiveIntegerField(
        _("first response target (minutes)"),
        default=60,
        help_text=_("How soon a question here should get its first answer."),
    )

    solution_target = models.PositiveIntegerField(
        _("solution target (business minutes)"),
        null=True,
        blank=True,
        help_text=_("Empty: the site's solution target (support targets and hours)."),
    )
    default_priority = models.PositiveSmallIntegerField(
        _("default priority"),
        choices=Priority,
        null=True,
        blank=True,
        help_text=_("Questions here are at least this urgent, e.g. P2 for Account & sign-in."),
    )

    objects = SpaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name  # in the reader's language, e.g. in the admin

    def get_absolute_url(self):
        return reverse("community:space", kwargs={"slug": self.slug})

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def description(self) -> str:
        return localized(self, "description")
