"""The coordinator (and the admin) sees the change log on the object's page: who changed
what and when, field by field; leaders, readers and other municipalities do not. Each
page costs the same queries with one change and with many."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from agreements import transitions as agreement_transitions
from centres.models import Centre
from frivillig.lib import history
from surveys.models import Answer, SurveyResponse

from ..agreements.conftest import edit_post
from ..payloads import centre_post


def _edit_centre(client, centre, **fields):
    response = client.post(
        reverse("centres:edit", args=[centre.slug]), centre_post(centre, **fields)
    )
    assert response.status_code == 302


def test_the_coordinator_sees_who_changed_the_centre_and_what(
    client_for, page_of, coordinator, leader_a, centre_a
):
    _edit_centre(client_for(leader_a), centre_a, phone="35 58 10 00")
    _edit_centre(client_for(leader_a), centre_a, phone="35 58 99 99")
    status, page = page_of(coordinator, reverse("centres:detail", args=[centre_a.slug]))
    assert status == 200
    assert "Endringslogg" in page and 'id="changelog-heading"' in page
    assert '<th scope="col">Endret av</th>' in page and "<time datetime=" in page
    assert leader_a.get_full_name() in page
    assert "<del>35 58 10 00</del> → <ins>35 58 99 99</ins>" in page


@pytest.mark.parametrize("who", ["leader_a", "leader_b", "reader", "other_coordinator"])
def test_others_do_not_see_the_centre_log(client_for, page_of, cast, who, centre_a, leader_a):
    _edit_centre(client_for(leader_a), centre_a, phone="35 58 10 00")
    status, page = page_of(cast[who], reverse("centres:detail", args=[centre_a.slug]))
    assert status in (200, 404) and "Endringslogg" not in page


def test_the_admin_sees_the_log(page_of, admin_user, centre_a, leader_a, client_for):
    _edit_centre(client_for(leader_a), centre_a, district="Lie")
    status, page = page_of(admin_user, reverse("centres:detail", args=[centre_a.slug]))
    assert status == 200 and "Endringslogg" in page


def test_the_survey_page_logs_the_survey_and_its_questions(
    client_for, page_of, coordinator, survey, questions
):
    question = questions["goals"]
    question.text = "Hva er målene deres?"
    question._history_user = coordinator
    question.save()
    status, page = page_of(coordinator, reverse("surveys:detail", args=[survey.pk]))
    assert "Endringslogg" in page and "Hva er målene deres?" in page
    assert "Spørsmål" in page and "<del>" in page


def test_the_response_page_shows_the_coordinator_the_changed_answers(
    client_for, page_of, coordinator, leader_a, reader, survey, questions, response_a
):
    url = reverse("surveys:answer", args=[survey.pk, "klyve"])
    goals = questions["goals"]
    client = client_for(leader_a)
    client.post(url, {"action": "save", "revision": 0, f"q{goals.pk}": "Flere frivillige"})
    client.post(url, {"action": "save", "revision": 1, f"q{goals.pk}": "Flere unge"})
    results = reverse("surveys:centre_results", args=[survey.pk, "klyve"])
    status, page = page_of(coordinator, results)
    assert status == 200
    assert "<del>Flere frivillige</del> → <ins>Flere unge</ins>" in page
    assert goals.text[:40] in page
    status, page = page_of(leader_a, results)
    assert "Endringslogg" not in page


def test_the_agreement_history_page_shows_row_changes_to_the_coordinator_only(
    client_for, page_of, coordinator, leader_a, agreement
):
    client = client_for(coordinator)
    client.post(
        reverse("agreements:edit", args=[agreement.pk]), edit_post(agreement, premises="Lie skole")
    )
    client.post(reverse("agreements:transition", args=[agreement.pk, "send"]))
    url = reverse("agreements:versions", args=[agreement.pk])
    status, page = page_of(coordinator, url)
    assert status == 200 and "Endringslogg" in page
    assert "<ins>Lie skole</ins>" in page
    assert "<del>Utkast</del> → <ins>Sendt til sentralen</ins>" in page
    status, page = page_of(leader_a, url)
    assert status == 200 and "Endringslogg" not in page


def test_the_plan_and_goal_pages_show_admin_edits(page_of, coordinator, reader, admin_user, goal):
    goal.title = "Frivilligheten har svært gode vekstvilkår"
    goal._history_user = admin_user
    goal.save()
    plan_log = reverse("changelog", args=["plan", goal.plan.pk])
    status, page = page_of(coordinator, goal.plan.get_absolute_url())
    assert f'href="{plan_log}"' in page  # the plan's page reads the plan's own rows
    for url in (goal.get_absolute_url(), plan_log):
        status, page = page_of(coordinator, url)
        assert status == 200 and "Endringslogg" in page, url
        assert "<ins>Frivilligheten har svært gode vekstvilkår</ins>" in page, url
        assert admin_user.username in page or admin_user.get_full_name() in page
    for url in (goal.get_absolute_url(), goal.plan.get_absolute_url()):
        status, page = page_of(reader, url)
        assert status == 200 and "Endringslogg" not in page, url


def test_a_change_of_bookkeeping_only_is_not_listed(page_of, coordinator, centre_a):
    centre_a.save()  # nothing a person changed
    centre_a.save()
    status, page = page_of(coordinator, reverse("centres:detail", args=[centre_a.slug]))
    assert "Ingen endringer er registrert ennå." not in page  # the creation is listed
    assert page.count("<td>Endret") + page.count("Endret\n") <= 1


# --- the full change log ---------------------------------------------------------------


def test_many_changes_link_to_the_full_log(client_for, page_of, coordinator, centre_a):
    for n in range(12):
        centre = Centre.objects.get(pk=centre_a.pk)
        centre.phone = f"35 58 10 {n:02}"
        centre.save()
    status, page = page_of(coordinator, reverse("centres:detail", args=[centre_a.slug]))
    full = reverse("changelog", args=["sentral", centre_a.pk])
    assert f'href="{full}"' in page and "Se hele endringsloggen" in page
    status, page = page_of(coordinator, full)
    assert status == 200 and page.count("<ins>35 58 10") == 12


def _full_log_urls(centre, survey, response, agreement, plan, goal):
    return {
        "sentral": reverse("changelog", args=["sentral", centre.pk]),
        "undersokelse": reverse("changelog", args=["undersokelse", survey.pk]),
        "svar": reverse("changelog", args=["svar", response.pk]),
        "avtale": reverse("changelog", args=["avtale", agreement.pk]),
        "plan": reverse("changelog", args=["plan", plan.pk]),
        "mal": reverse("changelog", args=["mal", goal.pk]),
    }


# Expected status of the full log per role: strangers 404, those who see the object 403.
EXPECTED = {
    "anonymous": {"*": 302},
    "coordinator": {"*": 200},
    "admin": {"*": 200},
    "other_coordinator": {"*": 404},
    "reader": {"*": 403, "undersokelse": 404, "svar": 404, "avtale": 404},
    "leader_a": {"*": 403},
    "leader_b": {"*": 403, "svar": 404, "avtale": 404},
}


@pytest.mark.parametrize("who", list(EXPECTED))
def test_the_full_log_is_for_the_coordinator_and_the_admin(
    client_for, cast, who, centre_a, survey, response_a, agreement, goal
):
    urls = _full_log_urls(centre_a, survey, response_a, agreement, goal.plan, goal)
    client = client_for(cast[who])
    for kind, url in urls.items():
        expected = EXPECTED[who].get(kind, EXPECTED[who]["*"])
        assert client.get(url).status_code == expected, (who, kind)


def test_an_unknown_kind_is_404(client_for, coordinator):
    assert client_for(coordinator).get("/endringslogg/ukjent/1/").status_code == 404


# --- query counts ----------------------------------------------------------------------


def _make_changes(n, *, centre, question, goal, response, agreement, coordinator, leader):
    for i in range(n):
        centre = Centre.objects.get(pk=centre.pk)
        centre.phone = f"35 58 10 {i:02}"
        centre.save()
        question.text = f"Spørsmål {i}"
        question.save()
        goal.title = f"Mål {i}"
        goal.save()
        agreement_transitions.apply_transition(agreement, "send", by=coordinator)
        agreement_transitions.apply_transition(agreement, "withdraw", by=coordinator)
        answer = Answer.objects.filter(response=response, question=question).first()
        if answer is None:
            answer = Answer.objects.create(response=response, question=question, text="Svar")
        answer.text = f"Svar {i}"
        history.record((history.CHANGED, [answer]), by=leader)


# What the pages cost for the coordinator, their log included: one query per kind of row
# it shows (centre 6, survey 2, response 2, agreement 2, plan 5, goal 4).
CEILINGS = {"centre": 19, "survey": 12, "response": 13, "agreement": 10, "plan": 19, "goal": 17}


def test_pages_with_a_log_cost_the_same_for_1_and_40_changes(
    client_for,
    coordinator,
    leader_a,
    centre_a,
    survey,
    questions,
    response_a,
    agreement,
    goal,
    query_count,
):
    response_a.status = SurveyResponse.Status.SUBMITTED
    response_a.save()
    pages = {
        "centre": reverse("centres:detail", args=[centre_a.slug]),
        "survey": reverse("surveys:detail", args=[survey.pk]),
        "response": reverse("surveys:centre_results", args=[survey.pk, "klyve"]),
        "agreement": reverse("agreements:versions", args=[agreement.pk]),
        "plan": goal.plan.get_absolute_url(),
        "goal": goal.get_absolute_url(),
    }
    parts = {
        "centre": centre_a,
        "question": questions["goals"],
        "goal": goal,
        "response": response_a,
        "agreement": agreement,
        "coordinator": coordinator,
        "leader": leader_a,
    }
    client = client_for(coordinator)
    counts = {}
    for changes in (1, 39):
        _make_changes(changes, **parts)
        for name, url in pages.items():
            # Each page as it is first rendered: the plan's goal tree is cached after
            # its first request (and the changes here are made below the services).
            cache.clear()
            counts[name, changes] = query_count.get(client, url, at_most=40)
    for name in pages:
        assert counts[name, 1] == counts[name, 39] <= CEILINGS[name], name
