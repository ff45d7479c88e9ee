"""The texts of the agreements app: the framework and its versions, creating an agreement
from the framework and the centre's profile, saving with optimistic locking, restoring a
version and taking in a new framework. The state transitions and renewal are in
agreements.transitions, the comments in agreements.comments.

Saving follows one pattern: claim the row by raising its `revision` only if it is still
the revision the form was rendered from (one conditional UPDATE, which also holds the row
lock until commit), then write the changes and a version in the same transaction.

The portal's services take `now` (default: the clock), the time their rows are stamped
with, so the demo writes its history on the dates of its story; the admin's edits are
stamped with the clock.
"""

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from frivillig.lib import history

from . import versions
from .models import (
    Agreement,
    AgreementClause,
    AgreementVersion,
    Framework,
    FrameworkClause,
    FrameworkVersion,
)
from .workflow import AgreementLocked, StaleAgreement

# --- the framework ---------------------------------------------------------------------


def framework_for(municipality) -> Framework:
    framework, _created = Framework.objects.get_or_create(municipality=municipality)
    return framework


def framework_snapshot(framework, clauses) -> dict:
    return {
        "title": str(framework.title),
        "introduction": str(framework.introduction),
        "clauses": [
            {
                "key": str(clause.key),
                "kind": AgreementClause.Kind.COMMON,
                "title": clause.title,
                "text": clause.text,
                "reference": clause.reference,
                "reference_url": clause.reference_url,
                "goal_id": clause.goal_id,
                "strategy_id": clause.strategy_id,
            }
            for clause in clauses
        ],
    }


def record_framework_version(framework, *, by, note, now=None) -> FrameworkVersion:
    """The framework as it is now, as its next version, which becomes the current one."""
    version = FrameworkVersion.record(
        framework=framework,
        by=by,
        note=note,
        now=now,
        snapshot=framework_snapshot(framework, framework.clauses.order_by("order", "pk")),
    )
    Framework.objects.filter(pk=framework.pk).update(current_version=version)
    framework.current_version = version
    history.record_current(Framework.objects.filter(pk=framework.pk), by=by)
    return version


@transaction.atomic
def save_framework(*, framework, by, revision: int, apply_changes, note: str = "", now=None):
    """Writes the edited framework (`apply_changes()` saves the forms) as a new version.
    Raises StaleAgreement when someone saved the framework since `revision`."""
    claimed = Framework.objects.filter(pk=framework.pk, revision=revision).update(
        revision=F("revision") + 1
    )
    if not claimed:
        raise StaleAgreement(Framework.objects.get(pk=framework.pk))
    apply_changes()
    Framework.objects.filter(pk=framework.pk).update(revision=revision + 1)
    framework.revision = revision + 1
    return record_framework_version(framework, by=by, note=note, now=now)


# --- creating an agreement -------------------------------------------------------------


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def profile_clauses(centre) -> list[dict]:
    """Local clauses drafted from the centre's profile: its goals and priorities for the
    current period, its target groups and its partners."""
    clauses = []
    period = centre.goal_periods.prefetch_related(
        "goals__municipal_goals", "goals__municipal_strategies"
    ).first()
    if period:
        goals = list(period.goals.all())
        lines = [_("Sentralens mål for %(period)s:") % {"period": period.label}]
        if period.motto:
            lines.insert(0, _("Motto: %(motto)s") % {"motto": period.motto})
        for goal in goals:
            lines.append(f"- {goal.text}")
            lines.extend(f"  - {detail}" for detail in _lines(goal.details))
        clauses.append(
            {
                "title": _("Sentralens aktiviteter og prioriteringer"),
                "text": "\n".join(lines),
                "goal_ids": sorted({g.pk for goal in goals for g in goal.municipal_goals.all()}),
                "strategy_ids": sorted(
                    {s.pk for goal in goals for s in goal.municipal_strategies.all()}
                ),
            }
        )
    groups = [group.name for group in centre.target_groups.all()]
    if groups:
        text = _("Sentralen prioriterer disse målgruppene, i denne rekkefølgen:") + "\n"
        text += "\n".join(f"{rank}. {name}" for rank, name in enumerate(groups, 1))
        clauses.append({"title": _("Målgrupper"), "text": text})
    partners = list(centre.partners.all())
    if partners:
        lines = [_("Sentralen samarbeider særlig med:")]
        for partner in partners:
            lines.append(f"- {partner.name}")
            lines.extend(f"  - {line}" for line in _lines(partner.cooperation))
        clauses.append({"title": _("Samarbeidsaktører og samhandling"), "text": "\n".join(lines)})
    return clauses


