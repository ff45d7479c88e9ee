"""One small municipality with something behind every URL of the portal, for the
security tests. Skien has Klyve (centre A, leader_a) and Gulset (centre B, leader_b);
the other coordinator works for Drammen. Whatever a URL is about belongs to Skien and,
where it is about a centre, to Klyve: so leader_b and other_coordinator are strangers."""

import datetime
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts import people
from agreements import services as agreement_services
from agreements.models import Agreement, AgreementClause, FrameworkClause
from meetings.models import Meeting
from plans.models import Plan
from surveys import sending
from surveys.models import Answer, Survey, SurveyResponse

from ..factories import (
    AgreementClauseFactory,
    AgreementCommentFactory,
    AgreementFactory,
    ContactPersonFactory,
    FollowUpFactory,
    GoalFactory,
    GoalPeriodFactory,
    HearingFactory,
    HearingInputFactory,
    MeasureFactory,
    MeetingFactory,
    OutgoingEmailFactory,
    PartnerFactory,
    PeriodGoalFactory,
    PlanFactory,
    QuestionFactory,
    StrategyFactory,
    SurveyFactory,
    SurveyResponseFactory,
    TargetGroupFactory,
    drafted_agreement,
    framework_with_clauses,
)
from ..grants import matrix as grants_matrix
from ..surveys import deck_matrix
from ..surveys.conftest import seed_questions

S = Agreement.Status
# The deck's image folder (tests/surveys/deck_matrix.py), a fixture the world asks for.
deck_media = deck_matrix.deck_media
# The grant app's objects (tests/grants/matrix.py), a fixture the world asks for.
grants_world = grants_matrix.grants_world


def _light_agreement(centre, status, by):
    """An agreement with one clause and one version, cheaper than the services' way."""
    agreement = AgreementFactory(centre=centre, status=status, created_by=by, updated_by=by)
    AgreementClauseFactory(agreement=agreement, title="Formål")
    agreement_services.record_version(agreement, by=by)
    return agreement


def _plans(municipality, centre):
    plan = PlanFactory(
        municipality=municipality, kind=Plan.Kind.SUB_PLAN, title="Kommunedelplan for kultur"
    )
    goal = GoalFactory(plan=plan, number=1, title="Frivilligheten har gode vekstvilkår")
    strategy = StrategyFactory(goal=goal, number=1, text="Sikre gode rammevilkår")
    thematic = PlanFactory(
        municipality=municipality, kind=Plan.Kind.THEMATIC, title="Strategisk plan", parent=plan
    )
    measure = MeasureFactory(plan=thematic, goal=goal, strategy=strategy)
    hearing = HearingFactory(plan=plan)
    HearingInputFactory(hearing=hearing, number=1).changed_goals.add(goal)
    period = GoalPeriodFactory(centre=centre)
    centre_goal = PeriodGoalFactory(period=period, text="Gode møteplasser")
    centre_goal.municipal_strategies.add(strategy)
    TargetGroupFactory(centre=centre, rank=1)
    PartnerFactory(centre=centre)
    ContactPersonFactory(centre=centre)
    return SimpleNamespace(
        plan=plan,
        goal=goal,
        strategy=strategy,
        thematic=thematic,
        measure=measure,
        hearing=hearing,
        centre_goal=centre_goal,
    )


