"""Who sees and changes a centre's profile.

Leaders and readers read the profiles of every centre in their municipality; the
coordinator edits them all, a leader the own centre's (not its registry fields).
"""

from django.core.exceptions import PermissionDenied

from frivillig.lib.access import (
    coordinates_a_municipality,
    first_or_404,
    in_own_municipality,
    in_portal,
    is_coordinator_of,
)

from .models import Centre


def visible_centres(user, queryset=None):
    centres = queryset if queryset is not None else Centre.objects.all()
    return in_own_municipality(user, centres)


def can_edit_centre(user, centre: Centre) -> bool:
    return is_coordinator_of(user, centre.municipality_id) or is_own_centre(user, centre)


def can_add_centre(user) -> bool:
    """The coordinator adds the own municipality's centres (the administrator, who
    belongs to none, in the admin)."""
    return coordinates_a_municipality(user)


def require_add_centre(user) -> None:
    if not can_add_centre(user):
        raise PermissionDenied


def can_archive_centre(user, centre: Centre) -> bool:
    """Archiving a centre that closes, and restoring it, is the coordinator's."""
    return is_coordinator_of(user, centre.municipality_id)


def get_centre_to_archive_for_user(user, slug: str) -> Centre:
    centre = first_or_404(visible_centres(user).filter(slug=slug))
    if not can_archive_centre(user, centre):
        raise PermissionDenied
    return centre


def can_edit_centre_registry_fields(user, centre: Centre) -> bool:
    """Name, district, organisation model and status belong to the coordinator."""
    return can_edit_centre(user, centre) and not user.is_leader


def is_centre_leader(user) -> bool:
    """A leader works for one centre, and the pages show that centre's side."""
    return in_portal(user) and user.is_leader


def own_centre(user):
    """The centre a leader works for; None for everyone else."""
    return user.centre if is_centre_leader(user) else None


def is_own_centre(user, centre) -> bool:
    """Whether `user` is one of the centre's own leaders."""
    return is_centre_leader(user) and user.centre_id == centre.pk


def get_centre_for_user(user, slug: str, *, write: bool = False, queryset=None) -> Centre:
    centre = first_or_404(visible_centres(user, queryset).filter(slug=slug))
    if write and not can_edit_centre(user, centre):
        raise PermissionDenied
    return centre
