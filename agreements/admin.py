from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from frivillig.lib.admin import ModelAdmin, StackedInline, TabularInline

from . import services
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


def _foreign(goals, strategies, municipality_id) -> tuple[bool, bool]:
    """Whether any of the goals, and any of the strategies, is another municipality's."""
    return (
        any(goal.plan.municipality_id != municipality_id for goal in goals),
        any(s.goal.plan.municipality_id != municipality_id for s in strategies),
    )


class FrameworkClauseAdminForm(forms.ModelForm):
    """The admin's search offers every municipality's goals; a clause anchors to its own
    municipality's only (the portal offers no others)."""

    def clean(self):
        cleaned = super().clean()
        framework = cleaned.get("framework")  # the framework being edited, as posted
        if framework is not None:
            goal, strategy = cleaned.get("goal"), cleaned.get("strategy")
            foreign_goal, foreign_strategy = _foreign(
                [goal] if goal else [], [strategy] if strategy else [], framework.municipality_id
            )
            if foreign_goal:
                self.add_error("goal", _("Målet må høre til rammens kommune."))
            if foreign_strategy:
                self.add_error("strategy", _("Strategien må høre til rammens kommune."))
        return cleaned


class FrameworkClauseInline(StackedInline):
    model = FrameworkClause
    form = FrameworkClauseAdminForm
    extra = 0
    fields = ["order", "title", "text", "reference", "reference_url", "goal", "strategy"]
    autocomplete_fields = ["goal", "strategy"]


@admin.register(Framework)
class FrameworkAdmin(ModelAdmin):
    list_display = ["title", "municipality", "current_version"]
    list_select_related = ["municipality", "current_version"]
    readonly_fields = ["current_version", "revision"]
    inlines = [FrameworkClauseInline]

    def save_related(self, request, form, formsets, change):
        # An edit in the admin is a new framework version, as in the portal.
        super().save_related(request, form, formsets, change)
        services.record_framework_version(
            form.instance, by=request.user, note="Endret i administrasjonen"
        )


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(ModelAdmin):
    list_display = ["framework", "number", "note", "created_by", "created_at"]
    list_select_related = ["framework__municipality", "created_by"]
    readonly_fields = ["framework", "number", "snapshot", "note", "created_by", "created_at"]

    def has_add_permission(self, request):
        return False


class AgreementClauseAdminForm(forms.ModelForm):
    """A clause links to its agreement's municipality's goals and strategies only."""

    def clean(self):
        cleaned = super().clean()
        agreement = cleaned.get("agreement")  # the agreement being edited, as posted
        if agreement is not None and agreement.municipality_id:
            foreign_goals, foreign_strategies = _foreign(
                cleaned.get("goals") or [],
                cleaned.get("strategies") or [],
                agreement.municipality_id,
            )
            if foreign_goals:
                self.add_error("goals", _("Velg bare mål i avtalens kommune."))
            if foreign_strategies:
                self.add_error("strategies", _("Velg bare strategier i avtalens kommune."))
        return cleaned


class AgreementClauseInline(StackedInline):
    model = AgreementClause
    form = AgreementClauseAdminForm
    extra = 0
    fields = ["order", "kind", "title", "text", "goals", "strategies"]
    autocomplete_fields = ["goals", "strategies"]


class AgreementEventInline(TabularInline):
    model = AgreementEvent
    extra = 0
    fields = ["at", "action", "from_status", "to_status", "by", "comment"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Agreement)
class AgreementAdmin(ModelAdmin):
    list_display = ["title", "centre", "status", "valid_from", "valid_to", "framework_version"]
    list_filter = ["status", "municipality"]
    list_select_related = ["centre", "framework_version"]
    search_fields = ["title", "centre__name"]
    # States move only through the workflow, so that every step is recorded.
    readonly_fields = ["status", "signed_on", "revision", "renewal_of", "framework_version"]
    inlines = [AgreementClauseInline, AgreementEventInline]

    def save_related(self, request, form, formsets, change):
        # An edit in the admin is a version with its author, as in the portal.
        super().save_related(request, form, formsets, change)
        if not change or form.has_changed() or any(f.has_changed() for f in formsets):
            note = "Endret i administrasjonen" if change else "Opprettet i administrasjonen"
            services.record_outside_edit(agreement=form.instance, by=request.user, note=note)


@admin.register(AgreementVersion)
class AgreementVersionAdmin(ModelAdmin):
    list_display = ["agreement", "number", "note", "created_by", "created_at"]
    list_select_related = ["agreement", "created_by"]
    readonly_fields = ["agreement", "number", "snapshot", "note", "created_by", "created_at"]

    def has_add_permission(self, request):
        return False


@admin.register(Comment)
class CommentAdmin(ModelAdmin):
    list_display = ["agreement", "clause_title", "author", "created_at", "resolved_at"]
    list_select_related = ["agreement", "author"]
    search_fields = ["text"]
