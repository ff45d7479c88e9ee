"""The grant years, a year's overview for the coordinator, and the application basis."""

from django.shortcuts import render
from django.utils import timezone

from frivillig.lib.access import is_coordinator_of
from frivillig.lib.files import attachment
from frivillig.lib.pdf import render_pdf

from .. import access, exports
from ..overview import YearSummary, centre_rows


def year_list(request):
    years = list(access.visible_grant_years(request.user))
    return render(
        request,
        "grants/year_list.html",
        {
            "years": years,
            "own_centre": access.leader_centre(request.user),
            "can_manage": is_coordinator_of(request.user),
        },
    )


def _year_context(request, pk):
    grant_year = access.get_year_for_user(request.user, pk, manage=True)
    rows = centre_rows(grant_year)
    return {
        "grant_year": grant_year,
        "conditions": list(grant_year.conditions.all()),
        "summary": YearSummary(rows),
        "rows": rows,
        "today": timezone.localdate(),
    }


def year_overview(request, pk):
    context = _year_context(request, pk)
    context["days_left"] = (context["grant_year"].deadline - context["today"]).days
    context["internal_days_left"] = (
        context["grant_year"].internal_deadline - context["today"]
    ).days
    return render(request, "grants/year_overview.html", context)


def basis_xlsx(request, pk):
    context = _year_context(request, pk)
    grant_year = context["grant_year"]
    return attachment(
        exports.basis_xlsx(grant_year, context["rows"]),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename=exports.basis_filename(grant_year, "xlsx"),
    )


def basis_pdf(request, pk):
    context = _year_context(request, pk)
    pdf = render_pdf("grants/basis_pdf.html", context, "css/grants-print.css")
    return attachment(
        pdf,
        content_type="application/pdf",
        filename=exports.basis_filename(context["grant_year"], "pdf"),
    )
