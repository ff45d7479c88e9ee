"""Who sees and acts on agreements and the common framework.

An agreement is between the municipality and one centre: the coordinator (and the
admin) act for the municipality, the centre's own leaders for the centre. Leaders of
other centres see nothing of it; readers see agreements once they are signed. The
framework is read by everyone in the municipality and edited by the coordinator.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.models import Municipality
from centres.access import is_centre_leader
from frivillig.lib.access import (
    first_or_404,
    in_own_municipality,
    in_portal,
    is_administrator,
    is_coordinator_of,
    works_in,
)

from .models import Agreement
from .workflow import Side


def visible_agreements(user, queryset=None):
    agreements = in_own_municipality(
        user, queryset if queryset is not None else Agreement.objects.all()
    )
    if is_centre_leader(user):
        return agreements.filter(centre_id=user.centre_id)
    if in_portal(user) and user.is_reader:
        return agreements.filter(status__in=Agreement.CONCLUDED)
    return agreements


def agreement_side(user, agreement) -> str | None:
    """The party `user` acts for on `agreement`: "municipality", "centre" or None."""
    if is_coordinator_of(user, agreement.municipality_id):
        return Side.MUNICIPALITY
    if is_centre_leader(user) and user.centre_id == agreement.centre_id:
        return Side.CENTRE
    return None


def can_comment_on_agreement(user, agreement) -> bool:
    return agreement_side(user, agreement) is not None


def list_side(user) -> str | None:
    """The side whose waiting agreements the list puts first for `user`: a leader's
    centre, or the municipality for the coordinator; None for one who acts on none."""
    if not (is_coordinator_of(user) or is_centre_leader(user)):
        return None
    return Side.CENTRE if is_centre_leader(user) else Side.MUNICIPALITY


def creatable_centres(user, centres):
    """The centres `user` may make an agreement with: those of their own municipality;
    an administrator without one may choose any municipality's."""
    if not is_administrator(user) or user.municipality_id:
        centres = centres.filter(municipality_id=user.municipality_id)
    return centres


def may_change_text(user, agreement) -> bool:
    """Whether `user` may change the agreement's text now (edit it, restore a version,
    take in the framework): the municipality's side, while the text is a draft."""
    return agreement.is_editable and is_coordinator_of(user, agreement.municipality_id)


def may_start_renewal(user, agreement, *, has_renewal: bool) -> bool:
    """The renew button: the municipality's side, on an agreement in force that has no
    renewal yet."""
    return (
        agreement_side(user, agreement) == Side.MUNICIPALITY
        and agreement.status in Agreement.IN_FORCE
        and not has_renewal
    )


def get_agreement_for_party(user, pk: int, *, queryset=None) -> Agreement:
    """An agreement the user acts on as one of its parties (a transition, a comment):
    404 if they cannot see it, 403 if they have no side in it (a reader)."""
    agreement = get_agreement_for_user(user, pk, queryset=queryset)
    if agreement_side(user, agreement) is None:
        raise PermissionDenied
    return agreement


def get_agreement_for_user(user, pk: int, *, write: bool = False, queryset=None) -> Agreement:
    """`write` is the municipality's side: editing, sending, approving for it."""
    agreement = first_or_404(visible_agreements(user, queryset).filter(pk=pk))
    if write and not is_coordinator_of(user, agreement.municipality_id):
        raise PermissionDenied
    return agreement


def get_framework_municipality_for_user(user, slug: str, *, write: bool = False):
    """The municipality whose framework the user opens (by its slug)."""
    municipality = Municipality.objects.filter(slug=slug).first()
    if municipality is None or not works_in(user, municipality.pk):
        raise Http404
    if write and not is_coordinator_of(user, municipality.pk):
        raise PermissionDenied
    return municipality
