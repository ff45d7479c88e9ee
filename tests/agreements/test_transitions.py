"""Every transition from every state by every side: only the legal ones move the
agreement, each recorded with who and when; the rest change nothing."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.utils import timezone

from agreements import transitions
from agreements.models import Agreement, AgreementEvent
from agreements.workflow import TRANSITIONS, IllegalTransition

from ..factories import AgreementFactory, LeaderFactory
from .conftest import fresh

S = Agreement.Status

# The issue's workflow, written out independently of agreements.models:
# action: (the states it starts from, the state it leads to, the side that takes it)
WORKFLOW = {
    "send": ({S.DRAFT, S.CHANGES_REQUESTED}, S.SENT, "municipality"),
    "withdraw": ({S.SENT, S.APPROVED_BY_CENTRE}, S.DRAFT, "municipality"),
    "request_changes": ({S.SENT}, S.CHANGES_REQUESTED, "centre"),
    "approve_centre": ({S.SENT}, S.APPROVED_BY_CENTRE, "centre"),
    "approve_municipality": ({S.APPROVED_BY_CENTRE}, S.APPROVED_BY_MUNICIPALITY, "municipality"),
    "mark_signed": ({S.APPROVED_BY_MUNICIPALITY}, S.SIGNED, "municipality"),
    "activate": ({S.SIGNED}, S.ACTIVE, "system"),
    "flag_renewal": ({S.ACTIVE}, S.RENEWAL_DUE, "system"),
    "expire": ({S.SIGNED, S.ACTIVE, S.RENEWAL_DUE}, S.EXPIRED, "system"),
    "mark_renewed": ({S.ACTIVE, S.RENEWAL_DUE}, S.RENEWED, "system"),
}

# Who tries, and the side each acts for (None: no side on this agreement).
ACTORS = {
    "coordinator": "municipality",
    "admin": "municipality",
    "leader_a": "centre",
    "leader_b": None,
    "reader": None,
    "other_coordinator": None,
    "system": "system",
}


def test_the_transitions_are_the_workflow_the_issue_describes():
    assert set(TRANSITIONS) == set(WORKFLOW)
    for action, (sources, target, side) in WORKFLOW.items():
        transition = TRANSITIONS[action]
        assert set(transition.sources) == sources, action
        assert (transition.target, transition.side) == (target, side), action


def test_every_state_can_be_reached():
    targets = {transition.target for transition in TRANSITIONS.values()}
    assert targets | {S.DRAFT} == set(S.values)


@pytest.mark.parametrize("status", S.values)
@pytest.mark.parametrize("action", list(WORKFLOW))
def test_transition_from_state_by_each_side(action, status, cast, centre_a):
    sources, target, side = WORKFLOW[action]
    actors = {**cast, "system": None}
    agreement = AgreementFactory(centre=centre_a, status=status)
    failures = []
    for name, acts_for in ACTORS.items():
        Agreement.objects.filter(pk=agreement.pk).update(status=status)
        AgreementEvent.objects.all().delete()
        agreement = fresh(agreement)
        user = actors[name]
        legal = status in sources and acts_for == side
        before = timezone.now()
        try:
            transitions.apply_transition(
                agreement, action, by=user, comment="Punkt 3 må bli tydeligere."
            )
        except IllegalTransition:
            moved = False
        else:
            moved = True
        now = fresh(agreement)
        events = list(AgreementEvent.objects.filter(agreement=agreement))
        if legal:
            event = events[0] if len(events) == 1 else None
            ok = (
                moved
                and now.status == target
                and event is not None
                and (event.action, event.from_status, event.to_status) == (action, status, target)
                and event.by == user
                and before <= event.at <= timezone.now()
            )
        else:
            ok = not moved and now.status == status and not events
        if not ok:
            failures.append((name, "legal" if legal else "illegal", now.status, len(events)))
    assert not failures, f"{action} from {status}: {failures}"


def test_leader_cannot_approve_for_the_municipality(agreement, leader_a):
    Agreement.objects.filter(pk=agreement.pk).update(status=S.APPROVED_BY_CENTRE)
    with pytest.raises(IllegalTransition):
        transitions.apply_transition(fresh(agreement), "approve_municipality", by=leader_a)
    assert fresh(agreement).status == S.APPROVED_BY_CENTRE


def test_coordinator_cannot_approve_for_the_centre(agreement, coordinator):
    Agreement.objects.filter(pk=agreement.pk).update(status=S.SENT)
    with pytest.raises(IllegalTransition):
        transitions.apply_transition(fresh(agreement), "approve_centre", by=coordinator)
    assert fresh(agreement).status == S.SENT


def test_leader_of_another_centre_cannot_approve(agreement, leader_b):
    Agreement.objects.filter(pk=agreement.pk).update(status=S.SENT)
    with pytest.raises(IllegalTransition):
        transitions.approve(fresh(agreement), by=leader_b)
    assert fresh(agreement).status == S.SENT


def test_approve_by_takes_the_approval_of_the_users_side(agreement, coordinator, leader_a):
    transitions.apply_transition(agreement, "send", by=coordinator)
    transitions.approve(agreement, by=leader_a, comment="Bra!")
    assert fresh(agreement).status == S.APPROVED_BY_CENTRE
    transitions.approve(agreement, by=coordinator)
    assert fresh(agreement).status == S.APPROVED_BY_MUNICIPALITY
    assert [e.action for e in agreement.events.all()] == [
        "send",
        "approve_centre",
        "approve_municipality",
    ]
    assert agreement.events.get(action="approve_centre").comment == "Bra!"


def test_centre_must_say_what_should_change(agreement, coordinator, leader_a):
    transitions.apply_transition(agreement, "send", by=coordinator)
    with pytest.raises(IllegalTransition):
        transitions.apply_transition(agreement, "request_changes", by=leader_a, comment="   ")
    transitions.apply_transition(
        agreement, "request_changes", by=leader_a, comment="Legg til nærmiljøforumet."
    )
    event = agreement.events.get(action="request_changes")
    assert event.comment == "Legg til nærmiljøforumet." and event.by == leader_a


def test_an_unknown_action_is_illegal(agreement, coordinator):
    with pytest.raises(IllegalTransition):
        transitions.apply_transition(agreement, "publish", by=coordinator)


def test_a_double_click_takes_the_transition_once(agreement, coordinator):
    transitions.apply_transition(agreement, "send", by=coordinator)
    with pytest.raises(IllegalTransition):
        transitions.apply_transition(agreement, "send", by=coordinator)
    assert agreement.events.filter(action="send").count() == 1


def test_two_tabs_with_the_same_stale_status_take_the_transition_once(agreement, leader_a):
    Agreement.objects.filter(pk=agreement.pk).update(status=S.SENT)
    first_tab, second_tab = fresh(agreement), fresh(agreement)
    transitions.apply_transition(first_tab, "approve_centre", by=leader_a)
    with pytest.raises(IllegalTransition, match="status «Godkjent av sentralen»"):
        transitions.apply_transition(
            second_tab, "request_changes", by=leader_a, comment="Endre punkt 2."
        )
    assert fresh(agreement).status == S.APPROVED_BY_CENTRE
    assert agreement.events.count() == 1


def test_signing_records_the_date_and_a_started_period_comes_into_force(
    framework, centre_a, coordinator
):
    agreement = AgreementFactory(
        centre=centre_a,
        status=S.APPROVED_BY_MUNICIPALITY,
        valid_from=timezone.localdate() - datetime.timedelta(days=3),
    )
    transitions.apply_transition(
        agreement, "mark_signed", by=coordinator, on_date=datetime.date(2026, 1, 5)
    )
    agreement = fresh(agreement)
    assert agreement.signed_on == datetime.date(2026, 1, 5)
    assert agreement.status == S.ACTIVE
    events = [(e.action, e.by) for e in agreement.events.all()]
    assert events == [("mark_signed", coordinator), ("activate", None)]


def test_signing_a_later_period_waits_for_the_start(centre_a, coordinator):
    agreement = AgreementFactory(centre=centre_a, status=S.APPROVED_BY_MUNICIPALITY)
    transitions.apply_transition(agreement, "mark_signed", by=coordinator)
    agreement = fresh(agreement)
    assert agreement.status == S.SIGNED and agreement.signed_on == timezone.localdate()


def test_the_other_side_is_told_of_a_transition(
    agreement,
    coordinator,
    leader_a,
    leader_b,
    other_coordinator,
    django_capture_on_commit_callbacks,
):
    second_leader = LeaderFactory(username="leder-a2", centre=leader_a.centre)
    with django_capture_on_commit_callbacks(execute=True):
        transitions.apply_transition(agreement, "send", by=coordinator)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([leader_a.email, second_leader.email])
    assert agreement.title in mail.outbox[0].subject
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        transitions.apply_transition(
            agreement, "request_changes", by=leader_a, comment="Ta med nærmiljøforumet."
        )
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert "Ta med nærmiljøforumet." in mail.outbox[0].body


def test_the_portals_own_transitions_mail_nobody(
    signed_agreement, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        transitions.apply_transition(signed_agreement, "activate", by=None)
    assert not mail.outbox
    assert transitions.available_transitions(signed_agreement, AnonymousUser()) == []


@pytest.mark.parametrize(
    "status, who, actions",
    [
        (S.DRAFT, "coordinator", ["send"]),
        (S.DRAFT, "leader_a", []),
        (S.SENT, "coordinator", ["withdraw"]),
        (S.SENT, "leader_a", ["request_changes", "approve_centre"]),
        (S.SENT, "leader_b", []),
        (S.SENT, "reader", []),
        (S.APPROVED_BY_CENTRE, "admin", ["withdraw", "approve_municipality"]),
        (S.APPROVED_BY_MUNICIPALITY, "coordinator", ["mark_signed"]),
        (S.ACTIVE, "coordinator", []),
        (S.SENT, "other_coordinator", []),
    ],
)
def test_the_buttons_offered_are_the_legal_transitions(status, who, actions, cast, agreement):
    Agreement.objects.filter(pk=agreement.pk).update(status=status)
    offered = transitions.available_transitions(fresh(agreement), cast[who])
    assert [name for name, _transition in offered] == actions