def _existing_ids(field: str, clauses: list[dict]) -> set[int]:
    """The ids in the clauses' `<field>_ids` that still exist (field: "goal" or
    "strategy"): an old version may name a municipal goal deleted since."""
    wanted = {pk for data in clauses for pk in data.get(f"{field}_ids") or []}
    if not wanted:
        return set()
    relation = {"goal": "goals", "strategy": "strategies"}[field]
    model = AgreementClause._meta.get_field(relation).related_model
    return set(model.objects.filter(pk__in=wanted).values_list("pk", flat=True))


def add_clauses(agreement, clauses: list[dict], *, start: int = 0) -> None:
    """Creates clauses from dicts (title, text, kind, key, goal_ids, strategy_ids)."""
    goals, strategies = _existing_ids("goal", clauses), _existing_ids("strategy", clauses)
    for order, data in enumerate(clauses, start + 1):
        clause = AgreementClause(
            agreement=agreement,
            kind=data.get("kind", AgreementClause.Kind.LOCAL),
            order=order,
            title=data["title"],
            text=data["text"],
        )
        if data.get("key"):
            clause.key = data["key"]
        clause.save()
        if goal_ids := [pk for pk in data.get("goal_ids") or [] if pk in goals]:
            clause.goals.set(goal_ids)
        if strategy_ids := [pk for pk in data.get("strategy_ids") or [] if pk in strategies]:
            clause.strategies.set(strategy_ids)


def common_clauses(framework_version) -> list[dict]:
    if framework_version is None:
        return []
    return [
        {
            "key": c["key"],
            "kind": AgreementClause.Kind.COMMON,
            "title": c["title"],
            "text": c["text"],
        }
        for c in framework_version.clauses
    ]


def clauses_in_order(agreement):
    return agreement.clauses.order_by("order", "pk").prefetch_related("goals", "strategies")


def record_version(agreement, *, by, note: str = "", now=None) -> AgreementVersion:
    return AgreementVersion.record(
        agreement=agreement,
        by=by,
        note=note,
        now=now,
        snapshot=versions.snapshot(agreement, clauses_in_order(agreement)),
    )


def default_title(centre) -> str:
    return _("Samarbeidsavtale mellom %(municipality)s kommune og %(centre)s") % {
        "municipality": centre.municipality.name,
        "centre": centre.name,
    }


@transaction.atomic
def create_agreement(
    *,
    centre,
    by,
    valid_from: datetime.date,
    valid_to: datetime.date,
    title: str = "",
    municipality_signatory: tuple[str, str] | None = None,
    now=None,
) -> Agreement:
    """A draft from the municipality's current framework and the centre's profile. The
    municipality's signatory (name, title) is the one of its latest agreement unless given:
    the same person usually signs them all."""
    now = now or timezone.now()
    framework = framework_for(centre.municipality)
    leader = (
        User.objects.filter(centre=centre, role=User.Role.LEADER, is_active=True)
        .order_by("pk")
        .first()
    )
    municipality = centre.municipality
    if municipality_signatory is None:
        municipality_signatory = (
            Agreement.objects.filter(municipality=municipality)
            .exclude(municipality_signatory="")
            .order_by("-created_at", "-pk")
            .values_list("municipality_signatory", "municipality_signatory_title")
            .first()
        ) or ("", "")
    agreement = Agreement.objects.create(
        municipality=municipality,
        centre=centre,
        title=title or default_title(centre),
        valid_from=valid_from,
        valid_to=valid_to,
        framework_version=framework.current_version,
        municipality_signatory=municipality_signatory[0],
        municipality_signatory_title=municipality_signatory[1],
        centre_signatory=leader.get_full_name() if leader else "",
        centre_signatory_title=_("Daglig leder") if leader else "",
        contact_person=by.get_full_name() if by and by.municipality_id else "",
        meeting_frequency=_(
            "Fellesmøte i %(common)s. kvartal og besøk på sentralen i %(visit)s. kvartal"
        )
        % {"common": municipality.common_meeting_quarter, "visit": municipality.visit_quarter},
        created_by=by,
        updated_by=by,
        created_at=now,
        updated_at=now,
    )
    common = common_clauses(framework.current_version)
    add_clauses(agreement, common)
    add_clauses(agreement, profile_clauses(centre), start=len(common))
    note = _("Opprettet fra sentralens profil")
    if framework.current_version:
        note = _("Opprettet fra felles ramme versjon %(number)s og sentralens profil") % {
            "number": framework.current_version.number
        }
    record_version(agreement, by=by, note=note, now=now)
    return agreement


# --- saving, restoring, taking in the framework ----------------------------------------


