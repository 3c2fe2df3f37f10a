from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from gamification.models import Nomination, TrustLevelSettings

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
