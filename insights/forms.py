"""The dashboard's controls: which days, how grouped, which space and language, and whether
to compare with the period before.

``read_scope`` turns the query string into a ``Scope``. Whatever arrives (a typo'd link, a
range of ten years, tomorrow), the page still renders: the form carries the errors to show
and the scope falls back to the default, the last 30 days.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from community.models import Space
from insights.calendar import today
from insights.scope import Scope

DEFAULT_DAYS = 30
PRESET_DAYS = (7, 30, 90)
MAX_CUSTOM_DAYS = 400
# The longest period still drawn per day, and per week; longer ones go by month.
DAILY_UP_TO = 31
WEEKLY_UP_TO = 120


def automatic_grouping(days: int) -> str:
    """A grouping that gives a chart between a handful and a few dozen points."""
    if days <= DAILY_UP_TO:
        return "day"
    if days <= WEEKLY_UP_TO:
        return "week"
    return "month"


class DateInput(forms.DateInput):
    """The browser's date picker; it sends ISO dates whatever the member's language."""

    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class ScopeForm(forms.Form):
    period = forms.ChoiceField(
        label=_("Period"),
        choices=[
            ("7", _("Last 7 days")),
            ("30", _("Last 30 days")),
            ("90", _("Last 90 days")),
            ("custom", _("Custom range")),
        ],
        initial=str(DEFAULT_DAYS),
        required=False,
    )
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())
    grouping = forms.ChoiceField(
        label=_("Group by"),
        choices=[
            ("", _("Automatic")),
            ("day", _("Day")),
            ("week", _("Week")),
            ("month", _("Month")),
        ],
        required=False,
    )
    space = forms.ModelChoiceField(
        label=_("Space"),
        queryset=Space.objects.filter(is_active=True).order_by("position", "pk"),
        required=False,
        empty_label=_("All spaces"),
    )
    language = forms.ChoiceField(label=_("Language"), required=False)
    compare = forms.BooleanField(label=_("Compare with the previous period"), required=False)

    def __init__(self, *args, last_day: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.last_day = last_day
        self.fields["language"].choices = [("", _("All languages")), *settings.LANGUAGES]
        self.fields["start"].widget.attrs["max"] = last_day.isoformat()
        self.fields["end"].widget.attrs["max"] = last_day.isoformat()

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        period = data.get("period") or str(DEFAULT_DAYS)
        if period != "custom":
            data["first"] = self.last_day - timedelta(days=int(period) - 1)
            data["last"] = self.last_day
            return data
        start, end = data.get("start"), data.get("end")
        if start is None or end is None:
            raise ValidationError(_("A custom range needs both a first and a last day."))
        if start > end:
            raise ValidationError(_("The first day comes after the last day."))
        if end > self.last_day:
            raise ValidationError(_("The range reaches into the future; the last day is today."))
        if (end - start).days + 1 > MAX_CUSTOM_DAYS:
            raise ValidationError(
                _("A custom range covers at most %(days)d days."), params={"days": MAX_CUSTOM_DAYS}
            )
        data["first"], data["last"] = start, end
        return data


@dataclass(frozen=True)
class Choice:
    """What the manager asked for: the form (to show again, errors and all), the scope to
    build the page for, and whether to show the previous period's figures."""

    form: ScopeForm
    scope: Scope
    compare: bool


def default_scope(last_day: date) -> Scope:
    first = last_day - timedelta(days=DEFAULT_DAYS - 1)
    return Scope(first=first, last=last_day, grouping=automatic_grouping(DEFAULT_DAYS))


def read_scope(query) -> Choice:
    """The scope the query string asks for, or the default one when it asks for nonsense.

    A page opened without any of the form's fields (the first visit, a link from the menu)
    compares with the previous period; after that the checkbox decides.
    """
    last_day = today()
    field_names = ScopeForm.base_fields.keys()
    if not any(name in query for name in field_names):
        form = ScopeForm(initial={"period": str(DEFAULT_DAYS), "compare": True}, last_day=last_day)
        return Choice(form=form, scope=default_scope(last_day), compare=True)
    form = ScopeForm(query, last_day=last_day)
    if not form.is_valid():
        return Choice(form=form, scope=default_scope(last_day), compare=True)
    data = form.cleaned_data
    days = (data["last"] - data["first"]).days + 1
    space = data.get("space")
    scope = Scope(
        first=data["first"],
        last=data["last"],
        grouping=data.get("grouping") or automatic_grouping(days),
        space_id=space.pk if space else None,
        language=data.get("language") or "",
    )
    return Choice(form=form, scope=scope, compare=data.get("compare", False))
