from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from community.audit import CHANGED_IN_ADMIN, reason_display
from community.escalation.support_settings import (
    clean_holiday_calendar,
    clean_routing_shares,
    save_support_settings,
)
from community.escalation.triage import reason_text
from community.images import process_favicon, process_logo
from community.models import (
    AuditEntry,
    Branding,
    Flag,
    Invitation,
    InvitationStatus,
    Limits,
    Member,
    OutboxMessage,
    Post,
    Space,
    SupportCase,
    SupportSettings,
    Tag,
    Thread,
)
from community.services.branding import save_branding
from community.services.invitations import revoke_invitation
from community.services.members import set_staff_status, set_trust_level
from community.services.spaces import save_space
from community.services.tags import TAG_PATTERN, save_tag
from community.services.text import save_limits


@admin.register(Member)
class MemberAdmin(UserAdmin):
    list_display = ("username", "email", "display_name", "trust_level", "reputation", "is_staff")
    list_filter = ("trust_level", "is_staff", "is_superuser", "is_active", "locale")
    search_fields = ("username", "email", "display_name")
    fieldsets = (
        *UserAdmin.fieldsets,
        (
            _("Community"),
            {
                "fields": (
                    "display_name",
                    "avatar",
                    "bio",
                    "locale",
                    "content_languages",
                    "time_zone",
                    "trust_level",
                    "reputation",
                    "staff_signature",
                    "invited_by",
                )
            },
        ),
        (
            _("Moderation"),
            {
                "fields": (
                    "silenced_until",
                    "silence_reason",
                    "suspended_until",
                    "suspension_reason",
                ),
                "description": _(
                    "Silencing and suspending are done on the member's profile page, where "
                    "they are audited and the member is told why."
                ),
            },
        ),
    )
    readonly_fields = (
        "reputation",
        "invited_by",
        "silenced_until",
        "silence_reason",
        "suspended_until",
        "suspension_reason",
    )

    # Stored in the audit log, which is in English for staff of any language.
    CHANGE_REASON = CHANGED_IN_ADMIN

    def save_model(self, request, obj, form, change):
        """Trust level and staff status change through their services (audited, announced
        to the other apps); the other fields the form changed are saved as usual."""
        if not change:
            super().save_model(request, obj, form, change)
            return
        through_services = {"trust_level", "is_staff"}
        concrete = {field.name for field in obj._meta.concrete_fields}
        fields = [name for name in form.changed_data if name in concrete - through_services]
        if fields:
            obj.save(update_fields=fields)
        if "trust_level" in form.changed_data:
            set_trust_level(
                member=obj, level=obj.trust_level, by=request.user, reason=self.CHANGE_REASON
            )
        if "is_staff" in form.changed_data:
            set_staff_status(
                member=obj, is_staff=obj.is_staff, by=request.user, reason=self.CHANGE_REASON
            )


class BrandingForm(forms.ModelForm):
    """Logo and favicon are checked and re-encoded like every upload (community.images):
    what is stored is a clean PNG, never the file as sent. (No Meta: the admin builds the
    form from BrandingAdmin, with its formfield_overrides.)"""

    def clean_logo(self):
        return _processed(self.cleaned_data.get("logo"), process_logo)

    def clean_favicon(self):
        return _processed(self.cleaned_data.get("favicon"), process_favicon)


def _processed(value, process):
    # A new upload is processed; the stored file (unchanged) or False (cleared) pass through.
    return process(value).content if isinstance(value, UploadedFile) else value


@admin.register(Branding)
class BrandingAdmin(admin.ModelAdmin):
    form = BrandingForm
    list_display = ("name", "primary_colour")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request):
        return not Branding.objects.exists()

    def save_model(self, request, obj, form, change):
        save_branding(branding=obj)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Limits)
class LimitsAdmin(admin.ModelAdmin):
    fieldsets = [
        (None, {"fields": ["max_post_length"]}),
        (
            _("Rate limits for new members (trust level 0)"),
            {
                "fields": [
                    "new_member_post_interval",
                    "new_member_threads_first_day",
                    "new_member_answers_first_day",
                    "new_member_mentions_per_post",
                ],
            },
        ),
        (
            _("Rate limits for everyone"),
            {
                "description": _(
                    "0 switches a limit off. Staff are exempt from all of them; from trust "
                    "level 2 members get twice the daily counts (threads, helpful votes, flags)."
                ),
                "fields": [
                    "post_interval",
                    "duplicate_post_window",
                    "threads_per_day",
                    "helpful_votes_per_day",
                    "flags_per_day",
                    "image_uploads_per_hour",
                    "invitations_per_day",
                    "previews_per_minute",
                    "searches_per_minute",
                ],
            },
        ),
    ]

    def has_add_permission(self, request):
        return not Limits.objects.filter(pk=1).exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        save_limits(limits=obj)


