"""A centre's period goals point to the municipality's goals and strategies, chosen on
the centre edit page by the coordinator or the centre's leader."""

import pytest
from django.urls import reverse

from centres.models import PeriodGoal

from ..factories import GoalFactory, PlanFactory, StrategyFactory
from ..payloads import centre_post


def _with_goal_row(centre, *, goals=(), strategies=(), text="Gode møteplasser i bydelen"):
    data = centre_post(centre)
    data |= {
        "goals-TOTAL_FORMS": "1",
        "goals-0-text": text,
        "goals-0-details": "",
        "goals-0-municipal_goals": [str(pk) for pk in goals],
        "goals-0-municipal_strategies": [str(pk) for pk in strategies],
    }
    return data


@pytest.mark.parametrize("role", ["coordinator", "leader_a"])
def test_coordinator_and_leader_link_a_centre_goal_to_municipal_goals(
    role, cast, client_for, centre_a, goal
):
    client = client_for(cast[role])
    strategy = goal.strategies.get(number=3)
    response = client.post(
        reverse("centres:edit", args=[centre_a.slug]),
        _with_goal_row(centre_a, goals=[goal.pk], strategies=[strategy.pk]),
    )
    assert response.status_code == 302
    centre_goal = PeriodGoal.objects.get(period__centre=centre_a)
    assert list(centre_goal.municipal_goals.all()) == [goal]
    assert list(centre_goal.municipal_strategies.all()) == [strategy]

    page = client.get(reverse("centres:detail", args=[centre_a.slug])).content.decode()
    assert "Arbeider for:" in page
    assert reverse("plans:goal", args=[goal.pk]) in page
    assert "Mål 1, strategi 3: Legge bedre til rette for samspill" in page


def test_edit_page_offers_only_the_municipalitys_own_goals(
    client_for, leader_a, centre_a, goal, other_municipality
):
    foreign = GoalFactory(plan=PlanFactory(municipality=other_municipality), title="Drammens mål")
    page = client_for(leader_a).get(reverse("centres:edit", args=[centre_a.slug]))
    text = page.content.decode()
    assert "Kommunale mål sentralen arbeider for" in text
    assert "Frivilligheten i Skien har gode vekstvilkår" in text
    assert foreign.title not in text


def test_another_municipalitys_goal_is_refused_on_the_server(
    client_for, leader_a, centre_a, goal, other_municipality
):
    foreign_goal = GoalFactory(plan=PlanFactory(municipality=other_municipality))
    foreign_strategy = StrategyFactory(goal=foreign_goal)
    response = client_for(leader_a).post(
        reverse("centres:edit", args=[centre_a.slug]),
        _with_goal_row(centre_a, goals=[foreign_goal.pk], strategies=[foreign_strategy.pk]),
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Profilen ble ikke lagret." in text
    assert f"Velg et gyldig valg. {foreign_goal.pk} er ikke et av de tilgjengelige valgene." in text
    assert "Gode møteplasser i bydelen" in text  # what was typed is kept
    assert not PeriodGoal.objects.filter(period__centre=centre_a).exists()


def test_links_can_be_removed_again(client_for, coordinator, centre_a, klyve_goal):
    data = centre_post(centre_a)
    data |= {
        "goals-TOTAL_FORMS": "1",
        "goals-INITIAL_FORMS": "1",
        "goals-0-id": str(klyve_goal.pk),
        "goals-0-text": klyve_goal.text,
        "goals-0-details": "",
    }
    response = client_for(coordinator).post(reverse("centres:edit", args=[centre_a.slug]), data)
    assert response.status_code == 302
    assert not klyve_goal.municipal_strategies.exists()
