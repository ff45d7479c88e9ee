"""Taking the workflow's transitions (agreements.workflow): by one side, or by the portal
on the calendar (coming into force, renewal due, expiry), and starting a renewal.

Every transition is recorded as an event and told to the other side by e-mail; `now`
(default: the clock) is the time it is taken at, and `quiet` leaves the e-mail out.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.mail import notify
from frivillig.lib import history

from . import access, services, versions
from .models import Agreement, AgreementEvent
from .notices import agreement_url, other_side
from .workflow import RENEWAL_NOTICE_DAYS, TRANSITIONS, IllegalTransition, Side


def available_transitions(agreement, user) -> list[tuple[str, object]]:
    """The transitions `user` may take now, for the buttons on the agreement page."""
    side = access.agreement_side(user, agreement)
    return [
        (name, t)
        for name, t in TRANSITIONS.items()
        if t.side == side and agreement.status in t.sources
    ]


def signatory_block(agreement, transition) -> str:
    """Why `transition` must wait for the signatories to be named, or "" when it need not."""
    missing = agreement.missing_signatories() if transition.needs_signatories else []
    if not missing:
        return ""
    return _(
        "Avtalen sier ikke hvem som signerer for %(parties)s. Fyll inn underskriverne "
        "før avtalen sendes til sentralen eller godkjennes."
    ) % {"parties": _(" og ").join(str(party) for party in missing)}


@transaction.atomic
def apply_transition(
    agreement,
    action: str,
    *,
    by,
    comment: str = "",
    on_date=None,
    now=None,
    quiet: bool = False,
) -> None:
    """Takes one transition. `by` is the user, or None for the portal's own transitions
    (activation, renewal due, expiry). Raises IllegalTransition otherwise. A conditional
    UPDATE makes a double click or two tabs take the transition once."""
    now = now or timezone.now()
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise IllegalTransition(_("Ukjent handling."))
    side = Side.SYSTEM if by is None else access.agreement_side(by, agreement)
    if side != transition.side:
        raise IllegalTransition(_("Du kan ikke gjøre dette for denne avtalen."))
    if problem := transition.comment_problem(comment):
        raise IllegalTransition(problem)
    if blocked := signatory_block(agreement, transition):
        raise IllegalTransition(blocked)
    from_status = agreement.status
    changes = {"status": transition.target}
    if action == "mark_signed":
        changes["signed_on"] = on_date or timezone.localdate(now)
    moved = Agreement.objects.filter(
        pk=agreement.pk, status=from_status, status__in=transition.sources
    ).update(**changes)
    if not moved:
        current = Agreement.objects.get(pk=agreement.pk)
        raise IllegalTransition(
            _("Avtalen har status «%(status)s», så dette kan ikke gjøres nå.")
            % {"status": current.get_status_display()}
        )
    for name, value in changes.items():
        setattr(agreement, name, value)
    history.record_current(Agreement.objects.filter(pk=agreement.pk), by=by)
    AgreementEvent.objects.create(
        agreement=agreement,
        action=action,
        from_status=from_status,
        to_status=transition.target,
        by=by,
        at=now,
        comment=comment.strip(),
    )
    if by is not None and not quiet:
        _notify_transition(agreement, action, by=by, comment=comment)
    if action == "mark_signed":
        _after_signing(agreement, now=now, quiet=quiet)


def _notify_transition(agreement, action, *, by, comment) -> None:
    transition = TRANSITIONS[action]
    notify(
        other_side(agreement, transition.side),
        "agreements/email/transition",
        {
            "agreement": agreement,
            "event": transition.done,
            "by": by,
            "comment": comment,
            "url": agreement_url(agreement),
        },
        municipality_id=agreement.municipality_id,
    )


def _after_signing(agreement, *, now, quiet) -> None:
    if agreement.valid_from <= timezone.localdate(now):
        apply_transition(agreement, "activate", by=None, now=now, quiet=quiet)
    predecessor = agreement.renewal_of
    if predecessor and predecessor.status in TRANSITIONS["mark_renewed"].sources:
        apply_transition(predecessor, "mark_renewed", by=None, now=now, quiet=quiet)


def approve(agreement, *, by, comment: str = "", now=None, quiet: bool = False) -> None:
    """The approval of whichever side `by` is on."""
    side = access.agreement_side(by, agreement)
    action = "approve_centre" if side == Side.CENTRE else "approve_municipality"
    apply_transition(agreement, action, by=by, comment=comment, now=now, quiet=quiet)


def refresh_states(*, today: datetime.date | None = None, dry_run: bool = False) -> dict:
    """The portal's own transitions, for a daily scheduler: signed agreements come into
    force on their start date, active ones are due for renewal 90 days before their end,
    and agreements past their end expire. Returns how many of each."""
    today = today or timezone.localdate()
    due = {
        "activate": Agreement.objects.filter(
            status=Agreement.Status.SIGNED, valid_from__lte=today, valid_to__gte=today
        ),
        "expire": Agreement.objects.filter(
            status__in=TRANSITIONS["expire"].sources, valid_to__lt=today
        ),
        "flag_renewal": Agreement.objects.filter(
            status=Agreement.Status.ACTIVE,
            valid_to__gte=today,
            valid_to__lte=today + datetime.timedelta(days=RENEWAL_NOTICE_DAYS),
        ),
    }
    counts = {}
    for action, agreements in due.items():
        chosen = list(agreements)
        counts[action] = len(chosen)
        if not dry_run:
            for agreement in chosen:
                apply_transition(agreement, action, by=None)
    return counts


def _years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@transaction.atomic
def start_renewal(*, agreement, by, now=None) -> Agreement:
    """A new draft for the next period, from the agreement's local text and the current
    framework. The old agreement is marked renewed when the new one is signed."""
    now = now or timezone.now()
    if access.agreement_side(by, agreement) != Side.MUNICIPALITY:
        raise IllegalTransition(_("Bare kommunen kan starte en fornyelse."))
    # The row lock makes a second «Forny» at the same moment wait for the first and then
    # find its renewal, instead of making another one.
    status = (
        Agreement.objects.select_for_update().values_list("status", flat=True).get(pk=agreement.pk)
    )
    if status not in Agreement.IN_FORCE:
        raise IllegalTransition(_("Bare en gjeldende avtale kan fornyes."))
    existing = agreement.renewals.renewals_under_way().first()
    if existing:
        return existing
    valid_from = agreement.valid_to + datetime.timedelta(days=1)
    years = max(1, round((agreement.valid_to - agreement.valid_from).days / 365.25))
    framework = services.framework_for(agreement.municipality)
    renewal = Agreement.objects.create(
        municipality=agreement.municipality,
        centre=agreement.centre,
        title=agreement.title,
        valid_from=valid_from,
        valid_to=_years_after(valid_from, years) - datetime.timedelta(days=1),
        framework_version=framework.current_version,
        renewal_of=agreement,
        created_by=by,
        updated_by=by,
        created_at=now,
        updated_at=now,
        **{
            name: getattr(agreement, name)
            for name in versions.FIELD_NAMES
            if name not in ("title", "valid_from", "valid_to")
        },
    )
    local = [
        {
            "kind": c.kind,
            "title": c.title,
            "text": c.text,
            "goal_ids": [g.pk for g in c.goals.all()],
            "strategy_ids": [s.pk for s in c.strategies.all()],
        }
        for c in services.clauses_in_order(agreement)
        if not c.is_common
    ]
    common = services.common_clauses(framework.current_version)
    services.add_clauses(renewal, common + local)
    services.record_version(
        renewal,
        by=by,
        note=_("Fornyelse av avtalen for %(period)s") % {"period": agreement.period_label},
        now=now,
    )
    return renewal
