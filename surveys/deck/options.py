"""The slides from the portal's data the coordinator may add to her deck with one click:
the meeting's, the municipality's, each question's, each centre's, and the plans' (only
her own municipality's). Three queries for the plans whatever their number."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from plans.models import Plan

from ..models import Slide
from .build import CHARTED_KINDS, TYPED_KINDS

Kind = Slide.Kind


@dataclass
class Option:
    kind: str
    source_id: int | None
    label: str

    @property
    def value(self) -> str:
        return f"{self.kind}:{self.source_id or ''}"


@dataclass
class Group:
    label: str
    options: list[Option] = field(default_factory=list)


def data_options(survey, context) -> list[Group]:
    municipality = context["municipality"]
    meeting = [
        Option(Kind.WELCOME, None, _("Velkommen")),
        Option(Kind.QUESTIONS, None, _("Spørsmålene i undersøkelsen")),
        Option(Kind.SUMMARY, None, _("Oppsummering av svarene")),
    ]
    if context["meeting"] is not None:
        meeting.insert(1, Option(Kind.AGENDA, None, _("Agenda")))
    groups = [
        Group(_("Møtet og undersøkelsen"), meeting),
        Group(
            _("Kommunen"),
            [
                Option(Kind.FACTS, None, _("%(name)s i tall") % {"name": municipality.name}),
                Option(Kind.INTERACTION, None, _("Den formelle samhandlingen")),
            ],
        ),
    ]
    results = context["results"]
    questions = [
        Option(Kind.QUESTION, r.question.pk, f"{r.number}. {r.question.text}")
        for r in results.questions
        if r.kind in CHARTED_KINDS or r.kind in TYPED_KINDS
    ]
    questions += [
        Option(
            Kind.COMPARE,
            c.current.question.pk,
            _("%(question)s: før og nå") % {"question": c.current.question.text},
        )
        for c in context.get("comparisons", [])
        if c.current.has_counts
    ]
    if questions:
        groups.append(Group(_("Spørsmål med diagram"), questions))
    centres = [Option(Kind.CENTRE, c.pk, c.name) for c in results.centres]
    if centres:
        groups.append(Group(_("Sentralene"), centres))
    plans = []
    for plan in Plan.objects.filter(municipality_id=survey.municipality_id).prefetch_related(
        "goals__strategies"
    ):
        plans.append(Option(Kind.PLAN, plan.pk, _("Formål: %(plan)s") % {"plan": plan.title}))
        for goal in plan.goals.all():
            plans.append(Option(Kind.GOAL, goal.pk, _("Mål: %(goal)s") % {"goal": goal.title}))
            plans += [
                Option(Kind.STRATEGY, s.pk, _("Strategi: %(text)s") % {"text": s.text})
                for s in goal.strategies.all()
            ]
    if plans:
        groups.append(Group(_("Planene"), plans))
    return groups
