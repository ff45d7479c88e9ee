from django.db import transaction
from django.db.models import Subquery
from django.utils import timezone
from django.utils.text import slugify

from frivillig.lib import history
from frivillig.lib.formsets import save_in_displayed_order

from .models import Centre, ContactPerson, GoalPeriod, Partner, PeriodGoal, TargetGroup


def replace_target_groups(centre: Centre, names: list[str], *, by=None, date=None) -> None:
    """Ranks follow the list: the first name is the most important target group. An
    unchanged list is left alone; a changed one is replaced, with its history in one
    insert."""
    old = list(centre.target_groups.all())
    if [group.name for group in old] == names:
        return
    history.delete_recorded(old)
    new = TargetGroup.objects.bulk_create(
        TargetGroup(centre=centre, rank=rank, name=name) for rank, name in enumerate(names, 1)
    )
    history.record((history.DELETED, old), (history.CREATED, new), by=by, date=date)


class ProfileChanged(Exception):
    """The profile was changed by someone else since the page showed it."""

    def __init__(self, current: list[str]):
        super().__init__(current)
        self.current = current


def target_group_names(centre: Centre) -> list[str]:
    """The centre's target groups, most important first (one query)."""
    return list(centre.target_groups.order_by("rank").values_list("name", flat=True))


@transaction.atomic
def update_target_groups(*, centre: Centre, names: list[str], expected: list[str], by, now=None):
    """Sets the target groups to `names` if they still are `expected` (what the person
    saw); otherwise raises ProfileChanged with what they are now. The centre's row is
    locked first, so two updates cannot both pass the check."""
    Centre.objects.select_for_update().filter(pk=centre.pk).first()
    current = target_group_names(centre)
    if current != expected:
        raise ProfileChanged(current)
    replace_target_groups(centre, names, by=by, date=now)


def partner_names(centre: Centre) -> list[str]:
    """The centre's partners in their order (one query)."""
    return list(centre.partners.order_by("order", "pk").values_list("name", flat=True))


def _lock_and_check(centre: Centre, rows, name: str, expected: list[str]) -> None:
    """Locks the centre's row, so two updates cannot both pass the check, and raises
    ProfileChanged when the rows' names are no longer what the person saw."""
    Centre.objects.select_for_update().filter(pk=centre.pk).first()
    current = [getattr(row, name) for row in rows]
    if current != expected:
        raise ProfileChanged(current)


def _set_named_rows(rows, names: list[str], *, name: str, make, by, now) -> None:
    """Makes `rows` (ordered, with `order` and a `name` field) hold `names` in that
    order: a row named again keeps everything else it holds and takes its new place; a
    row no longer named is deleted; a new name becomes `make(order, name)`. History
    records each kind of change in one insert."""
    by_name = {}
    for row in rows:
        by_name.setdefault(getattr(row, name), row)
    kept, moved, created = set(), [], []
    for order, text in enumerate(names, 1):
        row = by_name.pop(text, None)
        if row is None:
            created.append(make(order, text))
            continue
        kept.add(row.pk)
        if row.order != order:
            row.order = order
            moved.append(row)
    gone = [row for row in rows if row.pk not in kept]
    if gone:
        model = type(gone[0])
        # A goal's links to the municipal goals point to it; they go with it.
        for link in model._meta.many_to_many:
            link.remote_field.through.objects.filter(
                **{f"{link.m2m_field_name()}__in": [row.pk for row in gone]}
            ).delete()
        history.delete_recorded(gone)
    if moved:
        type(moved[0]).objects.bulk_update(moved, ["order"])
    if created:
        created = type(created[0]).objects.bulk_create(created)
    history.record(
        (history.DELETED, gone),
        (history.CHANGED, moved),
        (history.CREATED, created),
        by=by,
        date=now,
    )


@transaction.atomic
def update_partners(*, centre: Centre, names: list[str], expected: list[str], by, now=None):
    """Sets the partners to `names`, in that order, if they still are `expected`
    (otherwise ProfileChanged). A partner named again keeps how the cooperation works;
    one no longer named is removed, a new name added."""
    old = list(centre.partners.order_by("order", "pk"))
    _lock_and_check(centre, old, "name", expected)

    def make(order, name):
        return Partner(centre=centre, order=order, name=name)

    _set_named_rows(old, names, name="name", make=make, by=by, now=now)


