"""The admin's base classes, with a name on every control (WCAG 1.3.1, 4.1.2).

Django's split date and time gives its two inputs no label of their own, only the
words «Dato:» and «Tid:» beside them; its tabular inlines name a row's fields only by
the column headings, which give a control no accessible name. The project's admin
classes derive from these, which put the missing names on as aria-label."""

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.widgets import AdminSplitDateTime
from django.contrib.auth.models import Permission
from django.db import models
from django.utils.translation import gettext_noop, ngettext_lazy, pgettext, pgettext_lazy


class LabelledSplitDateTime(AdminSplitDateTime):
    """Each of the two inputs named by its word (the field's label is the fieldset's)."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        words = (context["date_label"], context["time_label"])
        for subwidget, word in zip(context["widget"]["subwidgets"], words, strict=True):
            subwidget["attrs"]["aria-label"] = str(word).rstrip(": ")
        return context


class LabelledDateTimes:
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.DateTimeField) and not db_field.choices:
            kwargs.setdefault("widget", LabelledSplitDateTime)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class _NamedRows:
    def add_fields(self, form, index):
        super().add_fields(form, index)
        for field in form.fields.values():
            # A related field's wrapper keeps the attrs of the widget it wraps.
            widgets = [field.widget, getattr(field.widget, "widget", None)]
            for widget in filter(None, widgets):
                widget.attrs.setdefault("aria-label", str(field.label))


# Django writes a permission's name once, in English, when it migrates («Can add
# bruker»); the user's and the group's permission selector word it in the reader's
# language from the action and the model instead.
PERMISSION_ACTIONS = {
    "add": pgettext_lazy("tilgang i administrasjonen", "Kan legge til %(model)s"),
    "change": pgettext_lazy("tilgang i administrasjonen", "Kan endre %(model)s"),
    "delete": pgettext_lazy("tilgang i administrasjonen", "Kan slette %(model)s"),
    "view": pgettext_lazy("tilgang i administrasjonen", "Kan se %(model)s"),
}


def permission_label(permission: Permission) -> str:
    """«Kommuner og brukere | bruker | Kan endre bruker»; a permission of a model's
    history (django-simple-history, which names those models in English) is about
    «historikk for bruker». Others keep the name they were given."""
    model = permission.content_type.model_class()
    action = permission.codename.split("_", 1)[0]
    if model is None or permission.codename != f"{action}_{model._meta.model_name}":
        return str(permission)
    if action not in PERMISSION_ACTIONS:
        return str(permission)
    name = model._meta.verbose_name
    if history_of := getattr(model, "instance_type", None):
        name = pgettext("tilgang i administrasjonen", "historikk for %(model)s") % {
            "model": history_of._meta.verbose_name
        }
    app = apps.get_app_config(model._meta.app_label).verbose_name
    return f"{app} | {name} | {PERMISSION_ACTIONS[action] % {'model': name}}"


class NamedPermissions:
    """For the admin of a model with a permission selector (users, groups)."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and db_field.related_model is Permission:
            field.label_from_instance = permission_label
        return field


class ModelAdmin(LabelledDateTimes, admin.ModelAdmin):
    pass


class StackedInline(LabelledDateTimes, admin.StackedInline):
    pass


class TabularInline(LabelledDateTimes, admin.TabularInline):
    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (_NamedRows, formset), {})


# The admin's words that Django 5.2's bokmål and nynorsk catalogues lack (new in Django 4
# and 5), and those of the libraries whose models the admin lists (django-axes,
# django-tasks), which have no Norwegian catalogue at all. Named here so that
# makemessages keeps their translations in locale/nb and locale/nn, which come before
# the packages' own catalogues (LOCALE_PATHS); in English they read as written.
THEIR_WORDS = [
    # django.contrib.admin
    gettext_noop("Add link"),
    gettext_noop("Added:"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_noop("Breadcrumbs"),
    gettext_noop("Change or view list link"),
    gettext_noop("Changed:"),
    gettext_noop("Deleted:"),
    gettext_noop("Disable password-based authentication"),
    gettext_noop("Enable password-based authentication"),
    gettext_noop("Error:"),
    gettext_noop("Filter navigation items"),
    gettext_noop("Forgotten your login credentials?"),
    gettext_noop("Hide counts"),
    gettext_noop("In case you’ve forgotten, you are:"),
    gettext_noop("Model name"),
    ngettext_lazy("Please correct the error below.", "Please correct the errors below.", 1),
    gettext_noop("Select all objects on this page for an action"),
    gettext_noop("Select this object for an action - {}"),
    gettext_noop("Set password"),
    gettext_noop("Show counts"),
    gettext_noop("Sidebar"),
    gettext_noop("Skip to main content"),
    gettext_noop("Start typing to filter…"),
    gettext_noop("Thanks for spending some quality time with the web site today."),
    gettext_noop(
        "This action will <strong>enable</strong> password-based authentication for this user."
    ),
    gettext_noop("Toggle theme (current theme: auto)"),
    gettext_noop("Toggle theme (current theme: dark)"),
    gettext_noop("Toggle theme (current theme: light)"),
    gettext_noop("View selected %(model)s"),
    # django.contrib.auth
    gettext_noop("Conflicting form data submitted. Please try again."),
    gettext_noop("Disabled"),
    gettext_noop("Enabled"),
    gettext_noop("Enable password-based authentication for this user by setting a password."),
    gettext_noop("Password-based authentication"),
    gettext_noop("Password-based authentication was disabled."),
    gettext_noop("Raw passwords are not stored, so there is no way to see the user’s password."),
    gettext_noop("Reset password"),
    gettext_noop("Set password: %s"),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        1,
    ),
    gettext_noop(
        "Whether the user will be able to authenticate using a password or not. If "
        "disabled, they may still be able to authenticate using other backends, such as "
        "Single Sign-On or LDAP."
    ),
    # django-axes
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("Access Attempt"),
    gettext_noop("Access lock out"),
    gettext_noop("Attempt Time"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Expires At"),
    gettext_noop("Failed Logins"),
    gettext_noop("Form Data"),
    gettext_noop("GET Data"),
    gettext_noop("POST Data"),
    gettext_noop("HTTP Accept"),
    gettext_noop("IP Address"),
    gettext_noop("Locked Out"),
    gettext_noop("Logout Time"),
    gettext_noop("Meta Data"),
    gettext_noop("Not set"),
    gettext_noop("Path"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("User Agent"),
    gettext_noop("Username"),
    # django-tasks and django-tasks-db
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
    gettext_noop("args kwargs"),
    gettext_noop("backend name"),
    gettext_noop("enqueued at"),
    gettext_noop("exception class path"),
    gettext_noop("finished at"),
    gettext_noop("priority"),
    gettext_noop("queue name"),
    gettext_noop("return value"),
    gettext_noop("run after"),
    gettext_noop("started at"),
    gettext_noop("status"),
    gettext_noop("task path"),
    gettext_noop("traceback"),
    gettext_noop("worker id"),
    pgettext_lazy("Task", "Ready"),
    pgettext_lazy("Task", "Running"),
    pgettext_lazy("Task", "Failed"),
    pgettext_lazy("Task", "Successful"),
]
