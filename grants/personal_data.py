"""What the grant year holds about a person, for the export in accounts.services: the
annual reports they submitted, the decisions and assessments they made, the register's
differences they decided, and the advisory bodies whose member lists name them."""

from accounts.personal_data import register, register_named_in, rows

from .models import AnnualReport, CentreGrantStatus, ConditionAssessment, RegisterDifference


def reports_submitted(user) -> list[dict]:
    return rows(
        AnnualReport.objects.filter(submitted_by=user).order_by("pk"),
        "id",
        "status__centre__name",
        "status__grant_year__year",
        "submitted_at",
    )


def decisions_made(user) -> list[dict]:
    return rows(
        CentreGrantStatus.objects.filter(decided_by=user).order_by("pk"),
        "id",
        "centre__name",
        "grant_year__year",
        "excluded",
        "decided_on",
    )


def assessments_made(user) -> list[dict]:
    return rows(
        ConditionAssessment.objects.filter(assessed_by=user).order_by("pk"),
        "id",
        "status__centre__name",
        "status__grant_year__year",
        "condition__text",
        "result",
        "assessed_at",
    )


def differences_decided(user) -> list[dict]:
    return rows(
        RegisterDifference.objects.filter(decided_by=user).order_by("pk"),
        "id",
        "centre__name",
        "field",
        "decision",
        "decided_at",
    )


def advisory_bodies_naming(full_name: str) -> list[dict]:
    return rows(
        CentreGrantStatus.objects.filter(advisory_members__icontains=full_name).order_by("pk"),
        "id",
        "centre__name",
        "grant_year__year",
        "advisory_members",
    )


def register_parts() -> None:
    register("grant_reports_submitted", reports_submitted, position=400)
    register("grant_decisions_made", decisions_made, position=410)
    register("grant_assessments_made", assessments_made, position=420)
    register("grant_register_differences_decided", differences_decided, position=430)
    register_named_in("grant_advisory_bodies", advisory_bodies_naming, position=400)
