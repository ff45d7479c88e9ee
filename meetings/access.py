"""Who sees and changes meetings: the coordinator manages the municipality's meetings;
a leader sees the common meetings and those the own centre takes part in."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from centres.access import is_centre_leader, is_own_centre
from frivillig.lib.access import (
    first_or_404,
    in_own_municipality,
    is_coordinator_of,
    require_coordinator,
    works_in,
)

from .models import Meeting

# Meetings every centre is invited to; the others are seen by the centres taking part.
ALL_CENTRE_KINDS = (Meeting.Kind.COMMON, Meeting.Kind.DIALOGUE)


def visible_meetings(user, queryset=None):
    meetings = in_own_municipality(
        user, queryset if queryset is not None else Meeting.objects.all()
    )
    if is_centre_leader(user):
        own = Meeting.objects.filter(centres__id=user.centre_id).values("pk")
        meetings = meetings.filter(Q(kind__in=ALL_CENTRE_KINDS) | Q(pk__in=own))
    return meetings


def can_see_visits_of(user, centre) -> bool:
    """A visit to a centre is the municipality's and that centre's business: a leader of
    another centre cannot open it (visible_meetings), so is not shown its date either."""
    if is_centre_leader(user):
        return is_own_centre(user, centre)
    return works_in(user, centre.municipality_id)


def get_meeting_for_user(user, pk: int, *, write: bool = False, queryset=None) -> Meeting:
    meeting = first_or_404(visible_meetings(user, queryset).filter(pk=pk))
    if write and not is_coordinator_of(user, meeting.municipality_id):
        raise PermissionDenied
    return meeting


def new_meeting_municipality(user) -> int | None:
    """The municipality a new meeting belongs to: the coordinator's own (403 for anyone
    else). None for the administrator, who belongs to no municipality."""
    require_coordinator(user)
    return user.municipality_id
