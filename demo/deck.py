"""Seed 000's slides as the saved deck of Skien's 2025 dialogue meeting: the portal's own
slides (the welcome, the agenda, the plan and goal, Skien in figures, the questions, the
summary, a chart per question, each centre) and the coordinator's own context slides,
word for word from the seed, in the seed's order.

A slide is found by its deck and position; a second run changes nothing.
"""

from django.utils import timezone

from centres.models import Centre
from plans.models import Goal, Plan
from surveys.models import Deck, Slide, Survey

from .loader import DemoContext


def load(data: dict, context: DemoContext) -> None:
    for item in data["decks"]:
        municipality = context.municipalities[item["municipality"]]
        survey = Survey.objects.get(municipality=municipality, round=item["round"])
        now = timezone.now()
        deck, created = Deck.objects.get_or_create(
            survey=survey, defaults={"created_at": now, "updated_at": now}
        )
        context.report.count("presentasjoner", created)
        top_level = [q for q in survey.questions.in_order() if q.parent_id is None]
        for position, spec in enumerate(item["slides"], 1):
            _, made = Slide.objects.update_or_create(
                deck=deck,
                position=position,
                defaults={
                    "kind": spec["kind"],
                    "title": spec.get("title", ""),
                    "body": "\n".join(spec.get("body", [])),
                    "notes": spec.get("notes", ""),
                    "hidden": False,
                    "detail": spec.get("detail", Slide.Detail.FULL),
                    "source_id": _source(spec, municipality, top_level),
                },
            )
            context.report.count("lysbilder", made)
        deck.slides.filter(position__gt=len(item["slides"])).delete()


def _source(spec: dict, municipality, questions) -> int | None:
    kind = spec["kind"]
    if kind == Slide.Kind.PLAN:
        return Plan.objects.get(municipality=municipality, title=spec["plan"]).pk
    if kind == Slide.Kind.GOAL:
        goal = Goal.objects.get(
            plan__municipality=municipality, plan__title=spec["plan"], number=spec["goal"]
        )
        return goal.pk
    if kind == Slide.Kind.QUESTION:
        return questions[spec["question"] - 1].pk
    if kind == Slide.Kind.CENTRE:
        return Centre.objects.get(municipality=municipality, slug=spec["centre"]).pk
    return None
