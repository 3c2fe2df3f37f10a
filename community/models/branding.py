from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from community import brand_mark
from community.i18n import localized
from community.models.limits import SITE_SETTINGS_SECONDS

hex_colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}\Z", _("Enter a colour as # and six hexadecimal digits, e.g. #0b6e4f.")
)


BRANDING_CACHE_KEY = "community:branding"


class BrandingQuerySet(models.QuerySet):
    def current(self) -> "Branding":
        """The site's branding; an unsaved default until an admin edits it.

        Every page's header reads it, so it is cached; ``save_branding`` clears the cache,
        and other processes with caches of their own see it within SITE_SETTINGS_SECONDS.
        """
        from django.core.cache import cache

        branding = cache.get(BRANDING_CACHE_KEY)
        if branding is None:
            branding = self.filter(pk=1).first() or Branding(pk=1)
            cache.set(BRANDING_CACHE_KEY, branding, timeout=SITE_SETTINGS_SECONDS)
        return branding


SUPPORT_HOURS_EN = "Mon–Fri 8:00–18:00 (Berlin time)"
SUPPORT_HOURS_DE = "Mo–Fr 8:00–18:00 (Berliner Zeit)"
HOURS_HELP = _(
    "Shown in the footer. Keep it in line with the business hours under “Support targets "
    "and hours”, which the response targets count."
)


class Branding(models.Model):
    """How the community looks and what its footer promises. One row, pk 1."""

    name = models.CharField(_("brand name"), max_length=60, default="Peerdesk")
    logo = models.ImageField(
        _("logo"),
        upload_to="branding/",
        blank=True,
        width_field="logo_width",
        height_field="logo_height",
        help_text=_(
            "Shown in the header, in e-mails and in the admin, 32 to 40 pixels high. PNG, "
            "JPEG, GIF or WebP; stored as PNG without metadata. Without a logo, a mark "
            "with the brand's initials on its colour is shown."
        ),
    )
    logo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    favicon = models.ImageField(
        _("favicon"),
        upload_to="branding/",
        blank=True,
        help_text=_(
            "The icon in browser tabs and bookmarks: a square image, at least 64 × 64 "
            "pixels (PNG, JPEG, GIF, WebP or ICO). Without one, the mark with the brand's "
            "initials is used."
        ),
    )
    primary_colour = models.CharField(
        _("primary colour"), max_length=7, default="#0b5cad", validators=[hex_colour_validator]
    )
    # The footer's words for the hours that "Support targets and hours" count the targets
    # in (community.models.escalation.SupportSettings): the defaults agree, and an admin
    # who changes one changes the other (the help text says so).
    support_hours_en = models.CharField(
        _("support hours (English)"),
        max_length=200,
        default=SUPPORT_HOURS_EN,
        help_text=HOURS_HELP,
    )
    support_hours_de = models.CharField(
        _("support hours (German)"),
        max_length=200,
        default=SUPPORT_HOURS_DE,
        help_text=HOURS_HELP,
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

    # --- What pages and e-mails show: the uploads, or the generated mark ---------------

    @property
    def text_colour(self) -> str:
        """White or near-black: what reads best on the primary colour (buttons in e-mails)."""
        return brand_mark.text_colour_on(self.primary_colour)

    @property
    def mark_version(self) -> str:
        return brand_mark.version(name=self.name, colour=self.primary_colour)

    def mark_url(self, kind: str = "svg") -> str:
        """The generated mark (kind "svg" or "png"); the version changes with name and colour."""
        return f"{reverse('community:brand_mark', kwargs={'kind': kind})}?v={self.mark_version}"

    @property
    def logo_url(self) -> str:
        return self.logo.url if self.logo else self.mark_url("svg")

    @property
    def email_logo_url(self) -> str:
        """Mail programs show PNG but rarely SVG: the upload (stored as PNG) or the PNG mark."""
        return self.logo.url if self.logo else self.mark_url("png")

    def logo_size(self, height: int) -> tuple[int, int]:
        """(width, height) to show the logo `height` pixels high, in its proportions."""
        if self.logo and self.logo_width and self.logo_height:
            return round(height * self.logo_width / self.logo_height), height
        return height, height

    @property
    def header_logo_width(self) -> int:
        """The logo's width in the site's header, where it is 32 pixels high."""
        return self.logo_size(32)[0]

    @property
    def favicon_url(self) -> str:
        return self.favicon.url if self.favicon else self.mark_url("svg")

    @property
    def touch_icon_url(self) -> str:
        """For home screens, which want a bitmap: the favicon (a PNG) or the PNG mark."""
        return self.favicon.url if self.favicon else self.mark_url("png")

    @property
    def favicon_type(self) -> str:
        return "image/png" if self.favicon else "image/svg+xml"
