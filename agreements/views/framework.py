"""The municipality's common framework: reading it with its anchors and history, editing
it as a new version, comparing two versions, and which agreements build on an older one."""

import contextlib

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from frivillig.lib.access import is_coordinator_of
from frivillig.lib.editing import author_name, saved_by_line
from frivillig.lib.posted import posted_int

from .. import access, services, versions
from ..forms import rebase_clause_rows
from ..framework_forms import FrameworkEditForms, take_in_newer
from ..models import Agreement, AgreementClause, FrameworkVersion
from ..workflow import StaleAgreement
from .history import (
    captions,
    change_summary,
    diff_blocks,
    history,
    pick_versions,
)


def _framework(request, slug, *, write=False):
    municipality = access.get_framework_municipality_for_user(request.user, slug, write=write)
    framework = services.framework_for(municipality)
    framework.municipality = municipality
    return framework


def _outdated_agreements(user, framework):
    """The agreements the user may see that build on another framework version than the
    current one, each with a summary of what differs (clauses in one query)."""
    current = framework.current_version
    if current is None:
        return []
    own = Agreement.objects.filter(municipality=framework.municipality)
    agreements = (
        access.visible_agreements(user, own)
        .exclude(framework_version=current)
        .not_ended()
        .select_related("centre", "framework_version")
        .defer("framework_version__snapshot")
        .prefetch_related(
            Prefetch("clauses", queryset=AgreementClause.objects.order_by("order", "pk"))
        )
        .order_by("centre__name", "-valid_from")
    )
    rows = []
    for agreement in agreements:
        comparison = services.framework_changes(agreement, current)
        rows.append({"agreement": agreement, "summary": change_summary(comparison)})
    return rows


def framework_detail(request, slug):
    framework = _framework(request, slug)
    # With its snapshot: the outdated agreements are compared with it.
    current = (
        FrameworkVersion.objects.select_related("created_by")
        .filter(pk=framework.current_version_id)
        .first()
    )
    framework.current_version = current
    return render(
        request,
        "agreements/framework_detail.html",
        {
            "framework": framework,
            "municipality": framework.municipality,
            "current": current,
            "author": author_name(current.created_by) if current else "",
            "clauses": services.framework_clauses_in_order(framework) if current else [],
            "versions": history(framework.versions.all()),
            "outdated": _outdated_agreements(request.user, framework),
            "can_edit": is_coordinator_of(request.user, framework.municipality.pk),
        },
    )


def _with_one_more_row(data):
    data = data.copy()
    key = "clauses-TOTAL_FORMS"
    with contextlib.suppress(ValueError):
        data[key] = str(int(data.get(key, 0)) + 1)
    return data


def framework_edit(request, slug):
    framework = _framework(request, slug, write=True)
    if request.method != "POST":
        forms = FrameworkEditForms(framework)
        current = framework.current_version
        return _render_edit(
            request, forms, revision=framework.revision, based_on=current.number if current else 0
        )
    revision, based_on = posted_int(request, "revision"), posted_int(request, "based_on")
    if "add_clause" in request.POST:
        # Without JavaScript: the same page with one more empty clause, nothing saved.
        forms = FrameworkEditForms(framework, _with_one_more_row(request.POST))
        return _render_edit(request, forms, revision=revision, based_on=based_on, added=True)
    if revision != framework.revision:
        # Someone saved since this form was rendered. Fit the posted rows to the framework
        # as it is now (a clause they deleted stays deleted unless this user typed in it)
        # and show the conflict before anything is validated or saved.
        forms = FrameworkEditForms(framework, _rebased(request.POST, framework, based_on))
        return _conflict(request, forms, framework, based_on)
    forms = FrameworkEditForms(framework, request.POST)
    if not forms.is_valid():
        messages.error(request, _("Rammen ble ikke lagret. Rett feilene som er merket."))
        return _render_edit(request, forms, revision=revision, based_on=based_on)
    if framework.current_version_id and not forms.has_changed():
        # A version with nothing new in it would only clutter the history.
        messages.info(request, _("Du endret ingenting, så ingen ny versjon er lagret."))
        return redirect("agreements:framework", framework.municipality.slug)
    note = forms.note_form.cleaned_data["note"].strip()
    if not note:
        note = _("Første versjon") if framework.current_version_id is None else _("Endret")
    try:
        version = services.save_framework(
            framework=framework,
            by=request.user,
            revision=revision,
            apply_changes=forms.apply,
            note=note,
        )
    except StaleAgreement as error:
        return _conflict(request, forms, error.current, based_on)
    saved = _("Den felles rammen er lagret som versjon %(number)s.")
    messages.success(request, saved % {"number": version.number})
    return redirect("agreements:framework", framework.municipality.slug)


