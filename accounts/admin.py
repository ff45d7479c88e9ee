import json

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from frivillig.lib.access import is_administrator
from frivillig.lib.admin import LabelledDateTimes, ModelAdmin, NamedPermissions
from frivillig.lib.files import ascii_filename, attachment

from . import mail, services
from .models import Municipality, OutgoingEmail, User


@admin.register(Municipality)
class MunicipalityAdmin(ModelAdmin):
    list_display = ["name", "slug", "common_meeting_quarter", "visit_quarter"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


# The group page as Django has it, with the permissions in the reader's language.
admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(NamedPermissions, BaseGroupAdmin):
    pass


@admin.register(User)
class UserAdmin(NamedPermissions, LabelledDateTimes, BaseUserAdmin):
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
        (_("Personvern"), {"fields": ("anonymised_at", "anonymised_by")}),
    )
    readonly_fields = ["anonymised_at", "anonymised_by"]
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Rolle i portalen"), {"fields": ("email", "role", "municipality", "centre")}),
    )
    actions = ["export_personal_data", "anonymise"]

    # The GDPR tools: only a superuser (the portal's administrator) may use them.
    def has_gdpr_permission(self, request) -> bool:
        return is_administrator(request.user)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # The change form links to the GDPR tools for those who may use them.
        extra_context = {
            **(extra_context or {}),
            "has_gdpr_permission": self.has_gdpr_permission(request),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        return [
            path(
                "<int:user_id>/persondata/",
                self.admin_site.admin_view(self.personal_data_view),
                name="accounts_user_personal_data",
            ),
            path(
                "<int:user_id>/anonymiser/",
                self.admin_site.admin_view(self.anonymise_view),
                name="accounts_user_anonymise",
            ),
            *super().get_urls(),
        ]

    def _gdpr_user(self, request, user_id) -> User:
        if not self.has_gdpr_permission(request):
            raise PermissionDenied
        return get_object_or_404(User.objects.select_related("municipality", "centre"), pk=user_id)

    def _download(self, request, user) -> HttpResponse:
        data = services.export_personal_data(user)
        self.log_change(request, user, _t("Persondata eksportert."))
        body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        name = ascii_filename(f"persondata {user.username}", "json", fallback="persondata")
        return attachment(body, content_type="application/json; charset=utf-8", filename=name)

    def personal_data_view(self, request, user_id):
        return self._download(request, self._gdpr_user(request, user_id))

    def anonymise_view(self, request, user_id):
        user = self._gdpr_user(request, user_id)
        if request.method == "POST":
            self._anonymise(request, [user])
            return redirect(reverse("admin:accounts_user_change", args=[user.pk]))
        return self._confirmation(request, [user], from_action=False)

    @admin.action(description=_("Eksporter persondata"), permissions=["gdpr"])
    def export_personal_data(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(
                request, _t("Velg én bruker for å eksportere persondata."), messages.WARNING
            )
            return None
        return self._download(request, queryset.select_related("municipality", "centre").get())

    @admin.action(description=_("Deaktiver og anonymiser"), permissions=["gdpr"])
    def anonymise(self, request, queryset):
        if request.POST.get("confirm") == "yes":
            self._anonymise(request, list(queryset))
            return None
        return self._confirmation(request, list(queryset), from_action=True)

    def _confirmation(self, request, users, *, from_action: bool) -> TemplateResponse:
        context = {
            **self.admin_site.each_context(request),
            "title": _t("Deaktiver og anonymiser"),
            "opts": self.model._meta,
            "users": users,
            "from_action": from_action,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/accounts/user/anonymise_confirmation.html", context)

    def _anonymise(self, request, users) -> None:
        done = 0
        for user in users:
            if user.anonymised_at:
                continue
            try:
                user = services.anonymise_user(user, by=request.user)
            except services.CannotAnonymise:
                self.message_user(
                    request, _t("Du kan ikke anonymisere din egen bruker."), messages.ERROR
                )
                continue
            self.log_change(request, user, _t("Deaktivert og anonymisert."))
            done += 1
        if done:
            self.message_user(
                request,
                ngettext(
                    "%(count)d bruker er deaktivert og anonymisert.",
                    "%(count)d brukere er deaktivert og anonymisert.",
                    done,
                )
                % {"count": done},
                messages.SUCCESS,
            )


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(ModelAdmin):
    """The outbox (accounts.mail), as the portal wrote it: read, sent again, deleted.
    Without the text: it may hold a working link (an invitation, a new password)."""

    exclude = ["body"]

    list_display = ["to", "subject", "municipality", "status", "attempts", "error", "created_at"]
    list_filter = ["status", "error", "municipality"]
    list_select_related = ["municipality"]
    search_fields = ["to", "subject"]
    readonly_fields = [
        "municipality",
        "to",
        "subject",
        "kind",
        "status",
        "attempts",
        "error",
        "error_detail",
        "created_at",
        "next_attempt_at",
        "last_attempt_at",
        "sent_at",
    ]
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Send valgt e-post på nytt"))
    def send_again(self, request, queryset):
        emails = list(queryset.exclude(status=OutgoingEmail.Status.SENT))
        for email in emails:
            mail.send_again(email=email)
        self.message_user(
            request,
            ngettext(
                "%(count)s e-post sendes på nytt.",
                "%(count)s e-poster sendes på nytt.",
                len(emails),
            )
            % {"count": len(emails)},
            messages.SUCCESS,
        )
