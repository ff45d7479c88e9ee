"""The slides of a survey's deck as shown: the saved deck's rows in the coordinator's
order (each row read afresh from the portal's data, or her own text), or the default
deck when none is saved; paginated and numbered.

A fixed number of queries whatever the size: the deck context (surveys.deck.data), the
saved rows, and one query per kind of plan object the rows name.
"""

from __future__ import annotations

import base64
import dataclasses
from dataclasses import dataclass, field

from django.urls import reverse

from plans.models import Goal, Plan, Strategy

from ..compare import compare_rounds
from ..models import Deck
from ..models import Slide as SavedSlide
from ..results import SurveyResults
from . import build
from .data import deck_context
from .markup import markdown_lines
from .slides import Slide, number_slides, paginate

Kind = SavedSlide.Kind


@dataclass
class Row:
    """A saved slide in the editor: the row and the slides it shows."""

    saved: SavedSlide
    slides: list[Slide] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.slides[0].title if self.slides else self.saved.title


def full_context(survey, *, previous=None) -> dict:
    """The deck's data, with the rounds compared when `previous` (a round the user may
    see) is given."""
    context = deck_context(survey)
    context["comparisons"] = []
    if previous is not None:
        context["comparisons"] = compare_rounds(context["results"], SurveyResults(previous))
    return context


def saved_rows(survey) -> list[SavedSlide] | None:
    """The saved deck's rows in order, or None when the survey has no saved deck."""
    deck = Deck.objects.filter(survey=survey).prefetch_related("slides").first()
    return None if deck is None else list(deck.slides.all())


def _sources(context, rows) -> dict:
    """The plan objects the rows name, each kind in one query, only the municipality's."""
    municipality = context["survey"].municipality_id
    wanted = {kind: [r.source_id for r in rows if r.kind == kind] for kind in Kind}
    return {
        Kind.PLAN: Plan.objects.filter(
            pk__in=wanted[Kind.PLAN], municipality_id=municipality
        ).in_bulk()
        if wanted[Kind.PLAN]
        else {},
        Kind.GOAL: Goal.objects.filter(pk__in=wanted[Kind.GOAL], plan__municipality_id=municipality)
        .select_related("plan")
        .prefetch_related("strategies")
        .in_bulk()
        if wanted[Kind.GOAL]
        else {},
        Kind.STRATEGY: Strategy.objects.filter(
            pk__in=wanted[Kind.STRATEGY], goal__plan__municipality_id=municipality
        )
        .select_related("goal")
        .prefetch_related("focus_areas")
        .in_bulk()
        if wanted[Kind.STRATEGY]
        else {},
    }


def _own(row: SavedSlide, survey_pk: int, key: str) -> list[Slide]:
    image_url = ""
    if row.image:
        image_url = reverse("surveys:deck_image", args=[survey_pk, row.pk])
    return [
        Slide(
            row.title,
            markdown_lines(row.body),
            kind="own",
            image_url=image_url,
            image_alt=row.image_alt,
            image_name=row.image.name if row.image else "",
            key=key,
        )
    ]


def slides_for(row: SavedSlide, context: dict, sources: dict) -> list[Slide]:
    """The slides one saved row shows today (none when its source is gone)."""
    key = f"s{row.pk}"
    results = context["results"]
    centres = {c.centre.pk: c for c in context["centres"]}
    comparisons = {c.current.question.pk: c for c in context.get("comparisons", [])}
    makers = {
        Kind.WELCOME: lambda: build.welcome(context),
        Kind.AGENDA: lambda: build.agenda(context),
        Kind.QUESTIONS: lambda: build.questions(context),
        Kind.SUMMARY: lambda: build.summary(context),
        Kind.FACTS: lambda: build.facts(context),
        Kind.INTERACTION: lambda: build.interaction(context),
        Kind.OWN: lambda: _own(row, context["survey"].pk, key),
    }
    if row.kind in makers:
        slides = makers[row.kind]()
    elif row.kind == Kind.QUESTION and row.source_id in results.by_question:
        slides = build.question(context, results.by_question[row.source_id], key)
    elif row.kind == Kind.COMPARE and row.source_id in comparisons:
        slides = build.compare(context, comparisons[row.source_id], key)
    elif row.kind == Kind.CENTRE and row.source_id in centres:
        full = row.detail == SavedSlide.Detail.FULL
        slides = build.centre(context, centres[row.source_id], key, full=full)
    elif row.kind in (Kind.PLAN, Kind.GOAL, Kind.STRATEGY):
        found = sources[row.kind].get(row.source_id)
        maker = {Kind.PLAN: build.plan, Kind.GOAL: build.goal, Kind.STRATEGY: build.strategy}
        slides = maker[row.kind](context, found, key) if found else []
    else:
        slides = []
    slides = [dataclasses.replace(s, key=f"{key}-{i}" if i else key) for i, s in enumerate(slides)]
    if slides and row.kind != Kind.OWN and row.title:
        slides[0] = dataclasses.replace(slides[0], title=row.title)
    for slide in slides:
        slide.saved_pk = row.pk
    if slides:
        slides[0].notes = row.notes
    return slides


def editor_rows(survey, context: dict) -> list[Row]:
    rows = saved_rows(survey) or []
    sources = _sources(context, rows)
    return [Row(row, slides_for(row, context, sources)) for row in rows]


def shown_slides(survey, context: dict) -> list[Slide]:
    """The deck as presented and exported: the saved rows that are not hidden, or the
    default deck; paginated and numbered."""
    rows = saved_rows(survey)
    if rows is None:
        slides = build.default_slides(context)
    else:
        rows = [row for row in rows if not row.hidden]
        sources = _sources(context, rows)
        slides = [slide for row in rows for slide in slides_for(row, context, sources)]
    return number_slides([page for slide in slides for page in paginate(slide)])


def embed_images(slides: list[Slide], rows_by_pk: dict) -> list[Slide]:
    """The PDF cannot fetch the access-checked image view: its images are data: URLs."""
    embedded = []
    for slide in slides:
        row = rows_by_pk.get(slide.saved_pk)
        if slide.image_url and row is not None and row.image:
            with row.image.open("rb") as handle:
                data = base64.b64encode(handle.read()).decode()
            kind = "png" if row.image.name.lower().endswith(".png") else "jpeg"
            slide = dataclasses.replace(slide, image_url=f"data:image/{kind};base64,{data}")
        embedded.append(slide)
    return embedded