def _claim(agreement, revision: int) -> None:
    """Raises the revision if it is still `revision` and the text may change."""
    claimed = (
        Agreement.objects.editable()
        .filter(pk=agreement.pk, revision=revision)
        .update(revision=F("revision") + 1)
    )
    if claimed:
        return
    current = Agreement.objects.select_related("updated_by").get(pk=agreement.pk)
    if current.revision != revision:
        raise StaleAgreement(current)
    raise AgreementLocked(
        _("Avtalen har status «%(status)s» og kan ikke endres.")
        % {"status": current.get_status_display()}
    )


def _finish_save(agreement, *, by, revision: int, note: str, now=None) -> AgreementVersion:
    now = now or timezone.now()
    Agreement.objects.filter(pk=agreement.pk).update(
        revision=revision + 1, updated_at=now, updated_by=by
    )
    agreement.revision, agreement.updated_at, agreement.updated_by = revision + 1, now, by
    history.record_current(Agreement.objects.filter(pk=agreement.pk), by=by)
    return record_version(agreement, by=by, note=note, now=now)


@transaction.atomic
def save_agreement(*, agreement, by, revision: int, apply_changes, note: str = "", now=None):
    """Writes an edit (`apply_changes()` saves the forms) as a new version. Raises
    StaleAgreement when someone saved since `revision`, AgreementLocked when the
    agreement is no longer a draft."""
    _claim(agreement, revision)
    apply_changes()
    return _finish_save(agreement, by=by, revision=revision, note=note or _("Endret"), now=now)


@transaction.atomic
def record_outside_edit(*, agreement, by, note: str) -> AgreementVersion:
    """An edit made outside the portal's forms (in the admin) is a version like any
    other, and raises the revision so a form open in the portal meets the conflict view
    instead of saving over it."""
    now = timezone.now()
    Agreement.objects.filter(pk=agreement.pk).update(
        revision=F("revision") + 1, updated_at=now, updated_by=by
    )
    history.record_current(Agreement.objects.filter(pk=agreement.pk), by=by)
    return record_version(agreement, by=by, note=note)


def _replace_clauses(agreement, clauses: list[dict]) -> None:
    agreement.clauses.all().delete()
    add_clauses(agreement, clauses)


@transaction.atomic
def restore_version(*, agreement, version, by, revision: int, now=None) -> AgreementVersion:
    """Makes an old version's text the current text, as a new version."""
    _claim(agreement, revision)
    data = version.snapshot
    for name in versions.FIELD_NAMES:
        value = data["fields"].get(name)
        if name in ("valid_from", "valid_to") and value:
            value = datetime.date.fromisoformat(value)
        setattr(agreement, name, value)
    agreement.framework_version_id = data.get("framework_version_id")
    agreement.save(update_fields=[*versions.FIELD_NAMES, "framework_version"])
    _replace_clauses(agreement, data["clauses"])
    note = _("Gjenopprettet fra versjon %(number)s") % {"number": version.number}
    return _finish_save(agreement, by=by, revision=revision, note=note, now=now)


def common_part(agreement) -> dict:
    """The agreement's common clauses as a snapshot to compare with the framework."""
    return {
        "clauses": [
            {"key": str(c.key), "kind": c.kind, "title": c.title, "text": c.text}
            for c in agreement.clauses.all()
            if c.is_common
        ]
    }


def framework_changes(agreement, current_version) -> versions.Comparison:
    """What differs between the agreement's common clauses and the current framework."""
    return versions.compare(common_part(agreement), {"clauses": current_version.clauses})


@transaction.atomic
def adopt_framework(*, agreement, by, revision: int, now=None) -> AgreementVersion:
    """Replaces the common clauses with the current framework's, keeping the local ones
    after them in their order."""
    _claim(agreement, revision)
    current = framework_for(agreement.municipality).current_version
    if current is None:
        raise AgreementLocked(_("Kommunen har ingen felles ramme ennå."))
    local = [
        {
            "key": c.key,
            "kind": c.kind,
            "title": c.title,
            "text": c.text,
            "goal_ids": [g.pk for g in c.goals.all()],
            "strategy_ids": [s.pk for s in c.strategies.all()],
        }
        for c in clauses_in_order(agreement)
        if not c.is_common
    ]
    _replace_clauses(agreement, common_clauses(current) + local)
    agreement.framework_version = current
    agreement.save(update_fields=["framework_version"])
    note = _("Tok inn felles ramme versjon %(number)s") % {"number": current.number}
    return _finish_save(agreement, by=by, revision=revision, note=note, now=now)


# --- reading ---------------------------------------------------------------------------


def framework_clauses_in_order(framework):
    return FrameworkClause.objects.filter(framework=framework).select_related(
        "goal__plan", "strategy__goal"
    )
