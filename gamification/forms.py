from django import forms
from django.utils.translation import gettext_lazy as _

from community.models import Member


class NominateForm(forms.Form):
    """Staff propose any member by username."""

    username = forms.CharField(label=_("Username"), max_length=30)
    note = forms.CharField(
        label=_("Why"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_username(self):
        username = self.cleaned_data["username"].strip().lstrip("@")
        member = Member.objects.active_named([username]).first()
        if member is None:
            raise forms.ValidationError(_("No member has that username."))
        self.cleaned_data["member"] = member
        return username


class DecisionForm(forms.Form):
    DECISIONS = (("approve", _("Approve")), ("decline", _("Decline")))

    decision = forms.ChoiceField(choices=DECISIONS)
    note = forms.CharField(
        label=_("Note to the member"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the audit log."),
    )
