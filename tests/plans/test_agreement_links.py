"""Agreements where the municipality's other pages point to them: the clauses that follow
a goal up on the goal page, a centre's agreements on its page, and the dashboard card."""

import pytest
from django.urls import reverse

from agreements.models import Agreement, FrameworkClause

from ..factories import AgreementClauseFactory, AgreementFactory, CentreFactory

S = Agreement.Status


@pytest.fixture
def klyve_agreement(centre_a):
    return AgreementFactory(
        centre=centre_a, title="Samarbeidsavtale med Klyve", status=S.APPROVED_BY_CENTRE
    )


@pytest.fixture
def klyve_clause(klyve_agreement, goal):
    """Klyve's local clause, linked to the goal through strategy 3."""
    clause = AgreementClauseFactory(
        agreement=klyve_agreement, title="Forum for nærmiljø og samarbeidsmøter"
    )
    clause.strategies.add(goal.strategies.get(number=3))
    return clause


@pytest.fixture
def gulset_clause(centre_b, goal):
    agreement = AgreementFactory(centre=centre_b, title="Samarbeidsavtale med Gulset")
    clause = AgreementClauseFactory(agreement=agreement, title="Områdesatsingen på Gulset")
    clause.goals.add(goal)
    return clause


@pytest.fixture
def framework_clause(municipality, goal):
    from ..factories import FrameworkFactory

    return FrameworkClause.objects.create(
        framework=FrameworkFactory(municipality=municipality),
        order=1,
        title="Kommunens rolle",
        text="Kommunen er tilrettelegger, koordinator, samarbeidspartner og rådgiver.",
        goal=goal,
    )


def _goal_page(client, goal) -> str:
    response = client.get(reverse("plans:goal", args=[goal.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_goal_page_lists_the_clauses_that_follow_it_up(
    client_for, coordinator, goal, klyve_clause, gulset_clause, framework_clause
):
    page = _goal_page(client_for(coordinator), goal)
    assert "Avtalepunkter som følger opp målet" in page
    assert "Forum for nærmiljø og samarbeidsmøter" in page and "via strategi 3" in page
    assert "Områdesatsingen på Gulset" in page
    assert reverse("agreements:detail", args=[klyve_clause.agreement_id]) in page
    assert "Godkjent av sentralen" in page
    assert "Felles ramme: gjelder alle avtaler" in page and "Kommunens rolle" in page


def test_a_leader_sees_only_the_own_centres_clauses(
    client_for, leader_b, goal, klyve_clause, gulset_clause, framework_clause
):
    page = _goal_page(client_for(leader_b), goal)
    assert "Områdesatsingen på Gulset" in page
    assert "Forum for nærmiljø og samarbeidsmøter" not in page
    assert "Samarbeidsavtale med Klyve" not in page
    # The common framework is everyone's in the municipality.
    assert "Kommunens rolle" in page


def test_a_reader_sees_clauses_of_concluded_agreements_only(
    client_for, reader, goal, klyve_clause, gulset_clause
):
    Agreement.objects.filter(pk=klyve_clause.agreement_id).update(status=S.ACTIVE)
    page = _goal_page(client_for(reader), goal)
    assert "Forum for nærmiljø og samarbeidsmøter" in page
    assert "Områdesatsingen på Gulset" not in page


def test_expired_and_renewed_agreements_no_longer_follow_the_goal_up(
    client_for, coordinator, goal, klyve_clause
):
    Agreement.objects.filter(pk=klyve_clause.agreement_id).update(status=S.EXPIRED)
    page = _goal_page(client_for(coordinator), goal)
    assert "Forum for nærmiljø og samarbeidsmøter" not in page
    assert "Ingen avtalepunkter er knyttet til dette målet ennå." in page


def test_goal_page_costs_the_same_queries_with_more_agreements(
    client_for, coordinator, municipality, goal, klyve_clause, framework_clause, query_count
):
    client = client_for(coordinator)
    url = reverse("plans:goal", args=[goal.pk])
    small = query_count.get(client, url)
    strategies = list(goal.strategies.all())
    for number in range(20):
        agreement = AgreementFactory(centre=CentreFactory(municipality=municipality))
        for strategy in strategies:
            clause = AgreementClauseFactory(agreement=agreement)
            clause.goals.add(goal)
            clause.strategies.add(strategy)
        FrameworkClause.objects.create(
            framework=framework_clause.framework,
            order=number + 2,
            title=f"Fellespunkt {number}",
            text="Tekst",
            strategy=strategies[number % len(strategies)],
        )
    large = query_count.get(client, url)
    assert small == large
    assert large <= 15  # 14 + 1 for the coordinator's change log


def test_centre_page_lists_its_agreements_to_those_who_may_see_them(
    client_for, coordinator, leader_a, leader_b, reader, centre_a, klyve_agreement
):
    url = reverse("centres:detail", args=[centre_a.slug])
    for user in (coordinator, leader_a):
        page = client_for(user).get(url).content.decode()
        assert "Samarbeidsavtale med Klyve" in page
        assert klyve_agreement.period_label in page and "Godkjent av sentralen" in page
    # A leader of another centre, and a reader before the agreement is signed.
    for user in (leader_b, reader):
        page = client_for(user).get(url).content.decode()
        assert "Samarbeidsavtale med Klyve" not in page
        assert "Samarbeidsavtaler" not in page


def test_coordinators_dashboard_counts_agreements_and_lists_what_waits(
    client_for, coordinator, centre_a, centre_b, klyve_agreement
):
    AgreementFactory(centre=centre_b, status=S.SENT)
    AgreementFactory(centre=centre_b, status=S.DRAFT)
    page = client_for(coordinator).get(reverse("dashboard")).content.decode()
    assert "Venter på deg (1)" in page
    assert "Sentralen har godkjent: godkjenn for kommunen" in page
    assert "3 avtaler etter status" in page
    assert f"{reverse('agreements:list')}?status=sent" in page


def test_renewal_already_started_does_not_wait(client_for, coordinator, centre_a):
    old = AgreementFactory(centre=centre_a, status=S.RENEWAL_DUE)
    page = client_for(coordinator).get(reverse("dashboard")).content.decode()
    assert "Avtalen går ut snart: start fornyelsen" in page
    AgreementFactory(centre=centre_a, status=S.DRAFT, renewal_of=old)
    page = client_for(coordinator).get(reverse("dashboard")).content.decode()
    assert "Avtalen går ut snart: start fornyelsen" not in page


def test_leaders_dashboard_shows_the_own_agreement_and_what_waits(
    client_for, leader_a, leader_b, klyve_agreement
):
    Agreement.objects.filter(pk=klyve_agreement.pk).update(status=S.SENT)
    page = client_for(leader_a).get(reverse("dashboard")).content.decode()
    assert "Samarbeidsavtale med Klyve" in page and "Sendt til sentralen" in page
    assert "Venter på at dere godkjenner eller ber om endringer" in page
    page = client_for(leader_b).get(reverse("dashboard")).content.decode()
    assert "Samarbeidsavtale med Klyve" not in page
    assert "Sentralen har ingen samarbeidsavtale med kommunen ennå." in page
