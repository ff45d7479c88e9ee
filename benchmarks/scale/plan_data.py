"""The scale data's thematic plans: goals, strategies, focus areas, measures, hearings."""

import datetime

from plans.models import FocusArea, Goal, Hearing, HearingInput, Measure, Plan, Strategy

from .shape import sentence


class PlanData:
    """Part of Builder (builder.py): uses its rng, shape, bulk() and the users it made."""

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
                    purpose="\n".join(sentence(rng, 9) for _ in range(3)),
                    description=sentence(rng, 40),
                )
                for m in municipalities
            ],
        )
        goals = []
        for index, plan in enumerate(plans):
            count = shape.goals if index < 2 else 5
            goals += [
                Goal(plan=plan, number=n, title=sentence(rng, 8), description=sentence(rng, 25))
                for n in range(1, count + 1)
            ]
        goals = self.bulk(Goal, goals)
        strategies = self.bulk(
            Strategy,
            [
                Strategy(goal=goal, number=n, text=sentence(rng, 10))
                for goal in goals
                for n in (1, 2)
            ],
        )
        self.bulk(
            FocusArea,
            [FocusArea(strategy=s, order=1, text=sentence(rng, 6)) for s in strategies],
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
                        text=sentence(rng, 9),
                        responsible="Kultur og frivillighet",
                        deadline=self.today + datetime.timedelta(days=rng.randint(-200, 700)),
                        status=rng.choice(Measure.Status.values),
                        progress_notes="\n".join(sentence(rng, 8) for _ in range(2)),
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
                    summary=sentence(rng, 20),
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
                    summary=sentence(rng, 20),
                    outcome=rng.choice(HearingInput.Outcome.values),
                    assessment=sentence(rng, 15),
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
