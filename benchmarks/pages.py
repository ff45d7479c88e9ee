"""The pages the benchmark measures, per role, found in the scale data."""

import random
from dataclasses import asdict, dataclass

from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from agreements.models import Agreement
from centres.models import Centre
from plans.models import Plan
from surveys.models import Question, Survey, SurveyResponse

from . import scale

# Read pages must reach 1/5 of the trivial view; the form and the submit 1/10.
READ, FORM, EXPORT = "read", "form", "export"


@dataclass
class Page:
    role: str
    name: str
    url: str
    kind: str = READ
    queries: dict | None = None

    def as_dict(self):
        return asdict(self)


# The largest municipality (500 centres at full size, 50 at 1/10: its pages grow with
# the scale) and a typical one (10 centres at both sizes: its pages show what national
# data volume alone costs).
PLACES = [("Storby", scale.BIG), ("Mellomby", scale.MIDDLE)]
ROLES = [("coordinator", "koordinator"), ("leader", "001-leder"), ("reader", "leser")]


def users() -> dict[str, User]:
    """Users keyed "role@place"."""
    return {
        f"{role}@{place}": User.objects.get(username=f"{slug}-{suffix}")
        for place, slug in PLACES
        for role, suffix in ROLES
    }


def _place_pages(place: str, slug: str) -> list[Page]:
    year = timezone.localdate().year
    centre = Centre.objects.get(slug=f"{slug}-001")
    published = Survey.objects.get(municipality__slug=slug, round=year - 1)
    open_round = Survey.objects.get(municipality__slug=slug, round=year)
    agreement = Agreement.objects.get(centre=centre)
    last = agreement.versions.order_by("-number").values_list("number", flat=True).first()
    plan = Plan.objects.get(municipality__slug=slug)
    r = reverse
    common = [
        ("dashboard", r("dashboard")),
        ("centre list", r("centres:list")),
        ("centre page", r("centres:detail", args=[centre.slug])),
        ("survey results", r("surveys:results", args=[published.pk])),
    ]
    side_by_side = [("side by side", r("surveys:side_by_side", args=[published.pk]))]
    form = [("survey form", r("surveys:answer", args=[open_round.pk, centre.slug]))]
    agreement_pages = [
        ("agreement page", r("agreements:detail", args=[agreement.pk])),
        (
            "version comparison",
            r("agreements:compare", args=[agreement.pk]) + f"?fra=1&til={last}",
        ),
    ]
    plan_pages = [
        ("plan page", r("plans:detail", args=[plan.pk])),
        ("progress overview", r("plans:progress")),
    ]
    by_role = {
        "coordinator": common + side_by_side + agreement_pages + plan_pages,
        "leader": common + form + agreement_pages + plan_pages,
        "reader": common + side_by_side + agreement_pages + plan_pages,
    }
    return [
        Page(f"{role}@{place}", name, url, FORM if name == "survey form" else READ)
        for role, named in by_role.items()
        for name, url in named
    ]


def pages() -> list[Page]:
    result = []
    for place, slug in PLACES:
        result += _place_pages(place, slug)
    year = timezone.localdate().year
    published = Survey.objects.get(municipality__slug=scale.BIG, round=year - 1)
    middle = Survey.objects.get(municipality__slug=scale.MIDDLE, round=year - 1)
    agreement = Agreement.objects.get(centre__slug=f"{scale.BIG}-001")
    r = reverse
    # Exports and PDFs: time per request and queries; the round of the 500 centres, the
    # deck of the 10.
    result += [
        Page(
            "coordinator@Storby",
            "export CSV (round)",
            r("surveys:export_csv", args=[published.pk]),
            EXPORT,
        ),
        Page(
            "coordinator@Storby",
            "export XLSX (round)",
            r("surveys:export_xlsx", args=[published.pk]),
            EXPORT,
        ),
        Page(
            "coordinator@Storby", "agreement PDF", r("agreements:pdf", args=[agreement.pk]), EXPORT
        ),
        Page("coordinator@Mellomby", "deck PDF", r("surveys:deck_pdf", args=[middle.pk]), EXPORT),
        Page(
            "coordinator@Mellomby",
            "deck PowerPoint",
            r("surveys:deck_pptx", args=[middle.pk]),
            EXPORT,
        ),
    ]
    return result


def open_round_responses():
    """The open round's responses nobody has started (the submit benchmark answers
    them), with their leaders, in a fixed order."""
    year = timezone.localdate().year
    survey = Survey.objects.get(municipality__slug=scale.BIG, round=year)
    responses = (
        SurveyResponse.objects.filter(survey=survey, status=SurveyResponse.Status.NOT_STARTED)
        .select_related("centre")
        .order_by("centre__slug")
    )
    leaders = {
        u.centre_id: u
        for u in User.objects.filter(
            centre__in=[r.centre for r in responses], role=User.Role.LEADER
        )
    }
    return survey, [(r, leaders[r.centre_id]) for r in responses]


def full_answers(survey) -> dict[str, list[str]]:
    """Form data answering every question of the survey (follow-ups shown by "no")."""
    data = {}
    for q in survey.questions.all():
        name = f"q{q.pk}"
        if q.kind == Question.Kind.YES_NO:
            data[name] = [Question.NO]
        elif q.kind == Question.Kind.SINGLE:
            data[name] = [q.choices[0]]
        elif q.kind == Question.Kind.MULTIPLE:
            data[name] = q.choices[:2]
        elif q.kind == Question.Kind.SCALE:
            data[name] = ["4"]
        elif q.kind == Question.Kind.RANKED:
            for n in range(1, q.rank_count + 1):
                data[f"{name}_{n}"] = [f"Tema {n}"]
        else:
            data[name] = [scale.sentence(random.Random(q.pk), 12)]
    return data
