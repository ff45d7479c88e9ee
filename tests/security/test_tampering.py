"""Fields a role may not set are refused on the server, not only left out of the form.

Each test posts what a browser could send with the form's hidden inputs or names
changed by hand: a field the form does not offer (centre, municipality, status, author,
revision), or the id of someone else's object (another centre's partner, another
municipality's plan goal, another agreement's comment). The server must ignore the
field or refuse the request, and must not move anything into another centre or
municipality. The world is tests/security/conftest.py's: Skien with Klyve (centre A,
leader_a) and Gulset (centre B), and Drammen.
"""

import datetime

import pytest
from django.urls import reverse

from agreements.models import Agreement, AgreementClause, Comment
from centres.models import ContactPerson, Partner, PeriodGoal
from meetings.models import AgendaItem, Meeting
from surveys.models import Answer, Question, Survey, SurveyResponse

from ..agreements.conftest import edit_post, framework_post
from ..factories import (
    AgendaItemFactory,
    AgreementClauseFactory,
    AgreementCommentFactory,
    AgreementFactory,
    ContactPersonFactory,
    GoalFactory,
    GoalPeriodFactory,
    MeetingFactory,
    PartnerFactory,
    PeriodGoalFactory,
    PlanFactory,
    StrategyFactory,
)
from ..payloads import centre_post, meeting_post

S = Agreement.Status


@pytest.fixture
def drammen_goal(world):
    """A goal with a strategy in Drammen's plan: never Skien's to link to."""
    goal = GoalFactory(plan=PlanFactory(municipality=world.other_municipality), number=1)
    StrategyFactory(goal=goal, number=1)
    return goal


@pytest.fixture
def gulset(world):
    """Gulset's own rows: a partner, a contact, a goal and an agreement with a clause and
    a comment."""
    centre = world.centre_b
    agreement = AgreementFactory(centre=centre)
    return {
        "partner": PartnerFactory(centre=centre, name="Gulset idrettslag"),
        "contact": ContactPersonFactory(centre=centre, name="Gulsets kontakt"),
        "goal": PeriodGoalFactory(period=GoalPeriodFactory(centre=centre), text="Gulsets mål"),
        "agreement": agreement,
        "clause": AgreementClauseFactory(agreement=agreement, title="Gulsets punkt"),
        "comment": AgreementCommentFactory(agreement=agreement, text="Gulsets kommentar"),
    }


def as_user(client, user):
    client.force_login(user)
    return client


def goal_rows(world, **row):
    """Klyve's profile with its one centre goal as a formset row, changed by `row`."""
    goal = world.plans.centre_goal
    data = centre_post(world.centre_a)
    data.update(
        {
            "goals-TOTAL_FORMS": "1",
            "goals-INITIAL_FORMS": "1",
            "goals-0-id": str(goal.pk),
            "goals-0-period": str(goal.period_id),
            "goals-0-text": goal.text,
            "goals-0-details": "",
        }
    )
    data.update({f"goals-0-{name}": value for name, value in row.items()})
    return data


# --- the centre profile --------------------------------------------------------------


def registry(centre):
    return (
        centre.name,
        centre.district,
        centre.organisation_model,
        centre.status_note,
        centre.active,
        centre.slug,
        centre.municipality_id,
    )


def test_a_leader_cannot_set_the_registry_fields_or_move_the_centre(client, world):
    centre = world.centre_a
    before = registry(centre)
    data = centre_post(
        centre,
        name="Kapret navn",
        district="Annen bydel",
        organisation_model="municipal",
        status_note="Nedlagt",
        phone="35 00 00 00",
    )
    data.pop("centre-active")  # unticking "active" would deactivate the centre
    data.update(
        {
            "centre-municipality": str(world.other_municipality.pk),
            "centre-slug": "kapret",
            "centre-id": str(world.centre_b.pk),
        }
    )
    url = reverse("centres:edit", args=[centre.slug])
    response = as_user(client, world.cast["leader_a"]).post(url, data)

    assert response.status_code == 302
    centre.refresh_from_db()
    assert centre.phone == "35 00 00 00"  # the leader's own field is saved
    assert registry(centre) == before
    world.centre_b.refresh_from_db()
    assert world.centre_b.phone != "35 00 00 00"


