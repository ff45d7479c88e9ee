from django.contrib import admin

from frivillig.lib.admin import ModelAdmin, TabularInline

from .conditions import fill_conditions
from .models import ActivityCategory, Condition, GrantYear


class ConditionInline(TabularInline):
    model = Condition
    extra = 0


@admin.register(GrantYear)
class GrantYearAdmin(ModelAdmin):
    list_display = ["year", "municipality", "rate", "local_share_percent", "deadline"]
    list_filter = ["municipality"]
    list_select_related = ["municipality"]
    inlines = [ConditionInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A new year left without conditions starts from last year's (or the defaults).
        if not change:
            fill_conditions(form.instance)


@admin.register(ActivityCategory)
class ActivityCategoryAdmin(ModelAdmin):
    list_display = ["name", "municipality", "order"]
    list_filter = ["municipality"]
    list_select_related = ["municipality"]
