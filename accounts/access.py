"""Who may see and change what. Every view and list queryset asks this module.

A stranger gets 404 (the object does not exist for them); a user who may see an object
but not change it gets 403. Nothing else in the code decides access.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from centres.models import Centre
from meetings.models import Meeting
from plans.models import Goal, Hearing, Measure, Plan


def _in_portal(user) -> bool:
    return user.is_authenticated and user.is_active


# --- centres ---------------------------------------------------------------------------


def visible_centres(user, queryset=None):
    """Leaders and readers see the profiles of every centre in their municipality."""
    centres = queryset if queryset is not None else Centre.objects.all()
    if not _in_portal(user):
        return centres.none()
    if user.is_superuser:
        return centres
    if user.municipality_id is None or not user.role:
        return centres.none()
    return centres.filter(municipality_id=user.municipality_id)


def can_edit_centre(user, centre: Centre) -> bool:
    if not _in_portal(user):
        return False
    if user.is_superuser:
        return True
    if user.is_coordinator:
        return centre.municipality_id == user.municipality_id
    if user.is_leader:
        return centre.pk == user.centre_id
    return False


def can_edit_centre_registry_fields(user, centre: Centre) -> bool:
    """Name, district, organisation model and status belong to the coordinator."""
    return can_edit_centre(user, centre) and not user.is_leader


def get_centre_for_user(user, slug: str, *, write: bool = False, queryset=None) -> Centre:
    centre = visible_centres(user, queryset).filter(slug=slug).first()
    if centre is None:
        raise Http404
    if write and not can_edit_centre(user, centre):
        raise PermissionDenied
    return centre


# --- meetings --------------------------------------------------------------------------

# Meetings every centre is invited to; the others are seen by the centres taking part.
ALL_CENTRE_KINDS = (Meeting.Kind.COMMON, Meeting.Kind.DIALOGUE)


def visible_meetings(user, queryset=None):
    meetings = queryset if queryset is not None else Meeting.objects.all()
    if not _in_portal(user):
        return meetings.none()
    if user.is_superuser:
        return meetings
    if user.municipality_id is None or not user.role:
        return meetings.none()
    meetings = meetings.filter(municipality_id=user.municipality_id)
    if user.is_leader:
        own = Meeting.objects.filter(centres__id=user.centre_id).values("pk")
        meetings = meetings.filter(Q(kind__in=ALL_CENTRE_KINDS) | Q(pk__in=own))
    return meetings


def can_manage_meetings(user, municipality_id=None) -> bool:
    if not _in_portal(user):
        return False
    if user.is_superuser:
        return True
    if not user.is_coordinator:
        return False
    return municipality_id is None or municipality_id == user.municipality_id


def get_meeting_for_user(user, pk: int, *, write: bool = False, queryset=None) -> Meeting:
    meeting = visible_meetings(user, queryset).filter(pk=pk).first()
    if meeting is None:
        raise Http404
    if write and not can_manage_meetings(user, meeting.municipality_id):
        raise PermissionDenied
    return meeting


# --- municipality-wide pages -----------------------------------------------------------


def require_coordinator(user) -> None:
    if not can_manage_meetings(user):
        raise PermissionDenied


# --- plans -----------------------------------------------------------------------------

# Everyone in the municipality reads its plans; they are edited in the admin only.


def _in_own_municipality(user, queryset, path: str):
    if not _in_portal(user):
        return queryset.none()
    if user.is_superuser:
        return queryset
    if user.municipality_id is None or not user.role:
        return queryset.none()
    return queryset.filter(**{path: user.municipality_id})


def visible_plans(user, queryset=None):
    plans = queryset if queryset is not None else Plan.objects.all()
    return _in_own_municipality(user, plans, "municipality_id")


def visible_goals(user, queryset=None):
    goals = queryset if queryset is not None else Goal.objects.all()
    return _in_own_municipality(user, goals, "plan__municipality_id")


def visible_measures(user, queryset=None):
    measures = queryset if queryset is not None else Measure.objects.all()
    return _in_own_municipality(user, measures, "plan__municipality_id")


def visible_hearings(user, queryset=None):
    hearings = queryset if queryset is not None else Hearing.objects.all()
    return _in_own_municipality(user, hearings, "plan__municipality_id")


def can_edit_plans(user) -> bool:
    """Plans are edited in the admin, which is the superuser's tool."""
    return _in_portal(user) and user.is_superuser


def _get_for_user(visible, user, pk: int, *, write: bool, queryset):
    obj = visible(user, queryset).filter(pk=pk).first()
    if obj is None:
        raise Http404
    if write and not can_edit_plans(user):
        raise PermissionDenied
    return obj


def get_plan_for_user(user, pk: int, *, write: bool = False, queryset=None) -> Plan:
    return _get_for_user(visible_plans, user, pk, write=write, queryset=queryset)


def get_goal_for_user(user, pk: int, *, write: bool = False, queryset=None) -> Goal:
    return _get_for_user(visible_goals, user, pk, write=write, queryset=queryset)


def get_hearing_for_user(user, pk: int, *, write: bool = False, queryset=None) -> Hearing:
    return _get_for_user(visible_hearings, user, pk, write=write, queryset=queryset)
