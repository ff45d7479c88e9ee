"""The versions of an agreement: the history, one version as it was, restoring an old
version as a new one, and any two versions compared side by side.

The helpers for picking two versions and laying out a comparison are shared with the
framework pages (views.framework), which compare framework versions the same way.
"""

import datetime

from django.contrib import messages
from django.db.models import Max
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from frivillig.lib import changelog
from frivillig.lib.editing import author_name, saved_by_line
from frivillig.lib.posted import posted_int
from plans.models import Goal, Strategy

from .. import access, services, versions
from ..framework_forms import VersionPickForm
from ..models import Agreement, FrameworkVersion
from ..workflow import AgreementLocked, StaleAgreement

# --- shared with the framework pages ---------------------------------------------------


def history(versions_queryset):
    """Versions newest first, without their snapshots (a list never needs the text)."""
    rows = list(
        versions_queryset.defer("snapshot").select_related("created_by").order_by("-number")
    )
    for newer, older in zip(rows, rows[1:], strict=False):
        newer.previous_number = older.number
    if rows:
        rows[-1].previous_number = None
    return rows


def pick_versions(request, rows):
    """The versions to compare from ?fra=&til= (older and newer, whichever way round they
    were picked); by default the previous and the latest. Returns the form and the two
    versions, or None for both when the choice is not valid."""
    if len(rows) < 2:
        return None, None, None
    default = {"fra": rows[1].number, "til": rows[0].number}
    data = {name: request.GET.get(name, "").strip() or value for name, value in default.items()}
    form = VersionPickForm(data, versions=rows)
    if not form.is_valid():
        return form, None, None
    by_number = {row.number: row for row in rows}
    older, newer = form.ordered()
    # Show the picked pair the way it is compared: older first.
    form = VersionPickForm({"fra": older, "til": newer}, versions=rows)
    form.is_valid()
    return form, by_number[older], by_number[newer]


def change_summary(comparison) -> str:
    """ "2 punkter endret, 1 nytt, 1 flyttet", or that nothing differs. The first count
    of clauses names the noun; the counts after it lean on it."""
    counts = comparison.counts
    first = {
        "changed": lambda n: ngettext("%(n)s punkt endret", "%(n)s punkter endret", n),
        "added": lambda n: ngettext("%(n)s nytt punkt", "%(n)s nye punkter", n),
        "removed": lambda n: ngettext("%(n)s punkt fjernet", "%(n)s punkter fjernet", n),
        "reordered": lambda n: ngettext("%(n)s punkt flyttet", "%(n)s punkter flyttet", n),
    }
    later = {
        "changed": first["changed"],
        "added": lambda n: ngettext("%(n)s nytt", "%(n)s nye", n),
        "removed": lambda n: ngettext("%(n)s fjernet", "%(n)s fjernet", n),
        "reordered": lambda n: ngettext("%(n)s flyttet", "%(n)s flyttet", n),
    }
    parts = []
    for name in ("changed", "added", "removed", "reordered"):
        if n := counts[name]:
            parts.append((later if parts else first)[name](n) % {"n": n})
    if n := counts["fields"]:
        parts.append(ngettext("%(n)s opplysning endret", "%(n)s opplysninger endret", n) % {"n": n})
    if not parts:
        return _("Ingen forskjeller i teksten.")
    return ", ".join(parts)


def _plain(segments) -> str:
    return "".join(segment.text for segment in segments)


def diff_blocks(comparison) -> list[dict]:
    """The clauses to show: each changed, added, removed or moved clause on its own, and
    runs of unchanged clauses grouped so they can be folded away."""
    blocks = []
    for clause in comparison.clauses:
        # The heading names the clause as it is now, or as it was if it is gone.
        clause.plain_title = _plain(
            clause.old_title if clause.change == "removed" else clause.new_title
        )
        if clause.change == "unchanged" and not clause.reordered:
            if blocks and blocks[-1]["unchanged"]:
                blocks[-1]["clauses"].append(clause)
                continue
            blocks.append({"unchanged": True, "clauses": [clause]})
        else:
            blocks.append({"unchanged": False, "clauses": [clause]})
    for block in blocks:
        block["first"] = block["clauses"][0]
        block["last"] = block["clauses"][-1]
    return blocks


def captions(older, newer, *, older_title=None, newer_title=None) -> dict:
    """The column captions of a comparison: which version, who saved it and when."""
    return {
        "left_title": older_title or _("Versjon %(number)s (eldre)") % {"number": older.number},
        "left_meta": saved_by_line(older.created_by, older.created_at),
        "right_title": newer_title or _("Versjon %(number)s (nyere)") % {"number": newer.number},
        "right_meta": saved_by_line(newer.created_by, newer.created_at),
    }


# --- the agreement's versions ----------------------------------------------------------


def _agreement(request, pk, *, write=False):
    return access.get_agreement_for_user(
        request.user,
        pk,
        write=write,
        queryset=Agreement.objects.select_related("centre", "municipality"),
    )


def version_list(request, pk):
    agreement = _agreement(request, pk)
    rows = history(agreement.versions.all())
    form, _older, _newer = pick_versions(request, rows)
    return render(
        request,
        "agreements/version_list.html",
        {
            "agreement": agreement,
            "versions": rows,
            "form": form,
            "changelog": changelog.for_page(
                request.user, "avtale", agreement, agreement.municipality_id
            ),
        },
    )


def _field_rows(snapshot) -> list[dict]:
    values = snapshot.get("fields", {})
    rows = []
    for name, label in versions.FIELDS:
        value = values.get(name)
        if name in ("valid_from", "valid_to") and value:
            value = datetime.date.fromisoformat(value)
        elif name == "grant_amount" and value is not None:
            value = _("%(amount)s kr") % {"amount": f"{value:,}".replace(",", "\u00a0")}
        rows.append({"name": name, "label": label, "value": value})
    return rows


