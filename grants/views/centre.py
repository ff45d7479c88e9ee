"""A centre's status in a grant year: the page, its evidence, the coordinator's
assessment and the decision to leave the centre out."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig.lib import changelog

from .. import access, services
from ..forms import AssessmentForm, DecisionForm, EvidenceForm
from ..overview import centre_row


def _open(request, pk, slug, *, manage=False):
    grant_year = access.get_year_for_user(request.user, pk)
    centre = access.get_centre_for_user(request.user, grant_year, slug, manage=manage)
    return grant_year, centre


def _status_url(grant_year, centre) -> str:
    return reverse("grants:status", args=[grant_year.pk, centre.slug])


def status_page(request, pk, slug):
    grant_year, centre = _open(request, pk, slug)
    row = centre_row(grant_year, centre)
    return render(
        request,
        "grants/status.html",
        {
            "grant_year": grant_year,
            "centre": centre,
            "row": row,
            "status": row.status,
            "report": row.report,
            "can_manage": access.can_manage_year(request.user, grant_year),
            "can_edit_evidence": access.can_edit_evidence(request.user, grant_year, centre),
            "can_write_report": access.can_write_report(request.user, centre, row.report),
            "can_reopen": access.can_reopen_report(request.user, grant_year, row.report),
            "changelog": changelog.for_page(
                request.user, "tilskudd", row.status, grant_year.municipality_id
            )
            if row.status.pk
            else None,
        },
    )


def evidence(request, pk, slug):
    grant_year, centre = _open(request, pk, slug)
    row = centre_row(grant_year, centre)
    host = row.record.host_org_number if row.record else ""
    form = EvidenceForm(request.POST or None, instance=row.status, host_org_number=host)
    if request.method == "POST":
        if form.is_valid():
            services.save_evidence(
                grant_year=grant_year,
                centre=centre,
                form=form,
                host_org_number=form.cleaned_data["host_org_number"],
            )
            messages.success(request, _("Dokumentasjonen er lagret."))
            return redirect(_status_url(grant_year, centre))
        messages.error(request, _("Dokumentasjonen ble ikke lagret. Rett feilene som er merket."))
    return render(
        request,
        "grants/evidence.html",
        {"grant_year": grant_year, "centre": centre, "form": form, "row": row},
    )


def assessment(request, pk, slug):
    grant_year, centre = _open(request, pk, slug, manage=True)
    row = centre_row(grant_year, centre)
    form = AssessmentForm(request.POST or None, lines=row.lines)
    if request.method == "POST":
        if form.is_valid():
            services.assess(
                grant_year=grant_year, centre=centre, results=form.results(), by=request.user
            )
            messages.success(request, _("Vurderingen er lagret."))
            return redirect(_status_url(grant_year, centre))
        messages.error(request, _("Vurderingen ble ikke lagret. Rett feilene som er merket."))
    return render(
        request,
        "grants/assessment.html",
        {"grant_year": grant_year, "centre": centre, "form": form, "row": row},
    )


def decision(request, pk, slug):
    grant_year, centre = _open(request, pk, slug, manage=True)
    row = centre_row(grant_year, centre)
    status = row.status
    initial = {
        # Nothing chosen for a centre not yet decided on: the coordinator chooses.
        "exclude": ("yes" if status.excluded else "no") if status.decided_on else None,
        "reasons": status.exclusion_reasons or "\n".join(row.missing),
        "decided_on": status.decided_on or timezone.localdate(),
    }
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            services.decide(
                grant_year=grant_year,
                centre=centre,
                exclude=form.cleaned_data["exclude"],
                reasons=form.cleaned_data["reasons"],
                decided_on=form.cleaned_data["decided_on"],
                by=request.user,
            )
            messages.success(request, _("Vedtaket er registrert."))
            return redirect(_status_url(grant_year, centre))
        messages.error(request, _("Vedtaket ble ikke registrert. Rett feilene som er merket."))
    return render(
        request,
        "grants/decision.html",
        {"grant_year": grant_year, "centre": centre, "form": form, "row": row},
    )