def _current_period_goals(centre: Centre):
    """The goals of the centre's latest period (Centre.current_goal_period), in order."""
    latest = GoalPeriod.objects.filter(centre=centre).order_by("-start_year").values("pk")[:1]
    return PeriodGoal.objects.filter(period=Subquery(latest)).order_by("order", "pk")


def period_goal_texts(centre: Centre) -> list[str]:
    """The goals of the centre's current period in their order (one query)."""
    return list(_current_period_goals(centre).values_list("text", flat=True))


@transaction.atomic
def update_period_goals(*, centre: Centre, names: list[str], expected: list[str], by, now=None):
    """Sets the goals of the current period to `names`, in that order, if they still are
    `expected` (otherwise ProfileChanged). A goal named again keeps its details and the
    municipal goals and strategies it serves. A centre without a period gets one for
    this year, since a goal belongs to a period."""
    old = list(_current_period_goals(centre))
    _lock_and_check(centre, old, "text", expected)
    if old:
        period = old[0].period
    else:
        period = GoalPeriod.objects.filter(centre=centre).order_by("-start_year").first()
    if period is None and names:
        year = timezone.localdate(now).year
        period = GoalPeriod(centre=centre, start_year=year, end_year=year)
        period._history_user = history.acting_user(by)
        period.save()

    def make(order, text):
        return PeriodGoal(period=period, order=order, text=text)

    _set_named_rows(old, names, name="text", make=make, by=by, now=now)


def contact_names(centre: Centre) -> list[str]:
    """The centre's contact persons in their order (one query)."""
    return list(centre.contacts.order_by("order", "pk").values_list("name", flat=True))


@transaction.atomic
def update_contacts(*, centre: Centre, names: list[str], expected: list[str], by, now=None):
    """Sets the contact persons to `names`, in that order, if they still are `expected`
    (otherwise ProfileChanged). A person named again keeps the role, e-mail and phone."""
    old = list(centre.contacts.order_by("order", "pk"))
    _lock_and_check(centre, old, "name", expected)

    def make(order, name):
        return ContactPerson(centre=centre, order=order, name=name)

    _set_named_rows(old, names, name="name", make=make, by=by, now=now)


@transaction.atomic
def save_centre_profile(edit_forms) -> Centre:
    """Store every section of the edit page in one transaction."""
    centre = edit_forms.profile.save()
    replace_target_groups(centre, edit_forms.target_groups.names())
    period = edit_forms.period.save()
    save_in_displayed_order(edit_forms.goals, period=period)
    for form in edit_forms.goals.forms:
        if form.instance.pk and not form.cleaned_data.get("DELETE"):
            form.save_links()
    save_in_displayed_order(edit_forms.partners, centre=centre)
    save_in_displayed_order(edit_forms.contacts, centre=centre)
    return centre


# The words of the centre pages' own addresses (centres/urls.py): /sentraler/ny/.
RESERVED_SLUGS = {"ny"}


def unique_slug(name: str) -> str:
    """The centre's address word: its name, with a number when another centre (in any
    municipality: the slug is unique across the deployment) has it already."""
    base = (slugify(name) or "sentral")[:70]
    taken = set(Centre.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    taken |= RESERVED_SLUGS
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def add_centre(*, form, municipality, by=None) -> Centre:
    """A coordinator adds a centre to the own municipality from a valid CentreCreateForm."""
    centre = form.save(commit=False)
    centre.municipality = municipality
    centre.slug = unique_slug(centre.name)
    centre._history_user = history.acting_user(by)
    centre.save()
    return centre


def _set_active(centre: Centre, active: bool, by) -> bool:
    centre = Centre.objects.select_for_update().get(pk=centre.pk)
    if centre.active == active:
        return False
    centre.active = active
    centre._history_user = history.acting_user(by)
    centre.save(update_fields=["active", "updated_at"])
    return True


@transaction.atomic
def archive_centre(*, centre: Centre, by=None) -> bool:
    """A centre that closes is archived, never deleted: it keeps its profile, answers,
    agreements and meetings, and leaves the lists, the schedule, survey sending and
    reminders (they ask for active centres). Returns False if it was archived already."""
    return _set_active(centre, False, by)


@transaction.atomic
def restore_centre(*, centre: Centre, by=None) -> bool:
    """Takes an archived centre back into the lists, the schedule and survey sending."""
    return _set_active(centre, True, by)
