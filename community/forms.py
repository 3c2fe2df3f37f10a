import re
import zoneinfo
from functools import cache

from django import forms
from django.conf import settings
from django.urls import reverse_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from community.extensions import email_kinds_for
from community.images import process_avatar
from community.models import Member
from community.services.invitations import MAX_MESSAGE_LENGTH as MAX_INVITATION_MESSAGE_LENGTH
from community.services.members import PROFILE_FIELDS
from community.services.tags import check_tag_names, parse_tag_names
from community.services.text import MAX_TITLE_LENGTH, check_post_length, clean_title


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    zones = sorted(zone for zone in zoneinfo.available_timezones() if "/" in zone or zone == "UTC")
    return [(zone, zone.replace("_", " ")) for zone in zones]


class SignupExtraForm(forms.Form):
    """Fields allauth's sign-up form adds to e-mail, username and password."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=60,
        required=False,
        help_text=_("Shown next to your posts. Leave empty to show your username."),
    )
    # Filled in by the browser (static/js/timezone.js); the site's zone without JavaScript.
    time_zone = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_display_name(self):
        # Saved by the sign-up itself, not by update_profile: the same guard, asked here.
        from community.privacy import find_personal_data

        value = self.cleaned_data.get("display_name", "")
        if find_personal_data(value):
            raise forms.ValidationError(
                _(
                    "A display name cannot hold an e-mail address, a phone number or other personal data."
                ),
                code="personal_data",
            )
        return value

    def clean_time_zone(self):
        value = self.cleaned_data.get("time_zone") or ""
        return value if value in zoneinfo.available_timezones() else settings.TIME_ZONE

    def signup(self, request, user):
        user.display_name = self.cleaned_data.get("display_name", "")
        user.time_zone = self.cleaned_data.get("time_zone") or settings.TIME_ZONE
        language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
        user.locale = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        user.save(update_fields=["display_name", "time_zone", "locale"])


def _model_field(name: str, **kwargs) -> forms.Field:
    return Member._meta.get_field(name).formfield(**kwargs)


class ProfileForm(forms.Form):
    """The profile page's form. A plain form: the service, not the form, saves the member."""

    display_name = _model_field("display_name")
    bio = _model_field("bio", widget=forms.Textarea(attrs={"rows": 4}))
    locale = _model_field("locale")
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=time_zone_choices)
    content_languages = forms.MultipleChoiceField(
        label=_("Languages I read"),
        choices=settings.LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Lists show threads in these languages; a switch on each list shows all of them. "
            "With none ticked, lists follow the language you use the site in."
        ),
    )
    staff_signature = _model_field("staff_signature")
    avatar_upload = forms.FileField(
        label=_("New avatar"),
        required=False,
        help_text=_("JPEG, PNG, GIF or WebP, at most 5 MB. We crop it to a square."),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}),
    )
    remove_avatar = forms.BooleanField(label=_("Remove my avatar"), required=False)

    def __init__(self, *args, member: Member, can_edit_signature: bool = False, **kwargs):
        initial = {name: getattr(member, name, None) for name in PROFILE_FIELDS}
        initial["content_languages"] = list(member.read_languages)
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.member = member
        if not can_edit_signature:
            del self.fields["staff_signature"]
        if not member.avatar:
            del self.fields["remove_avatar"]

    def clean_content_languages(self) -> str:
        """Stored as the model keeps it: codes in the site's order, comma-separated."""
        chosen = set(self.cleaned_data.get("content_languages") or ())
        return ",".join(code for code, _name in settings.LANGUAGES if code in chosen)

    def clean_avatar_upload(self):
        upload = self.cleaned_data.get("avatar_upload")
        return process_avatar(upload) if upload else None

    def profile_changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in PROFILE_FIELDS if name in self.fields}


# --- threads and posts -------------------------------------------------------------------


class EmailPreferencesForm(forms.Form):
    """One checkbox per kind of e-mail `member` may get (community.models.EmailKind), ticked
    when it is on."""

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in email_kinds_for(member):
            self.fields[kind] = forms.BooleanField(label=label, required=False)


