"""Optimistic locking: the second of two people saving from the same revision is told
who saved, and nothing is written; a non-draft agreement cannot change at all."""

import pytest

from agreements import services, transitions
from agreements.models import Agreement
from agreements.workflow import AgreementLocked, StaleAgreement

from .conftest import fresh


def set_grant(agreement, amount):
    def apply():
        agreement.grant_amount = amount
        agreement.save(update_fields=["grant_amount"])

    return apply


def test_a_save_from_a_stale_revision_is_refused_and_names_who_saved(
    agreement, coordinator, admin_user
):
    mine, theirs = fresh(agreement), fresh(agreement)
    services.save_agreement(
        agreement=theirs, by=admin_user, revision=0, apply_changes=set_grant(theirs, 1000)
    )
    called = []
    with pytest.raises(StaleAgreement) as conflict:
        services.save_agreement(
            agreement=mine, by=coordinator, revision=0, apply_changes=lambda: called.append(1)
        )
    assert not called
    current = conflict.value.current
    assert (current.revision, current.updated_by, current.grant_amount) == (1, admin_user, 1000)
    assert agreement.versions.count() == 2


def test_saving_again_from_the_new_revision_goes_through(agreement, coordinator, admin_user):
    services.save_agreement(
        agreement=fresh(agreement), by=admin_user, revision=0, apply_changes=lambda: None
    )
    mine = fresh(agreement)
    with pytest.raises(StaleAgreement) as conflict:
        services.save_agreement(
            agreement=mine, by=coordinator, revision=0, apply_changes=set_grant(mine, 5)
        )
    services.save_agreement(
        agreement=mine,
        by=coordinator,
        revision=conflict.value.current.revision,
        apply_changes=set_grant(mine, 5),
    )
    versions = list(agreement.versions.order_by("number"))
    assert [(v.number, v.created_by) for v in versions[1:]] == [(2, admin_user), (3, coordinator)]
    assert fresh(agreement).grant_amount == 5 and fresh(agreement).revision == 2


@pytest.mark.parametrize(
    "status", [s for s in Agreement.Status.values if s not in Agreement.EDITABLE]
)
def test_the_text_is_locked_outside_draft_and_changes_requested(status, agreement, coordinator):
    Agreement.objects.filter(pk=agreement.pk).update(status=status)
    with pytest.raises(AgreementLocked):
        services.save_agreement(
            agreement=fresh(agreement), by=coordinator, revision=0, apply_changes=lambda: None
        )
    assert fresh(agreement).revision == 0 and agreement.versions.count() == 1


def test_changes_can_be_made_when_the_centre_asks_for_them(agreement, coordinator, leader_a):
    transitions.apply_transition(agreement, "send", by=coordinator)
    transitions.apply_transition(agreement, "request_changes", by=leader_a, comment="Mer penger")
    services.save_agreement(
        agreement=agreement, by=coordinator, revision=0, apply_changes=set_grant(agreement, 9)
    )
    assert fresh(agreement).grant_amount == 9


def test_a_failing_change_writes_nothing(agreement, coordinator):
    def broken():
        set_grant(agreement, 7)()
        raise ValueError("form blew up")

    with pytest.raises(ValueError):
        services.save_agreement(
            agreement=agreement, by=coordinator, revision=0, apply_changes=broken
        )
    current = fresh(agreement)
    assert current.revision == 0 and current.grant_amount is None
    assert agreement.versions.count() == 1
