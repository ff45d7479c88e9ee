"""Plans are edited here. The admin is the superuser's tool: coordinators are not
staff (see accounts and the demo users), so no per-municipality scoping is needed yet;
Django's own change history ("Historikk") records every edit."""

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from frivillig.lib.admin import ModelAdmin, StackedInline, TabularInline

from . import services
from .models import FocusArea, Goal, Hearing, HearingInput, Measure, Plan, Strategy

# Goals, strategies and measures are sentences; give them room to be read while edited.
WIDE_TEXT = {
    models.CharField: {"widget": forms.TextInput(attrs={"size": 70})},
    models.TextField: {"widget": forms.Textarea(attrs={"rows": 4, "cols": 70})},
}


class GoalTreeAdmin(ModelAdmin):
    """An admin whose changes show in the plan page's goal tree, which is cached by the
    plan's «sist endret»: after a save (with its inlines) or a delete, the plans it
    touched, before and after a move, get a new one (services.goals_changed)."""

    # The path from the admin's model to its plan's id.
    plan_path = "plan_id"

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.goals_changed(plan_ids=self.plans_of(form.instance.pk) | self.plans_before(form))

    def plans_of(self, pk) -> set:
        return set(self.model.objects.filter(pk=pk).values_list(self.plan_path, flat=True))

    def plans_before(self, form) -> set:
        """The plan the object belonged to when the form was opened (a goal moved)."""
        return set()

    def delete_model(self, request, obj):
        plan_ids = self.plans_of(obj.pk)
        super().delete_model(request, obj)
        services.goals_changed(plan_ids=plan_ids)

    def delete_queryset(self, request, queryset):
        plan_ids = set(queryset.values_list(self.plan_path, flat=True))
        super().delete_queryset(request, queryset)
        services.goals_changed(plan_ids=plan_ids)


class GoalInline(StackedInline):
    formfield_overrides = WIDE_TEXT
    model = Goal
    extra = 0
    fields = [("number", "title"), "description"]
    show_change_link = True


class MeasureInPlanInline(StackedInline):
    formfield_overrides = WIDE_TEXT
    model = Measure
    fk_name = "plan"
    extra = 0
    fields = ["text", ("goal", "strategy"), ("responsible", "deadline", "status")]
    autocomplete_fields = ["goal", "strategy"]
    show_change_link = True


@admin.register(Plan)
class PlanAdmin(GoalTreeAdmin):
    formfield_overrides = WIDE_TEXT
    list_display = ["title", "kind", "municipality", "period", "status", "owner", "parent"]
    list_filter = ["municipality", "kind", "status"]
    list_select_related = ["municipality", "parent"]
    search_fields = ["title", "owner", "purpose", "description"]
    ordering = ["municipality__name", "title"]
    autocomplete_fields = ["parent"]
    inlines = [GoalInline, MeasureInPlanInline]
    plan_path = "pk"
    fieldsets = [
        (None, {"fields": ["municipality", "kind", "title", "parent", "status", "owner"]}),
        (None, {"fields": [("start_year", "end_year"), ("decision_body", "decision_date")]}),
        (None, {"fields": ["purpose", "description", "document_url"]}),
    ]

    @admin.display(description=_("periode"), ordering="start_year")
    def period(self, obj):
        return obj.period_label

    def get_inlines(self, request, obj):
        # Only thematic, action/budget and unit plans hold measures.
        if obj is None or not obj.holds_measures:
            return [GoalInline]
        return self.inlines


class StrategyInline(TabularInline):
    formfield_overrides = WIDE_TEXT
    model = Strategy
    extra = 0
    fields = ["number", "text"]
    show_change_link = True


class MeasureInline(StackedInline):
    formfield_overrides = WIDE_TEXT
    model = Measure
    fk_name = "goal"
    extra = 0
    fields = ["text", ("plan", "strategy"), ("responsible", "deadline", "status")]
    autocomplete_fields = ["plan", "strategy"]