class MarkdownTextarea(forms.Textarea):
    """A textarea the editor script enhances (preview, pasting and dropping images)."""

    def __init__(self, attrs=None):
        defaults = {
            "rows": 10,
            "data-editor": "markdown",
            "data-upload-url": reverse_lazy("community:upload_image"),
            "data-preview-url": reverse_lazy("community:preview"),
            "data-uploading": _("Uploading image…"),
            "data-uploaded": _("Image added."),
            "data-upload-failed": _("The upload failed."),
        }
        super().__init__({**defaults, **(attrs or {})})


class TitleField(forms.CharField):
    """A thread title, checked by the same rules as the service (never cut to fit).

    No maxlength: the browser would cut a pasted title without a word. Where
    static/js/ask.js runs, a counter warns as the limit comes near."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Title"))
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {
            **super().widget_attrs(widget),
            "data-counter-max": MAX_TITLE_LENGTH,
            # {count} is filled in by the script; English and German both use "one" for 1.
            "data-counter-left-one": _("1 character left"),
            "data-counter-left-other": _("{count} characters left"),
            "data-counter-over-one": _("1 character too many"),
            "data-counter-over-other": _("{count} characters too many"),
        }

    def clean(self, value):
        return clean_title(super().clean(value))


class PostTextField(forms.CharField):
    """Markdown text of a post. The site's length limit is checked on the server only: a
    browser's maxlength would cut a pasted text without a word."""

    def __init__(self, *, attrs=None, **kwargs):
        kwargs.setdefault("widget", MarkdownTextarea(attrs=attrs))
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        check_post_length(value)


class TagPickerInput(forms.TextInput):
    """The tags as typed, comma-separated. static/js/tag-picker.js turns it into a combobox
    that offers existing tags while typing; without the script it is a text field."""

    def __init__(self, attrs=None):
        defaults = {
            "autocomplete": "off",
            "autocapitalize": "none",
            "spellcheck": "false",
            "data-tag-picker": reverse_lazy("community:tag_suggestions"),
            "data-picker-found-one": _("1 tag found"),
            "data-picker-found-other": _("{count} tags found"),
            "data-picker-none": _("No existing tag matches."),
            "data-picker-added": _("Added the tag {name}."),
        }
        super().__init__({**defaults, **(attrs or {})})


class TaggedForm(forms.Form):
    """A form with the thread's tags; ``self.member`` decides whether new tags are allowed."""

    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        help_text=_("Up to 5 keywords separated by commas, e.g. invoice, pdf."),
        widget=TagPickerInput,
    )

    def clean_tags(self):
        names = parse_tag_names(self.cleaned_data.get("tags", ""))
        check_tag_names(names=names, by=self.member)
        return names