@pytest.mark.parametrize("rows", ["partners", "contacts"])
def test_a_leader_cannot_change_or_delete_another_centres_partner_or_contact(
    client, world, gulset, rows
):
    theirs = gulset["partner" if rows == "partners" else "contact"]
    data = centre_post(world.centre_a)
    data.update(
        {
            f"{rows}-TOTAL_FORMS": "1",
            f"{rows}-INITIAL_FORMS": "1",
            f"{rows}-0-id": str(theirs.pk),
            f"{rows}-0-centre": str(world.centre_a.pk),
            f"{rows}-0-name": "Kapret",
            f"{rows}-0-cooperation": "",
            f"{rows}-0-email": "kapret@example.no",
        }
    )
    client = as_user(client, world.cast["leader_a"])
    url = reverse("centres:edit", args=[world.centre_a.slug])
    model = Partner if rows == "partners" else ContactPerson
    for extra in ({}, {f"{rows}-0-DELETE": "on"}):
        # The foreign id is not the centre's: the row is at most a new one of its own.
        client.post(url, {**data, **extra})
        kept = model.objects.get(pk=theirs.pk)
        assert kept.centre_id == world.centre_b.pk and kept.name == theirs.name
        assert not model.objects.filter(name="Kapret").exclude(centre=world.centre_a).exists()


def test_a_centre_goal_links_only_to_its_own_municipalitys_goals(client, world, drammen_goal):
    goal, strategy = world.plans.goal, world.plans.strategy
    client = as_user(client, world.cast["leader_a"])
    url = reverse("centres:edit", args=[world.centre_a.slug])

    own = {"municipal_goals": [str(goal.pk)], "municipal_strategies": [str(strategy.pk)]}
    response = client.post(url, goal_rows(world, **own))
    assert response.status_code == 302
    centre_goal = PeriodGoal.objects.get(pk=world.plans.centre_goal.pk)
    assert list(centre_goal.municipal_goals.all()) == [goal]

    foreign_strategy = drammen_goal.strategies.get()
    for tampered in (
        {"municipal_goals": [str(goal.pk), str(drammen_goal.pk)]},
        {"municipal_strategies": [str(strategy.pk), str(foreign_strategy.pk)]},
    ):
        response = client.post(url, goal_rows(world, **{**own, **tampered}))
        assert response.status_code == 200
        assert "gyldig" in response.content.decode()
    assert list(centre_goal.municipal_goals.all()) == [goal]
    assert list(centre_goal.municipal_strategies.all()) == [strategy]


def test_a_leader_cannot_move_a_goal_into_another_centres_period_or_take_one(client, world, gulset):
    client = as_user(client, world.cast["leader_a"])
    url = reverse("centres:edit", args=[world.centre_a.slug])
    theirs = gulset["goal"]

    client.post(url, goal_rows(world, period=str(theirs.period_id)))
    assert PeriodGoal.objects.get(pk=world.plans.centre_goal.pk).period.centre == world.centre_a

    client.post(url, goal_rows(world, id=str(theirs.pk), text="Kapret"))
    client.post(url, goal_rows(world, id=str(theirs.pk), DELETE="on"))
    kept = PeriodGoal.objects.get(pk=theirs.pk)
    assert kept.text == "Gulsets mål" and kept.period.centre == world.centre_b
    assert not PeriodGoal.objects.filter(text="Kapret").exclude(period__centre=world.centre_a)


# --- answering a survey ----------------------------------------------------------------


def answer_url(world, name="surveys:answer", centre=None):
    return reverse(name, args=[world.surveys.open.pk, (centre or world.centre_a).slug])


def test_an_answer_is_stored_only_for_the_surveys_questions_and_the_own_centre(client, world):
    s = world.surveys
    goals = s.questions["goals"]
    foreign = s.ranked  # a question of another survey
    data = {
        "revision": str(s.response_a.revision),
        f"q{goals.pk}": "Den inkluderende bydelen",
        f"q{foreign.pk}_1": "Kapret",
        f"q{foreign.pk}": "Kapret",
        "centre": str(world.centre_b.pk),
        "survey": str(s.published.pk),
        "status": "submitted",
        "submitted_by": str(world.cast["coordinator"].pk),
        "response": str(SurveyResponse.objects.get(survey=s.open, centre=world.centre_b).pk),
    }
    response = as_user(client, world.cast["leader_a"]).post(answer_url(world), data)

    assert response.status_code == 302
    own = SurveyResponse.objects.get(pk=s.response_a.pk)
    assert own.status == SurveyResponse.Status.DRAFT and own.submitted_by is None
    assert [(a.question_id, a.text) for a in own.answers.all()] == [
        (goals.pk, "Den inkluderende bydelen")
    ]
    assert not Answer.objects.filter(question=foreign, text="Kapret").exists()
    assert not Answer.objects.filter(response__centre=world.centre_b).exists()


