"""Renewal and the calendar: a signed agreement comes into force on its start date, an
active one is due for renewal 90 days before its end and expires after it; a renewal is a
new draft that marks the old agreement renewed once it is signed."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from agreements import services, transitions
from agreements.models import Agreement, AgreementClause, FrameworkClause
from agreements.workflow import IllegalTransition

from ..factories import AgreementFactory
from .conftest import fresh

S = Agreement.Status
TODAY = datetime.date(2027, 6, 1)


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def active(framework, centre_a, coordinator, leader_a):
    agreement = services.create_agreement(
        centre=centre_a,
        by=coordinator,
        valid_from=datetime.date(2024, 1, 1),
        valid_to=datetime.date(2027, 12, 31),
        municipality_signatory=("Guro Honningdal", "Kultursjef"),
    )
    AgreementClause.objects.create(
        agreement=agreement, order=9, title="Nærmiljøforum", text="Kommunen møter i forumet."
    )
    Agreement.objects.filter(pk=agreement.pk).update(status=S.ACTIVE)
    return fresh(agreement)


def test_a_renewal_is_a_draft_for_the_next_period(active, coordinator):
    renewal = transitions.start_renewal(agreement=active, by=coordinator)
    assert renewal.status == S.DRAFT and renewal.renewal_of == active
    assert renewal.valid_from == datetime.date(2028, 1, 1)
    assert renewal.valid_to == datetime.date(2031, 12, 31)
    assert renewal.centre == active.centre and renewal.title == active.title
    assert renewal.meeting_frequency == active.meeting_frequency
    version = renewal.versions.get()
    assert version.note == "Fornyelse av avtalen for 01.01.2024–31.12.2027"
    assert version.created_by == coordinator


def test_a_renewal_takes_the_current_framework_and_the_local_text(active, framework, coordinator):
    FrameworkClause.objects.filter(framework=framework, title="Møter").update(text="Oftere møter.")
    current = services.save_framework(
        framework=framework, by=coordinator, revision=framework.revision, apply_changes=lambda: None
    )
    renewal = transitions.start_renewal(agreement=active, by=coordinator)
    assert renewal.framework_version == current
    clauses = {c.title: c for c in renewal.clauses.all()}
    assert clauses["Møter"].text == "Oftere møter." and clauses["Møter"].is_common
    assert clauses["Nærmiljøforum"].text == "Kommunen møter i forumet."
    assert list(renewal.clauses.order_by("order").values_list("kind", flat=True)) == [
        "common",
        "common",
        "common",
        "local",
    ]
    # The old agreement's text is untouched.
    assert active.clauses.get(title="Møter").text != "Oftere møter."


def test_starting_a_renewal_twice_gives_the_same_draft(active, coordinator):
    first = transitions.start_renewal(agreement=active, by=coordinator)
    assert transitions.start_renewal(agreement=active, by=coordinator) == first
    assert active.renewals.count() == 1


@pytest.mark.parametrize("status", [S.DRAFT, S.SENT, S.SIGNED, S.EXPIRED, S.RENEWED])
def test_only_an_agreement_in_force_can_be_renewed(status, active, coordinator):
    Agreement.objects.filter(pk=active.pk).update(status=status)
    with pytest.raises(IllegalTransition):
        transitions.start_renewal(agreement=fresh(active), by=coordinator)


@pytest.mark.parametrize("who", ["leader_a", "leader_b", "reader", "other_coordinator"])
def test_only_the_municipality_starts_a_renewal(who, cast, active):
    with pytest.raises(IllegalTransition):
        transitions.start_renewal(agreement=active, by=cast[who])
    assert not active.renewals.exists()


def test_the_old_agreement_is_renewed_when_the_new_one_is_signed(active, coordinator, leader_a):
    Agreement.objects.filter(pk=active.pk).update(status=S.RENEWAL_DUE)
    renewal = transitions.start_renewal(agreement=fresh(active), by=coordinator)
    transitions.apply_transition(renewal, "send", by=coordinator)
    transitions.apply_transition(renewal, "approve_centre", by=leader_a)
    assert fresh(active).status == S.RENEWAL_DUE
    transitions.apply_transition(renewal, "approve_municipality", by=coordinator)
    transitions.apply_transition(renewal, "mark_signed", by=coordinator)
    assert fresh(renewal).status == S.SIGNED  # its period has not started
    assert fresh(active).status == S.RENEWED
    event = active.events.get()
    assert (event.action, event.from_status, event.by) == ("mark_renewed", S.RENEWAL_DUE, None)


# --- the calendar ----------------------------------------------------------------------


def make(centre, status, valid_from, valid_to):
    return AgreementFactory(centre=centre, status=status, valid_from=valid_from, valid_to=valid_to)


def test_refresh_states_activates_flags_and_expires(centre_a, centre_b):
    starts_today = make(centre_a, S.SIGNED, TODAY, days(1000))
    starts_later = make(centre_a, S.SIGNED, days(1), days(1000))
    due = make(centre_a, S.ACTIVE, days(-900), days(90))
    not_yet_due = make(centre_a, S.ACTIVE, days(-900), days(91))
    ends_today = make(centre_b, S.RENEWAL_DUE, days(-900), TODAY)
    ended = make(centre_b, S.RENEWAL_DUE, days(-900), days(-1))
    ended_active = make(centre_b, S.ACTIVE, days(-900), days(-1))
    signed_too_late = make(centre_b, S.SIGNED, days(-900), days(-1))
    draft = make(centre_b, S.DRAFT, days(-900), days(-1))

    counts = transitions.refresh_states(today=TODAY)

    assert counts == {"activate": 1, "expire": 3, "flag_renewal": 1}
    assert fresh(starts_today).status == S.ACTIVE
    assert fresh(starts_later).status == S.SIGNED
    assert fresh(due).status == S.RENEWAL_DUE
    assert fresh(not_yet_due).status == S.ACTIVE
    assert fresh(ends_today).status == S.RENEWAL_DUE
    assert fresh(ended).status == S.EXPIRED
    assert fresh(ended_active).status == S.EXPIRED
    assert fresh(signed_too_late).status == S.EXPIRED
    assert fresh(draft).status == S.DRAFT
    event = due.events.get()
    assert (event.action, event.by) == ("flag_renewal", None)
    assert event.at <= timezone.now()


def test_an_agreement_that_starts_inside_the_notice_period_is_activated_and_flagged(centre_a):
    agreement = make(centre_a, S.SIGNED, TODAY, days(30))
    transitions.refresh_states(today=TODAY)
    assert fresh(agreement).status == S.RENEWAL_DUE
    assert [e.action for e in agreement.events.all()] == ["activate", "flag_renewal"]


def test_refresh_states_twice_changes_nothing_more(centre_a):
    make(centre_a, S.ACTIVE, days(-900), days(10))
    assert transitions.refresh_states(today=TODAY)["flag_renewal"] == 1
    assert transitions.refresh_states(today=TODAY) == {
        "activate": 0,
        "expire": 0,
        "flag_renewal": 0,
    }


def test_a_dry_run_counts_and_changes_nothing(centre_a):
    agreement = make(centre_a, S.ACTIVE, days(-900), days(10))
    assert transitions.refresh_states(today=TODAY, dry_run=True)["flag_renewal"] == 1
    assert fresh(agreement).status == S.ACTIVE and not agreement.events.exists()


def test_the_daily_command_moves_agreements_on(centre_a):
    today = timezone.localdate()
    agreement = make(centre_a, S.SIGNED, today, today + datetime.timedelta(days=400))
    out = StringIO()
    call_command("update_agreements", "--dry-run", stdout=out)
    assert "Ville endret: 1 trådte i kraft" in out.getvalue()
    assert fresh(agreement).status == S.SIGNED
    call_command("update_agreements", stdout=out)
    assert fresh(agreement).status == S.ACTIVE
