"""National-scale data for the benchmark, written with bulk_create in batches.

The shape (at --scale 1; every count but the rounds and the questions is multiplied by
the scale, so the pages at 1/10 and at full size can be compared):

- "Skala Storby": the worst case for a page: 500 centres, each with a leader, a profile
  (target groups, a goal period with goals, partners, a contact), a response to each of
  10 yearly survey rounds of 30 questions (the last round open), an agreement with 20
  versions, and a thematic plan with 300 goals, their strategies and measures.
- "Skala Mellomby": 10 centres (at every scale), for the dialogue-meeting deck of 10
  centres; otherwise like Storby.
- 78 more municipalities ("Skala 003" …) with 2 centres each and the same structure,
  so every table holds a nation's rows, not one municipality's.

Everything lives in municipalities named "Skala …"; `wipe()` removes them and nothing
else. The random generator is seeded, so two runs build the same data.
"""

import datetime
import random
import uuid
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import Municipality, User
from agreements import services as agreement_services
from agreements.models import (
    Agreement,
    AgreementClause,
    AgreementEvent,
    AgreementVersion,
    Comment,
    Framework,
    FrameworkClause,
    FrameworkVersion,
)
from agreements.versions import FIELD_NAMES
from centres.models import Centre, ContactPerson, GoalPeriod, Partner, PeriodGoal, TargetGroup
from meetings.models import AgendaItem, FollowUp, Meeting
from plans.models import FocusArea, Goal, Hearing, HearingInput, Measure, Plan, Strategy
from surveys.models import Answer, Question, Survey, SurveyResponse, Theme, ThemeMember

PREFIX = "Skala"
BIG, MIDDLE = "skala-storby", "skala-mellomby"
PASSWORD = "bench"
ROUNDS = 10
QUESTIONS = 30
VERSIONS = 20
BATCH = 5000

# The question kinds in the order they repeat through a 30-question survey.
KINDS = [
    Question.Kind.YES_NO,
    Question.Kind.SINGLE,
    Question.Kind.SCALE,
    Question.Kind.MULTIPLE,
    Question.Kind.SHORT_TEXT,
    Question.Kind.LONG_TEXT,
    Question.Kind.RANKED,
]
CHOICES = ["Ukentlig", "Månedlig", "Hvert kvartal", "Sjeldnere"]
THEMES = [
    "Eldre",
    "Seniorer",
    "Barn og unge",
    "Ungdom",
    "Innvandrere",
    "Flyktninger",
    "Enslige",
    "Familier",
    "Hjemmeboende eldre",
    "Funksjonshemmede",
    "Lag og foreninger",
    "Skoler",
    "Frivillige",
    "Pårørende",
    "Nyinnflyttede",
]
WORDS = [
    "sentralen",
    "samarbeider",
    "med",
    "kommunen",
    "om",
    "aktiviteter",
    "for",
    "eldre",
    "barn",
    "og",
    "unge",
    "i",
    "nærmiljøet",
    "og",
    "legger",
    "til",
    "rette",
    "for",
    "frivillig",
    "innsats",
    "gjennom",
    "faste",
    "møteplasser",
    "besøkstjeneste",
    "leksehjelp",
    "turgrupper",
    "språkkafé",
    "og",
    "utlån",
    "av",
    "utstyr",
    "til",
    "lag",
    "og",
    "foreninger",
]


@dataclass
class Shape:
    scale: float
    municipalities: int = 80
    big_centres: int = 500
    middle_centres: int = 10
    other_centres: int = 2
    goals: int = 300
    rounds: int = ROUNDS
    questions: int = QUESTIONS
    versions: int = VERSIONS

    @classmethod
    def at(cls, scale: float, **overrides) -> "Shape":
        shape = cls(scale=scale)
        shape.municipalities = max(3, round(shape.municipalities * scale))
        shape.big_centres = max(1, round(shape.big_centres * scale))
        shape.goals = max(1, round(shape.goals * scale))
        for name, value in overrides.items():
            if value is not None:
                setattr(shape, name, value)
        return shape

    def centres_for(self, index: int) -> int:
        return [self.big_centres, self.middle_centres][index] if index < 2 else self.other_centres


