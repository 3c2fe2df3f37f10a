"""Durations and moments as people say them, in one style in both languages.

One unit, rounded down, the largest that fits: "3 days ago" / "vor 3 Tagen",
"47 days" / "47 Tage"; never "3 days, 5 hours" or "1 Tage her".
"""

from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MINUTE, HOUR, DAY = 60, 3600, 86400
MONTH, YEAR = 30 * DAY, 365 * DAY


def _unit(seconds: float, *, days_up_to: int = 30) -> tuple[str, int]:
    """The largest unit that fits; months only after `days_up_to` days."""
    seconds = max(0, int(seconds))
    if seconds >= YEAR:
        return "year", seconds // YEAR
    if seconds >= max(MONTH, days_up_to * DAY):
        return "month", seconds // MONTH
    for name, size in (("day", DAY), ("hour", HOUR)):
        if seconds >= size:
            return name, seconds // size
    return "minute", seconds // MINUTE


def duration_text(delta: timedelta) -> str:
    """ "47 days", "3 hours", "1 minute" ("47 Tage", "3 Stunden", "1 Minute").

    A waiting time stays in days for longer than a moment in the past does: staff
    compare "47 days" with "12 days" at a glance.
    """
    unit, count = _unit(delta.total_seconds(), days_up_to=100)
    count = max(count, 1)
    forms = {
        "year": ngettext("%(count)d year", "%(count)d years", count),
        "month": ngettext("%(count)d month", "%(count)d months", count),
        "day": ngettext("%(count)d day", "%(count)d days", count),
        "hour": ngettext("%(count)d hour", "%(count)d hours", count),
        "minute": ngettext("%(count)d minute", "%(count)d minutes", count),
    }
    return forms[unit] % {"count": count}


def time_ago(moment: datetime, now: datetime | None = None) -> str:
    """ "just now", "5 minutes ago", "3 days ago" ("gerade eben", "vor 5 Minuten", "vor 3 Tagen")."""
    now = now or timezone.now()
    seconds = (now - moment).total_seconds()
    if seconds < MINUTE:
        return _("just now")
    unit, count = _unit(seconds)
    # Only the one form needed: a list page says this for every row.
    match unit:
        case "year":
            text = ngettext("%(count)d year ago", "%(count)d years ago", count)
        case "month":
            text = ngettext("%(count)d month ago", "%(count)d months ago", count)
        case "day":
            text = ngettext("%(count)d day ago", "%(count)d days ago", count)
        case "hour":
            text = ngettext("%(count)d hour ago", "%(count)d hours ago", count)
        case _:
            text = ngettext("%(count)d minute ago", "%(count)d minutes ago", count)
    return text % {"count": count}