@pytest.mark.parametrize("name", ["surveys:answer", "surveys:answer_save"])
def test_a_leader_cannot_answer_for_another_centre_by_its_slug(client, world, name):
    goals = world.surveys.questions["goals"]
    data = {"revision": "0", f"q{goals.pk}": "Kapret"}
    response = as_user(client, world.cast["leader_a"]).post(
        answer_url(world, name, world.centre_b), data
    )
    assert response.status_code == 404
    assert not Answer.objects.filter(text="Kapret").exists()


@pytest.mark.parametrize("revision", ["7", "-1", "", "0 OR 1=1"])
def test_a_save_with_a_made_up_revision_stores_nothing(client, world, revision):
    goals = world.surveys.questions["goals"]
    data = {"revision": revision, f"q{goals.pk}": "Over en nyere versjon"}
    SurveyResponse.objects.filter(pk=world.surveys.response_a.pk).update(revision=3)
    response = as_user(client, world.cast["leader_a"]).post(
        answer_url(world, "surveys:answer_save"), data
    )
    # An older revision is a conflict; one that is no whole number is not the page's.
    assert response.status_code == (409 if revision.isascii() and revision.isdigit() else 400)
    assert not Answer.objects.filter(text="Over en nyere versjon").exists()


def test_confirming_skips_no_rule_an_incomplete_answer_is_not_submitted(client, world):
    """Posting the confirm step directly, without the page before it."""
    s = world.surveys
    data = {"action": "confirm", "revision": str(s.response_a.revision)}
    response = as_user(client, world.cast["leader_a"]).post(answer_url(world), data)
    assert response.status_code == 200
    assert SurveyResponse.objects.get(pk=s.response_a.pk).status != "submitted"


# --- building surveys ---------------------------------------------------------------------


def test_a_survey_stays_in_its_municipality_and_status_whatever_is_posted(client, world):
    other_meeting = MeetingFactory(municipality=world.other_municipality)
    survey = world.surveys.open
    form = {
        "title": "Endret tittel",
        "introduction": "",
        "round": str(survey.round),
        "deadline": survey.deadline.isoformat(),
        "meeting": "",
        "municipality": str(world.other_municipality.pk),
        "status": Survey.Status.PUBLISHED,
        "created_by": str(world.cast["other_coordinator"].pk),
    }
    client = as_user(client, world.cast["coordinator"])
    response = client.post(reverse("surveys:edit", args=[survey.pk]), form)
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.title == "Endret tittel" and survey.status == Survey.Status.OPEN
    assert survey.municipality_id == world.municipality.pk

    response = client.post(
        reverse("surveys:edit", args=[survey.pk]), {**form, "meeting": str(other_meeting.pk)}
    )
    assert response.status_code == 200
    survey.refresh_from_db()
    assert survey.meeting_id is None

    # A new survey is made in the coordinator's own municipality.
    other = as_user(client, world.cast["other_coordinator"])
    response = other.post(
        reverse("surveys:create"),
        {**form, "round": "2031", "municipality": str(world.municipality.pk)},
    )
    assert response.status_code == 302
    created = Survey.objects.get(round=2031)
    assert created.municipality_id == world.other_municipality.pk
    assert created.status == Survey.Status.DRAFT


def test_a_follow_up_cannot_hang_on_another_surveys_question(client, world):
    draft, question = world.surveys.draft, world.surveys.draft_question
    foreign = world.surveys.questions["level"]  # a yes/no question of the open survey
    data = {
        "text": question.text,
        "kind": "long_text",
        "help_text": "",
        "required": "on",
        "rank_count": "3",
        "max_length": "",
        "choices_text": "",
        "condition": f"{foreign.pk}:no",
        "survey": str(world.surveys.open.pk),
    }
    url = reverse("surveys:question_edit", args=[draft.pk, question.pk])
    response = as_user(client, world.cast["coordinator"]).post(url, data)
    assert response.status_code == 200
    question.refresh_from_db()
    assert question.parent_id is None and question.survey_id == draft.pk


def test_answers_cannot_be_put_in_another_questions_theme(client, world):
    s = world.surveys
    other_question = Question.objects.get(survey=s.published.copied_from)
    foreign_theme = other_question.themes.create(name="Fremmed tema")
    url = reverse("surveys:themes", args=[s.published.pk, s.ranked.pk])
    data = {"action": "add", "theme": str(foreign_theme.pk), "texts": ["barn og ungdom"]}
    response = as_user(client, world.cast["coordinator"]).post(url, data)
    assert response.status_code == 200
    assert not foreign_theme.members.exists()
    for action in ("rename", "delete"):
        response = client.post(
            url, {"action": action, "theme_id": str(foreign_theme.pk), "name": "Kapret"}
        )
        assert response.status_code == 404
    foreign_theme.refresh_from_db()
    assert foreign_theme.name == "Fremmed tema"


