"""The grant year's workflows: a centre's evidence, the coordinator's assessment and
decision, the annual report (saved, submitted, reopened) and the reminders.

Each takes `now` (default the clock) and those that e-mail take `quiet`, so the demo
builds the year as it happened."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.mail import notify
from centres.models import recipients_by_centre
from frivillig.lib.files import ascii_filename
from frivillig.lib.formsets import save_in_displayed_order
from frivillig.lib.urls import absolute_url

from .models import AnnualReport, CentreGrantStatus, ConditionAssessment, RegisterRecord
from .overview import centre_rows


def status_for(grant_year, centre) -> CentreGrantStatus:
    """The centre's status for the year, made when first written to."""
    status, _created = CentreGrantStatus.objects.get_or_create(grant_year=grant_year, centre=centre)
    return status


def _mail(centre, template: str, context: dict, *, quiet: bool) -> int:
    if quiet:
        return 0
    url = absolute_url(reverse("grants:status", args=[context["grant_year"].pk, centre.slug]))
    return notify(
        recipients_by_centre([centre])[centre.pk],
        template,
        {**context, "centre": centre, "url": url},
        municipality_id=centre.municipality_id,
    )


@transaction.atomic
def save_evidence(*, grant_year, centre, form, host_org_number=None, now=None) -> CentreGrantStatus:
    """Saves the evidence form; the host organisation's number (for a centre without one
    of its own) is kept with the register's record of the centre."""
    status = status_for(grant_year, centre)
    for name in form.Meta.fields:
        setattr(status, name, form.cleaned_data[name])
    status.save()
    if host_org_number is not None:
        record, _created = RegisterRecord.objects.get_or_create(centre=centre)
        if record.host_org_number != host_org_number:
            record.host_org_number = host_org_number
            record.save(update_fields=["host_org_number"])
    return status


@transaction.atomic
def assess(*, grant_year, centre, results: dict, by, now=None) -> int:
    """Writes the coordinator's result and note for each condition id in `results`;
    returns how many changed."""
    now = now or timezone.now()
    status = status_for(grant_year, centre)
    existing = {a.condition_id: a for a in status.assessments.all()}
    valid = set(grant_year.conditions.values_list("pk", flat=True))
    changed = 0
    for condition_id, (result, note) in results.items():
        if condition_id not in valid:
            continue
        assessment = existing.get(condition_id) or ConditionAssessment(
            status=status, condition_id=condition_id
        )
        if assessment.pk and (assessment.result, assessment.note) == (result, note):
            continue
        assessment.result, assessment.note = result, note
        assessment.assessed_by, assessment.assessed_at = by, now
        assessment.save()
        changed += 1
    return changed


@transaction.atomic
def decide(*, grant_year, centre, exclude: bool, reasons: str, decided_on, by, quiet=False):
    """The municipality's individual decision ("enkeltvedtak") to leave a qualifying or
    not qualifying centre out of the application, or to take it in again. The centre's
    leaders are told, with their right to appeal."""
    status = status_for(grant_year, centre)
    status.excluded = exclude
    status.exclusion_reasons = reasons.strip() if exclude else ""
    status.decided_on, status.decided_by = decided_on, by
    status.save()
    if exclude:
        _mail(
            centre,
            "grants/email/decision",
            {"grant_year": grant_year, "status": status},
            quiet=quiet,
        )
    return status


def _report_for(status) -> AnnualReport:
    report = AnnualReport.objects.select_for_update().filter(status=status).first()
    return report or AnnualReport.objects.create(status=status)


@transaction.atomic
def save_report(
    *, grant_year, centre, form, activities, accounts_file=None, by, submit=False, now=None
) -> AnnualReport:
    """Saves the leader's annual report, its activities and (when one is given) the new
    accounts file; with `submit` it is sent in and becomes read-only."""
    now = now or timezone.now()
    status = status_for(grant_year, centre)
    report = _report_for(status)
    if report.is_submitted:
        raise ValidationError(_("Årsrapporten er sendt inn og kan ikke endres."))
    for name in form.Meta.fields:
        setattr(report, name, form.cleaned_data[name])
    old_file = report.accounts.name if report.accounts else ""
    if accounts_file is not None:
        name = ascii_filename(accounts_file.name.rsplit(".", 1)[0], "pdf", fallback="regnskap")
        report.accounts.save(name, accounts_file, save=False)
        report.accounts_name = accounts_file.name[:200]
        report.accounts_uploaded_at = now
    if submit:
        if not report.accounts:
            raise ValidationError(
                _("Last opp det godkjente regnskapet før du sender inn årsrapporten.")
            )
        report.state = AnnualReport.State.SUBMITTED
        report.submitted_at, report.submitted_by = now, by
    report.save()
    activities.instance = report
    save_in_displayed_order(activities, report=report)
    if accounts_file is not None and old_file:
        # The replaced file goes once the new one is stored for good.
        storage = report.accounts.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    return report


@transaction.atomic
def reopen_report(*, report, by, now=None, quiet=False) -> AnnualReport:
    if not report.is_submitted:
        raise ValidationError(_("Bare en innsendt årsrapport kan åpnes igjen."))
    report.state = AnnualReport.State.DRAFT
    report.reopened_at = now or timezone.now()
    report.save()
    status = report.status
    _mail(
        status.centre,
        "grants/email/reopened",
        {"grant_year": status.grant_year, "report": report},
        quiet=quiet,
    )
    return report


def remind_missing(
    *, grant_year, today: datetime.date, days: int, now=None, quiet=False, dry_run=False
) -> int:
    """Reminds the centres with something missing when the internal deadline is within
    `days` days (and not past), unless reminded in the last day. Returns how many."""
    if not today <= grant_year.internal_deadline <= today + datetime.timedelta(days=days):
        return 0
    now = now or timezone.now()
    since = now - datetime.timedelta(days=1)
    rows = [
        r
        for r in centre_rows(grant_year)
        if r.missing
        and not r.excluded
        and not (r.status.reminded_at and r.status.reminded_at > since)
    ]
    if dry_run:
        return len(rows)
    with transaction.atomic():
        for row in rows:
            status = status_for(grant_year, row.centre)
            CentreGrantStatus.objects.filter(pk=status.pk).update(reminded_at=now)
            _mail(
                row.centre,
                "grants/email/reminder",
                {"grant_year": grant_year, "missing": row.missing},
                quiet=quiet,
            )
    return len(rows)