@dataclass
class Stats:
    counts: dict = field(default_factory=dict)

    def add(self, model, n: int) -> None:
        name = model._meta.label
        self.counts[name] = self.counts.get(name, 0) + n


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def wipe() -> int:
    """Deletes the scale data (municipalities named "Skala …" and all they hold)."""
    municipalities = Municipality.objects.filter(name__startswith=f"{PREFIX} ")
    ids = list(municipalities.values_list("pk", flat=True))
    if not ids:
        return 0
    with transaction.atomic():
        # Raw deletes, leaves first: the ORM's cascade would load every answer.
        Answer.objects.filter(response__survey__municipality__in=ids)._raw_delete("default")
        ThemeMember.objects.filter(question__survey__municipality__in=ids)._raw_delete("default")
        Theme.objects.filter(question__survey__municipality__in=ids)._raw_delete("default")
        SurveyResponse.objects.filter(survey__municipality__in=ids)._raw_delete("default")
        Question.objects.filter(survey__municipality__in=ids).update(parent=None, copied_from=None)
        Question.objects.filter(survey__municipality__in=ids)._raw_delete("default")
        Survey.objects.filter(municipality__in=ids).update(copied_from=None)
        Survey.objects.filter(municipality__in=ids)._raw_delete("default")
        Comment.objects.filter(agreement__municipality__in=ids).update(parent=None)
        Comment.objects.filter(agreement__municipality__in=ids)._raw_delete("default")
        AgreementEvent.objects.filter(agreement__municipality__in=ids)._raw_delete("default")
        AgreementVersion.objects.filter(agreement__municipality__in=ids)._raw_delete("default")
        AgreementClause.goals.through.objects.filter(
            agreementclause__agreement__municipality__in=ids
        )._raw_delete("default")
        AgreementClause.objects.filter(agreement__municipality__in=ids)._raw_delete("default")
        Agreement.objects.filter(municipality__in=ids).update(renewal_of=None)
        Agreement.objects.filter(municipality__in=ids)._raw_delete("default")
        Framework.objects.filter(municipality__in=ids).update(current_version=None)
        FrameworkVersion.objects.filter(framework__municipality__in=ids)._raw_delete("default")
        FrameworkClause.objects.filter(framework__municipality__in=ids)._raw_delete("default")
        Framework.objects.filter(municipality__in=ids)._raw_delete("default")
        User.objects.filter(municipality__in=ids).delete()
        Meeting.centres.through.objects.filter(meeting__municipality__in=ids)._raw_delete("default")
        AgendaItem.objects.filter(meeting__municipality__in=ids)._raw_delete("default")
        FollowUp.objects.filter(meeting__municipality__in=ids)._raw_delete("default")
        Meeting.objects.filter(municipality__in=ids)._raw_delete("default")
        PeriodGoal.municipal_goals.through.objects.filter(
            periodgoal__period__centre__municipality__in=ids
        )._raw_delete("default")
        PeriodGoal.objects.filter(period__centre__municipality__in=ids)._raw_delete("default")
        for model in (GoalPeriod, TargetGroup, Partner, ContactPerson):
            model.objects.filter(centre__municipality__in=ids)._raw_delete("default")
        Centre.objects.filter(municipality__in=ids)._raw_delete("default")
        HearingInput.objects.filter(hearing__plan__municipality__in=ids)._raw_delete("default")
        Hearing.objects.filter(plan__municipality__in=ids)._raw_delete("default")
        Measure.objects.filter(plan__municipality__in=ids)._raw_delete("default")
        FocusArea.objects.filter(strategy__goal__plan__municipality__in=ids)._raw_delete("default")
        Strategy.objects.filter(goal__plan__municipality__in=ids)._raw_delete("default")
        Goal.objects.filter(plan__municipality__in=ids)._raw_delete("default")
        Plan.objects.filter(municipality__in=ids).update(parent=None)
        Plan.objects.filter(municipality__in=ids)._raw_delete("default")
        municipalities._raw_delete("default")
    return len(ids)


