import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.models import Municipality, OutgoingEmail, User
from agreements import services as agreement_services
from agreements.models import Agreement, AgreementClause, Comment, Framework, FrameworkClause
from centres.models import Centre, ContactPerson, GoalPeriod, Partner, PeriodGoal, TargetGroup
from meetings.models import AgendaItem, FollowUp, Meeting
from plans.models import FocusArea, Goal, Hearing, HearingInput, Measure, Plan, Strategy
from surveys.models import Answer, Question, Survey, SurveyResponse


class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Kommune {n}")
    slug = factory.Sequence(lambda n: f"kommune-{n}")


class CentreFactory(DjangoModelFactory):
    class Meta:
        model = Centre

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Sentral {n:03d}")
    slug = factory.Sequence(lambda n: f"sentral-{n}")
    district = factory.Sequence(lambda n: f"Bydel {n % 4}")
    organisation_model = Centre.OrganisationModel.SEMI_AUTONOMOUS


class TargetGroupFactory(DjangoModelFactory):
    class Meta:
        model = TargetGroup

    centre = factory.SubFactory(CentreFactory)
    rank = factory.Sequence(lambda n: n + 1)
    name = "Barn og ungdom"


class GoalPeriodFactory(DjangoModelFactory):
    class Meta:
        model = GoalPeriod

    centre = factory.SubFactory(CentreFactory)
    start_year = 2025
    end_year = 2026


class PeriodGoalFactory(DjangoModelFactory):
    class Meta:
        model = PeriodGoal

    period = factory.SubFactory(GoalPeriodFactory)
    text = factory.Sequence(lambda n: f"Mål {n}")


class PartnerFactory(DjangoModelFactory):
    class Meta:
        model = Partner

    centre = factory.SubFactory(CentreFactory)
    name = factory.Sequence(lambda n: f"Samarbeidsaktør {n}")
    cooperation = "Felles aktiviteter\nFaste møter"


class ContactPersonFactory(DjangoModelFactory):
    class Meta:
        model = ContactPerson

    centre = factory.SubFactory(CentreFactory)
    name = factory.Sequence(lambda n: f"Kontakt {n}")
    email = factory.Sequence(lambda n: f"kontakt{n}@example.no")


def full_centre(**kwargs) -> Centre:
    """A centre with everything its profile shows: groups, goals, partners, contacts."""
    centre = CentreFactory(**kwargs)
    for rank, name in enumerate(["Barn og ungdom", "Seniorer", "Familier"], 1):
        TargetGroupFactory(centre=centre, rank=rank, name=name)
    period = GoalPeriodFactory(centre=centre, motto="Den inkluderende bydelen")
    PeriodGoalFactory.create_batch(2, period=period)
    PartnerFactory.create_batch(2, centre=centre)
    ContactPersonFactory(centre=centre)
    return centre


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"bruker{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.no")
    password = factory.django.Password("demo")


class CoordinatorFactory(UserFactory):
    role = User.Role.COORDINATOR
    municipality = factory.SubFactory(MunicipalityFactory)


class ReaderFactory(UserFactory):
    role = User.Role.READER
    municipality = factory.SubFactory(MunicipalityFactory)


class LeaderFactory(UserFactory):
    role = User.Role.LEADER
    # A named leader: a new agreement names its centre's leader as the signatory.
    first_name = "Kari"
    last_name = factory.Sequence(lambda n: f"Leder{n}")
    centre = factory.SubFactory(CentreFactory)
    municipality = factory.SelfAttribute("centre.municipality")