class AskForm(TaggedForm):
    field_order = ["title", "body", "space", "kind", "urgency", "tags"]
    title = TitleField(
        help_text=_(
            "Sum up your problem in one sentence, e.g. “Invoice PDF does not open in the app”."
        ),
        error_messages={"required": _("Give your question a title.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                # While the title is typed, similar solved threads appear below it.
                "hx-get": reverse_lazy("community:ask_similar"),
                "hx-trigger": "input changed delay:400ms",
                "hx-target": "#similar-threads",
                "hx-sync": "this:replace",
            }
        ),
    )
    body = PostTextField(
        label=_("Describe your problem"),
        error_messages={"required": _("Describe your problem in a few sentences.")},
        help_text=_(
            "What did you do, what happened, what did you expect? Markdown works. "
            "Never post passwords, card numbers, IBANs or your customer number."
        ),
    )
    # No space is chosen for the member (unless they came from one): a wrong guess goes
    # unnoticed. The page suggests one from the title's words instead.
    space = forms.ModelChoiceField(
        label=_("Which space?"),
        queryset=None,
        empty_label=_("Choose a space"),
        error_messages={"required": _("Choose the space your question belongs in.")},
    )
    kind = forms.ChoiceField(label=_("What is it?"), choices=())
    # The asker's own urgency (CustomerUrgency), one of the triage's rules; questions only.
    urgency = forms.ChoiceField(
        label=_("How urgent is it for you?"),
        choices=(),
        required=False,
        widget=forms.RadioSelect,
        help_text=_("For questions: it helps our support team answer the most urgent first."),
    )

    def __init__(self, *args, member, **kwargs):
        from community.models import STAFF_ONLY_KINDS, CustomerUrgency, Space, ThreadKind
        from community.permissions import can

        super().__init__(*args, **kwargs)
        self.member = member
        self.fields["space"].queryset = Space.objects.listed()
        self.fields["space"].label_from_instance = lambda space: space.name
        kinds = [
            (value, label)
            for value, label in ThreadKind.choices
            if value not in STAFF_ONLY_KINDS or can(member, "community.post_staff_kinds")
        ]
        self.fields["kind"].choices = kinds
        self.fields["urgency"].choices = CustomerUrgency.choices
        self.fields["urgency"].initial = CustomerUrgency.NORMAL

    def clean_urgency(self) -> str:
        """The asker's urgency for a question ("normal" when not chosen); "" for the rest."""
        from community.models import CustomerUrgency, ThreadKind

        if self.cleaned_data.get("kind", ThreadKind.QUESTION) != ThreadKind.QUESTION:
            return ""
        return self.cleaned_data.get("urgency") or CustomerUrgency.NORMAL

    def selected_space(self):
        """The space chosen so far (submitted or preselected), or None; never raises."""
        value = self.data.get("space") if self.is_bound else self.initial.get("space")
        if not value:
            return None
        try:
            return self.fields["space"].clean(value)
        except forms.ValidationError:
            return None


class AnswerForm(forms.Form):
    body = PostTextField(
        label=_("Your answer"),
        help_text=_(
            "Share what you know or what helped you. Markdown works; you can paste or drop images."
        ),
        attrs={"rows": 8},
    )


class CommentForm(AnswerForm):
    """The answer form on an idea, whose replies are comments."""

    body = PostTextField(
        label=_("Your comment"),
        help_text=_("What do you think of this idea? How would you use it? Markdown works."),
        attrs={"rows": 6},
    )


def answer_form_class(thread) -> type[AnswerForm]:
    """The form a reply to `thread` is written in: a comment on an idea, else an answer."""
    return CommentForm if thread.is_idea else AnswerForm


class EditPostForm(TaggedForm):
    field_order = ["title", "body", "tags", "reason", "revision"]
    title = TitleField()
    body = PostTextField(label=_("Text"))
    reason = forms.CharField(
        label=_("What did you change? (optional)"),
        max_length=200,
        required=False,
        help_text=_("Shown in the post’s history, e.g. “Added the error message”."),
    )
    # The revision the text was based on: saving over a newer one is an edit conflict.
    # A form without a usable one counts as stale (the member sees both texts), never as
    # an error the member could not see or fix in a hidden field.
    revision = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, post, member, **kwargs):
        super().__init__(*args, **kwargs)
        self.member = member
        if not post.is_opening:
            del self.fields["title"]
            del self.fields["tags"]
        if member.pk != post.author_id:
            # A moderator's edit of someone else's post says why (the audit log keeps it).
            reason = self.fields["reason"]
            reason.required = True
            reason.label = _("Why are you editing this member’s post?")
            reason.error_messages["required"] = _(
                "Say why you edit someone else’s post; the author sees it in the history."
            )

    def clean_revision(self) -> int | None:
        value = self.cleaned_data.get("revision") or ""
        return int(value) if value.isascii() and value.isdigit() and int(value) > 0 else None

    def rebased_data(self, revision: int):
        """The submitted data, now based on `revision` (after the member saw that version)."""
        data = self.data.copy()
        data["revision"] = str(revision)
        return data


class HidePostForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (shown publicly)"),
        max_length=200,
        help_text=_("Which guideline does it break? The author and readers see this."),
    )


class IdeaStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=())
    comment = forms.CharField(
        label=_("Comment for the community"), widget=forms.Textarea(attrs={"rows": 3})
    )
    duplicate_of = forms.IntegerField(
        label=_("Existing idea or thread number"),
        required=False,
        min_value=1,
        help_text=_("For “Already exists”: the number from the other thread’s address (/t/123/…)."),
    )

    def __init__(self, *args, **kwargs):
        from community.models import IDEA_STATUS_ORDER

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (status.value, status.label) for status in IDEA_STATUS_ORDER
        ]

    def clean_duplicate_of(self):
        from community.models import Thread

        number = self.cleaned_data.get("duplicate_of")
        if number is None:
            return None
        thread = Thread.objects.public().filter(pk=number).first()
        if thread is None:
            raise forms.ValidationError(_("There is no public thread with that number."))
        return thread


class MoveThreadForm(forms.Form):
    """The space (regulars and moderators) and, for the support team, the kind."""

    space = forms.ModelChoiceField(label=_("Space"), queryset=None, empty_label=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=())

    def __init__(self, *args, may_change_kind: bool = True, **kwargs):
        from community.models import Space, ThreadKind

        kwargs.setdefault("prefix", "move")
        super().__init__(*args, **kwargs)
        self.fields["space"].queryset = Space.objects.listed()
        self.fields["space"].label_from_instance = lambda space: space.name
        if may_change_kind:
            self.fields["kind"].choices = ThreadKind.choices
        else:
            del self.fields["kind"]


class RetitleThreadForm(TaggedForm):
    """A clearer title and better tags for someone else's thread."""

    field_order = ["title", "tags"]
    title = TitleField()

    def __init__(self, *args, member, **kwargs):
        kwargs.setdefault("prefix", "retitle")
        super().__init__(*args, **kwargs)
        self.member = member


# /t/123/…, #123 or 123: the thread a duplicate is merged into.
THREAD_REFERENCE = re.compile(r"(?:/t/|#|^)(\d{1,18})(?:[/?#]|$)")


class MergeThreadForm(forms.Form):
    """Which thread a duplicate is merged into, and why; ``confirmed`` after the member saw
    what will happen."""

    into = forms.CharField(
        label=_("Merge into"),
        max_length=500,
        help_text=_("The address of the original thread, or its number, e.g. 123."),
        error_messages={"required": _("Paste the address of the thread to merge into.")},
    )
    reason = forms.CharField(
        label=_("Reason for merging (shown publicly)"),
        max_length=200,
        help_text=_("e.g. “The same question was answered here.”"),
        error_messages={"required": _("Say why the threads are merged.")},
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "merge")
        super().__init__(*args, **kwargs)

    def clean_into(self) -> int:
        match = THREAD_REFERENCE.search((self.cleaned_data.get("into") or "").strip())
        if match is None:
            raise forms.ValidationError(
                _("Paste the thread’s address (…/t/123/…) or type its number."),
                code="invalid",
            )
        return int(match.group(1))


# --- redaction ---------------------------------------------------------------------------


class RedactPostForm(forms.Form):
    """The exact text a moderator takes out of a post, and why; ``confirmed`` after the
    moderator saw the matches highlighted."""

    text = forms.CharField(
        label=_("Exact text to remove"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 2, "data-redact-text": ""}),
        help_text=_(
            "Copy it from the text above (or select it there). Every occurrence is replaced "
            "with “[redacted]”, in the post, its title and all its earlier versions."
        ),
        error_messages={"required": _("Enter the exact text to remove.")},
    )
    reason = forms.CharField(
        label=_("Reason (for the audit log, not shown publicly)"),
        max_length=200,
        required=False,
        help_text=_("e.g. “IBAN of a customer”. Do not repeat the text itself."),
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)


# --- moderation actions (community.views.moderation) ---------------------------------------