class SupportSettingsForm(forms.ModelForm):
    """The holiday calendar must exist in the ``holidays`` library (checked here, with a
    clear message, instead of failing in the every-minute sweep); the routing tiers must
    come in order."""

    def clean(self):
        data = super().clean()
        try:
            if "holiday_country" in data and "holiday_region" in data:
                data["holiday_country"], data["holiday_region"] = clean_holiday_calendar(
                    country=data["holiday_country"], region=data["holiday_region"]
                )
            shares = ("super_users_after", "staff_alert_after", "escalate_after")
            if all(data.get(name) is not None for name in shares):
                clean_routing_shares(**{name: data[name] for name in shares})
        except ValidationError as error:
            self.add_error(None, error)
        return data


@admin.register(SupportSettings)
class SupportSettingsAdmin(admin.ModelAdmin):
    """One row (pk 1): no second one, no deleting; the list goes straight to it."""

    form = SupportSettingsForm
    fieldsets = [
        (
            _("Targets"),
            {
                "description": _(
                    "The first-response target is set per space; spaces may also set their "
                    "own solution target. Targets count business hours only."
                ),
                "fields": ["solution_target"],
            },
        ),
        (_("Business hours"), {"fields": ["time_zone", "opens_at", "closes_at", "work_days"]}),
        (
            _("Public holidays"),
            {
                "description": _(
                    "Closed on the public holidays of this country and region (the "
                    "“holidays” library)."
                ),
                "fields": ["holiday_country", "holiday_region"],
            },
        ),
        (
            _("Routing"),
            {"fields": ["super_users_after", "staff_alert_after", "escalate_after"]},
        ),
        (
            _("Automatic escalation"),
            {"fields": ["me_too_threshold", "me_too_window", "escalate_high_priority_triage"]},
        ),
        (_("Helpdesk"), {"fields": ["helpdesk_secret"]}),
    ]

    def has_add_permission(self, request):
        return not SupportSettings.objects.filter(pk=1).exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            return super().changelist_view(request, extra_context)  # refuses as usual
        if SupportSettings.objects.filter(pk=1).exists():
            return redirect(reverse("admin:community_supportsettings_change", args=[1]))
        return redirect(reverse("admin:community_supportsettings_add"))

    def save_model(self, request, obj, form, change):
        save_support_settings(support_settings=obj)


@admin.register(Space)
class SpaceAdmin(admin.ModelAdmin):
    list_display = (
        "name_en", "name_de", "slug", "position", "default_kind", "first_response_target",
        "solution_target", "default_priority", "is_active",
    )  # fmt: skip
    list_editable = ("position", "is_active")
    prepopulated_fields = {"slug": ("name_en",)}

    def save_model(self, request, obj, form, change):
        save_space(space=obj, changed=form.changed_data if change else None)


class ReadOnlyAdmin(admin.ModelAdmin):
    """For reading only. Threads and posts change through the site (services write the
    audit log and tell followers); the audit log itself is append-only."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    """Rows shown under their parent for reading only (attempts, events, updates)."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "actor", "action", "target_type", "target_id", "shown_reason")

    @admin.display(description=_("reason"))
    def shown_reason(self, entry: AuditEntry) -> str:
        return reason_display(entry.reason)

    list_filter = ("action",)
    date_hierarchy = "created_at"


class TagAdminForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ("name", "slug", "is_official", "description_en", "description_de")

    def clean_name(self):
        # The rules members' tags follow (see community.services.tags), so an admin's tag
        # is one a member can type.
        name = self.cleaned_data["name"].strip().lower()
        if not TAG_PATTERN.match(name):
            raise forms.ValidationError(
                _("A tag is one word of letters and digits (also + # . -), at most 32 long.")
            )
        return name


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    """The official vocabulary everybody may use; free tags appear here too. Descriptions
    show on /tags/ and on each tag's page, in the visitor's language."""

    form = TagAdminForm
    list_display = ("name", "slug", "is_official", "public_threads", "created_by", "created_at")
    list_filter = ("is_official",)
    list_editable = ("is_official",)
    search_fields = ("name", "description_en", "description_de")
    fields = ("name", "slug", "is_official", "description_en", "description_de", "created_by",
              "created_at")  # fmt: skip
    readonly_fields = ("created_by", "created_at")

    def get_queryset(self, request):
        return super().get_queryset(request).with_thread_counts().select_related("created_by")

    @admin.display(description=_("public threads"), ordering="thread_count")
    def public_threads(self, tag):
        return tag.thread_count

    def get_readonly_fields(self, request, obj=None):
        # Renaming would leave the search index and the members' typed tags behind.
        return (*self.readonly_fields, "name") if obj is not None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if obj.pk is None:
            obj.created_by = request.user
        save_tag(tag=obj)


