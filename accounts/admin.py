from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Municipality, User


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "common_meeting_quarter", "visit_quarter"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = [
        "username",
        "get_full_name",
        "email",
        "role",
        "municipality",
        "centre",
        "is_active",
    ]
    list_filter = ["role", "municipality", "is_active", "is_staff", "is_superuser"]
    list_select_related = ["municipality", "centre"]
    search_fields = ["username", "first_name", "last_name", "email", "centre__name"]
    autocomplete_fields = ["centre"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Rolle i portalen"), {"fields": ("role", "municipality", "centre")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Rolle i portalen"), {"fields": ("email", "role", "municipality", "centre")}),
    )
