from django.db import transaction

from frivillig.lib import history
from frivillig.lib.formsets import save_in_displayed_order

from .models import Centre, TargetGroup


def replace_target_groups(centre: Centre, names: list[str], *, by=None) -> None:
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
    history.record((history.DELETED, old), (history.CREATED, new), by=by)


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