@admin.register(Goal)
class GoalAdmin(GoalTreeAdmin):
    formfield_overrides = WIDE_TEXT
    list_display = ["__str__", "plan", "number"]
    list_filter = ["plan__municipality", "plan__kind"]
    list_select_related = ["plan"]
    search_fields = ["title", "description", "plan__title"]
    ordering = ["plan__municipality__name", "plan__title", "number"]
    autocomplete_fields = ["plan"]
    inlines = [StrategyInline, MeasureInline]

    def plans_before(self, form) -> set:
        return {form.initial.get("plan")}


class FocusAreaInline(TabularInline):
    formfield_overrides = WIDE_TEXT
    model = FocusArea
    extra = 0
    fields = ["order", "text"]


@admin.register(Strategy)
class StrategyAdmin(GoalTreeAdmin):
    formfield_overrides = WIDE_TEXT
    list_display = ["__str__", "goal"]
    list_filter = ["goal__plan__municipality"]
    list_select_related = ["goal__plan"]
    search_fields = ["text", "goal__title", "goal__plan__title"]
    ordering = ["goal__plan__title", "goal__number", "number"]
    autocomplete_fields = ["goal"]
    inlines = [FocusAreaInline]
    plan_path = "goal__plan_id"

    def plans_before(self, form) -> set:
        goal = form.initial.get("goal")
        return set(Goal.objects.filter(pk=goal).values_list("plan_id", flat=True))

    def get_queryset(self, request):
        # A strategy's name includes its goal's number (also in autocomplete results).
        return super().get_queryset(request).select_related("goal")


@admin.register(Measure)
class MeasureAdmin(ModelAdmin):
    formfield_overrides = WIDE_TEXT
    list_display = ["text", "plan", "goal", "responsible", "deadline", "status"]
    list_filter = ["plan__municipality", "status", "plan__kind"]
    list_select_related = ["plan", "goal"]
    search_fields = ["text", "responsible", "progress_notes", "plan__title"]
    ordering = ["deadline"]
    date_hierarchy = "deadline"
    autocomplete_fields = ["plan", "goal", "strategy"]


class HearingInputForm(forms.ModelForm):
    class Meta:
        model = HearingInput
        fields = [
            "number",
            "submitted_by",
            "received",
            "summary",
            "outcome",
            "assessment",
            "changed_goals",
            "changed_strategies",
        ]

    def clean(self):
        cleaned = super().clean()
        # The hearing is set by the inline formset, also while a new one is added.
        hearing = getattr(self.instance, "hearing", None)
        if hearing is None or hearing.plan_id is None:
            return cleaned
        municipality_id = hearing.plan.municipality_id
        plans = [goal.plan for goal in cleaned.get("changed_goals") or []] + [
            strategy.goal.plan for strategy in cleaned.get("changed_strategies") or []
        ]
        if any(plan.municipality_id != municipality_id for plan in plans):
            raise forms.ValidationError(
                _("Innspillet kan bare ha endret mål og strategier i planens egen kommune.")
            )
        return cleaned


class HearingInputInline(StackedInline):
    formfield_overrides = WIDE_TEXT
    model = HearingInput
    form = HearingInputForm
    extra = 0
    fields = [
        ("number", "submitted_by", "received"),
        "summary",
        "outcome",
        "assessment",
        ("changed_goals", "changed_strategies"),
    ]
    autocomplete_fields = ["changed_goals", "changed_strategies"]


@admin.register(Hearing)
class HearingAdmin(ModelAdmin):
    formfield_overrides = WIDE_TEXT
    list_display = ["plan", "start_date", "end_date"]
    list_filter = ["plan__municipality"]
    list_select_related = ["plan"]
    search_fields = ["plan__title", "inputs__summary", "inputs__submitted_by"]
    ordering = ["-start_date"]
    autocomplete_fields = ["plan"]
    inlines = [HearingInputInline]
