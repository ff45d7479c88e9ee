"""Demo plans: Drammen's strategy for volunteering with its hearing (seed 004) and
Skien's sub-plan and strategic plan (seed 000), with Skien's centre goals linked to
the sub-plan's goal. Idempotent: plans by (municipality, title), goals and strategies
by number, hearings by (plan, start date), inputs by number, measures by (plan, text)."""

import datetime

from centres.models import PeriodGoal
from plans.models import FocusArea, Goal, Hearing, HearingInput, Measure, Plan, Strategy


def _lines(value) -> str:
    return "\n".join(value) if isinstance(value, list) else (value or "")


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def load(data: dict, context) -> None:
    report = context.report
    plans: dict[str, Plan] = {}
    for item in data["plans"]:
        plan, created = Plan.objects.update_or_create(
            municipality=context.municipalities[item["municipality"]],
            title=item["title"],
            defaults={
                "kind": item["kind"],
                "parent": plans.get(item.get("parent")),
                "start_year": item.get("start_year"),
                "end_year": item.get("end_year"),
                "status": item["status"],
                "owner": item.get("owner", ""),
                "document_url": item.get("document_url", ""),
                "purpose": _lines(item.get("purpose")),
                "description": item.get("description", ""),
                "decision_body": item.get("decision_body", ""),
                "decision_date": _date(item.get("decision_date")),
            },
        )
        report.count("planer", created)
        plans[item["key"]] = plan
        for goal_data in item.get("goals", []):
            _load_goal(plan, goal_data, report)

    for item in data["plans"]:
        plan = plans[item["key"]]
        if hearing_data := item.get("hearing"):
            _load_hearing(plan, hearing_data, report)
        for measure in item.get("measures", []):
            _load_measure(plan, measure, plans, report)

    for link in data["centre_goals"]:
        centre_goal = PeriodGoal.objects.get(
            period__centre=context.centres[link["centre"]], order=link["order"]
        )
        centre_goal.municipal_goals.set(
            _goal(plans, key, number) for key, number in link.get("goals", [])
        )
        centre_goal.municipal_strategies.set(
            _goal(plans, key, number).strategies.get(number=strategy)
            for key, number, strategy in link.get("strategies", [])
        )


def _goal(plans, key: str, number: int) -> Goal:
    return plans[key].goals.get(number=number)


def _load_goal(plan: Plan, data: dict, report) -> None:
    goal, created = Goal.objects.update_or_create(
        plan=plan,
        number=data["number"],
        defaults={"title": data["title"], "description": data.get("description", "")},
    )
    report.count("mål", created)
    for number, strategy_data in enumerate(data.get("strategies", []), 1):
        if isinstance(strategy_data, str):
            strategy_data = {"text": strategy_data}
        strategy, created = Strategy.objects.update_or_create(
            goal=goal, number=number, defaults={"text": strategy_data["text"]}
        )
        report.count("strategier", created)
        for order, text in enumerate(strategy_data.get("focus_areas", []), 1):
            _, created = FocusArea.objects.update_or_create(
                strategy=strategy, order=order, defaults={"text": text}
            )
            report.count("innsatsområder", created)


def _load_hearing(plan: Plan, data: dict, report) -> None:
    hearing, created = Hearing.objects.update_or_create(
        plan=plan,
        start_date=_date(data["start_date"]),
        defaults={"end_date": _date(data["end_date"]), "summary": _lines(data.get("summary"))},
    )
    report.count("høringer", created)
    for number, item in enumerate(data["inputs"], 1):
        hearing_input, created = HearingInput.objects.update_or_create(
            hearing=hearing,
            number=number,
            defaults={
                "submitted_by": item.get("submitted_by", ""),
                "received": _date(item.get("received")),
                "summary": item["summary"],
                "outcome": item["outcome"],
                "assessment": item["assessment"],
            },
        )
        report.count("høringsinnspill", created)
        hearing_input.changed_goals.set(plan.goals.filter(number__in=item.get("changed_goals", [])))
        hearing_input.changed_strategies.set(
            plan.goals.get(number=goal).strategies.get(number=number)
            for goal, number in item.get("changed_strategies", [])
        )


def _load_measure(plan: Plan, data: dict, plans, report) -> None:
    goal = _goal(plans, *data["goal"])
    measure, created = Measure.objects.update_or_create(
        plan=plan,
        text=data["text"],
        defaults={
            "goal": goal,
            "strategy": goal.strategies.get(number=data["strategy"])
            if data.get("strategy")
            else None,
            "responsible": data.get("responsible", ""),
            "deadline": _date(data.get("deadline")),
            "status": data["status"],
            "progress_notes": _lines(data.get("progress_notes")),
        },
    )
    measure.full_clean()
    report.count("tiltak", created)
