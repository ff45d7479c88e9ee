"""The change log of a centre's grant status: the evidence, the assessments, the annual
report and its activities (the coordinator's, like every change log)."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext

from frivillig.lib.changelog import Kind, register

from . import access
from .models import AnnualReport, CentreGrantStatus, ConditionAssessment, ReportActivity


def status_sources(status):
    reports = AnnualReport.history.filter(status_id=status.pk).values("id")
    return [
        CentreGrantStatus.history.filter(id=status.pk),
        AnnualReport.history.filter(status_id=status.pk),
        ConditionAssessment.history.filter(status_id=status.pk).select_related("condition"),
        ReportActivity.history.filter(report_id__in=reports),
    ]


def _status_for_user(user, pk):
    status = CentreGrantStatus.objects.select_related("grant_year", "centre").filter(pk=pk).first()
    if status is None or not access.can_see_centre_status(user, status.grant_year, status.centre):
        raise Http404
    return status


def _back(status):
    return reverse("grants:status", args=[status.grant_year_id, status.centre.slug])


def _report_value(name, value):
    """The accounts by their upload, not by the storage's random file name."""
    if name == "accounts" and value:
        return gettext("PDF lastet opp")
    return value


def _not_the_parent(row, name: str) -> bool:
    return name != "status"


def register_kinds() -> None:
    register(
        "tilskudd",
        Kind(
            _status_for_user,
            lambda s: s.grant_year.municipality_id,
            status_sources,
            _back,
            on_page=2,
        ),
        # "status" (the report's and the assessment's link to the centre's status) is
        # left out per model: as a hidden name it would hide every log's own status
        # field, such as the agreement's «Utkast → Sendt til sentralen».
        hidden=["grant_year", "centre", "report", "reminded_at", "accounts_name"],
        relevant={AnnualReport: _not_the_parent, ConditionAssessment: _not_the_parent},
        values={AnnualReport: _report_value},
        labels={
            ConditionAssessment: lambda row: str(row.condition) if row.condition_id else "",
        },
    )