@admin.register(Thread)
class ThreadAdmin(ReadOnlyAdmin):
    list_display = (
        "title",
        "space",
        "kind",
        "status",
        "priority",
        "answer_count",
        "me_too_count",
        "created_at",
    )
    list_filter = ("kind", "status", "priority", "customer_urgency", "space", "is_pinned",
                   "is_locked")  # fmt: skip
    readonly_fields = ("priority_reasons_shown",)

    @admin.display(description=_("priority reasons"))
    def priority_reasons_shown(self, thread: Thread) -> str:
        """The triage's reasons in the reader's language (stored as codes)."""
        return ", ".join(
            str(reason_text(reason.get("code", ""))) for reason in thread.priority_reasons
        )

    search_fields = ("title",)
    list_select_related = ("space",)
    date_hierarchy = "created_at"


@admin.register(Post)
class PostAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "author", "is_opening", "is_official", "helpful_count", "created_at")
    list_filter = ("is_opening", "is_official")
    search_fields = ("body", "author__username")
    list_select_related = ("author",)
    raw_id_fields = ("thread", "author")


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin):
    """Work handed to the task queue after commit: what waits, what failed and why.
    `manage.py relay_outbox` hands messages over again (see community/outbox.py)."""

    list_display = (
        "created_at", "task_name", "state", "attempts", "failures", "next_attempt_at", "done_at"
    )  # fmt: skip
    list_filter = ("state", "task_name")
    search_fields = ("task_name", "dedupe_key", "last_error")
    date_hierarchy = "created_at"


@admin.register(Flag)
class FlagAdmin(ReadOnlyAdmin):
    """Flags are raised and decided on the site (the review queue writes the audit log)."""

    list_display = ("created_at", "post", "reporter", "reason", "status", "resolved_by")
    list_filter = ("status", "reason")
    list_select_related = ("post", "reporter", "resolved_by")
    raw_id_fields = ("post", "reporter", "resolved_by", "duplicate_of")
    date_hierarchy = "created_at"


@admin.register(SupportCase)
class SupportCaseAdmin(ReadOnlyAdmin):
    """Private messages to the support team: read and answered on the site (/staff/cases/);
    listed here for an overview, without their text."""

    list_display = ("pk", "author", "status", "created_at", "updated_at")
    list_filter = ("status",)
    list_select_related = ("author",)
    fields = ("author", "status", "space", "thread", "created_at", "updated_at")
    date_hierarchy = "created_at"


# --- escalation and its webhooks to a helpdesk (community.escalation) -------------------------
# Webhooks are set up here; deliveries, escalations, their events and surveys are written by
# the site's services and only read here (the desk at /support/ changes escalations).

from community.escalation.webhooks import (  # noqa: E402 (own section, merges cleanly)
    DeliveryInFlight,
    WebhookSwitchedOff,
    check_secret,
    new_secret,
    redeliver,
    secrets_of,
)
from community.models import (  # noqa: E402
    Escalation,
    EscalationEvent,
    EscalationEventKind,
    KnownIssue,
    KnownIssueUpdate,
    SatisfactionSurvey,
    Webhook,
    WebhookAttempt,
    WebhookDelivery,
)


class WebhookAdminForm(forms.ModelForm):
    url = forms.URLField(label=_("URL"), max_length=500, assume_scheme="https")
    event_types = forms.MultipleChoiceField(
        label=_("events"),
        choices=EscalationEventKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every event."),
    )

    class Meta:
        model = Webhook
        fields = ("name", "url", "is_active", "event_types", "secrets")
        widgets = {"secrets": forms.Textarea(attrs={"rows": 3, "cols": 60})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and not self.initial.get("secrets"):
            self.initial["secrets"] = new_secret()

    def clean_secrets(self):
        secrets = secrets_of(Webhook(secrets=self.cleaned_data["secrets"]))
        if not secrets:
            raise forms.ValidationError(_("Give at least one signing secret."))
        for number, secret in enumerate(secrets, start=1):
            try:
                check_secret(secret)
            except ValueError:
                raise forms.ValidationError(
                    _("Line %(number)d is not a signing secret (whsec_ followed by base64).")
                    % {"number": number}
                ) from None
        return "\n".join(secrets)


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):
    """Where escalation events go: an address, signing secrets (several during a key
    rotation) and the events to send. Deliveries are listed at /support/webhooks/."""

    form = WebhookAdminForm
    list_display = ("name", "url", "is_active", "created_at")
    list_filter = ("is_active",)
    search_fields = ("name", "url")