def _surveys(municipality, centre_a, centre_b, coordinator):
    today = timezone.localdate()
    # Open, answered by nobody yet: the leaders answer it.
    open_survey = SurveyFactory(
        municipality=municipality, round=2026, deadline=today + datetime.timedelta(days=14)
    )
    questions = seed_questions(open_survey)
    response_a = SurveyResponseFactory(survey=open_survey, centre=centre_a, status="not_started")
    SurveyResponseFactory(survey=open_survey, centre=centre_b, status="not_started")
    # Klyve's personal answer link to the open survey.
    link = sending.make_answer_link(response=response_a, by=coordinator)
    # A draft being built: its questions can still be changed.
    draft = SurveyFactory(
        municipality=municipality,
        round=2030,
        deadline=today + datetime.timedelta(days=30),
        status=Survey.Status.DRAFT,
    )
    draft_questions = [QuestionFactory(survey=draft, order=n) for n in (1, 2)]
    # Last year's round and this year's copy, both published, answered by Klyve.
    before = SurveyFactory(municipality=municipality, round=2024, status=Survey.Status.PUBLISHED)
    ranked_before = QuestionFactory(survey=before, order=1, kind="ranked", rank_count=3)
    ranked_before.themes.create(name="Barn og unge")
    published = SurveyFactory(
        municipality=municipality,
        round=2025,
        status=Survey.Status.PUBLISHED,
        copied_from=before,
    )
    ranked = QuestionFactory(
        survey=published, order=1, kind="ranked", rank_count=3, copied_from=ranked_before
    )
    for survey, question in ((before, ranked_before), (published, ranked)):
        response = SurveyResponseFactory(
            survey=survey,
            centre=centre_a,
            status=SurveyResponse.Status.SUBMITTED,
            submitted_at=timezone.now(),
        )
        Answer.objects.create(
            response=response, question=question, items=["Barn og ungdom", "Seniorer"]
        )
    return SimpleNamespace(
        open=open_survey,
        questions=questions,
        response_a=response_a,
        link=link,
        draft=draft,
        draft_question=draft_questions[1],
        published=published,
        ranked=ranked,
    )


def _agreements(municipality, centre_a, coordinator, leader_a):
    framework = framework_with_clauses(municipality, by=coordinator)
    draft = drafted_agreement(centre_a, by=coordinator)

    def add_clause():
        AgreementClause.objects.create(agreement=draft, order=4, title="Forum", text="Vi møtes.")

    # Version 2, so version 1 can be restored and compared.
    agreement_services.save_agreement(
        agreement=draft, by=coordinator, revision=0, apply_changes=add_clause
    )
    draft.refresh_from_db()

    def reword():
        FrameworkClause.objects.filter(framework=framework, title="Møter").update(
            text="Partene møtes to ganger i året."
        )

    # The framework moves on, so the draft can take in its new text.
    agreement_services.save_framework(
        framework=framework, by=coordinator, revision=framework.revision, apply_changes=reword
    )
    framework.refresh_from_db()
    agreements = SimpleNamespace(
        framework=framework,
        draft=draft,
        signed=_light_agreement(centre_a, S.SIGNED, coordinator),
        active=_light_agreement(centre_a, S.ACTIVE, coordinator),
        sent=_light_agreement(centre_a, S.SENT, coordinator),
    )
    agreements.draft_thread = AgreementCommentFactory(agreement=draft, author=leader_a)
    agreements.signed_thread = AgreementCommentFactory(agreement=agreements.signed, author=leader_a)
    return agreements


@pytest.fixture
def world(
    municipality,
    other_municipality,
    centre_a,
    centre_b,
    other_centre,
    cast,
    coordinator,
    leader_a,
    deck_media,
    grants_world,
):
    """Everything the URLs of the portal point to, once per test."""
    visit_a = MeetingFactory(
        municipality=municipality, kind=Meeting.Kind.VISIT, title="Besøk", centres=[centre_a]
    )
    common = MeetingFactory(municipality=municipality, centres=[centre_a, centre_b])
    follow_up_a = FollowUpFactory(meeting=visit_a)
    Group.objects.create(name="Redaktører")
    surveys = _surveys(municipality, centre_a, centre_b, coordinator)
    invited, invitation_token = people.invite_person(
        municipality=municipality,
        email="invitert@example.no",
        first_name="Ine",
        last_name="Invitert",
        role="reader",
        by=coordinator,
        quiet=True,
    )
    return SimpleNamespace(
        municipality=municipality,
        other_municipality=other_municipality,
        centre_a=centre_a,
        centre_b=centre_b,
        other_centre=other_centre,
        cast=cast,
        invited=invited,
        invitation_token=invitation_token,
        undelivered_email=OutgoingEmailFactory(municipality=municipality),
        visit_a=visit_a,
        follow_up_a=follow_up_a,
        common=common,
        plans=_plans(municipality, centre_a),
        surveys=surveys,
        deck=deck_matrix.make_deck(surveys.published),
        agreements=_agreements(municipality, centre_a, coordinator, leader_a),
        grants=grants_world,
    )
