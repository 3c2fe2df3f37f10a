"""The admin's support targets and hours (``SupportSettings``, one row): checking the public
holiday calendar it names, and saving it so every process reads the new values at once."""

import holidays as holiday_calendars
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from community.models import SupportSettings
from community.models.escalation import SUPPORT_SETTINGS_CACHE_KEY


def clean_holiday_calendar(*, country: str, region: str) -> tuple[str, str]:
    """`country` and `region` as the ``holidays`` library spells them ("de", "by" → "DE",
    "BY"). Raises ValidationError (keyed by field) when the library knows neither."""
    country, region = country.strip().upper(), region.strip()
    if not country:
        if region:
            raise ValidationError(
                {"holiday_region": _("A region needs a country: add its country code.")}
            )
        return "", ""
    supported = holiday_calendars.list_supported_countries()
    if country not in supported:
        raise ValidationError(
            {
                "holiday_country": _(
                    "“%(code)s” is not a country the holiday calendar knows. Use an ISO code "
                    "such as DE, AT or CH, or leave it empty for no public holidays."
                )
                % {"code": country}
            }
        )
    if not region:
        return country, ""
    regions = {name.upper(): name for name in supported[country]}
    if region.upper() not in regions:
        raise ValidationError(
            {
                "holiday_region": _(
                    "“%(region)s” is not a region of %(country)s. Known regions: %(regions)s."
                )
                % {"region": region, "country": country, "regions": ", ".join(supported[country])}
            }
        )
    return country, regions[region.upper()]


def clean_routing_shares(*, super_users_after: int, staff_alert_after: int, escalate_after: int):
    """The tiers come in order: super users, then staff, then the escalation."""
    if not super_users_after <= staff_alert_after <= escalate_after:
        raise ValidationError(
            _(
                "The routing tiers must come in order: super users (%(super_users)s %%), then "
                "the support team (%(staff)s %%), then the escalation (%(escalate)s %%)."
            )
            % {
                "super_users": super_users_after,
                "staff": staff_alert_after,
                "escalate": escalate_after,
            }
        )


def save_support_settings(*, support_settings: SupportSettings) -> SupportSettings:
    """Save the admin's targets and hours (the one row, pk 1); every process reads the new
    values from the cache at once, and again after commit."""
    from django.core.cache import cache

    support_settings.pk = 1  # the one row: an admin's "add" must not take the next id
    support_settings.full_clean()
    support_settings.save()
    transaction.on_commit(lambda: cache.delete(SUPPORT_SETTINGS_CACHE_KEY))
    return support_settings
