"""Everyone in the municipality reads its plans; they are edited in the admin only."""

from django.core.exceptions import PermissionDenied

from frivillig.lib.access import first_or_404, in_own_municipality, in_portal

from .models import Goal, Hearing, Measure, Plan


def visible_plans(user, queryset=None):
    plans = queryset if queryset is not None else Plan.objects.all()
    return in_own_municipality(user, plans)


def visible_goals(user, queryset=None):
    goals = queryset if queryset is not None else Goal.objects.all()
    return in_own_municipality(user, goals, "plan__municipality_id")


def visible_measures(user, queryset=None):
    measures = queryset if queryset is not None else Measure.objects.all()
    return in_own_municipality(user, measures, "plan__municipality_id")


def visible_hearings(user, queryset=None):
    hearings = queryset if queryset is not None else Hearing.objects.all()
    return in_own_municipality(user, hearings, "plan__municipality_id")


def can_edit_plans(user) -> bool:
    """Plans are edited in the admin, which is the superuser's tool."""
    return in_portal(user) and user.is_superuser


def _get_for_user(visible, user, pk: int, *, write: bool, queryset):
    obj = first_or_404(visible(user, queryset).filter(pk=pk))
    if write and not can_edit_plans(user):
        raise PermissionDenied
    return obj


def get_plan_for_user(user, pk: int, *, write: bool = False, queryset=None) -> Plan:
    return _get_for_user(visible_plans, user, pk, write=write, queryset=queryset)


def get_goal_for_user(user, pk: int, *, write: bool = False, queryset=None) -> Goal:
    return _get_for_user(visible_goals, user, pk, write=write, queryset=queryset)


def get_hearing_for_user(user, pk: int, *, write: bool = False, queryset=None) -> Hearing:
    return _get_for_user(visible_hearings, user, pk, write=write, queryset=queryset)