# --- meetings -----------------------------------------------------------------------------


def test_a_meeting_cannot_take_another_meetings_agenda_item(client, world):
    other = AgendaItemFactory(meeting=world.common, title="Fellesmøtets punkt")
    data = meeting_post(kind="visit", title="Besøk", centres=[world.centre_a.pk])
    data.update(
        {
            "agenda-TOTAL_FORMS": "1",
            "agenda-INITIAL_FORMS": "1",
            "agenda-0-id": str(other.pk),
            "agenda-0-meeting": str(world.visit_a.pk),
            "agenda-0-title": "Kapret",
            "agenda-0-presenter": "",
            "meeting-municipality": str(world.other_municipality.pk),
        }
    )
    url = reverse("meetings:edit", args=[world.visit_a.pk])
    client = as_user(client, world.cast["coordinator"])
    for extra in ({}, {"agenda-0-DELETE": "on"}):
        client.post(url, {**data, **extra})
        kept = AgendaItem.objects.get(pk=other.pk)
        assert kept.meeting_id == world.common.pk and kept.title == "Fellesmøtets punkt"
    assert not AgendaItem.objects.filter(title="Kapret").exclude(meeting=world.visit_a)
    assert Meeting.objects.get(pk=world.visit_a.pk).municipality_id == world.municipality.pk


def test_a_new_meeting_is_made_in_the_coordinators_own_municipality(client, world):
    data = meeting_post(title="Drammens møte", municipality=str(world.municipality.pk))
    response = as_user(client, world.cast["other_coordinator"]).post(
        reverse("meetings:create"), data
    )
    assert response.status_code == 302
    assert Meeting.objects.get(title="Drammens møte").municipality == world.other_municipality


# --- agreements ---------------------------------------------------------------------------


def test_a_comment_is_the_authors_own_on_the_agreement_in_the_address(client, world, gulset):
    draft = world.agreements.draft
    url = reverse("agreements:comment_add", args=[draft.pk])
    client = as_user(client, world.cast["leader_a"])
    response = client.post(
        url,
        {
            "text": "Vår kommentar",
            "author": str(world.cast["coordinator"].pk),
            "agreement": str(gulset["agreement"].pk),
            "side": "municipality",
        },
    )
    assert response.status_code == 302
    comment = Comment.objects.get(text="Vår kommentar")
    assert comment.author == world.cast["leader_a"] and comment.agreement_id == draft.pk

    # Replying to, or commenting on a clause of, Gulset's agreement is refused.
    for tampered in ({"parent": gulset["comment"].pk}, {"clause": str(gulset["clause"].key)}):
        response = client.post(url, {"text": "Kapret", **tampered})
        assert response.status_code == 400
    assert not Comment.objects.filter(text="Kapret").exists()
    assert gulset["agreement"].comments.count() == 1


def test_a_comment_of_another_agreement_cannot_be_resolved_through_the_own(client, world, gulset):
    url = reverse(
        "agreements:comment_resolve", args=[world.agreements.draft.pk, gulset["comment"].pk]
    )
    response = as_user(client, world.cast["leader_a"]).post(url)
    assert response.status_code == 404
    assert not Comment.objects.get(pk=gulset["comment"].pk).is_resolved


def test_a_leader_takes_only_the_centres_transitions_and_sets_no_fields(client, world):
    sent = world.agreements.sent
    client = as_user(client, world.cast["leader_a"])
    url = lambda action: reverse("agreements:transition", args=[sent.pk, action])  # noqa: E731

    for action in ("approve_municipality", "mark_signed", "activate", "send", "withdraw"):
        client.post(url(action), {"signed_on": "2020-01-01", "status": S.SIGNED})
        assert Agreement.objects.get(pk=sent.pk).status == S.SENT, action

    client.post(url("approve_centre"), {"signed_on": "2020-01-01", "status": S.SIGNED})
    sent.refresh_from_db()
    assert sent.status == S.APPROVED_BY_CENTRE and sent.signed_on is None


