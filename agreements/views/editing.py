"""Editing an agreement's text: its fields and local clauses, saved as a new version
with optimistic locking; when someone saved meanwhile, the edit-conflict page keeps what
this user typed and shows what the other person changed."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from frivillig.lib.posted import posted_int

from .. import access, services, versions
from ..forms import AgreementEditForms, rebase_clause_rows
from ..models import Agreement, AgreementClause
from ..workflow import AgreementLocked, StaleAgreement

S = Agreement.Status


def _latest_version(agreement):
    return agreement.versions.defer("snapshot").first()


def _conflict(agreement, current, based_on: int) -> dict:
    """Who saved since the form was rendered, and what they changed: the version the
    form was based on compared with the latest."""
    latest = agreement.versions.select_related("created_by").first()
    old = agreement.versions.filter(number=based_on).first()
    comparison = versions.compare(old.snapshot, latest.snapshot) if old and latest else None
    return {
        "by": current.updated_by,
        "at": current.updated_at,
        "latest": latest,
        "comparison": comparison,
        "based_on": based_on,
        "old_clauses": {(c["title"], c["text"]) for c in old.snapshot["clauses"]} if old else set(),
    }


def agreement_edit(request, pk):
    agreement = access.get_agreement_for_user(
        request.user,
        pk,
        write=True,
        queryset=Agreement.objects.select_related(
            "centre", "municipality", "framework_version", "updated_by"
        ),
    )
    if not agreement.is_editable:
        messages.error(
            request,
            _(
                "Avtalen har status «%(status)s», så teksten kan ikke endres. "
                "Kommunen kan endre den når den er et utkast eller sentralen har bedt om "
                "endringer."
            )
            % {"status": agreement.get_status_display()},
        )
        return redirect(agreement)
    common = [c for c in agreement.clauses.order_by("order", "pk") if c.is_common]
    # What the centre asked for, kept in view while the text is changed.
    asked = None
    if agreement.status == S.CHANGES_REQUESTED:
        asked = agreement.events.filter(action="request_changes").select_related("by").last()
    latest = _latest_version(agreement)
    revision, based_on = agreement.revision, latest.number if latest else 0
    data, conflict = (request.POST if request.method == "POST" else None), None
    if data is not None:
        if posted_int(request, "revision") != agreement.revision:
            # Saved by someone else since this form was rendered: nothing is written,
            # and the form comes back with what this user typed, on the newer text.
            conflict = _conflict(agreement, agreement, posted_int(request, "based_on"))
        # Rows of clauses deleted meanwhile are kept as new clauses if they were typed in.
        data = rebase_clause_rows(
            data,
            prefix="punkt",
            existing_ids=set(
                agreement.clauses.filter(kind=AgreementClause.Kind.LOCAL).values_list(
                    "pk", flat=True
                )
            ),
            untouched=conflict["old_clauses"] if conflict else set(),
        )
    edit_forms = AgreementEditForms(agreement, data)
    if data is not None and conflict is None:
        if edit_forms.is_valid():
            try:
                services.save_agreement(
                    agreement=agreement,
                    by=request.user,
                    revision=posted_int(request, "revision"),
                    apply_changes=lambda: edit_forms.save(common_count=len(common)),
                    note=edit_forms.note.cleaned_data["note"],
                )
            except StaleAgreement as stale:
                # Someone saved between this request's start and its save.
                conflict = _conflict(agreement, stale.current, posted_int(request, "based_on"))
                revision = stale.current.revision
            except AgreementLocked as error:
                messages.error(request, str(error))
                return redirect(agreement)
            else:
                messages.success(request, _("Endringene er lagret som en ny versjon."))
                return redirect(agreement)
        else:
            revision, based_on = posted_int(request, "revision"), posted_int(request, "based_on")
            messages.error(request, _("Endringene ble ikke lagret. Rett feilene som er merket."))
    if conflict and conflict["latest"]:
        # The next save goes over the newer version knowingly.
        based_on = conflict["latest"].number
    return render(
        request,
        "agreements/agreement_edit.html",
        {
            "agreement": agreement,
            "forms": edit_forms,
            "common_clauses": common,
            "asked": asked,
            "revision": revision,
            "based_on": based_on,
            "note": request.POST.get("note", ""),
            "conflict": conflict,
            "has_goals": bool(edit_forms.clauses.form_kwargs["goal_choices"]),
        },
        status=409 if conflict else 200,
    )
