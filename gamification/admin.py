from django.contrib import admin

from community.admin import ReadOnlyAdmin
from gamification.models import ReputationEvent, ReputationReason, ReputationRule
from gamification.services.ledger import save_reputation_rule


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
