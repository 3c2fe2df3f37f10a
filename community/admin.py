from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from community.models import AuditEntry, Branding, Member, Space


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
                    "time_zone",
                    "trust_level",
                    "reputation",
                    "staff_signature",
                )
            },
        ),
    )
    readonly_fields = ("reputation",)


@admin.register(Branding)
class BrandingAdmin(admin.ModelAdmin):
    list_display = ("name", "primary_colour")

    def has_add_permission(self, request):
        return not Branding.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Space)
class SpaceAdmin(admin.ModelAdmin):
    list_display = ("name_en", "name_de", "slug", "position", "first_response_target", "is_active")
    list_editable = ("position", "is_active")
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "actor", "action", "target_type", "target_id", "reason")
    list_filter = ("action",)
    date_hierarchy = "created_at"

    # The audit log is append-only: read it here, never edit it.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
