from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from frivillig.lib.admin import ModelAdmin, TabularInline

from .models import AgendaItem, FollowUp, Meeting


class MeetingAdminForm(forms.ModelForm):
    """The admin lists every municipality's centres; a meeting takes its own
    municipality's only (the portal's form offers no others)."""

    def clean(self):
        cleaned = super().clean()
        municipality = cleaned.get("municipality")
        centres = cleaned.get("centres") or []
        if municipality and any(c.municipality_id != municipality.pk for c in centres):
            self.add_error("centres", _("Velg bare sentraler i møtets kommune."))
        return cleaned


class AgendaInline(TabularInline):
    model = AgendaItem
    extra = 0


class FollowUpInline(TabularInline):
    model = FollowUp
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(ModelAdmin):
    form = MeetingAdminForm
    list_display = ["title", "kind", "date", "start_time", "location", "municipality"]
    list_filter = ["kind", "municipality", "date"]
    list_select_related = ["municipality"]
    date_hierarchy = "date"
    search_fields = ["title", "location", "notes", "centres__name"]
    filter_horizontal = ["centres"]
    inlines = [AgendaInline, FollowUpInline]


@admin.register(FollowUp)
class FollowUpAdmin(ModelAdmin):
    list_display = ["text", "responsible", "due_date", "done", "meeting"]
    list_filter = ["done", "meeting__municipality"]
    list_select_related = ["meeting"]
    search_fields = ["text", "responsible", "meeting__title"]