def _clauses_with_anchors(snapshot) -> list[dict]:
    """The snapshot's clauses with their goals and strategies looked up in two queries."""
    clauses = snapshot.get("clauses", [])
    goal_ids = {pk for c in clauses for pk in c.get("goal_ids", [])}
    strategy_ids = {pk for c in clauses for pk in c.get("strategy_ids", [])}
    goals = Goal.objects.in_bulk(goal_ids) if goal_ids else {}
    strategies = (
        Strategy.objects.select_related("goal").in_bulk(strategy_ids) if strategy_ids else {}
    )
    return [
        {
            **clause,
            "number": number,
            "is_common": clause.get("kind") == "common",
            "goals": [goals[pk] for pk in clause.get("goal_ids", []) if pk in goals],
            "strategies": [
                strategies[pk] for pk in clause.get("strategy_ids", []) if pk in strategies
            ],
        }
        for number, clause in enumerate(clauses, 1)
    ]


def version_detail(request, pk, number):
    agreement = _agreement(request, pk)
    version = get_object_or_404(agreement.versions.select_related("created_by"), number=number)
    latest = agreement.versions.aggregate(latest=Max("number"))["latest"]
    framework_id = version.snapshot.get("framework_version_id")
    framework_version = (
        FrameworkVersion.objects.filter(pk=framework_id).only("number").first()
        if framework_id
        else None
    )
    return render(
        request,
        "agreements/version_detail.html",
        {
            "agreement": agreement,
            "version": version,
            "author": author_name(version.created_by),
            "latest": latest,
            "is_latest": version.number == latest,
            "fields": _field_rows(version.snapshot),
            "clauses": _clauses_with_anchors(version.snapshot),
            "framework_version": framework_version,
            "may_restore": version.number != latest
            and access.may_change_text(request.user, agreement),
        },
    )


def version_restore(request, pk, number):
    """GET asks for confirmation and shows what restoring changes; POST restores."""
    agreement = _agreement(request, pk, write=True)
    version = get_object_or_404(agreement.versions.select_related("created_by"), number=number)
    if request.method == "POST":
        return _restore(request, agreement, version)
    if not agreement.is_editable:
        messages.error(
            request,
            _("Avtalen har status «%(status)s», så en eldre versjon kan ikke gjenopprettes.")
            % {"status": agreement.get_status_display()},
        )
        return redirect("agreements:version", agreement.pk, version.number)
    latest = agreement.versions.select_related("created_by").order_by("-number").first()
    if latest.number == version.number:
        messages.info(request, _("Versjon %(number)s er gjeldende tekst.") % {"number": number})
        return redirect("agreements:version", agreement.pk, version.number)
    comparison = versions.compare(latest.snapshot, version.snapshot)
    return render(
        request,
        "agreements/version_restore.html",
        {
            **captions(
                latest,
                version,
                older_title=_("Gjeldende tekst (versjon %(number)s)") % {"number": latest.number},
                newer_title=_("Versjon %(number)s, slik den blir gjenopprettet")
                % {"number": version.number},
            ),
            "agreement": agreement,
            "version": version,
            "latest": latest,
            "comparison": comparison,
            "summary": change_summary(comparison),
            "blocks": diff_blocks(comparison),
            "revision": agreement.revision,
        },
    )


def _restore(request, agreement, version):
    try:
        restored = services.restore_version(
            agreement=agreement,
            version=version,
            by=request.user,
            revision=posted_int(request, "revision"),
        )
    except StaleAgreement as error:
        current = error.current
        messages.error(
            request,
            _(
                "Avtalen ble lagret av %(saved)s etter at du åpnet denne siden, og ingenting "
                "er gjenopprettet. Se over hva gjenopprettingen endrer nå, og bekreft på nytt."
            )
            % {"saved": saved_by_line(current.updated_by, current.updated_at)},
        )
        return redirect("agreements:version_restore", agreement.pk, version.number)
    except AgreementLocked as error:
        messages.error(request, str(error))
        return redirect("agreements:version", agreement.pk, version.number)
    messages.success(
        request,
        _("Versjon %(old)s er gjenopprettet som versjon %(new)s.")
        % {"old": version.number, "new": restored.number},
    )
    return redirect("agreements:detail", agreement.pk)


def _framework_change(old: dict, new: dict):
    """The framework version numbers (before, after) when the two versions build on
    different ones, else None."""
    before, after = old.get("framework_version_id"), new.get("framework_version_id")
    if before == after:
        return None
    numbers = dict(
        FrameworkVersion.objects.filter(pk__in=[before, after]).values_list("pk", "number")
    )
    return numbers.get(before), numbers.get(after)


def compare(request, pk):
    agreement = _agreement(request, pk)
    rows = history(agreement.versions.all())
    form, older, newer = pick_versions(request, rows)
    context = {"agreement": agreement, "form": form, "older": older, "newer": newer}
    if older and newer:
        snapshots = dict(
            agreement.versions.filter(number__in=[older.number, newer.number]).values_list(
                "number", "snapshot"
            )
        )
        comparison = versions.compare(snapshots[older.number], snapshots[newer.number])
        context.update(
            captions(older, newer),
            framework_change=_framework_change(snapshots[older.number], snapshots[newer.number]),
            comparison=comparison,
            summary=change_summary(comparison),
            blocks=diff_blocks(comparison),
            latest_number=rows[0].number,
        )
    return render(request, "agreements/compare.html", context)
