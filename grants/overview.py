"""A grant year as its pages, the application basis and the reminders read it: one row
per active centre with its evidence, each condition's result and what is missing, in a
fixed number of queries however many centres there are."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from centres.models import Centre

from .models import (
    AnnualReport,
    CentreGrantStatus,
    RegisterRecord,
    ReportActivity,
    Result,
)
from .models.status import condition_lines, missing_items


@dataclass
class CentreRow:
    centre: Centre
    status: CentreGrantStatus
    report: AnnualReport | None
    record: RegisterRecord | None
    lines: list = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def excluded(self) -> bool:
        return self.status.excluded

    @property
    def qualifies(self) -> bool:
        return not self.excluded and not self.missing

    @property
    def flags(self) -> list[str]:
        return self.record.flags if self.record else []

    @property
    def name_ok(self) -> bool:
        return self.status.name_check(self.record.registered_name if self.record else "")

    @property
    def not_met(self) -> list:
        return [line for line in self.lines if line.result == Result.NOT_MET]


def _row(grant_year, conditions, centre, status, record) -> CentreRow:
    if status is None:
        status = CentreGrantStatus(grant_year=grant_year, centre=centre)
    status.grant_year = grant_year
    status.centre = centre
    report = getattr(status, "report", None) if status.pk else None
    registered_name = record.registered_name if record else ""
    lines = condition_lines(conditions, status, report, registered_name)
    return CentreRow(centre, status, report, record, lines, missing_items(lines, report, status))


def _statuses(grant_year, centres):
    return {
        s.centre_id: s
        for s in CentreGrantStatus.objects.filter(grant_year=grant_year, centre__in=centres)
        .select_related("report", "decided_by")
        .prefetch_related(
            "assessments__assessed_by",
            Prefetch(
                "report__activities", queryset=ReportActivity.objects.select_related("category")
            ),
        )
    }


def centre_rows(grant_year, centres=None) -> list[CentreRow]:
    """The year's active centres (or `centres`), in name order."""
    if centres is None:
        centres = list(
            Centre.objects.filter(municipality_id=grant_year.municipality_id, active=True)
            .select_related("municipality")
            .order_by("name")
        )
    conditions = list(grant_year.conditions.all())
    statuses = _statuses(grant_year, centres)
    records = {r.centre_id: r for r in RegisterRecord.objects.filter(centre__in=centres)}
    return [_row(grant_year, conditions, c, statuses.get(c.pk), records.get(c.pk)) for c in centres]


def centre_row(grant_year, centre) -> CentreRow:
    return centre_rows(grant_year, [centre])[0]


@dataclass
class YearSummary:
    rows: list[CentreRow]

    @property
    def qualifying(self) -> list[CentreRow]:
        return [r for r in self.rows if r.qualifies]

    @property
    def lacking(self) -> list[CentreRow]:
        return [r for r in self.rows if not r.qualifies and not r.excluded]

    @property
    def excluded(self) -> list[CentreRow]:
        return [r for r in self.rows if r.excluded]
