"""How the dashboard writes its numbers: by unit, in the member's language.

Counts with thousands separators, percentages from fractions, durations (business time, in
seconds) as "1 h 20 min" (hours never become days: a business day is not 24 hours), scores
with one decimal. The same helpers format the tables beneath the charts, so what the table
says is what the card says.
"""

from django import template
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html, json_script
from django.utils.translation import gettext as _

from insights.figures import Chart, Figure, Link

register = template.Library()

HEAT_LEVELS = 5


def _number(value: float, decimals: int = 0) -> str:
    return number_format(round(value, decimals), decimal_pos=decimals, force_grouping=True)


def duration_text(seconds: float) -> str:
    minutes = round(seconds / 60)
    if seconds > 0 and minutes == 0:
        return _("< 1 min")
    hours, minutes = divmod(minutes, 60)
    if not hours:
        return _("%(minutes)d min") % {"minutes": minutes}
    if not minutes:
        return _("%(hours)s h") % {"hours": _number(hours)}
    return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": minutes}


@register.filter
def unit_value(value, unit: str) -> str:
    """`value` written for its unit; "–" where there is nothing to measure."""
    if value is None or value == "":
        return "–"
    if isinstance(value, str):
        return value
    match unit:
        case "count":
            return _number(value)
        case "percent":
            decimals = 0 if abs(value) >= 0.1 or value == 0 else 1
            return _("%(number)s %%") % {"number": _number(value * 100, decimals)}
        case "seconds":
            return duration_text(value)
        case "score":
            return _number(value, 1)
        case _:
            return _number(value, 0 if float(value).is_integer() else 2)


@register.filter
def change_text(figure: Figure) -> str:
    """What the arrow says, for everyone: "up from 12 last period"."""
    if figure.previous is None or figure.value is None:
        return _("nothing to compare with last period")
    before = unit_value(figure.previous, figure.unit)
    match figure.direction:
        case "up":
            return _("up from %(before)s last period") % {"before": before}
        case "down":
            return _("down from %(before)s last period") % {"before": before}
        case _:
            return _("the same as last period (%(before)s)") % {"before": before}


@register.filter
def arrow(figure: Figure) -> str:
    return {"up": "▲", "down": "▼", "same": "▶"}.get(figure.direction, "")


@register.filter
def is_empty(part) -> bool:
    """A chart with nothing but zeros and gaps, or a list with no rows: nothing to draw."""
    if isinstance(part, Chart):
        return not part.labels or all(
            not value for dataset in part.datasets for value in dataset.values
        )
    return not part.rows


@register.simple_tag
def chart_data(section, chart: Chart) -> str:
    """The chart's data for static/js/insights.js, as a JSON <script> (no inline code, so
    the content security policy stays strict)."""
    axis = {"percent": "%", "seconds": _("hours"), "score": "", "count": "", "number": ""}
    data = {
        "kind": chart.kind,
        "unit": chart.unit,
        "axis": axis.get(chart.unit, ""),
        "labels": chart.labels,
        "datasets": [{"label": d.label, "values": d.values} for d in chart.datasets],
    }
    return json_script(data, f"chart-data-{section.key}-{chart.key}")


@register.simple_tag
def download_url(section, part, query: str) -> str:
    url = reverse("insights:download", args=[section.key, part.key])
    return f"{url}?{query}" if query else url


@register.simple_tag
def heat_level(value, chart: Chart) -> int:
    """0 (nothing) to 5 (the busiest cell of the heatmap)."""
    highest = max(
        (v for dataset in chart.datasets for v in dataset.values if v is not None), default=0
    )
    if not value or not highest:
        return 0
    return max(1, round(HEAT_LEVELS * value / highest))


@register.filter
def cell(value, unit: str = "number"):
    """A list's cell: a link, or a value written for the unit."""
    if isinstance(value, Link):
        return format_html('<a href="{}">{}</a>', value.url, value.text)
    if isinstance(value, int | float):
        return unit_value(value, unit)
    return "–" if value is None else value