class WebhookAttemptInline(ReadOnlyInline):
    model = WebhookAttempt
    fields = ("attempted_at", "status_code", "error", "duration_ms")


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    """One event for one webhook and every attempt to send it; "Redeliver" sends again."""

    list_display = (
        "created_at", "webhook", "event_type", "state", "attempts", "last_status_code",
        "next_attempt_at",
    )  # fmt: skip
    list_filter = ("state", "webhook", "event_type")
    list_select_related = ("webhook",)
    search_fields = ("message_id", "event_type")
    date_hierarchy = "created_at"
    inlines = [WebhookAttemptInline]
    actions = ["redeliver_selected"]

    @admin.action(description=_("Redeliver the selected deliveries"))
    def redeliver_selected(self, request, queryset):
        sent = 0
        for delivery in queryset:
            try:
                redeliver(delivery=delivery, by=request.user)
            except (DeliveryInFlight, WebhookSwitchedOff):
                continue
            sent += 1
        self.message_user(
            request, _("%(count)d deliveries are on their way again.") % {"count": sent}
        )


class EscalationEventInline(ReadOnlyInline):
    model = EscalationEvent
    fields = ("created_at", "kind", "actor", "data")


@admin.register(Escalation)
class EscalationAdmin(ReadOnlyAdmin):
    """Escalations are worked on the support desk (/support/); here for an overview."""

    list_display = (
        "pk", "thread", "priority", "status", "assignee", "created_at", "solution_due_at",
        "external_ticket_id",
    )  # fmt: skip
    list_filter = ("status", "priority")
    list_select_related = ("thread", "assignee")
    search_fields = ("thread__title", "external_ticket_id")
    raw_id_fields = ("thread", "assignee", "escalated_by", "case", "resolution_post")
    date_hierarchy = "created_at"
    inlines = [EscalationEventInline]


@admin.register(EscalationEvent)
class EscalationEventAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "escalation", "kind", "actor")
    list_filter = ("kind",)
    list_select_related = ("escalation", "actor")
    raw_id_fields = ("escalation", "actor")
    date_hierarchy = "created_at"


class KnownIssueUpdateInline(ReadOnlyInline):
    model = KnownIssueUpdate
    fields = ("created_at", "status", "author", "post")


@admin.register(KnownIssue)
class KnownIssueAdmin(ReadOnlyAdmin):
    """Known issues are opened, updated and linked on the site (the status post's tools,
    /status/), which posts each update publicly; here for an overview."""

    list_display = ("thread", "status", "created_by", "created_at", "fixed_at", "linked_threads")
    list_filter = ("status",)
    list_select_related = ("thread", "created_by")
    search_fields = ("thread__title",)
    raw_id_fields = ("thread", "created_by")
    date_hierarchy = "created_at"
    inlines = [KnownIssueUpdateInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(linked=Count("linked_threads"))

    @admin.display(description=_("linked threads"), ordering="linked")
    def linked_threads(self, issue: KnownIssue) -> int:
        return issue.linked


@admin.register(SatisfactionSurvey)
class SatisfactionSurveyAdmin(ReadOnlyAdmin):
    """The customers' ratings of resolved escalations (the KPI dashboard reads them)."""

    list_display = ("sent_at", "escalation", "agent", "score", "answered_at")
    list_filter = ("score",)
    list_select_related = ("escalation", "agent")
    raw_id_fields = ("escalation", "member", "agent")
    date_hierarchy = "sent_at"


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    """Invitations by e-mail. Only "Revoke" changes anything; a pending invitation's address
    is shown here for support (it is erased once the invitation is no longer pending)."""

    list_display = ("created_at", "inviter", "status", "thread", "expires_at", "accepted_by")
    list_filter = ("status",)
    list_select_related = ("inviter", "thread", "accepted_by")
    search_fields = ("inviter__username",)
    date_hierarchy = "created_at"
    actions = ["revoke_selected"]

    @admin.action(description=_("Revoke the selected pending invitations"))
    def revoke_selected(self, request, queryset):
        revoked = 0
        for invitation in queryset.filter(status=InvitationStatus.PENDING):
            revoke_invitation(invitation=invitation, by=request.user)
            revoked += 1
        self.message_user(request, _("Invitations revoked: %(count)d.") % {"count": revoked})
