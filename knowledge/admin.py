"""The admin: sections are edited here; articles are written in the site's editor (every
save there is a revision), so the admin shows them read-only with their revisions."""

from django.contrib import admin

from knowledge.models import Article, ArticleRevision, Section
from knowledge.services.sections import save_section


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ("name_en", "name_de", "slug", "icon", "position")
    list_editable = ("position",)
    prepopulated_fields = {"slug": ("name_en",)}
    search_fields = ("name_en", "name_de", "slug")

    def save_model(self, request, obj, form, change):
        save_section(section=obj, by=request.user, changed=form.changed_data if change else [])


class RevisionInline(admin.TabularInline):
    model = ArticleRevision
    fields = ("number", "title", "editor", "note", "proposal", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False
    ordering = ("-number",)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "section", "language", "status", "published_at", "updated_at")
    list_filter = ("status", "language", "section")
    search_fields = ("title", "summary", "slug")
    list_select_related = ("section",)
    readonly_fields = (
        "title", "slug", "section", "summary", "body", "language", "translation", "applies_to",
        "author", "status", "source_thread", "published_at", "updated_at", "revision_count",
        "helpful_yes", "helpful_no", "view_count",
    )  # fmt: skip
    fields = readonly_fields
    inlines = [RevisionInline]
    view_on_site = True

    def has_add_permission(self, request):
        return False