class OutgoingEmailFactory(DjangoModelFactory):
    """An e-mail of the outbox that the SMTP server never took (accounts.mail)."""

    class Meta:
        model = OutgoingEmail

    municipality = factory.SubFactory(MunicipalityFactory)
    to = factory.Sequence(lambda n: f"mottaker{n}@example.no")
    subject = factory.Sequence(lambda n: f"Invitasjon {n} til Frivillig")
    body = "Hei!"
    kind = "accounts/email/invitation"
    status = OutgoingEmail.Status.FAILED
    attempts = 6
    error = OutgoingEmail.Error.UNREACHABLE
    error_detail = "ConnectionRefusedError: [Errno 111] Connection refused"


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = Meeting.Kind.COMMON
    title = factory.Sequence(lambda n: f"Møte {n}")
    date = datetime.date(2026, 2, 12)
    start_time = datetime.time(13, 0)
    end_time = datetime.time(15, 0)
    location = "Rådhuset"

    @factory.post_generation
    def centres(self, create, extracted, **kwargs):
        if create and extracted:
            self.centres.set(extracted)


class AgendaItemFactory(DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Punkt {n}")
    presenter = "Koordinatoren"


class FollowUpFactory(DjangoModelFactory):
    class Meta:
        model = FollowUp

    meeting = factory.SubFactory(MeetingFactory)
    text = factory.Sequence(lambda n: f"Oppfølging {n}")


# --- plans -----------------------------------------------------------------------------


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = Plan

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = Plan.Kind.STRATEGY
    title = factory.Sequence(lambda n: f"Strategi for frivillighet {n}")
    start_year = 2024
    end_year = 2030
    status = Plan.Status.ADOPTED


class GoalFactory(DjangoModelFactory):
    class Meta:
        model = Goal

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Mål {n}")


class StrategyFactory(DjangoModelFactory):
    class Meta:
        model = Strategy

    goal = factory.SubFactory(GoalFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Strategi {n}")


class FocusAreaFactory(DjangoModelFactory):
    class Meta:
        model = FocusArea

    strategy = factory.SubFactory(StrategyFactory)
    text = factory.Sequence(lambda n: f"Innsatsområde {n}")


class MeasureFactory(DjangoModelFactory):
    class Meta:
        model = Measure

    plan = factory.SubFactory(PlanFactory, kind=Plan.Kind.THEMATIC)
    goal = factory.SubFactory(GoalFactory)
    text = factory.Sequence(lambda n: f"Tiltak {n}")
    responsible = "Kultur"
    deadline = datetime.date(2026, 12, 31)


class HearingFactory(DjangoModelFactory):
    class Meta:
        model = Hearing

    plan = factory.SubFactory(PlanFactory)
    start_date = datetime.date(2023, 6, 15)
    end_date = datetime.date(2023, 9, 17)


class HearingInputFactory(DjangoModelFactory):
    class Meta:
        model = HearingInput

    hearing = factory.SubFactory(HearingFactory)
    number = factory.Sequence(lambda n: n + 1)
    submitted_by = "Frivillig Drammen"
    summary = factory.Sequence(lambda n: f"Innspill {n}")
    outcome = HearingInput.Outcome.WORKED_IN
    assessment = "Innarbeidet."


# --- surveys ---------------------------------------------------------------------------


class SurveyFactory(DjangoModelFactory):
    class Meta:
        model = Survey

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Undersøkelse {n}")
    introduction = "Svar på vegne av frivilligsentralen."
    round = 2025
    deadline = datetime.date(2025, 9, 15)
    status = Survey.Status.OPEN


class QuestionFactory(DjangoModelFactory):
    class Meta:
        model = Question

    survey = factory.SubFactory(SurveyFactory)
    order = factory.Sequence(lambda n: n + 1)
    kind = Question.Kind.LONG_TEXT
    text = factory.Sequence(lambda n: f"Spørsmål {n}?")


class SurveyResponseFactory(DjangoModelFactory):
    class Meta:
        model = SurveyResponse

    survey = factory.SubFactory(SurveyFactory)
    centre = factory.SubFactory(CentreFactory)
    status = SurveyResponse.Status.DRAFT


class AnswerFactory(DjangoModelFactory):
    class Meta:
        model = Answer

    response = factory.SubFactory(SurveyResponseFactory)
    question = factory.SubFactory(QuestionFactory)
    text = "Svar"


# --- agreements ------------------------------------------------------------------------
# The model factories write rows only (no versions, no events): enough for the transition
# table and the access matrix. `framework_with_clauses` and `drafted_agreement` go through
# agreements.services, so they carry the versions and events a real agreement has.


class FrameworkFactory(DjangoModelFactory):
    class Meta:
        model = Framework
        django_get_or_create = ["municipality"]

    municipality = factory.SubFactory(MunicipalityFactory)
    title = "Felles ramme for samarbeidsavtaler"
    introduction = "Rammen bygger på svarene fra frivilligsentralene."


class FrameworkClauseFactory(DjangoModelFactory):
    class Meta:
        model = FrameworkClause

    framework = factory.SubFactory(FrameworkFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Fellespunkt {n}")
    text = factory.Sequence(lambda n: f"Partene samarbeider om punkt {n}.")


class AgreementFactory(DjangoModelFactory):
    class Meta:
        model = Agreement

    centre = factory.SubFactory(CentreFactory)
    municipality = factory.SelfAttribute("centre.municipality")
    title = factory.LazyAttribute(lambda a: f"Samarbeidsavtale med {a.centre.name}")
    status = Agreement.Status.DRAFT
    # A period starting later, so signing does not bring the agreement into force.
    valid_from = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    valid_to = factory.LazyAttribute(lambda a: a.valid_from + datetime.timedelta(days=4 * 365))
    municipality_signatory = "Guro Honningdal"
    municipality_signatory_title = "Kultursjef"
    centre_signatory = "Kari Nordmann"
    centre_signatory_title = "Daglig leder"


class AgreementClauseFactory(DjangoModelFactory):
    class Meta:
        model = AgreementClause

    agreement = factory.SubFactory(AgreementFactory)
    kind = AgreementClause.Kind.LOCAL
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Lokalt punkt {n}")
    text = factory.Sequence(lambda n: f"Sentralen gjør {n} ting.")


class AgreementCommentFactory(DjangoModelFactory):
    class Meta:
        model = Comment

    agreement = factory.SubFactory(AgreementFactory)
    text = factory.Sequence(lambda n: f"Kommentar {n}")


FRAMEWORK_CLAUSES = [
    ("Formål", "Avtalen skal styrke samarbeidet mellom kommunen og frivilligsentralen."),
    ("Forankring", "Avtalen bygger på forskrift om tilskudd til frivilligsentraler."),
    ("Møter", "Partene møtes til et fellesmøte hvert år og et besøk på sentralen."),
]


def framework_with_clauses(municipality, *, by=None, clauses=FRAMEWORK_CLAUSES):
    """A framework with its first version, saved as the coordinator would save it."""
    framework = agreement_services.framework_for(municipality)

    def write():
        for order, (title, text) in enumerate(clauses, 1):
            FrameworkClause.objects.create(framework=framework, order=order, title=title, text=text)

    agreement_services.save_framework(
        framework=framework, by=by, revision=framework.revision, apply_changes=write
    )
    return framework


def drafted_agreement(centre, *, by, status=None, **kwargs) -> Agreement:
    """An agreement made as the portal makes it (framework, profile, version 1), then put
    in `status` directly: the transitions have their own tests."""
    today = timezone.localdate()
    agreement = agreement_services.create_agreement(
        centre=centre,
        by=by,
        valid_from=kwargs.pop("valid_from", today + datetime.timedelta(days=30)),
        valid_to=kwargs.pop("valid_to", today + datetime.timedelta(days=30 + 4 * 365)),
        municipality_signatory=kwargs.pop(
            "municipality_signatory", ("Guro Honningdal", "Kultursjef")
        ),
        **kwargs,
    )
    if status:
        Agreement.objects.filter(pk=agreement.pk).update(status=status)
        agreement.status = status
    return agreement
