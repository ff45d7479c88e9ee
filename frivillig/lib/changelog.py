"""The change-log engine ("Endringslogg"): who changed what and when, field by field,
read from django-simple-history.

Each kind of row (the object, its questions, its clauses, …) costs one query, the latest
rows of that kind with their user, whatever the number of changes; a row is compared
with the one before it of the same object among those read. The object's page reads the
object and at most one kind of part (`Kind.on_page`); the full log reads them all.

The engine knows no app: each app registers, from its AppConfig.ready(), the kinds of
page with a log it owns (see centres/changelog.py), under the name the URL uses. The full
log's page is frivillig.changelog.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .access import is_coordinator_of
from .history import CHANGED, CREATED, DELETED

# How many changes a page shows, and how many rows of each kind it reads to find them.
PAGE_LIMIT, PAGE_WINDOW = 10, 50
FULL_LIMIT, FULL_WINDOW = 300, 500

# Bookkeeping, and the links to the parent object the apps add (register(hidden=…)): not
# changes a person makes.
HIDDEN = [
    "revision",
    "updated_by",
    "created_by",
    "created_at",
    "current_version",
    "copied_from",
    "key",
]

ACTIONS = {
    CREATED: gettext_lazy("Opprettet"),
    CHANGED: gettext_lazy("Endret"),
    DELETED: gettext_lazy("Slettet"),
}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str
    shown: bool = True  # False for a link to another object: "changed", without values


@dataclass
class Change:
    when: datetime.datetime
    user: object
    kind: str
    what: str
    label: str
    fields: list[FieldChange] = field(default_factory=list)
    order: int = 0

    @property
    def action(self) -> str:
        return str(ACTIONS.get(self.kind, ""))

    @property
    def user_name(self) -> str:
        if self.user is None:
            return _("Portalen")
        return self.user.get_full_name() or self.user.username


@dataclass
class Changelog:
    changes: list[Change]
    has_more: bool
    url: str


def _show(model_field, value) -> str:
    if value is None or value == "" or value == []:
        return ""
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return _("Ja") if value else _("Nei")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value if item)
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, "DATE_FORMAT")
    return str(value)


def _label(row) -> str:
    if label := LABELS.get(row.instance_type):
        return label(row)
    for name in ("title", "name", "text"):
        if value := getattr(row, name, ""):
            return Truncator(value).chars(80)
    return ""


def _fields(row, previous) -> list[FieldChange]:
    meta = row.instance_type._meta
    if previous is None:  # created, or changed before the rows read
        pairs = [
            (f.name, None, getattr(row, f.attname))
            for f in type(row).tracked_fields
            if f.name not in HIDDEN and not f.primary_key and row.history_type == CREATED
        ]
    else:
        delta = row.diff_against(previous, excluded_fields=HIDDEN)
        pairs = [(c.field, c.old, c.new) for c in delta.changes]
    relevant, value_of = RELEVANT.get(row.instance_type), VALUES.get(row.instance_type)
    result = []
    for name, old, new in pairs:
        if relevant and not relevant(row, name):
            continue  # a field this row does not use (a question kind's other settings)
        if value_of:
            old, new = value_of(name, old), value_of(name, new)
        try:
            model_field = meta.get_field(name)
        except FieldDoesNotExist:  # a field since removed from the model
            continue
        if previous is None and _show(model_field, new) == "":
            continue
        label = str(model_field.verbose_name)
        if model_field.is_relation:
            result.append(FieldChange(label, "", "", shown=False))
        else:
            result.append(FieldChange(label, _show(model_field, old), _show(model_field, new)))
    return result


def changes(sources, *, limit: int = PAGE_LIMIT, window: int = PAGE_WINDOW):
    """The latest `limit` changes from history querysets, newest first, and whether
    there are more."""
    found = []
    for source in sources:
        rows = list(source.select_related("history_user").order_by("-history_date", "-pk")[:window])
        by_object = {}
        for row in reversed(rows):  # oldest first, so each row meets its predecessor
            previous = by_object.get(row.id)
            by_object[row.id] = row
            fields = [] if row.history_type == DELETED else _fields(row, previous)
            if row.history_type == CHANGED and previous is not None and not fields:
                continue  # only bookkeeping changed
            found.append(
                Change(
                    when=row.history_date,
                    user=row.history_user,
                    kind=row.history_type,
                    what=str(row.instance_type._meta.verbose_name).capitalize(),
                    label=_label(row),
                    fields=fields,
                    order=row.pk,
                )
            )
    found.sort(key=lambda change: (change.when, change.order), reverse=True)
    return found[:limit], len(found) > limit


@dataclass(frozen=True)
class Kind:
    load: Callable  # (user, pk) → the object as the user may see it (404 for a stranger)
    municipality: Callable  # object → its municipality's id
    sources: Callable  # object → its history querysets
    back: Callable  # object → the object's page
    # How many of the sources the object's page reads itself (a query each); the others
    # are in the full log it links to, which keeps busy pages within their query budget.
    on_page: int = 2


# The kinds of page with a change log, by the name in the URL; filled by the apps.
KINDS: dict[str, Kind] = {}
# A row's label where the title, name or text would not do: tracked model → row → label.
LABELS: dict[type, Callable] = {}
# Which fields a row uses (model → (row, field name) → bool), and stored values shown
# as words (model → (field name, value) → value to show), where the model's choices do
# not tell.
RELEVANT: dict[type, Callable] = {}
VALUES: dict[type, Callable] = {}


def register(name: str, kind: Kind, *, hidden=(), labels=None, relevant=None, values=None) -> None:
    """A kind of page with a log; `hidden` names the fields that link its rows to their
    parent (not changes a person makes), `labels` the rows labelled otherwise,
    `relevant` and `values` the fields a row uses and how a stored value reads."""
    KINDS[name] = kind
    HIDDEN.extend(f for f in hidden if f not in HIDDEN)
    LABELS.update(labels or {})
    RELEVANT.update(relevant or {})
    VALUES.update(values or {})


def may_see(user, municipality_id) -> bool:
    """The change log is the coordinator's."""
    return is_coordinator_of(user, municipality_id)


def get_logged_object_for_user(user, kind: str, pk: int):
    """The kind of log and the object whose whole change log `user` opens: 404 for an
    unknown kind or an object the user does not see, 403 for one whose log is not
    theirs (a leader or reader of the municipality)."""
    if kind not in KINDS:
        raise Http404
    spec = KINDS[kind]
    obj = spec.load(user, pk)
    if not may_see(user, spec.municipality(obj)):
        raise PermissionDenied
    return spec, obj


def for_page(user, kind: str, obj, municipality_id) -> Changelog | None:
    """The latest changes for the object's page, or None for a user who may not see
    them."""
    if not may_see(user, municipality_id):
        return None
    sources = KINDS[kind].sources(obj)
    on_page = KINDS[kind].on_page
    found, has_more = changes(sources[:on_page])
    has_more = has_more or len(sources) > on_page
    return Changelog(found, has_more, reverse("changelog", args=[kind, obj.pk]))
