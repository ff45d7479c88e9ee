"""The register's differences from the centres' profiles, for the coordinator to accept
or reject, and the register's flags (bankruptcy, winding-up)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import access, register


def differences(request):
    access.require_register_access(request.user)
    rows = access.visible_differences(request.user).order_by("decision", "-found_at")
    records = access.visible_register_records(request.user)
    return render(
        request,
        "grants/differences.html",
        {
            "pending": [d for d in rows if d.is_pending],
            "decided": [d for d in rows if not d.is_pending][:50],
            "flagged": [r for r in records.order_by("centre__name") if r.flags],
        },
    )


@require_POST
def decide_difference(request, pk):
    difference = access.get_difference_for_user(request.user, pk)
    action = request.POST.get("action")
    if not difference.is_pending:
        messages.error(request, _("Avviket er allerede avgjort."))
    elif action not in ("accept", "reject"):
        messages.error(request, _("Velg om avviket skal godtas eller avvises."))
    elif action == "accept":
        register.accept_difference(difference=difference, by=request.user)
        messages.success(
            request,
            _("Adressen til %(centre)s er oppdatert fra Enhetsregisteret.")
            % {"centre": difference.centre.name},
        )
    else:
        register.reject_difference(difference=difference, by=request.user)
        messages.success(
            request,
            _("Avviket for %(centre)s er avvist; portalen beholder sin verdi.")
            % {"centre": difference.centre.name},
        )
    return redirect("grants:differences")