def test_editing_an_agreement_keeps_its_centre_municipality_status_and_revision(
    client, world, gulset
):
    draft = world.agreements.draft
    data = edit_post(draft, premises="Klyve skole")
    revision = data["revision"]
    data.update(
        {
            "avtale-centre": str(world.centre_b.pk),
            "avtale-municipality": str(world.other_municipality.pk),
            "avtale-status": S.SIGNED,
            "avtale-revision": "99",
            "avtale-signed_on": "2020-01-01",
            "avtale-created_by": str(world.cast["other_coordinator"].pk),
        }
    )
    response = as_user(client, world.cast["coordinator"]).post(
        reverse("agreements:edit", args=[draft.pk]), data
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.premises == "Klyve skole"
    assert (draft.centre_id, draft.municipality_id) == (world.centre_a.pk, world.municipality.pk)
    assert draft.status == S.DRAFT and draft.signed_on is None
    assert draft.revision == int(revision) + 1


def test_an_agreements_clause_rows_reach_no_other_agreement_and_no_foreign_goal(
    client, world, gulset, drammen_goal
):
    draft = world.agreements.draft
    theirs = gulset["clause"]
    client = as_user(client, world.cast["coordinator"])
    url = reverse("agreements:edit", args=[draft.pk])

    # A row naming Gulset's clause, even marked for deletion, leaves it alone.
    data = edit_post(draft, clauses={0: {"id": theirs.pk, "DELETE": "on", "title": "Kapret"}})
    client.post(url, data)
    kept = AgreementClause.objects.get(pk=theirs.pk)
    assert kept.agreement_id == gulset["agreement"].pk and kept.title == "Gulsets punkt"

    # A clause cannot name Drammen's goal.
    data = edit_post(draft, clauses={0: {"goals": [drammen_goal.pk]}})
    response = client.post(url, data)
    assert response.status_code == 200
    assert not AgreementClause.objects.filter(goals=drammen_goal).exists()


def test_an_agreement_is_made_only_with_the_coordinators_own_centres(client, world):
    today = datetime.date.today()
    data = {
        "centre": str(world.other_centre.pk),
        "valid_from": (today + datetime.timedelta(days=400)).isoformat(),
        "valid_to": (today + datetime.timedelta(days=800)).isoformat(),
        "municipality": str(world.other_municipality.pk),
    }
    response = as_user(client, world.cast["coordinator"]).post(reverse("agreements:create"), data)
    assert response.status_code == 200
    assert not Agreement.objects.filter(centre=world.other_centre).exists()


def test_the_framework_anchors_only_to_its_own_municipalitys_goals(client, world, drammen_goal):
    framework = world.agreements.framework
    data = framework_post(
        framework,
        clauses={0: {"goal": drammen_goal.pk, "strategy": drammen_goal.strategies.get().pk}},
    )
    data["framework-municipality"] = str(world.other_municipality.pk)
    url = reverse("agreements:framework_edit", args=[world.municipality.slug])
    response = as_user(client, world.cast["coordinator"]).post(url, data)
    assert response.status_code == 200
    assert not framework.clauses.filter(goal=drammen_goal).exists()
    framework.refresh_from_db()
    assert framework.municipality_id == world.municipality.pk


# --- the account pages ----------------------------------------------------------------------


def test_changing_the_password_sets_nothing_else_on_the_account(client, world):
    leader = world.cast["leader_a"]
    new = "Et langt nytt passord 42"
    data = {"old_password": "demo", "new_password1": new, "new_password2": new}
    data |= {"role": "coordinator", "is_staff": "on", "is_superuser": "on", "username": "sjef"}
    data |= {"municipality": str(world.other_municipality.pk), "centre": str(world.centre_b.pk)}
    response = as_user(client, leader).post(reverse("password_change"), data)
    assert response.status_code == 302
    leader.refresh_from_db()
    assert leader.check_password(new)
    assert (leader.username, leader.role, leader.is_staff, leader.is_superuser) == (
        "leder-a",
        "leader",
        False,
        False,
    )
    assert (leader.municipality_id, leader.centre_id) == (world.municipality.pk, world.centre_a.pk)


@pytest.mark.parametrize("where", ["https://angriper.example/", "//angriper.example/"])
def test_the_language_switch_and_the_login_send_nobody_to_another_site(client, world, where):
    response = client.post(reverse("set_language"), {"language": "nn", "next": where})
    assert response.status_code == 302 and "angriper" not in response.url

    data = {"username": "leder-a", "password": "demo", "next": where}
    response = client.post(reverse("login") + f"?next={where}", data)
    assert response.status_code == 302 and "angriper" not in response.url
