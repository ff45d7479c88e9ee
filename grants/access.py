"""Who sees and changes a grant year, a centre's status and its annual report.

The year's overview, the assessments, the decisions, the application basis and the
register's differences are the municipality's coordinator's. A centre's own leader sees
the centre's status and what is missing, fills in its evidence and its annual report;
a leader of another centre, a reader and another municipality are strangers (404).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from centres.access import is_own_centre, own_centre
from centres.models import Centre
from frivillig.lib.access import first_or_404, in_own_municipality, is_coordinator_of

from .models import GrantYear, RegisterDifference, RegisterRecord


def visible_grant_years(user, queryset=None):
    years = queryset if queryset is not None else GrantYear.objects.all()
    return in_own_municipality(user, years).select_related("municipality")


def can_manage_year(user, grant_year) -> bool:
    return is_coordinator_of(user, grant_year.municipality_id)


def get_year_for_user(user, pk: int, *, manage: bool = False) -> GrantYear:
    """The year: 404 outside its municipality; 403 for the overview to anyone but its
    coordinator (`manage`)."""
    grant_year = first_or_404(visible_grant_years(user).filter(pk=pk))
    if manage and not can_manage_year(user, grant_year):
        raise PermissionDenied
    return grant_year


def can_see_centre_status(user, grant_year, centre) -> bool:
    return can_manage_year(user, grant_year) or is_own_centre(user, centre)


def get_centre_for_user(user, grant_year, slug: str, *, manage: bool = False) -> Centre:
    """A centre of the year's municipality whose status the user may see (404 else); with
    `manage`, only the coordinator goes on (403 for the centre's leader)."""
    centre = first_or_404(
        Centre.objects.filter(municipality_id=grant_year.municipality_id, slug=slug)
    )
    if not can_see_centre_status(user, grant_year, centre):
        raise Http404
    if manage and not can_manage_year(user, grant_year):
        raise PermissionDenied
    return centre


def can_edit_evidence(user, grant_year, centre) -> bool:
    return can_see_centre_status(user, grant_year, centre)


def can_write_report(user, centre, report) -> bool:
    """The centre's own leaders, until the report is submitted."""
    return is_own_centre(user, centre) and (report is None or not report.is_submitted)


def can_reopen_report(user, grant_year, report) -> bool:
    return can_manage_year(user, grant_year) and report is not None and report.is_submitted


def leader_centre(user):
    """The centre whose status a leader opens from the year list."""
    return own_centre(user)


def visible_differences(user):
    return in_own_municipality(
        user, RegisterDifference.objects.all(), "centre__municipality_id"
    ).select_related("centre")


def get_difference_for_user(user, pk: int) -> RegisterDifference:
    difference = first_or_404(visible_differences(user).filter(pk=pk))
    if not is_coordinator_of(user, difference.centre.municipality_id):
        raise PermissionDenied
    return difference


def require_register_access(user) -> None:
    """The register's differences are the coordinators' (and the administrator's)."""
    if not is_coordinator_of(user):
        raise PermissionDenied


def visible_register_records(user):
    return in_own_municipality(
        user, RegisterRecord.objects.select_related("centre"), "centre__municipality_id"
    )
