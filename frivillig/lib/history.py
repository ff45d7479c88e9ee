"""Row history for writes that bypass `save()`.

django-simple-history records a row when a model's `save()` or `delete()` sends its
signal. Conditional UPDATEs (optimistic locking), `bulk_create` and `bulk_update` send
none, so the services that use them call `record()` afterwards: one INSERT of historical
rows for all the objects written, with the acting user.
"""

from django.utils import timezone
from simple_history.models import HistoricalRecords

CREATED, CHANGED, DELETED = "+", "~", "-"


def acting_user(by=None):
    """`by`, or else the user of the request being served (None for a command)."""
    if by is not None:
        return by
    user = getattr(getattr(HistoricalRecords.context, "request", None), "user", None)
    return user if user is not None and user.is_authenticated else None


def record(*groups, by=None, date=None) -> None:
    """Writes the historical rows of `(kind, objects)` groups (kind CREATED, CHANGED or
    DELETED; all objects of one model) in one INSERT. Each object must hold the values
    now stored."""
    user, when = acting_user(by), date or timezone.now()
    rows = []
    for kind, objects in groups:
        for obj in objects:
            model = type(obj).history.model
            fields = {field.attname: getattr(obj, field.attname) for field in model.tracked_fields}
            rows.append(model(history_date=when, history_type=kind, history_user=user, **fields))
    if rows:
        type(rows[0]).objects.bulk_create(rows)


def record_current(queryset, *, by=None) -> None:
    """Reads the rows again and records them as changed: for an UPDATE whose new values
    are not all in memory (F() expressions, a form that saved another instance)."""
    record((CHANGED, list(queryset)), by=by)


def delete_recorded(objects) -> None:
    """Deletes loaded rows with one DELETE and no signals, for a caller that records
    them with `record()` (QuerySet.delete() would record each row with an INSERT of its
    own). Only for models nothing else listens to and no row points to."""
    objects = list(objects)
    if objects:
        manager = type(objects[0])._base_manager
        manager.filter(pk__in=[obj.pk for obj in objects])._raw_delete(manager.db)
