"""Pages cost a fixed number of queries, whatever the number of agreements, versions or
comments: small and large data give the same count, under a ceiling."""

import pytest
from django.urls import reverse

from agreements import services
from agreements.models import Agreement

from ..conftest import QueryCount
from ..factories import (
    AgreementClauseFactory,
    AgreementCommentFactory,
    AgreementFactory,
    CentreFactory,
    FrameworkClauseFactory,
    GoalFactory,
    LeaderFactory,
    PlanFactory,
    StrategyFactory,
    drafted_agreement,
)

# Counted with the session and the user. Measured when written: the list 7 (8 for a
# leader, whose centre is read too), the agreement page 15, the versions 8, a comparison
# 9, one version 12 (with its clauses' goals and strategies), the framework 13, the edit
# form 15, the framework form 11; the ceilings leave room for a query or two.
CEILING = {
    "list": 10,
    "detail": 18,
    "versions": 12,  # 8 + 2 for the change log (the agreement and its clauses)
    "compare": 11,
    "version": 14,
    "framework": 15,
    "edit": 17,
    "framework_edit": 15,
}


# The suite's one query counter (tests/conftest.py): GET, 200, the count.
queries = QueryCount().get


def agreements_for(municipality, count, by, framework, *, on_version=None):
    """`count` agreements with clauses, a version and open and resolved comments, each
    with its own centre and leader."""
    made = []
    for n in range(count):
        centre = CentreFactory(municipality=municipality)
        leader = LeaderFactory(centre=centre)
        status = list(Agreement.Status.values)[n % len(Agreement.Status.values)]
        agreement = AgreementFactory(
            centre=centre,
            status=status,
            framework_version=on_version or framework.current_version,
            created_by=by,
        )
        AgreementClauseFactory.create_batch(3, agreement=agreement)
        services.record_version(agreement, by=by)
        AgreementCommentFactory(agreement=agreement, author=leader)
        made.append(agreement)
    return made


def with_versions(agreement, count, by, leader):
    """The agreement with `count` versions, local clauses anchored in a municipal goal and
    strategy, and comment threads with replies."""
    goal = GoalFactory(plan=PlanFactory(municipality=agreement.municipality))
    strategy = StrategyFactory(goal=goal)
    for n in range(2, count + 1):
        clause = AgreementClauseFactory(agreement=agreement, order=10 + n, title=f"Punkt {n}")
        clause.goals.add(goal)
        clause.strategies.add(strategy)
        services.record_version(agreement, by=by, note=f"Endring {n}")
    clauses = list(agreement.clauses.all())
    for n in range(count):
        thread = AgreementCommentFactory(
            agreement=agreement, author=leader, clause_key=clauses[n % len(clauses)].key
        )
        AgreementCommentFactory(agreement=agreement, author=by, parent=thread)
    return agreement


def test_the_list_costs_the_same_for_5_and_50_agreements(
    cast, client_for, municipality, framework, coordinator, query_count
):
    roles = ["coordinator", "leader_a", "reader", "admin"]
    agreements_for(municipality, 5, coordinator, framework)
    few = {who: queries(client_for(cast[who]), reverse("agreements:list")) for who in roles}
    agreements_for(municipality, 45, coordinator, framework)
    assert Agreement.objects.count() == 50
    for who in roles:
        client = client_for(cast[who])
        with query_count(at_most=CEILING["list"]):
            many = queries(client, reverse("agreements:list"))
        assert few[who] == many, f"{who}: {few[who]} queries for 5 agreements, {many} for 50"


@pytest.mark.parametrize("page", ["detail", "versions", "compare", "version"])
def test_an_agreement_page_costs_the_same_with_2_and_50_versions(
    page,
    cast,
    client_for,
    framework,
    centre_a,
    coordinator,
    leader_a,
    query_count,
):
    small = with_versions(drafted_agreement(centre_a, by=coordinator), 2, coordinator, leader_a)
    large = with_versions(drafted_agreement(centre_a, by=coordinator), 50, coordinator, leader_a)
    assert large.versions.count() == 50 and large.comments.count() == 100

    def url(agreement):
        number = agreement.versions.count()
        if page == "version":
            return reverse("agreements:version", args=[agreement.pk, number])
        if page == "compare":
            return reverse("agreements:compare", args=[agreement.pk]) + f"?fra=1&til={number}"
        return reverse(f"agreements:{page}", args=[agreement.pk])

    for who in ("coordinator", "leader_a"):
        client = client_for(cast[who])
        few = queries(client, url(small))
        with query_count(at_most=CEILING[page]):
            many = queries(client, url(large))
        assert few == many, f"{page} for {who}: {few} queries for 2 versions, {many} for 50"


def test_the_framework_page_costs_the_same_for_5_and_50_outdated_agreements(
    client_for, coordinator, municipality, framework, query_count
):
    client = client_for(coordinator)
    first = framework.current_version
    agreements_for(municipality, 5, coordinator, framework)
    services.save_framework(
        framework=framework,
        by=coordinator,
        revision=framework.revision,
        apply_changes=lambda: framework.clauses.filter(title="Møter").update(text="Oftere."),
    )
    url = reverse("agreements:framework", args=[municipality.slug])
    few = queries(client, url)
    agreements_for(municipality, 45, coordinator, framework, on_version=first)
    html = client.get(url).content.decode()
    assert html.count('<th scope="row">') >= 40  # the outdated agreements are listed
    with query_count(at_most=CEILING["framework"]):
        many = queries(client, url)
    assert few == many


def test_the_edit_page_costs_the_same_for_2_and_30_local_clauses(
    client_for, coordinator, municipality, framework, centre_a, centre_b
):
    goals = GoalFactory.create_batch(3, plan=PlanFactory(municipality=municipality))
    small, large = (drafted_agreement(c, by=coordinator) for c in (centre_a, centre_b))
    for agreement, count in ((small, 2), (large, 30)):
        for n in range(count):
            clause = AgreementClauseFactory(agreement=agreement, order=10 + n)
            clause.goals.set(goals[: n % 3])
    client = client_for(coordinator)
    few = queries(client, reverse("agreements:edit", args=[small.pk]))
    many = queries(client, reverse("agreements:edit", args=[large.pk]))
    assert few == many <= CEILING["edit"], f"{few} queries for 2 clauses, {many} for 30"


def test_the_framework_edit_page_costs_the_same_for_3_and_33_clauses(
    client_for, coordinator, municipality, framework
):
    goal = GoalFactory(plan=PlanFactory(municipality=municipality))
    client = client_for(coordinator)
    url = reverse("agreements:framework_edit", args=[municipality.slug])
    few = queries(client, url)
    FrameworkClauseFactory.create_batch(30, framework=framework, goal=goal)
    many = queries(client, url)
    assert few == many <= CEILING["framework_edit"], f"{few} queries for 3 clauses, {many} for 33"
