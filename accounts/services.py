"""What the portal does with a person's data on an administrator's request (GDPR): the
export of everything it holds about one person, the anonymisation of an account, and the
purge of security data past its retention period (README, "Privacy and retention")."""

import datetime
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalChanges

from . import personal_data
from .models import User

# How long the security data is kept: login attempts and logs, expired sessions.
SECURITY_RETENTION = datetime.timedelta(days=90)
# An account deactivated and not logged in to for this long is anonymised.
INACTIVE_ACCOUNT_RETENTION = datetime.timedelta(days=365)

_DB_SESSION_ENGINES = {
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
}


class CannotAnonymise(Exception):
    """Raised for an anonymisation that would lock the administrator out."""


def _axes_models() -> list:
    if not apps.is_installed("axes"):
        return []
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    return [AccessAttempt, AccessLog, AccessFailureLog]


def history_models() -> list:
    """The django-simple-history tables that record who made a change."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, HistoricalChanges)
        and any(field.name == "history_user" for field in model._meta.fields)
    ]


def _user_record(user: User) -> dict:
    return {
        "id": user.pk,
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "role": user.role,
        "role_display": str(user.get_role_display()) if user.role else "",
        "municipality": {"id": user.municipality_id, "name": str(user.municipality)}
        if user.municipality_id
        else None,
        "centre": {"id": user.centre_id, "name": str(user.centre)} if user.centre_id else None,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        "groups": [group.name for group in user.groups.all()],
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "anonymised_at": user.anonymised_at,
        "has_usable_password": user.has_usable_password(),
    }


def _security(user: User) -> dict:
    security = {"last_login": user.last_login, "active_sessions": len(_session_keys(user))}
    for model in _axes_models():
        security[model._meta.model_name] = personal_data.rows(
            model.objects.filter(username=user.username).order_by("attempt_time"),
            "attempt_time",
            "ip_address",
            "user_agent",
            "path_info",
        )
    return security


def _history(user: User) -> list[dict]:
    records = []
    for model in history_models():
        tracked = model.instance_type._meta
        for record in model.objects.filter(history_user=user).order_by("history_date"):
            records.append(
                {
                    "model": tracked.label_lower,
                    "model_name": str(tracked.verbose_name),
                    "object_id": record.instance.pk,
                    "object": str(record.instance),
                    "change": record.get_history_type_display(),
                    "date": record.history_date,
                    "reason": record.history_change_reason or "",
                }
            )
    return sorted(records, key=lambda record: record["date"])


def export_personal_data(user: User) -> dict:
    """Everything the portal holds about one person: the account (without the password
    hash), what the person wrote or saved and where the person is named (the parts the
    apps register in accounts.personal_data), the security facts and the change history
    the person is recorded in."""
    return {
        "exported_at": timezone.now(),
        "user": _user_record(user),
        **personal_data.sections(user),
        # Records that name the person in free text (signatories, contact persons, agenda
        # presenters, those responsible for follow-ups), matched on the full name.
        "named_in": personal_data.named_in(super(User, user).get_full_name().strip()),
        "security": _security(user),
        "change_history": _history(user),
    }


def _session_keys(user: User) -> list[str]:
    if settings.SESSION_ENGINE not in _DB_SESSION_ENGINES:
        return []
    return [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get(SESSION_KEY) == str(user.pk)
    ]


def end_sessions(user: User) -> None:
    """Deletes every session of the user through the session engine: the row and, with
    cached_db, the cache's copy, which would outlive a row deleted on its own."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for key in _session_keys(user):
        store(session_key=key).delete()


@transaction.atomic
def anonymise_user(user: User, *, by: User | None) -> User:
    """Deactivate the account and remove what identifies the person. What the person
    wrote stays (survey answers and agreements are archive records) and now shows
    "Anonymisert bruker" as its author. `by` is None when the portal does it itself."""
    if by is not None and by.pk == user.pk:
        raise CannotAnonymise("An administrator cannot anonymise their own account.")
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.anonymised_at:
        return user
    user.username = f"anonymisert-{user.pk}"
    user.first_name = ""
    user.last_name = ""
    user.email = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.anonymised_at = timezone.now()
    user.anonymised_by = by
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    # The account's history (the people page's change log) named the person too.
    User.history.filter(id=user.pk).update(
        username=user.username, first_name="", last_name="", email=""
    )
    # The unusable password already ends every session (its hash is in the session);
    # deleting them removes the rows too.
    end_sessions(user)
    return user


def anonymise_inactive_users(*, now=None, dry_run: bool = False) -> int:
    """Anonymise the deactivated accounts nobody has logged in to for a year."""
    cutoff = (now or timezone.now()) - INACTIVE_ACCOUNT_RETENTION
    stale = User.objects.filter(is_active=False, anonymised_at__isnull=True).filter(
        Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff)
    )
    if dry_run:
        return stale.count()
    count = 0
    for user in stale:
        anonymise_user(user, by=None)
        count += 1
    return count


def purge_security_data(*, now=None, dry_run: bool = False) -> dict[str, int]:
    """Delete login attempts and logs older than the retention period and expired
    sessions; returns the number of rows per kind."""
    now = now or timezone.now()
    cutoff = now - SECURITY_RETENTION
    stale = {
        model._meta.model_name: model.objects.filter(attempt_time__lt=cutoff)
        for model in _axes_models()
    }
    if settings.SESSION_ENGINE in _DB_SESSION_ENGINES:
        stale["session"] = Session.objects.filter(expire_date__lt=now)
    counts = {}
    with transaction.atomic():
        for name, queryset in stale.items():
            counts[name] = queryset.count()
            if not dry_run:
                queryset.delete()
    return counts
