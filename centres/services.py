from django.db import transaction
from django.utils.text import slugify

from frivillig.lib import history
from frivillig.lib.formsets import save_in_displayed_order

from .models import Centre, Partner, TargetGroup


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


@transaction.atomic
def update_partners(*, centre: Centre, names: list[str], expected: list[str], by, now=None):
    """Sets the partners to `names`, in that order, if they still are `expected`
    (otherwise ProfileChanged). A partner named again keeps how the cooperation works;
    one no longer named is removed, a new name added."""
    Centre.objects.select_for_update().filter(pk=centre.pk).first()
    old = list(centre.partners.order_by("order", "pk"))
    if [p.name for p in old] != expected:
        raise ProfileChanged([p.name for p in old])
    by_name = {}
    for partner in old:
        by_name.setdefault(partner.name, partner)
    kept, moved, created = set(), [], []
    for order, name in enumerate(names, 1):
        partner = by_name.pop(name, None)
        if partner is None:
            created.append(Partner(centre=centre, order=order, name=name))
            continue
        kept.add(partner.pk)
        if partner.order != order:
            partner.order = order
            moved.append(partner)
    gone = [p for p in old if p.pk not in kept]
    history.delete_recorded(gone)
    Partner.objects.bulk_update(moved, ["order"])
    created = Partner.objects.bulk_create(created)
    history.record(
        (history.DELETED, gone),
        (history.CHANGED, moved),
        (history.CREATED, created),
        by=by,
        date=now,
    )


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
