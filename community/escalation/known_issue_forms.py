"""The staff's forms for known issues (community.views.status). They validate; the
services in community.escalation.known_issues write."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from community.forms import THREAD_REFERENCE, PostTextField, TitleField
from community.models import KnownIssueStatus, Space


class StartKnownIssueForm(forms.Form):
    title = TitleField(
        help_text=_("What customers notice, e.g. “Invoices cannot be downloaded”."),
        error_messages={"required": _("Give the known issue a title.")},
    )
    body = PostTextField(
        label=_("What we know so far"),
        error_messages={"required": _("Say what is known so far in a sentence or two.")},
        help_text=_("Shown publicly on the status post. Markdown works."),
    )
    space = forms.ModelChoiceField(
        label=_("Space"),
        queryset=None,
        empty_label=_("Choose a space"),
        error_messages={"required": _("Choose the space the status post belongs in.")},
    )
    language = forms.ChoiceField(label=_("Language"), choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["space"].queryset = Space.objects.listed()
        self.fields["space"].label_from_instance = lambda space: space.name
        self.fields["language"].choices = [(code, _(name)) for code, name in settings.LANGUAGES]


class KnownIssueUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        error_messages={"required": _("Choose a status.")},
    )
    body = PostTextField(
        label=_("Update (shown publicly as an official answer)"),
        error_messages={"required": _("Write what changed.")},
    )

    def __init__(self, *args, known_issue, statuses, **kwargs):
        """`statuses`: those the issue may move to (known_issues.next_statuses)."""
        kwargs.setdefault("prefix", "update")
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(status.value, status.label) for status in statuses]
        if not self.is_bound:
            self.initial.setdefault("status", known_issue.status)
            if known_issue.status == KnownIssueStatus.FIXED:
                self.initial["status"] = KnownIssueStatus.INVESTIGATING


class LinkThreadForm(forms.Form):
    thread = forms.CharField(
        label=_("Thread to link"),
        max_length=500,
        help_text=_("The address of the thread, or its number, e.g. 123."),
        error_messages={"required": _("Paste the address of the thread to link.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "link")
        super().__init__(*args, **kwargs)

    def clean_thread(self) -> int:
        match = THREAD_REFERENCE.search((self.cleaned_data.get("thread") or "").strip())
        if match is None:
            raise forms.ValidationError(
                _("Paste the thread’s address (…/t/123/…) or type its number."), code="invalid"
            )
        return int(match.group(1))


class LinkToKnownIssueForm(forms.Form):
    """On an ordinary thread: which open known issue it reports (empty: none)."""

    known_issue = forms.TypedChoiceField(
        label=_("Link to known issue"), coerce=int, empty_value=None, required=False
    )

    def __init__(self, *args, known_issues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["known_issue"].choices = [
            ("", _("— none —")),
            *((issue.pk, issue.thread.title) for issue in known_issues),
        ]
