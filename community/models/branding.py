from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from community.i18n import localized

hex_colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}\Z", _("Enter a colour as # and six hexadecimal digits, e.g. #0b6e4f.")
)


BRANDING_CACHE_KEY = "community:branding"


class BrandingQuerySet(models.QuerySet):
    def current(self) -> "Branding":
        """The site's branding; an unsaved default until an admin edits it.

        Every page's header reads it, so it is cached until
        ``community.services.branding.save_branding`` saves a new one.
        """
        from django.core.cache import cache

        branding = cache.get(BRANDING_CACHE_KEY)
        if branding is None:
            branding = self.filter(pk=1).first() or Branding(pk=1)
            cache.set(BRANDING_CACHE_KEY, branding, timeout=None)
        return branding


class Branding(models.Model):
    """How the community looks and what its footer promises. One row, pk 1."""

    name = models.CharField(_("brand name"), max_length=60, default="Peerdesk")
    logo = models.ImageField(_("logo"), upload_to="branding/", blank=True)
    primary_colour = models.CharField(
        _("primary colour"), max_length=7, default="#0b5cad", validators=[hex_colour_validator]
    )
    support_hours_en = models.CharField(
        _("support hours (English)"), max_length=200, default="Mon–Fri 8:00–20:00, Sat 9:00–14:00"
    )
    support_hours_de = models.CharField(
        _("support hours (German)"), max_length=200, default="Mo–Fr 8:00–20:00, Sa 9:00–14:00"
    )
    contact_url = models.URLField(
        _("contact page"),
        blank=True,
        help_text=_("Where customers reach the support team directly."),
    )

    objects = BrandingQuerySet.as_manager()

    class Meta:
        verbose_name = _("branding")
        verbose_name_plural = _("branding")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="branding_single_row")]

    def __str__(self):
        return self.name

    @property
    def support_hours(self) -> str:
        return localized(self, "support_hours")
