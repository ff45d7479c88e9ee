"""Plans are edited in the admin: it renders and saves for an admin, keeps the
hierarchy rules, records history, and is closed to coordinators and leaders."""

import pytest
from django.contrib.admin.models import LogEntry

from plans.models import Measure

MODELS = ["plan", "goal", "strategy", "measure", "hearing"]


def _management(prefix, total, initial):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


@pytest.fixture
def objects(strategy_plan, goal, overdue_measure, hearing):
    return {
        "plan": strategy_plan,
        "goal": goal,
        "strategy": goal.strategies.first(),
        "measure": overdue_measure,
        "hearing": hearing,
    }


@pytest.mark.parametrize("model", MODELS)
def test_admin_changelist_add_change_and_history_pages_render(
    model, client_for, admin_user, objects
):
    client = client_for(admin_user)
    pk = objects[model].pk
    for url in (
        f"/admin/plans/{model}/",
        f"/admin/plans/{model}/add/",
        f"/admin/plans/{model}/{pk}/change/",
        f"/admin/plans/{model}/{pk}/history/",
    ):
        assert client.get(url).status_code == 200, url


def test_admin_filters_and_searches_plans(client_for, admin_user, strategy_plan, municipality):
    client = client_for(admin_user)
    response = client.get(
        "/admin/plans/plan/", {"municipality__id__exact": municipality.pk, "q": "kultur"}
    )
    assert strategy_plan.title in response.content.decode()
    response = client.get("/admin/plans/plan/", {"kind__exact": "thematic"})
    assert strategy_plan.title not in response.content.decode()


def test_admin_edits_a_goal_and_adds_a_strategy_inline_with_history(client_for, admin_user, goal):
    client = client_for(admin_user)
    data = {
        "plan": goal.plan.pk,
        "number": 1,
        "title": "Frivilligheten i Skien har svært gode vekstvilkår",
        "description": "",
        **_management("strategies", 4, 3),
        **_management("measures", 0, 0),
    }
    for i, strategy in enumerate(goal.strategies.all()):
        data |= {
            f"strategies-{i}-id": strategy.pk,
            f"strategies-{i}-goal": goal.pk,
            f"strategies-{i}-number": strategy.number,
            f"strategies-{i}-text": strategy.text,
        }
    data |= {"strategies-3-goal": goal.pk, "strategies-3-number": 4, "strategies-3-text": "Ny"}
    response = client.post(f"/admin/plans/goal/{goal.pk}/change/", data)
    assert response.status_code == 302, response.context["errors"]
    goal.refresh_from_db()
    assert goal.title == "Frivilligheten i Skien har svært gode vekstvilkår"
    assert list(goal.strategies.values_list("number", flat=True)) == [1, 2, 3, 4]
    assert LogEntry.objects.filter(object_id=str(goal.pk), user=admin_user).exists()
    history = client.get(f"/admin/plans/goal/{goal.pk}/history/").content.decode()
    assert "Endret" in history or "Changed" in history


def test_admin_refuses_a_measure_in_a_strategy_with_a_norwegian_message(
    client_for, admin_user, strategy_plan, goal
):
    response = client_for(admin_user).post(
        "/admin/plans/measure/add/",
        {
            "plan": strategy_plan.pk,
            "goal": goal.pk,
            "text": "Nytt tiltak",
            "responsible": "",
            "deadline": "",
            "status": "planned",
            "progress_notes": "",
        },
    )
    assert response.status_code == 200
    assert "Kommunedelplan har ikke tiltak." in response.content.decode()
    assert not Measure.objects.filter(text="Nytt tiltak").exists()


def test_admin_adds_a_measure_to_a_thematic_plan(client_for, admin_user, thematic_plan, goal):
    response = client_for(admin_user).post(
        "/admin/plans/measure/add/",
        {
            "plan": thematic_plan.pk,
            "goal": goal.pk,
            "strategy": goal.strategies.get(number=2).pk,
            "text": "Ny tilskuddsordning: inkludering i bydelene",
            "responsible": "Kultur",
            "deadline": "2026-12-31",
            "status": "in_progress",
            "progress_notes": "",
        },
    )
    assert response.status_code == 302
    assert thematic_plan.measures.get().strategy.number == 2


def test_admin_view_on_site_links_to_the_portal_page(client_for, admin_user, goal):
    page = client_for(admin_user).get(f"/admin/plans/goal/{goal.pk}/change/").content.decode()
    assert "/admin/r/" in page


@pytest.mark.parametrize("role", ["coordinator", "leader_a", "reader"])
def test_admin_refuses_the_portal_users(role, cast, client_for, objects):
    client = client_for(cast[role])
    for url in ("/admin/plans/plan/", f"/admin/plans/goal/{objects['goal'].pk}/change/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/admin/login/")


def test_admin_refuses_a_hearing_input_changing_another_municipalitys_goal(
    client_for, admin_user, hearing, other_municipality
):
    from ..factories import GoalFactory, PlanFactory

    foreign_goal = GoalFactory(plan=PlanFactory(municipality=other_municipality))
    data = {
        "plan": hearing.plan.pk,
        "start_date": "2023-06-15",
        "end_date": "2023-09-17",
        "summary": "",
        **_management("inputs", 4, 3),
    }
    for i, item in enumerate(hearing.inputs.all()):
        data |= {
            f"inputs-{i}-id": item.pk,
            f"inputs-{i}-hearing": hearing.pk,
            f"inputs-{i}-number": item.number,
            f"inputs-{i}-submitted_by": item.submitted_by,
            f"inputs-{i}-received": "",
            f"inputs-{i}-summary": item.summary,
            f"inputs-{i}-outcome": item.outcome,
            f"inputs-{i}-assessment": item.assessment,
        }
    data |= {
        "inputs-3-hearing": hearing.pk,
        "inputs-3-number": 4,
        "inputs-3-summary": "Nytt innspill",
        "inputs-3-outcome": "worked_in",
        "inputs-3-assessment": "Innarbeidet i mål 1.",
        "inputs-3-changed_goals": [foreign_goal.pk],
    }
    client = client_for(admin_user)
    response = client.post(f"/admin/plans/hearing/{hearing.pk}/change/", data)
    assert response.status_code == 200
    assert "bare ha endret mål og strategier i planens egen kommune" in response.content.decode()
    assert hearing.inputs.count() == 3

    own_goal = hearing.plan.goals.get(number=1)
    data["inputs-3-changed_goals"] = [own_goal.pk]
    assert client.post(f"/admin/plans/hearing/{hearing.pk}/change/", data).status_code == 302
    assert hearing.inputs.get(number=4).changed_goals.get() == own_goal
