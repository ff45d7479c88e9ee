from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from frivillig.lib.admin import ModelAdmin, StackedInline, TabularInline

from .models import Centre, ContactPerson, GoalPeriod, Partner, PeriodGoal, TargetGroup


class PeriodGoalAdminForm(forms.ModelForm):
    """The admin lists every municipality's goals and strategies; a centre's goal links
    to its own municipality's only (the portal offers no others)."""

    def clean(self):
        cleaned = super().clean()
        # The period chosen, or in the period's page the period being edited.
        period = cleaned.get("period")
        if period is None or period.centre_id is None:
            return cleaned
        municipality_id = period.centre.municipality_id
        goals = cleaned.get("municipal_goals") or []
        if any(goal.plan.municipality_id != municipality_id for goal in goals):
            self.add_error("municipal_goals", _("Velg bare mål i sentralens kommune."))
        strategies = cleaned.get("municipal_strategies") or []
        if any(s.goal.plan.municipality_id != municipality_id for s in strategies):
            self.add_error("municipal_strategies", _("Velg bare strategier i sentralens kommune."))
        return cleaned


class TargetGroupInline(TabularInline):
    model = TargetGroup
    extra = 0


class PartnerInline(StackedInline):
    model = Partner
    extra = 0


class ContactInline(TabularInline):
    model = ContactPerson
    extra = 0


class GoalPeriodInline(TabularInline):
    model = GoalPeriod
    extra = 0
    show_change_link = True


@admin.register(Centre)
class CentreAdmin(ModelAdmin):
    list_display = [
        "name",
        "municipality",
        "district",
        "organisation_model",
        "org_number",
        "active",
    ]
    list_filter = ["municipality", "organisation_model", "active"]
    list_select_related = ["municipality"]
    search_fields = ["name", "district", "org_number"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TargetGroupInline, GoalPeriodInline, PartnerInline, ContactInline]


class PeriodGoalInline(StackedInline):
    model = PeriodGoal
    form = PeriodGoalAdminForm
    extra = 0


@admin.register(GoalPeriod)
class GoalPeriodAdmin(ModelAdmin):
    list_display = ["centre", "start_year", "end_year", "motto"]
    list_filter = ["start_year", "centre__municipality"]
    list_select_related = ["centre"]
    search_fields = ["centre__name", "motto", "goals__text"]
    inlines = [PeriodGoalInline]


@admin.register(Partner)
class PartnerAdmin(ModelAdmin):
    list_display = ["name", "centre"]
    list_select_related = ["centre"]
    list_filter = ["centre__municipality"]
    search_fields = ["name", "cooperation", "centre__name"]


@admin.register(ContactPerson)
class ContactPersonAdmin(ModelAdmin):
    list_display = ["name", "title", "email", "phone", "centre"]
    list_select_related = ["centre"]
    search_fields = ["name", "email", "centre__name"]


@admin.register(TargetGroup)
class TargetGroupAdmin(ModelAdmin):
    list_display = ["name", "rank", "centre"]
    list_select_related = ["centre"]
    list_filter = ["centre__municipality"]
    search_fields = ["name", "centre__name"]


@admin.register(PeriodGoal)
class PeriodGoalAdmin(ModelAdmin):
    form = PeriodGoalAdminForm
    list_display = ["text", "period"]
    list_select_related = ["period__centre"]
    search_fields = ["text", "details", "period__centre__name"]
