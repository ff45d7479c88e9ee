"""The pages the benchmark measures, per role, found in the scale data."""

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


def users() -> dict[str, User]:
    big = scale.BIG
    return {
        "coordinator": User.objects.get(username=f"{big}-koordinator"),
        "leader": User.objects.get(username=f"{big}-001-leder"),
        "reader": User.objects.get(username=f"{big}-leser"),
        "coordinator (10 centres)": User.objects.get(username=f"{scale.MIDDLE}-koordinator"),
    }


def pages() -> list[Page]:
    year = timezone.localdate().year
    centre = Centre.objects.get(slug=f"{scale.BIG}-001")
    published = Survey.objects.get(municipality__slug=scale.BIG, round=year - 1)
    open_round = Survey.objects.get(municipality__slug=scale.BIG, round=year)
    middle = Survey.objects.get(municipality__slug=scale.MIDDLE, round=year - 1)
    agreement = Agreement.objects.get(centre=centre)
    last = agreement.versions.order_by("-number").values_list("number", flat=True).first()
    plan = Plan.objects.get(municipality__slug=scale.BIG)
    r = reverse
    common = [
        ("dashboard", r("dashboard")),
        ("centre list", r("centres:list")),
        ("centre page", r("centres:detail", args=[centre.slug])),
        ("survey results", r("surveys:results", args=[published.pk])),
    ]
    agreement_pages = [
        ("agreement page", r("agreements:detail", args=[agreement.pk])),
        ("version comparison", r("agreements:compare", args=[agreement.pk]) + f"?fra=1&til={last}"),
    ]
    plan_pages = [
        ("plan page", r("plans:detail", args=[plan.pk])),
        ("progress overview", r("plans:progress")),
    ]
    result = []
    for name, url in common:
        result.append(Page("coordinator", name, url))
    result.append(
        Page("coordinator", "side by side", r("surveys:side_by_side", args=[published.pk]))
    )
    result += [Page("coordinator", n, u) for n, u in agreement_pages + plan_pages]
    for name, url in common:
        result.append(Page("leader", name, url))
    result.append(
        Page("leader", "survey form", r("surveys:answer", args=[open_round.pk, centre.slug]), FORM)
    )
    result += [Page("leader", n, u) for n, u in agreement_pages + plan_pages]
    for name, url in (
        common
        + [("side by side", r("surveys:side_by_side", args=[published.pk]))]
        + agreement_pages
        + plan_pages
    ):
        result.append(Page("reader", name, url))
    # Exports and PDFs: time per request and queries.
    result += [
        Page(
            "coordinator",
            "export CSV (round)",
            r("surveys:export_csv", args=[published.pk]),
            EXPORT,
        ),
        Page(
            "coordinator",
            "export XLSX (round)",
            r("surveys:export_xlsx", args=[published.pk]),
            EXPORT,
        ),
        Page("coordinator", "agreement PDF", r("agreements:pdf", args=[agreement.pk]), EXPORT),
        Page(
            "coordinator (10 centres)", "deck PDF", r("surveys:deck_pdf", args=[middle.pk]), EXPORT
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
            data[name] = [scale._sentence(scale.random.Random(q.pk), 12)]
    return data
