"""The annual report: the leader fills it in and sends it in, the coordinator reads it
and opens it again; the accounts are served only to those who see the report."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frivillig.lib.files import ascii_filename, attachment

from .. import access, services
from ..forms import AnnualReportForm, activity_formset
from ..overview import centre_row
from ..prefill import report_initial


def _open(request, pk, slug):
    grant_year = access.get_year_for_user(request.user, pk)
    centre = access.get_centre_for_user(request.user, grant_year, slug)
    return grant_year, centre, centre_row(grant_year, centre)


def _report_url(grant_year, centre) -> str:
    return reverse("grants:report", args=[grant_year.pk, centre.slug])


def report_page(request, pk, slug):
    grant_year, centre, row = _open(request, pk, slug)
    report = row.report
    can_write = access.can_write_report(request.user, centre, report)
    if request.method == "POST" and not can_write:
        raise PermissionDenied
    # What the portal knows fills the fields the report leaves empty (all of a new one).
    initial = (
        {
            name: value
            for name, value in report_initial(centre, grant_year.year).items()
            if report is None or not getattr(report, name)
        }
        if can_write
        else None
    )
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    form = AnnualReportForm(data, files, instance=report, initial=initial)
    activities = activity_formset(grant_year.municipality_id)(
        data, instance=report, prefix="activities"
    )
    if request.method == "POST":
        submit = request.POST.get("action") == "submit"
        if form.is_valid() and activities.is_valid():
            try:
                services.save_report(
                    grant_year=grant_year,
                    centre=centre,
                    form=form,
                    activities=activities,
                    accounts_file=form.cleaned_data["accounts_file"],
                    by=request.user,
                    submit=submit,
                )
            except ValidationError as error:
                form.add_error("accounts_file" if submit else None, error)
            else:
                messages.success(
                    request,
                    _("Årsrapporten er sendt inn.") if submit else _("Årsrapporten er lagret."),
                )
                if submit:
                    return redirect("grants:status", grant_year.pk, centre.slug)
                return redirect(_report_url(grant_year, centre))
        messages.error(request, _("Årsrapporten ble ikke lagret. Rett feilene som er merket."))
    return render(
        request,
        "grants/report.html",
        {
            "grant_year": grant_year,
            "centre": centre,
            "row": row,
            "report": report,
            "form": form,
            "activities": activities,
            "can_write": can_write,
            "can_reopen": access.can_reopen_report(request.user, grant_year, report),
        },
    )


@require_POST
def reopen(request, pk, slug):
    grant_year, centre, row = _open(request, pk, slug)
    if not access.can_manage_year(request.user, grant_year):
        raise PermissionDenied
    if not access.can_reopen_report(request.user, grant_year, row.report):
        messages.error(request, _("Bare en innsendt årsrapport kan åpnes igjen."))
    else:
        services.reopen_report(report=row.report, by=request.user)
        messages.success(request, _("Årsrapporten er åpnet igjen, og sentralen er varslet."))
    return redirect(_report_url(grant_year, centre))


def accounts_file(request, pk, slug):
    """The accounts PDF, for those who see the centre's status (never a public URL)."""
    grant_year, centre, row = _open(request, pk, slug)
    report = row.report
    if report is None or not report.accounts:
        raise Http404
    with report.accounts.open("rb") as file:
        body = file.read()
    name = ascii_filename(f"regnskap {centre.name} {grant_year.year}", "pdf", fallback="regnskap")
    return attachment(body, content_type="application/pdf", filename=name)
