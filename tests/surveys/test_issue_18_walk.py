"""Issue 18's «done when», through the HTTP stack: the coordinator copies last year's
round and builds a 0–10 scale with her own end words, a choice with «Annet» and a
question bound to the centres' target groups, moves the choice up without a form, and
sends it; Klyve's leader opens the form with the profile's target groups, takes last
year's answer with «Bruk alle fjorårets svar», changes one target group, agrees to
update the profile, and the profile shows the change, with history."""

import datetime

from django.urls import reverse
from django.utils import timezone

from centres.models import TargetGroup
from centres.services import replace_target_groups, target_group_names
from surveys.models import Answer, Question, Survey, SurveyResponse

from ..factories import QuestionFactory, SurveyFactory, SurveyResponseFactory
from .conftest import answer_url


def build(client, survey, **data):
    fields = {"help_text": "", "required": "on", "rank_count": "3", "condition": "", **data}
    done = client.post(reverse("surveys:question_add", args=[survey.pk]), fields)
    assert done.status_code == 302, done.content.decode()[:2000]
    return Question.objects.get(survey=survey, text=data["text"])


def test_the_coordinator_builds_and_klyve_answers_from_profile_and_last_year(
    client_for, coordinator, leader_a, municipality, centre_a
):
    replace_target_groups(centre_a, ["Barn og unge", "Seniorer", "Innvandrere"])
    last = SurveyFactory(
        municipality=municipality,
        round=2025,
        deadline=timezone.localdate() - datetime.timedelta(days=300),
        status=Survey.Status.CLOSED,
        title="Spørreundersøkelse 2025",
    )
    volunteers = QuestionFactory(
        survey=last, kind="number", text="Hvor mange frivillige har sentralen?", unit="personer"
    )
    answered = SurveyResponseFactory(
        survey=last, centre=centre_a, status=SurveyResponse.Status.SUBMITTED
    )
    Answer.objects.create(response=answered, question=volunteers, number=40)

    client = client_for(coordinator)
    client.post(reverse("surveys:copy", args=[last.pk]))
    survey = Survey.objects.get(round=2026)
    survey.deadline = timezone.localdate() + datetime.timedelta(days=14)
    survey.save()
    scale = build(
        client,
        survey,
        text="Hvor godt kjenner kommunen sentralen?",
        kind="scale",
        scale_min="0",
        scale_max="10",
        scale_low="ikke i det hele tatt",
        scale_high="svært godt",
    )
    assert (scale.scale_min, scale.scale_max, scale.scale_high) == (0, 10, "svært godt")
    reach = build(
        client,
        survey,
        text="Hvordan når dere nye frivillige?",
        kind="single",
        choices_text="Sosiale medier\nAvisen",
        allow_other="on",
    )
    groups = build(
        client,
        survey,
        text="Hvem er sentralens viktigste målgrupper?",
        kind="ranked",
        profile_field="target_groups",
    )
    # «Opp» from the list: the choice becomes question 2.
    moved = client.post(
        reverse("surveys:question_move", args=[survey.pk, reach.pk, "opp"]),
        HTTP_X_REQUESTED_WITH="fetch",
    )
    assert moved.json()["message"] == "Spørsmål 3 er flyttet opp og er nå spørsmål 2."
    client.post(reverse("surveys:send", args=[survey.pk]))
    survey.refresh_from_db()
    assert survey.is_open

    leader = client_for(leader_a)
    url = answer_url(survey, centre_a)
    page = leader.get(url).content.decode()
    assert f'name="q{groups.pk}_1" value="Barn og unge"' in page  # from the profile
    assert "Fjorårets svar:" in page and "40 personer" in page
    copied = survey.questions.get(copied_from=volunteers)
    data = {
        "revision": 0,
        f"q{scale.pk}": "7",
        f"q{reach.pk}": Question.OTHER,
        f"q{reach.pk}_other": "Frivilligbørsen",
        f"q{groups.pk}_1": "Barn og unge",
        f"q{groups.pk}_2": "Seniorer",
        f"q{groups.pk}_3": "Innvandrere",
    }
    filled = leader.post(url, {**data, "action": "previous:all"}).content.decode()
    assert 'value="40"' in filled and 'value="40"' not in page  # filled in when asked
    data[f"q{copied.pk}"] = "40"
    data[f"q{groups.pk}_3"] = "Flyktninger"  # one target group changed
    confirm = leader.post(url, {**data, "action": "submit"}).content.decode()
    assert "Endringer i sentralens profil" in confirm and "<li>Flyktninger</li>" in confirm
    response = SurveyResponse.objects.get(survey=survey, centre=centre_a)
    done = leader.post(
        url,
        {
            "action": "confirm",
            "revision": response.revision,
            "update_profile": "yes",
            "seen_target_groups": ["Barn og unge", "Seniorer", "Innvandrere"],
        },
    )
    assert done.status_code == 302
    response.refresh_from_db()
    assert response.is_submitted
    assert target_group_names(centre_a) == ["Barn og unge", "Seniorer", "Flyktninger"]
    added = TargetGroup.history.get(centre_id=centre_a.pk, name="Flyktninger", history_type="+")
    assert added.history_user == leader_a
    gone = TargetGroup.history.get(centre_id=centre_a.pk, name="Innvandrere", history_type="-")
    assert gone.history_user == leader_a
    profile = leader.get(reverse("centres:detail", args=[centre_a.slug])).content.decode()
    assert "Flyktninger" in profile and "Innvandrere" not in profile
    answer = response.answers.get(question=reach)
    assert (answer.text, answer.other) == (Question.OTHER, "Frivilligbørsen")
