"""The scale data's builder: municipalities, centres with their profiles, users; the
other apps' data come from one mixin each."""

import random

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import Municipality, User
from centres.models import Centre, ContactPerson, GoalPeriod, Partner, PeriodGoal, TargetGroup

from .agreement_data import AgreementData
from .meeting_data import MeetingData
from .plan_data import PlanData
from .shape import BATCH, PASSWORD, PREFIX, THEMES, Shape, Stats, sentence
from .survey_data import SurveyData


class Builder(PlanData, MeetingData, SurveyData, AgreementData):
    """Builds the whole country in one transaction, app by app (one mixin each)."""

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
                    facts="\n".join(sentence(self.rng, 8) for _ in range(4)),
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
                        cooperation_summary="\n".join(sentence(self.rng, 10) for _ in range(3)),
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
                    centre=c, order=n, name=f"Samarbeidspartner {n}", cooperation=sentence(rng, 12)
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
                GoalPeriod(centre=c, start_year=year, end_year=year + 1, motto=sentence(rng, 4))
                for c in centres
            ],
        )
        period_goals = self.bulk(
            PeriodGoal,
            [
                PeriodGoal(period=p, order=n, text=sentence(rng, 7), details=sentence(rng, 15))
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
