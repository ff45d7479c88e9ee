"""A question bound to the centre's profile: the form opens with the profile's target
groups; the confirmation page shows what would change; with the leader's consent the
profile is updated in the same transaction as the submission (history records both);
a profile changed by someone else in between is a conflict, never overwritten."""

import pytest
from django.urls import reverse

from centres.models import TargetGroup
from centres.services import replace_target_groups, target_group_names
from surveys.models import Answer, Question, SurveyResponse

from ..factories import QuestionFactory, SurveyResponseFactory
from .conftest import answer_url


@pytest.fixture
def bound(survey, centre_a):
    replace_target_groups(centre_a, ["Barn og unge", "Seniorer", "Innvandrere"])
    question = QuestionFactory(
        survey=survey,
        kind=Question.Kind.RANKED,
        rank_count=3,
        text="Hvem er sentralens viktigste målgrupper?",
        profile_field=Question.ProfileField.TARGET_GROUPS,
    )
    SurveyResponseFactory(survey=survey, centre=centre_a, status="not_started")
    return question


def items(question, names):
    return {f"q{question.pk}_{n}": name for n, name in enumerate(names, 1)}


def submit(client, survey, centre, data, revision=0):
    return client.post(
        answer_url(survey, centre), {**data, "revision": revision, "action": "submit"}
    )


def confirm(client, survey, centre, **extra):
    response = SurveyResponse.objects.get(survey=survey, centre=centre)
    return client.post(
        answer_url(survey, centre), {"action": "confirm", "revision": response.revision, **extra}
    )


def test_the_form_opens_with_the_profiles_target_groups(
    client_for, leader_a, survey, bound, centre_a
):
    page = client_for(leader_a).get(answer_url(survey, centre_a)).content.decode()
    assert 'value="Barn og unge"' in page and 'value="Innvandrere"' in page
    assert "Fylt ut fra sentralens profil." in page
    assert not Answer.objects.exists()  # nothing stored before the leader saves


def test_an_unchanged_answer_asks_nothing_about_the_profile(
    client_for, leader_a, survey, bound, centre_a
):
    client = client_for(leader_a)
    data = items(bound, ["Barn og unge", "Seniorer", "Innvandrere"])
    page = submit(client, survey, centre_a, data).content.decode()
    assert "Send inn svaret?" in page and "Endringer i sentralens profil" not in page


def test_the_leader_changes_a_target_group_and_the_profile_follows(
    client_for, leader_a, survey, bound, centre_a
):
    client = client_for(leader_a)
    data = items(bound, ["Barn og unge", "Seniorer", "Flyktninger"])
    page = submit(client, survey, centre_a, data).content.decode()
    assert "Endringer i sentralens profil" in page
    assert "Nå i profilen" in page and "<li>Innvandrere</li>" in page
    assert "<li>Flyktninger</li>" in page and 'name="update_profile"' in page
    done = confirm(
        client,
        survey,
        centre_a,
        update_profile="yes",
        seen_target_groups=["Barn og unge", "Seniorer", "Innvandrere"],
    )
    assert done.status_code == 302
    assert SurveyResponse.objects.get(centre=centre_a, survey=survey).is_submitted
    assert target_group_names(centre_a) == ["Barn og unge", "Seniorer", "Flyktninger"]
    created = TargetGroup.history.filter(
        centre_id=centre_a.pk, history_type="+", name="Flyktninger"
    )
    assert created.get().history_user == leader_a
    assert Answer.history.filter(question_id=bound.pk, history_user=leader_a).exists()
    profile = client.get(reverse("centres:detail", args=[centre_a.slug])).content.decode()
    assert "Flyktninger" in profile


