from django.contrib import admin

from .models import (
    Agreement,
    AgreementClause,
    AgreementEvent,
    AgreementVersion,
    Comment,
    Framework,
    FrameworkClause,
    FrameworkVersion,
)


class FrameworkClauseInline(admin.StackedInline):
    model = FrameworkClause
    extra = 0
    fields = ["order", "title", "text", "reference", "reference_url", "goal", "strategy"]
    autocomplete_fields = ["goal", "strategy"]


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["title", "municipality", "current_version"]
    list_select_related = ["municipality", "current_version"]
    readonly_fields = ["current_version", "revision"]
    inlines = [FrameworkClauseInline]

    def save_related(self, request, form, formsets, change):
        # An edit in the admin is a new framework version, as in the portal.
        from .services import _record_framework_version

        super().save_related(request, form, formsets, change)
        _record_framework_version(form.instance, by=request.user, note="Endret i administrasjonen")


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(admin.ModelAdmin):
    list_display = ["framework", "number", "note", "created_by", "created_at"]
    list_select_related = ["framework__municipality", "created_by"]
    readonly_fields = ["framework", "number", "snapshot", "note", "created_by", "created_at"]

    def has_add_permission(self, request):
        return False


class AgreementClauseInline(admin.StackedInline):
    model = AgreementClause
    extra = 0
    fields = ["order", "kind", "title", "text", "goals", "strategies"]
    autocomplete_fields = ["goals", "strategies"]


class AgreementEventInline(admin.TabularInline):
    model = AgreementEvent
    extra = 0
    fields = ["at", "action", "from_status", "to_status", "by", "comment"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["title", "centre", "status", "valid_from", "valid_to", "framework_version"]
    list_filter = ["status", "municipality"]
    list_select_related = ["centre", "framework_version"]
    search_fields = ["title", "centre__name"]
    # States move only through the workflow, so that every step is recorded.
    readonly_fields = ["status", "signed_on", "revision", "renewal_of", "framework_version"]
    inlines = [AgreementClauseInline, AgreementEventInline]

    def save_related(self, request, form, formsets, change):
        # An edit in the admin is a version with its author, as in the portal.
        from .services import record_outside_edit

        super().save_related(request, form, formsets, change)
        if not change or form.has_changed() or any(f.has_changed() for f in formsets):
            note = "Endret i administrasjonen" if change else "Opprettet i administrasjonen"
            record_outside_edit(agreement=form.instance, by=request.user, note=note)


@admin.register(AgreementVersion)
class AgreementVersionAdmin(admin.ModelAdmin):
    list_display = ["agreement", "number", "note", "created_by", "created_at"]
    list_select_related = ["agreement", "created_by"]
    readonly_fields = ["agreement", "number", "snapshot", "note", "created_by", "created_at"]

    def has_add_permission(self, request):
        return False


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["agreement", "clause_title", "author", "created_at", "resolved_at"]
    list_select_related = ["agreement", "author"]
    search_fields = ["text"]
