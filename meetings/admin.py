from django.contrib import admin

from .models import AgendaItem, FollowUp, Meeting


class AgendaInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


class FollowUpInline(admin.TabularInline):
    model = FollowUp
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "date", "start_time", "location", "municipality"]
    list_filter = ["kind", "municipality", "date"]
    list_select_related = ["municipality"]
    date_hierarchy = "date"
    search_fields = ["title", "location", "notes", "centres__name"]
    filter_horizontal = ["centres"]
    inlines = [AgendaInline, FollowUpInline]


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ["text", "responsible", "due_date", "done", "meeting"]
    list_filter = ["done", "meeting__municipality"]
    list_select_related = ["meeting"]
    search_fields = ["text", "responsible", "meeting__title"]
