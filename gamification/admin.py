from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from community.admin import ReadOnlyAdmin
from gamification.models import (
    Nomination,
    ReputationEvent,
    ReputationReason,
    ReputationRule,
    TrustLevelSettings,
)
from gamification.services.ledger import save_reputation_rule

# --- reputation -------------------------------------------------------------------------------


@admin.register(ReputationRule)
class ReputationRuleAdmin(admin.ModelAdmin):
    """Points per reason; a change applies to bookings from then on."""

    list_display = ("reason", "points")
    list_editable = ("points",)

    def get_readonly_fields(self, request, obj=None):
        return ("reason",) if obj is not None else ()

    def has_add_permission(self, request):
        # One rule per reason; the migration creates them all, an add only fills a gap.
        return ReputationRule.objects.count() < len(ReputationReason)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        save_reputation_rule(rule=obj)


@admin.register(ReputationEvent)
class ReputationEventAdmin(ReadOnlyAdmin):
    """The ledger is append-only: services book and reverse, nobody edits it."""

    list_display = (
        "created_at", "member", "points", "reason", "source_type", "source_id", "actor_key",
        "round", "is_reversal", "suspended", "space",
    )  # fmt: skip
    list_filter = ("reason", "is_reversal", "suspended", "space")
    search_fields = ("member__username",)
    list_select_related = ("member", "source_type", "space")
    date_hierarchy = "created_at"
    show_full_result_count = False  # no COUNT over the whole ledger on every page


# --- trust levels -----------------------------------------------------------------------------


@admin.register(TrustLevelSettings)
class TrustLevelSettingsAdmin(admin.ModelAdmin):
    """The thresholds of the automatic levels and of super-user proposals; one row. The
    nightly recomputation (and the next event per member) applies a change."""

    fieldsets = (
        (
            _("Basic member (level 1)"),
            {"fields": ("basic_threads_read", "basic_minutes_read", "basic_days_member")},
        ),
        (
            _("Member (level 2)"),
            {"fields": ("member_visit_days", "member_answers", "member_helpful_votes")},
        ),
        (
            _("Regular (level 3)"),
            {
                "fields": (
                    "regular_period_days",
                    "regular_visit_percent",
                    "regular_good_answers",
                    "regular_grace_days",
                )
            },
        ),
        (
            _("Proposed as a super user (level 4)"),
            {
                "fields": (
                    "nomination_accepted_answers",
                    "nomination_reputation",
                    "nomination_strike_free_days",
                    "nomination_days_member",
                    "nomination_pause_days",
                )
            },
        ),
    )

    def has_add_permission(self, request):
        return not TrustLevelSettings.objects.filter(pk=1).exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        obj.pk = 1  # the one row: an admin's "add" must not take the sequence's next id
        obj.save()


@admin.register(Nomination)
class NominationAdmin(admin.ModelAdmin):
    """For reading: nominations are decided on /staff/nominations/ (the member is told,
    the level changes through its service)."""

    list_display = ("member", "status", "proposed_by", "decided_by", "decided_at", "created_at")
    list_filter = ("status",)
    search_fields = ("member__username", "member__display_name")
    list_select_related = ("member", "proposed_by", "decided_by")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