def _rebased(data, framework, based_on: int):
    base = framework.versions.filter(number=based_on).values_list("snapshot", flat=True).first()
    untouched = {(c["title"], c["text"]) for c in (base or {}).get("clauses", [])}
    return rebase_clause_rows(
        data,
        prefix="clauses",
        existing_ids=set(framework.clauses.values_list("pk", flat=True)),
        untouched=untouched,
    )


def _conflict(request, forms, current, based_on):
    """Someone saved the framework since this form was rendered: keep everything typed,
    say who saved and when, show what they changed, and take the new revision so the
    next save goes through knowingly."""
    rows = history(current.versions.all())
    latest = rows[0] if rows else None
    conflict = {"latest": latest}
    if latest:
        conflict["saved"] = saved_by_line(latest.created_by, latest.created_at)
        snapshots = dict(
            current.versions.filter(number__in=[based_on, latest.number]).values_list(
                "number", "snapshot"
            )
        )
        base = next((row for row in rows if row.number == based_on), None)
        comparison = versions.compare_frameworks(
            snapshots.get(based_on, {}), snapshots[latest.number]
        )
        # Their changes come into the fields this user did not touch; the rest is kept.
        data, conflict["taken"] = take_in_newer(
            forms.main.data, forms, snapshots.get(based_on, {}), snapshots[latest.number]
        )
        forms = FrameworkEditForms(forms.framework, data)
        conflict.update(
            captions(
                base or latest,
                latest,
                older_title=(
                    _("Versjon %(number)s (den du startet fra)") % {"number": based_on}
                    if base
                    else _("Tom ramme")
                ),
                newer_title=_("Versjon %(number)s (lagret i mellomtiden)")
                % {"number": latest.number},
            ),
            comparison=comparison,
            summary=change_summary(comparison),
            blocks=diff_blocks(comparison),
        )
    return _render_edit(
        request,
        forms,
        revision=current.revision,
        based_on=latest.number if latest else 0,
        conflict=conflict,
        status=409,
    )


def _render_edit(request, forms, *, revision, based_on, status=200, **extra):
    framework = forms.framework
    return render(
        request,
        "agreements/framework_edit.html",
        {
            "framework": framework,
            "municipality": framework.municipality,
            "forms": forms,
            "revision": revision,
            "based_on": based_on,
            **extra,
        },
        status=status,
    )


def framework_compare(request, slug):
    framework = _framework(request, slug)
    rows = history(framework.versions.all())
    form, older, newer = pick_versions(request, rows)
    context = {
        "framework": framework,
        "municipality": framework.municipality,
        "form": form,
        "older": older,
        "newer": newer,
        "has_versions": bool(rows),
    }
    if older and newer:
        snapshots = dict(
            framework.versions.filter(number__in=[older.number, newer.number]).values_list(
                "number", "snapshot"
            )
        )
        comparison = versions.compare_frameworks(snapshots[older.number], snapshots[newer.number])
        context.update(
            captions(older, newer),
            comparison=comparison,
            summary=change_summary(comparison),
            blocks=diff_blocks(comparison),
            latest_number=rows[0].number,
        )
    return render(request, "agreements/framework_compare.html", context)