class Builder:
    def __init__(self, shape: Shape, seed: int = 2026, log=print):
        self.shape = shape
        self.rng = random.Random(seed)
        self.stats = Stats()
        self.log = log
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.password = make_password(PASSWORD)

    def bulk(self, model, objects, **kwargs):
        created = model.objects.bulk_create(objects, batch_size=BATCH, **kwargs)
        self.stats.add(model, len(objects))
        return created

    # --- the whole country ---------------------------------------------------------------

    @transaction.atomic
    def build(self) -> Stats:
        shape = self.shape
        names = ["Storby", "Mellomby"] + [f"{i:03d}" for i in range(3, shape.municipalities + 1)]
        municipalities = self.bulk(
            Municipality,
            [
                Municipality(
                    name=f"{PREFIX} {name}",
                    slug=f"skala-{name.lower()}",
                    facts="\n".join(_sentence(self.rng, 8) for _ in range(4)),
                )
                for name in names
            ],
        )
        centres = self._centres(municipalities)
        self._users(municipalities, centres)
        plans = self._plans(municipalities)
        self._profiles(centres, plans)
        meetings = self._meetings(municipalities, centres)
        self._surveys(municipalities, centres, meetings)
        self._agreements(municipalities, centres)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        return self.stats

    def _centres(self, municipalities):
        centres = []
        for index, municipality in enumerate(municipalities):
            for n in range(self.shape.centres_for(index)):
                centres.append(
                    Centre(
                        municipality=municipality,
                        name=f"{municipality.name} frivilligsentral {n + 1:03d}",
                        slug=f"{municipality.slug}-{n + 1:03d}",
                        district=f"Bydel {n % 12 + 1}",
                        organisation_model=self.rng.choice(Centre.OrganisationModel.values),
                        street_address=f"Storgata {n + 1}",
                        postal_code=f"{3000 + n % 900:04d}",
                        postal_place=municipality.name,
                        email=f"post@{municipality.slug}-{n + 1}.example.no",
                        cooperation_summary="\n".join(_sentence(self.rng, 10) for _ in range(3)),
                    )
                )
        centres = self.bulk(Centre, centres)
        self.log(f"  {len(centres)} centres in {len(municipalities)} municipalities")
        return centres

    def _users(self, municipalities, centres):
        users = []
        for municipality in municipalities:
            short = municipality.slug
            for role, suffix in (
                (User.Role.COORDINATOR, "koordinator"),
                (User.Role.READER, "leser"),
            ):
                users.append(
                    User(
                        username=f"{short}-{suffix}",
                        first_name=suffix.capitalize(),
                        last_name=municipality.name,
                        email=f"{suffix}@{short}.example.no",
                        role=role,
                        municipality=municipality,
                        password=self.password,
                    )
                )
        for centre in centres:
            users.append(
                User(
                    username=f"{centre.slug}-leder",
                    first_name="Leder",
                    last_name=centre.name[-3:],
                    email=f"leder@{centre.slug}.example.no",
                    role=User.Role.LEADER,
                    municipality_id=centre.municipality_id,
                    centre=centre,
                    password=self.password,
                )
            )
        users = self.bulk(User, users)
        self.coordinators = {u.municipality_id: u for u in users if u.is_coordinator}
        self.leaders = {u.centre_id: u for u in users if u.is_leader}

    def _plans(self, municipalities):
        shape, rng = self.shape, self.rng
        year = self.today.year
        plans = self.bulk(
            Plan,
            [
                Plan(
                    municipality=m,
                    kind=Plan.Kind.THEMATIC,
                    title=f"Temaplan for frivillighet {year - 2}–{year + 5}",
                    start_year=year - 2,
                    end_year=year + 5,
                    status=Plan.Status.ADOPTED,
                    owner="Kultur og frivillighet",
                    purpose="\n".join(_sentence(rng, 9) for _ in range(3)),
                    description=_sentence(rng, 40),
                )
                for m in municipalities
            ],
        )
        goals = []
        for index, plan in enumerate(plans):
            count = shape.goals if index < 2 else 5
            goals += [
                Goal(plan=plan, number=n, title=_sentence(rng, 8), description=_sentence(rng, 25))
                for n in range(1, count + 1)
            ]
        goals = self.bulk(Goal, goals)
        strategies = self.bulk(
            Strategy,
            [
                Strategy(goal=goal, number=n, text=_sentence(rng, 10))
                for goal in goals
                for n in (1, 2)
            ],
        )
        self.bulk(
            FocusArea,
            [FocusArea(strategy=s, order=1, text=_sentence(rng, 6)) for s in strategies],
        )
        by_goal = {}
        for strategy in strategies:
            by_goal.setdefault(strategy.goal_id, []).append(strategy)
        measures = []
        plans_by_pk = {p.pk: p for p in plans}
        for goal in goals:
            if goal.number % 7 == 0:
                continue  # some goals have no measure yet: the progress overview lists them
            for n in (0, 1):
                measures.append(
                    Measure(
                        plan=plans_by_pk[goal.plan_id],
                        goal=goal,
                        strategy=by_goal[goal.pk][n],
                        text=_sentence(rng, 9),
                        responsible="Kultur og frivillighet",
                        deadline=self.today + datetime.timedelta(days=rng.randint(-200, 700)),
                        status=rng.choice(Measure.Status.values),
                        progress_notes="\n".join(_sentence(rng, 8) for _ in range(2)),
                    )
                )
        self.bulk(Measure, measures)
        hearings = self.bulk(
            Hearing,
            [
                Hearing(
                    plan=plan,
                    start_date=datetime.date(year - 3, 3, 1),
                    end_date=datetime.date(year - 3, 4, 15),
                    summary=_sentence(rng, 20),
                )
                for plan in plans
            ],
        )
        self.bulk(
            HearingInput,
            [
                HearingInput(
                    hearing=hearing,
                    number=n,
                    submitted_by=f"Lag nummer {n}",
                    received=hearing.start_date + datetime.timedelta(days=n),
                    summary=_sentence(rng, 20),
                    outcome=rng.choice(HearingInput.Outcome.values),
                    assessment=_sentence(rng, 15),
                )
                for hearing in hearings
                for n in range(1, 11)
            ],
        )
        self.goals_by_municipality = {}
        plan_municipality = {p.pk: p.municipality_id for p in plans}
        for goal in goals:
            self.goals_by_municipality.setdefault(plan_municipality[goal.plan_id], []).append(goal)
        self.log(f"  {len(plans)} plans, {len(goals)} goals, {len(measures)} measures")
        return plans

    def _profiles(self, centres, plans):
        rng = self.rng
        year = self.today.year
        self.bulk(
            TargetGroup,
            [
                TargetGroup(centre=c, rank=r, name=THEMES[(c.pk + r) % len(THEMES)])
                for c in centres
                for r in (1, 2, 3)
            ],
        )
        self.bulk(
            Partner,
            [
                Partner(
                    centre=c, order=n, name=f"Samarbeidspartner {n}", cooperation=_sentence(rng, 12)
                )
                for c in centres
                for n in (1, 2)
            ],
        )
        self.bulk(
            ContactPerson,
            [
                ContactPerson(
                    centre=c,
                    order=1,
                    name=f"Kontakt {c.pk}",
                    title="Styreleder",
                    email=f"styret@{c.slug}.example.no",
                )
                for c in centres
            ],
        )
        periods = self.bulk(
            GoalPeriod,
            [
                GoalPeriod(centre=c, start_year=year, end_year=year + 1, motto=_sentence(rng, 4))
                for c in centres
            ],
        )
        period_goals = self.bulk(
            PeriodGoal,
            [
                PeriodGoal(period=p, order=n, text=_sentence(rng, 7), details=_sentence(rng, 15))
                for p in periods
                for n in (1, 2, 3)
            ],
        )
        centre_municipality = {c.pk: c.municipality_id for c in centres}
        period_centre = {p.pk: p.centre_id for p in periods}
        links = []
        through = PeriodGoal.municipal_goals.through
        for pg in period_goals:
            goals = self.goals_by_municipality[centre_municipality[period_centre[pg.period_id]]]
            links.append(through(periodgoal_id=pg.pk, goal_id=rng.choice(goals).pk))
        self.bulk(through, links)

    def _meetings(self, municipalities, centres):
        rng = self.rng
        year = self.today.year
        by_municipality = {}
        for centre in centres:
            by_municipality.setdefault(centre.municipality_id, []).append(centre)
        meetings, members = [], []
        for m in municipalities:
            for r in range(self.shape.rounds):
                meetings.append(
                    Meeting(
                        municipality=m,
                        kind=Meeting.Kind.DIALOGUE,
                        title=f"Dialogmøte {year - self.shape.rounds + 1 + r}",
                        date=datetime.date(year - self.shape.rounds + 1 + r, 3, 15),
                        location="Rådhuset",
                        notes=_sentence(rng, 30),
                    )
                )
            for n, centre in enumerate(by_municipality[m.pk][:20]):
                meetings.append(
                    Meeting(
                        municipality=m,
                        kind=Meeting.Kind.VISIT,
                        title=f"Besøk hos {centre.name}",
                        date=self.today + datetime.timedelta(days=n * 3 - 30),
                        location=centre.street_address,
                    )
                )
        meetings = self.bulk(Meeting, meetings)
        through = Meeting.centres.through
        for meeting in meetings:
            if meeting.kind == Meeting.Kind.DIALOGUE:
                members += [
                    through(meeting_id=meeting.pk, centre_id=c.pk)
                    for c in by_municipality[meeting.municipality_id]
                ]
        visit_centre = {(c.municipality_id, f"Besøk hos {c.name}"): c for c in centres}
        for meeting in meetings:
            if meeting.kind == Meeting.Kind.VISIT:
                centre = visit_centre[(meeting.municipality_id, meeting.title)]
                members.append(through(meeting_id=meeting.pk, centre_id=centre.pk))
        self.bulk(through, members)
        self.bulk(
            AgendaItem,
            [
                AgendaItem(meeting=meeting, order=n, title=_sentence(rng, 4))
                for meeting in meetings
                if meeting.kind == Meeting.Kind.DIALOGUE
                for n in (1, 2, 3, 4)
            ],
        )
        self.bulk(
            FollowUp,
            [
                FollowUp(
                    meeting=meeting,
                    text=_sentence(rng, 6),
                    responsible="Koordinator",
                    due_date=meeting.date + datetime.timedelta(days=60),
                    done=meeting.date.year < year,
                )
                for meeting in meetings
                if meeting.kind == Meeting.Kind.DIALOGUE
                for _n in (1, 2)
            ],
        )
        return {
            (m.municipality_id, m.date.year): m for m in meetings if m.kind == Meeting.Kind.DIALOGUE
        }

    # --- surveys ------------------------------------------------------------------------

    def _surveys(self, municipalities, centres, meetings):
        shape, rng = self.shape, self.rng
        year = self.today.year
        first = year - shape.rounds + 1
        surveys = self.bulk(
            Survey,
            [
                Survey(
                    municipality=m,
                    title=f"Undersøkelse til frivilligsentralene {r}",
                    introduction=_sentence(rng, 30),
                    round=r,
                    deadline=datetime.date(r, 2, 28)
                    if r < year
                    else self.today + datetime.timedelta(days=30),
                    status=Survey.Status.PUBLISHED if r < year else Survey.Status.OPEN,
                    meeting=meetings.get((m.pk, r)),
                    created_by=self.coordinators[m.pk],
                    sent_at=self.now,
                    closed_at=self.now if r < year else None,
                    published_at=self.now if r < year else None,
                )
                for m in municipalities
                for r in range(first, year + 1)
            ],
        )
        # Questions round by round, so each can point to the same question in the round
        # before (rounds compare); in a round the main questions first, then the
        # follow-ups that need their parents' ids. Every 7th question from the 6th is the
        # "Hvis nei" follow-up of the yes/no five places before it.
        by_survey, previous, mains = {}, {}, []
        for r in range(first, year + 1):
            batch = []
            for survey in (s for s in surveys if s.round == r):
                older = previous.get(survey.municipality_id)
                own = []
                for n in range(shape.questions):
                    kind = KINDS[n % len(KINDS)]
                    question = Question(
                        survey=survey,
                        order=n + 1,
                        kind=kind,
                        text=f"Spørsmål {n + 1}: {_sentence(rng, 9)}",
                        help_text=_sentence(rng, 8),
                        required=kind != Question.Kind.LONG_TEXT,
                        rank_count=3,
                        choices=CHOICES
                        if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE)
                        else [],
                        copied_from=older[n] if older else None,
                    )
                    if n % 7 == 5:
                        question.show_when = Question.NO
                    own.append(question)
                by_survey[survey.pk] = own
                previous[survey.municipality_id] = own
                batch += own
            self.bulk(Question, [q for q in batch if not q.show_when])
            followups = [q for q in batch if q.show_when]
            for question in followups:
                question.parent = by_survey[question.survey_id][question.order - 6]
            self.bulk(Question, followups)
            mains += batch
        self.log(f"  {len(surveys)} surveys, {len(mains)} questions")

        centres_by_municipality = {}
        for centre in centres:
            centres_by_municipality.setdefault(centre.municipality_id, []).append(centre)
        responses = []
        for survey in surveys:
            closed = survey.round < year
            for n, centre in enumerate(centres_by_municipality[survey.municipality_id]):
                leader = self.leaders[centre.pk]
                # In the open round the first centre has a full draft; the rest have not
                # started (the submit benchmark answers them).
                status = (
                    SurveyResponse.Status.SUBMITTED
                    if closed
                    else SurveyResponse.Status.DRAFT
                    if n == 0
                    else SurveyResponse.Status.NOT_STARTED
                )
                started = status != SurveyResponse.Status.NOT_STARTED
                responses.append(
                    SurveyResponse(
                        survey=survey,
                        centre=centre,
                        status=status,
                        revision=3 if started else 0,
                        invited_at=self.now,
                        updated_at=self.now if started else None,
                        updated_by=leader if started else None,
                        submitted_at=self.now if closed else None,
                        submitted_by=leader if closed else None,
                    )
                )
        responses = self.bulk(SurveyResponse, responses)
        answers = []
        written = 0
        for response in responses:
            if response.status == SurveyResponse.Status.NOT_STARTED:
                continue
            for question in by_survey[response.survey_id]:
                answers.append(self._answer(response, question))
            if len(answers) >= 50_000:
                written += len(self.bulk(Answer, answers))
                answers = []
        written += len(self.bulk(Answer, answers))
        self.log(f"  {len(responses)} responses, {written} answers")
        # Themes for the ranked questions of the two large municipalities.
        themes, members = [], []
        for survey in surveys:
            if survey.municipality_id not in (municipalities[0].pk, municipalities[1].pk):
                continue
            for question in by_survey[survey.pk]:
                if question.kind != Question.Kind.RANKED:
                    continue
                for name, texts in (
                    ("Eldre", ["eldre", "seniorer", "hjemmeboende eldre"]),
                    ("Unge", ["barn og unge", "ungdom"]),
                ):
                    theme = Theme(question=question, name=name)
                    themes.append(theme)
                    members += [ThemeMember(question=question, theme=theme, text=t) for t in texts]
        self.bulk(Theme, themes)
        for member in members:
            member.theme_id = member.theme.pk
        self.bulk(ThemeMember, members)

    def _answer(self, response, question) -> Answer:
        rng = self.rng
        kind = question.kind
        answer = Answer(response=response, question=question)
        if kind == Question.Kind.YES_NO:
            answer.text = rng.choice([Question.YES, Question.NO])
        elif kind == Question.Kind.SINGLE:
            answer.text = rng.choice(CHOICES)
        elif kind == Question.Kind.SCALE:
            answer.number = rng.randint(1, 5)
        elif kind == Question.Kind.MULTIPLE:
            answer.items = rng.sample(CHOICES, rng.randint(1, 3))
        elif kind == Question.Kind.RANKED:
            answer.items = rng.sample(THEMES, 3)
        elif kind == Question.Kind.SHORT_TEXT:
            answer.text = _sentence(rng, 6)
        else:
            answer.text = " ".join(_sentence(rng, 15) for _ in range(3))
        return answer

    # --- agreements ---------------------------------------------------------------------

    def _agreements(self, municipalities, centres):
        shape, rng = self.shape, self.rng
        year = self.today.year
        frameworks = self.bulk(
            Framework,
            [
                Framework(
                    municipality=m,
                    title="Felles ramme for samarbeidsavtaler",
                    introduction=_sentence(rng, 30),
                    revision=1,
                )
                for m in municipalities
            ],
        )
        clauses = self.bulk(
            FrameworkClause,
            [
                FrameworkClause(
                    framework=f,
                    key=uuid.UUID(int=rng.getrandbits(128)),
                    order=n,
                    title=f"Punkt {n}: {_sentence(rng, 4)}",
                    text=" ".join(_sentence(rng, 14) for _ in range(3)),
                    reference="Forskrift om tilskudd til frivilligsentraler",
                )
                for f in frameworks
                for n in range(1, 9)
            ],
        )
        by_framework = {}
        for clause in clauses:
            by_framework.setdefault(clause.framework_id, []).append(clause)
        versions = self.bulk(
            FrameworkVersion,
            [
                FrameworkVersion(
                    framework=f,
                    number=1,
                    snapshot=agreement_services.framework_snapshot(f, by_framework[f.pk]),
                    note="Første versjon",
                    created_by=self.coordinators[f.municipality_id],
                )
                for f in frameworks
            ],
        )
        version_of = {v.framework_id: v for v in versions}
        for f in frameworks:
            f.current_version = version_of[f.pk]
        Framework.objects.bulk_update(frameworks, ["current_version"])
        framework_of = {f.municipality_id: version_of[f.pk] for f in frameworks}

        statuses = [
            Agreement.Status.ACTIVE,
            Agreement.Status.DRAFT,
            Agreement.Status.SENT,
            Agreement.Status.APPROVED_BY_CENTRE,
            Agreement.Status.SIGNED,
            Agreement.Status.RENEWAL_DUE,
            Agreement.Status.CHANGES_REQUESTED,
        ]
        agreements = []
        first_of_municipality = set()
        for centre in centres:
            coordinator = self.coordinators[centre.municipality_id]
            first = centre.municipality_id not in first_of_municipality
            first_of_municipality.add(centre.municipality_id)
            # The first centre of a municipality (whose leader the benchmark logs in as)
            # has an active agreement: every role reads it.
            status = Agreement.Status.ACTIVE if first else statuses[centre.pk % len(statuses)]
            agreements.append(
                Agreement(
                    municipality_id=centre.municipality_id,
                    centre=centre,
                    title=f"Samarbeidsavtale med {centre.name}",
                    status=status,
                    valid_from=datetime.date(year - 1, 1, 1),
                    valid_to=datetime.date(year + 2, 12, 31),
                    framework_version=framework_of[centre.municipality_id],
                    municipality_signatory="Ordfører",
                    municipality_signatory_title="Ordfører",
                    centre_signatory=f"Leder {centre.name[-3:]}",
                    centre_signatory_title="Daglig leder",
                    grant_amount=rng.randint(2, 9) * 50_000,
                    premises=_sentence(rng, 12),
                    contact_person=coordinator.get_full_name(),
                    meeting_frequency="Fellesmøte i 1. kvartal og besøk i 3. kvartal",
                    signed_on=datetime.date(year - 1, 12, 1)
                    if status in Agreement.CONCLUDED
                    else None,
                    revision=shape.versions,
                    created_by=coordinator,
                    updated_by=coordinator,
                )
            )
        agreements = self.bulk(Agreement, agreements)
        agreement_clauses = []
        for agreement in agreements:
            for order, fc in enumerate(
                by_framework[framework_of[agreement.municipality_id].framework_id], 1
            ):
                agreement_clauses.append(
                    AgreementClause(
                        agreement=agreement,
                        key=fc.key,
                        kind=AgreementClause.Kind.COMMON,
                        order=order,
                        title=fc.title,
                        text=fc.text,
                    )
                )
            for n in range(1, 5):
                agreement_clauses.append(
                    AgreementClause(
                        agreement=agreement,
                        key=uuid.UUID(int=rng.getrandbits(128)),
                        kind=AgreementClause.Kind.LOCAL,
                        order=8 + n,
                        title=f"Lokalt punkt {n}: {_sentence(rng, 3)}",
                        text=" ".join(_sentence(rng, 14) for _ in range(3)),
                    )
                )
        clauses_of = {}
        for clause in agreement_clauses:
            clauses_of.setdefault(clause.agreement_id, []).append(clause)
        # 20 versions each: every version rewrites a few words of a local clause, so a
        # comparison of the first and the last has something to show.
        agreement_versions = []
        for agreement in agreements:
            texts = [(c.key, c.kind, c.title, c.text) for c in clauses_of[agreement.pk]]
            fields = {}
            for name in FIELD_NAMES:
                value = getattr(agreement, name)
                fields[name] = value.isoformat() if hasattr(value, "isoformat") else value
            for number in range(1, shape.versions + 1):
                if number > 1:
                    i = 8 + (number % 4)
                    key, kind, title, text = texts[i]
                    words = text.split()
                    words[rng.randrange(len(words))] = rng.choice(WORDS)
                    texts[i] = (key, kind, title, " ".join(words))
                agreement_versions.append(
                    AgreementVersion(
                        agreement=agreement,
                        number=number,
                        note=f"Endring {number}",
                        created_by=self.coordinators[agreement.municipality_id],
                        snapshot={
                            "fields": fields,
                            "framework_version_id": agreement.framework_version_id,
                            "clauses": [
                                {
                                    "key": str(key),
                                    "kind": kind,
                                    "title": title,
                                    "text": text,
                                    "goal_ids": [],
                                    "strategy_ids": [],
                                }
                                for key, kind, title, text in texts
                            ],
                        },
                    )
                )
            # The live clauses hold the latest version's text.
            for clause, (_key, _kind, _title, text) in zip(
                clauses_of[agreement.pk], texts, strict=True
            ):
                clause.text = text
        self.bulk(AgreementClause, agreement_clauses)
        self.bulk(AgreementVersion, agreement_versions)
        self.bulk(
            AgreementEvent,
            [
                AgreementEvent(
                    agreement=a,
                    action="send",
                    from_status=Agreement.Status.DRAFT,
                    to_status=Agreement.Status.SENT,
                    by=self.coordinators[a.municipality_id],
                )
                for a in agreements
            ],
        )
        comments = self.bulk(
            Comment,
            [
                Comment(
                    agreement=a,
                    author=self.leaders[a.centre_id],
                    text=_sentence(rng, 20),
                )
                for a in agreements
                for _n in (1, 2)
            ],
        )
        municipality_of = {a.pk: a.municipality_id for a in agreements}
        self.bulk(
            Comment,
            [
                Comment(
                    agreement_id=c.agreement_id,
                    parent=c,
                    author=self.coordinators[municipality_of[c.agreement_id]],
                    text=_sentence(rng, 12),
                )
                for c in comments[::2]
            ],
        )
        self.log(f"  {len(agreements)} agreements, {len(agreement_versions)} versions")
