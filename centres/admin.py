from django.contrib import admin

from .models import Centre, ContactPerson, GoalPeriod, Partner, PeriodGoal, TargetGroup


class TargetGroupInline(admin.TabularInline):
    model = TargetGroup
    extra = 0


class PartnerInline(admin.StackedInline):
    model = Partner
    extra = 0


class ContactInline(admin.TabularInline):
    model = ContactPerson
    extra = 0


class GoalPeriodInline(admin.TabularInline):
    model = GoalPeriod
    extra = 0
    show_change_link = True


@admin.register(Centre)
class CentreAdmin(admin.ModelAdmin):
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


class PeriodGoalInline(admin.StackedInline):
    model = PeriodGoal
    extra = 0


@admin.register(GoalPeriod)
class GoalPeriodAdmin(admin.ModelAdmin):
    list_display = ["centre", "start_year", "end_year", "motto"]
    list_filter = ["start_year", "centre__municipality"]
    list_select_related = ["centre"]
    search_fields = ["centre__name", "motto", "goals__text"]
    inlines = [PeriodGoalInline]


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "centre"]
    list_select_related = ["centre"]
    list_filter = ["centre__municipality"]
    search_fields = ["name", "cooperation", "centre__name"]


@admin.register(ContactPerson)
class ContactPersonAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "email", "phone", "centre"]
    list_select_related = ["centre"]
    search_fields = ["name", "email", "centre__name"]


@admin.register(TargetGroup)
class TargetGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "rank", "centre"]
    list_select_related = ["centre"]
    list_filter = ["centre__municipality"]
    search_fields = ["name", "centre__name"]


@admin.register(PeriodGoal)
class PeriodGoalAdmin(admin.ModelAdmin):
    list_display = ["text", "period"]
    list_select_related = ["period__centre"]
    search_fields = ["text", "details", "period__centre__name"]
