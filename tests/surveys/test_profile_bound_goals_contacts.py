"""Questions bound to the centre's goals for the period and its contact persons, as the
target groups and partners are: the form opens with the profile's values, the
confirmation page shows now and after, the profile follows with the leader's consent
(history records it), and a profile changed in between is a conflict."""

import pytest
from django.urls import reverse

from centres.models import ContactPerson, GoalPeriod, PeriodGoal
from centres.services import contact_names, period_goal_texts

from ..factories import (
    ContactPersonFactory,
    GoalFactory,
    GoalPeriodFactory,
    PeriodGoalFactory,
    PlanFactory,
    QuestionFactory,
    SurveyResponseFactory,
)
from .conftest import answer_url
from .test_profile_bound import confirm, items, submit


def bound_question(survey, field, text, rank_count=3):
    return QuestionFactory(
        survey=survey, kind="ranked", rank_count=rank_count, text=text, profile_field=field
    )


@pytest.fixture
def goals(survey, centre_a, municipality):
    """Klyve's goals for 2025–2026 (and an older period), the first serving a municipal
    goal."""
    GoalPeriodFactory(centre=centre_a, start_year=2021, end_year=2024)
    period = GoalPeriodFactory(centre=centre_a, start_year=2025, end_year=2026)
    first = PeriodGoalFactory(
        period=period, order=1, text="Flere unge frivillige", details="Skoler"
    )
    first.municipal_goals.add(GoalFactory(plan=PlanFactory(municipality=municipality)))
    PeriodGoalFactory(period=period, order=2, text="Møteplasser for eldre")
    question = bound_question(survey, "goals", "Hva er sentralens mål for perioden?")
    SurveyResponseFactory(survey=survey, centre=centre_a, status="not_started")
    return question


def test_the_form_opens_with_the_current_periods_goals(
    client_for, leader_a, survey, goals, centre_a
):
    page = client_for(leader_a).get(answer_url(survey, centre_a)).content.decode()
    assert f'name="q{goals.pk}_1" value="Flere unge frivillige"' in page
    assert f'name="q{goals.pk}_2" value="Møteplasser for eldre"' in page


def test_the_leader_changes_the_goals_and_the_period_follows(
    client_for, leader_a, survey, goals, centre_a
):
    client = client_for(leader_a)
    answer = ["Møteplasser for eldre", "Flere unge frivillige", "Digital hjelp"]
    page = submit(client, survey, centre_a, items(goals, answer)).content.decode()
    assert "Sentralens mål for perioden" in page and "<li>Digital hjelp</li>" in page
    seen = ["Flere unge frivillige", "Møteplasser for eldre"]
    done = confirm(client, survey, centre_a, update_profile="yes", seen_goals=seen)
    assert done.status_code == 302
    assert period_goal_texts(centre_a) == answer
    kept = PeriodGoal.objects.get(text="Flere unge frivillige")
    # A goal named again keeps its details and the municipal goal it serves.
    assert kept.details == "Skoler" and kept.municipal_goals.count() == 1
    assert PeriodGoal.history.get(text="Digital hjelp").history_user == leader_a
    profile = client.get(reverse("centres:detail", args=[centre_a.slug])).content.decode()
    assert "Digital hjelp" in profile


def test_a_goal_left_out_goes_with_its_links(client_for, leader_a, survey, goals, centre_a):
    client = client_for(leader_a)
    submit(client, survey, centre_a, items(goals, ["Møteplasser for eldre"]))
    seen = ["Flere unge frivillige", "Møteplasser for eldre"]
    confirm(client, survey, centre_a, update_profile="yes", seen_goals=seen)
    assert period_goal_texts(centre_a) == ["Møteplasser for eldre"]
    assert PeriodGoal.municipal_goals.through.objects.count() == 0
    gone = PeriodGoal.history.filter(text="Flere unge frivillige", history_type="-")
    assert gone.get().history_user == leader_a


def test_goals_changed_in_between_are_a_conflict(
    client_for, leader_a, coordinator, survey, goals, centre_a
):
    client = client_for(leader_a)
    submit(client, survey, centre_a, items(goals, ["Digital hjelp"]))
    PeriodGoal.objects.filter(text="Møteplasser for eldre").update(text="Turgrupper")
    seen = ["Flere unge frivillige", "Møteplasser for eldre"]
    page = confirm(client, survey, centre_a, update_profile="yes", seen_goals=seen)
    assert page.status_code == 409
    assert "<li>Turgrupper</li>" in page.content.decode()
    assert period_goal_texts(centre_a) == ["Flere unge frivillige", "Turgrupper"]
    assert not survey.responses.get(centre=centre_a).is_submitted


def test_a_centre_without_a_period_gets_one_for_this_year(client_for, leader_a, survey, centre_a):
    question = bound_question(survey, "goals", "Hva er sentralens mål?")
    SurveyResponseFactory(survey=survey, centre=centre_a, status="not_started")
    client = client_for(leader_a)
    submit(client, survey, centre_a, items(question, ["Flere frivillige"]))
    confirm(client, survey, centre_a, update_profile="yes")
    period = GoalPeriod.objects.get(centre=centre_a)
    assert period.start_year == period.end_year and period_goal_texts(centre_a) == [
        "Flere frivillige"
    ]


def test_contact_persons_bound_to_the_profile_keep_their_address(
    client_for, leader_a, survey, centre_a
):
    ContactPersonFactory(centre=centre_a, order=1, name="Kari Nordmann", email="kari@klyve.no")
    ContactPersonFactory(centre=centre_a, order=2, name="Ola Hansen")
    question = bound_question(survey, "contacts", "Hvem er sentralens kontaktperson?", 2)
    SurveyResponseFactory(survey=survey, centre=centre_a, status="not_started")
    client = client_for(leader_a)
    page = client.get(answer_url(survey, centre_a)).content.decode()
    assert f'name="q{question.pk}_1" value="Kari Nordmann"' in page
    page = submit(client, survey, centre_a, items(question, ["Kari Nordmann", "Per Berg"]))
    assert "Sentralens kontaktpersoner" in page.content.decode()
    # Stale: the coordinator's edit in between is not overwritten.
    stale = confirm(client, survey, centre_a, update_profile="yes", seen_contacts=["Kari"])
    assert stale.status_code == 409 and contact_names(centre_a) == ["Kari Nordmann", "Ola Hansen"]
    seen = ["Kari Nordmann", "Ola Hansen"]
    confirm(client, survey, centre_a, update_profile="yes", seen_contacts=seen)
    assert contact_names(centre_a) == ["Kari Nordmann", "Per Berg"]
    assert ContactPerson.objects.get(name="Kari Nordmann").email == "kari@klyve.no"
    assert ContactPerson.history.get(name="Per Berg").history_user == leader_a


def test_a_contact_name_longer_than_the_profile_holds_is_refused_next_to_the_field(
    client_for, leader_a, survey, centre_a
):
    question = bound_question(survey, "contacts", "Hvem er kontaktpersonen?", 1)
    SurveyResponseFactory(survey=survey, centre=centre_a, status="not_started")
    page = submit(client_for(leader_a), survey, centre_a, items(question, ["K" * 151]))
    assert page.status_code == 200
    text = page.content.decode()
    assert f'id="q{question.pk}_error"' in text and "K" * 151 in text
    assert contact_names(centre_a) == []
