"""Who sees which agreement in the list, and a reader's signed agreement without its
actions.

Every agreements URL against the whole cast, cell by cell (the POSTs done or refused
without a change), is tests/security/test_url_access.py; this world is the one its
rows were first written for. Klyve (centre A, leader_a) has a draft, a signed and an
active agreement with Skien; leader_b leads Gulset in the same municipality;
other_coordinator works for Drammen.
"""

import pytest
from django.urls import reverse

from agreements import services
from agreements.models import Agreement, AgreementClause, FrameworkClause

from ..factories import (
    AgreementClauseFactory,
    AgreementCommentFactory,
    AgreementFactory,
    drafted_agreement,
)

S = Agreement.Status


def light_agreement(centre, status, by):
    """An agreement with one clause and one version, cheaper than the services' way."""
    agreement = AgreementFactory(centre=centre, status=status, created_by=by, updated_by=by)
    AgreementClauseFactory(agreement=agreement, title="Formål")
    services.record_version(agreement, by=by)
    return agreement


class World:
    """The objects both tests run against, made fresh for each."""

    def __init__(self, municipality, framework, centre_a, coordinator, leader_a):
        self.municipality, self.framework, self.centre = municipality, framework, centre_a
        self.draft = drafted_agreement(centre_a, by=coordinator)

        def add_clause():
            AgreementClause.objects.create(
                agreement=self.draft, order=4, title="Nærmiljøforum", text="Kommunen møter."
            )

        services.save_agreement(
            agreement=self.draft, by=coordinator, revision=0, apply_changes=add_clause
        )
        self.signed = light_agreement(centre_a, S.SIGNED, coordinator)
        self.active = light_agreement(centre_a, S.ACTIVE, coordinator)
        self.sent = light_agreement(centre_a, S.SENT, coordinator)
        self.draft_thread = AgreementCommentFactory(agreement=self.draft, author=leader_a)
        self.signed_thread = AgreementCommentFactory(agreement=self.signed, author=leader_a)

        def reword():
            FrameworkClause.objects.filter(framework=framework, title="Møter").update(
                text="Partene møtes to ganger i året."
            )

        services.save_framework(
            framework=framework, by=coordinator, revision=framework.revision, apply_changes=reword
        )
        self.framework.refresh_from_db()


@pytest.fixture
def world(municipality, framework, centre_a, coordinator, leader_a):
    return World(municipality, framework, centre_a, coordinator, leader_a)


def test_the_list_shows_only_what_the_user_may_see(
    client_for, cast, world, centre_b, coordinator, other_centre
):
    gulset = drafted_agreement(centre_b, by=coordinator)
    page = lambda who: client_for(cast[who]).get(reverse("agreements:list")).content.decode()  # noqa: E731
    assert gulset.title in page("coordinator") and world.draft.title in page("coordinator")
    assert gulset.title not in page("leader_a") and world.centre.name in page("leader_a")
    assert world.draft.title in page("leader_a")
    assert world.centre.name not in page("leader_b") and gulset.title in page("leader_b")
    assert world.centre.name not in page("other_coordinator")
    reader = page("reader")
    assert reader.count(f'href="{world.signed.get_absolute_url()}"') >= 1
    assert f'href="{world.draft.get_absolute_url()}"' not in reader
    assert f'href="{gulset.get_absolute_url()}"' not in reader


def test_a_reader_sees_a_signed_agreement_read_only(client_for, reader, world):
    page = client_for(reader).get(reverse("agreements:detail", args=[world.signed.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and world.signed.title in html
    for action in ("comment_add", "edit", "renew"):
        assert reverse(f"agreements:{action}", args=[world.signed.pk]) not in html
    assert "/handling/" not in html