def test_without_consent_only_the_answer_is_submitted(
    client_for, leader_a, survey, bound, centre_a
):
    client = client_for(leader_a)
    submit(client, survey, centre_a, items(bound, ["Flyktninger"]))
    confirm(client, survey, centre_a, seen_target_groups=["Barn og unge"])
    assert SurveyResponse.objects.get(centre=centre_a, survey=survey).is_submitted
    assert target_group_names(centre_a) == ["Barn og unge", "Seniorer", "Innvandrere"]


def test_a_profile_changed_in_between_is_a_conflict(
    client_for, leader_a, coordinator, survey, bound, centre_a
):
    client = client_for(leader_a)
    submit(client, survey, centre_a, items(bound, ["Barn og unge", "Seniorer", "Flyktninger"]))
    # Meanwhile the coordinator edits the profile.
    replace_target_groups(centre_a, ["Barn og unge", "Familier"], by=coordinator)
    page = confirm(
        client,
        survey,
        centre_a,
        update_profile="yes",
        seen_target_groups=["Barn og unge", "Seniorer", "Innvandrere"],
    )
    assert page.status_code == 409
    text = page.content.decode()
    assert "Profilen ble endret av noen andre mens du så over svaret" in text
    assert "<li>Familier</li>" in text
    response = SurveyResponse.objects.get(centre=centre_a, survey=survey)
    assert not response.is_submitted  # all or nothing
    assert target_group_names(centre_a) == ["Barn og unge", "Familier"]
    # Confirming again, having seen the profile as it is now, goes through.
    again = confirm(
        client,
        survey,
        centre_a,
        update_profile="yes",
        seen_target_groups=["Barn og unge", "Familier"],
    )
    assert again.status_code == 302
    assert target_group_names(centre_a) == ["Barn og unge", "Seniorer", "Flyktninger"]


def test_only_one_question_per_profile_field(client_for, coordinator, draft_survey):
    QuestionFactory(
        survey=draft_survey,
        kind=Question.Kind.RANKED,
        profile_field=Question.ProfileField.TARGET_GROUPS,
    )
    page = client_for(coordinator).post(
        reverse("surveys:question_add", args=[draft_survey.pk]),
        {
            "text": "Målgrupper igjen?",
            "kind": "ranked",
            "rank_count": "3",
            "profile_field": "target_groups",
            "condition": "",
        },
    )
    assert "Et annet spørsmål i undersøkelsen er allerede knyttet til dette." in (
        page.content.decode()
    )


def test_partners_bound_to_the_profile_keep_how_the_cooperation_works(
    client_for, leader_a, survey, centre_a, coordinator
):
    from centres.models import Partner
    from centres.services import partner_names

    Partner.objects.create(centre=centre_a, order=1, name="NAV", cooperation="Arbeidstrening")
    Partner.objects.create(centre=centre_a, order=2, name="Skolen", cooperation="Leksehjelp")
    question = QuestionFactory(
        survey=survey,
        kind=Question.Kind.RANKED,
        rank_count=5,
        text="Hvem samarbeider sentralen med?",
        profile_field=Question.ProfileField.PARTNERS,
    )
    SurveyResponseFactory(survey=survey, centre=centre_a, status="not_started")
    client = client_for(leader_a)
    page = client.get(answer_url(survey, centre_a)).content.decode()
    assert f'name="q{question.pk}_1" value="NAV"' in page
    submit(client, survey, centre_a, items(question, ["Skolen", "Røde Kors"]))
    # The coordinator's edit in between is a conflict ...
    stale = confirm(client, survey, centre_a, update_profile="yes", seen_partners=["NAV"])
    assert stale.status_code == 409 and partner_names(centre_a) == ["NAV", "Skolen"]
    # ... and with the profile as it is, the answer goes into it.
    confirm(client, survey, centre_a, update_profile="yes", seen_partners=["NAV", "Skolen"])
    assert partner_names(centre_a) == ["Skolen", "Røde Kors"]
    assert Partner.objects.get(name="Skolen").cooperation == "Leksehjelp"
    assert Partner.history.filter(name="NAV", history_type="-").get().history_user == leader_a