class SplitThreadForm(forms.Form):
    """Which answers of a thread become a new thread, its title, and why."""

    answers = forms.TypedMultipleChoiceField(
        label=_("Answers to move"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one answer to move.")},
    )
    title = forms.CharField(
        label=_("Title of the new thread"),
        max_length=MAX_TITLE_LENGTH,
        error_messages={"required": _("Give the new thread a title.")},
    )
    reason = forms.CharField(
        label=_("Reason (shown publicly)"),
        max_length=200,
        help_text=_("e.g. “These answers are about a different problem.”"),
        error_messages={"required": _("Say why the answers are split off.")},
    )

    def __init__(self, *args, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answers"].choices = [(post.pk, str(post.pk)) for post in answers]

    def clean_title(self) -> str:
        try:
            return clean_title(self.cleaned_data["title"])
        except Exception as error:  # clean_title raises django's ValidationError
            raise forms.ValidationError(getattr(error, "messages", [str(error)])) from error


class CloseAsDuplicateForm(forms.Form):
    original = forms.CharField(
        label=_("Duplicate of"),
        max_length=500,
        help_text=_("The address of the original thread, or its number, e.g. 123."),
        error_messages={"required": _("Paste the address of the original thread.")},
    )
    reason = forms.CharField(
        label=_("Reason (shown publicly)"),
        max_length=200,
        error_messages={"required": _("Say why this thread is a duplicate.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "duplicate")
        super().__init__(*args, **kwargs)

    def clean_original(self) -> int:
        match = THREAD_REFERENCE.search((self.cleaned_data.get("original") or "").strip())
        if match is None:
            raise forms.ValidationError(
                _("Paste the thread’s address (…/t/123/…) or type its number."), code="invalid"
            )
        return int(match.group(1))


class SanctionForm(forms.Form):
    """How long a member is silenced or suspended, and why (they see the reason)."""

    PERIODS = {"1d": 1, "1w": 7, "1m": 30}
    period = forms.ChoiceField(
        label=_("For"),
        choices=[
            ("1d", _("1 day")),
            ("1w", _("1 week")),
            ("1m", _("1 month")),
            ("custom", _("Until a date")),
        ],
        initial="1w",
        widget=forms.RadioSelect,
    )
    until = forms.DateField(
        label=_("Until (date)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Only with “Until a date”."),
    )
    reason = forms.CharField(
        label=_("Reason (the member sees it)"),
        max_length=200,
        error_messages={"required": _("Say why; the member sees the reason.")},
    )

    def __init__(self, *args, allow_permanent: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if allow_permanent:
            self.fields["period"].choices = [
                *self.fields["period"].choices,
                ("forever", _("Permanently")),
            ]

    def clean(self):
        from datetime import datetime, time, timedelta

        from django.utils import timezone

        data = super().clean()
        period = data.get("period")
        if period in self.PERIODS:
            data["ends"] = timezone.now() + timedelta(days=self.PERIODS[period])
        elif period == "forever":
            data["ends"] = None
        elif period == "custom":
            day = data.get("until")
            if day is None:
                self.add_error("until", _("Choose the date the period ends."))
            elif day <= timezone.localdate():
                self.add_error("until", _("Choose a date in the future."))
            else:
                # The end of the chosen day in the moderator's time zone.
                ends = datetime.combine(day, time.max)
                data["ends"] = timezone.make_aware(ends, timezone.get_current_timezone())
        return data


# --- private messages to the support team -----------------------------------------------------


class CaseReplyForm(forms.Form):
    body = PostTextField(
        label=_("Your reply"),
        help_text=_("Only you and the support team read this conversation. Markdown works."),
        attrs={"rows": 6},
    )


class InvitationForm(forms.Form):
    """An invitation by e-mail; the service checks the address further (members, repeats)."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        help_text=_(
            "We use it only to send this invitation, and erase it once the invitation is "
            "accepted, revoked or expired."
        ),
    )
    message = forms.CharField(
        label=_("Personal message"),
        max_length=MAX_INVITATION_MESSAGE_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sent with the invitation, as you write it."),
    )
