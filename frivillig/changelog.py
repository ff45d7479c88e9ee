"""The change log ("Endringslogg") of an object and its parts: who changed what and when,
field by field, read from django-simple-history.

Each kind of row (the object, its questions, its clauses, …) costs one query, the latest
rows of that kind with their user, whatever the number of changes; a row is compared
with the one before it of the same object among those read. The object's page reads the
object and at most one kind of part (`Kind.on_page`); the full log reads them all.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements import access as agreement_access
from agreements.models import Agreement, AgreementClause
from centres import access as centre_access
from centres.models import Centre, ContactPerson, GoalPeriod, Partner, PeriodGoal, TargetGroup
from frivillig.lib.access import is_coordinator_of
from plans import access as plan_access
from plans.models import FocusArea, Goal, Hearing, Measure, Plan, Strategy
from surveys import access as survey_access
from surveys.models import Answer, Question, Survey, SurveyResponse

from .lib.history import CHANGED, CREATED, DELETED

# How many changes a page shows, and how many rows of each kind it reads to find them.
PAGE_LIMIT, PAGE_WINDOW = 10, 50
FULL_LIMIT, FULL_WINDOW = 300, 500

# Bookkeeping and the links to the parent object: not changes a person makes.
HIDDEN = [
    "revision",
    "updated_by",
    "created_by",
    "created_at",
    "current_version",
    "copied_from",
    "key",
    "municipality",
    "centre",
    "survey",
    "response",
    "question",
    "agreement",
    "framework",
    "period",
    "plan",
]

ACTIONS = {
    CREATED: gettext_lazy("Opprettet"),
    CHANGED: gettext_lazy("Endret"),
    DELETED: gettext_lazy("Slettet"),
}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str
    shown: bool = True  # False for a link to another object: "changed", without values


@dataclass
class Change:
    when: datetime.datetime
    user: object
    kind: str
    what: str
    label: str
    fields: list[FieldChange] = field(default_factory=list)
    order: int = 0

    @property
    def action(self) -> str:
        return str(ACTIONS.get(self.kind, ""))

    @property
    def user_name(self) -> str:
        if self.user is None:
            return _("Portalen")
        return self.user.get_full_name() or self.user.username


@dataclass
class Changelog:
    changes: list[Change]
    has_more: bool
    url: str


def _show(model_field, value) -> str:
    if value is None or value == "" or value == []:
        return ""
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return _("Ja") if value else _("Nei")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value if item)
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, "DATE_FORMAT")
    return str(value)


def _label(row) -> str:
    if isinstance(row, Answer.history.model):
        question = row.question if row.question_id else None
        return Truncator(question.text if question else "").chars(80)
    if isinstance(row, SurveyResponse.history.model):
        return row.centre.name if row.centre_id and row.centre else ""
    if isinstance(row, GoalPeriod.history.model):
        return f"{row.start_year}–{row.end_year}"
    for name in ("title", "name", "text"):
        if value := getattr(row, name, ""):
            return Truncator(value).chars(80)
    return ""


def _fields(row, previous) -> list[FieldChange]:
    meta = row.instance_type._meta
    if previous is None:  # created, or changed before the rows read
        pairs = [
            (f.name, None, getattr(row, f.attname))
            for f in type(row).tracked_fields
            if f.name not in HIDDEN and not f.primary_key and row.history_type == CREATED
        ]
    else:
        delta = row.diff_against(previous, excluded_fields=HIDDEN)
        pairs = [(c.field, c.old, c.new) for c in delta.changes]
    result = []
    for name, old, new in pairs:
        try:
            model_field = meta.get_field(name)
        except FieldDoesNotExist:  # a field since removed from the model
            continue
        if previous is None and _show(model_field, new) == "":
            continue
        label = str(model_field.verbose_name)
        if model_field.is_relation:
            result.append(FieldChange(label, "", "", shown=False))
        else:
            result.append(FieldChange(label, _show(model_field, old), _show(model_field, new)))
    return result


def changes(sources, *, limit: int = PAGE_LIMIT, window: int = PAGE_WINDOW):
    """The latest `limit` changes from history querysets, newest first, and whether
    there are more."""
    found = []
    for source in sources:
        rows = list(source.select_related("history_user").order_by("-history_date", "-pk")[:window])
        by_object = {}
        for row in reversed(rows):  # oldest first, so each row meets its predecessor
            previous = by_object.get(row.id)
            by_object[row.id] = row
            fields = [] if row.history_type == DELETED else _fields(row, previous)
            if row.history_type == CHANGED and previous is not None and not fields:
                continue  # only bookkeeping changed
            found.append(
                Change(
                    when=row.history_date,
                    user=row.history_user,
                    kind=row.history_type,
                    what=str(row.instance_type._meta.verbose_name).capitalize(),
                    label=_label(row),
                    fields=fields,
                    order=row.pk,
                )
            )
    found.sort(key=lambda change: (change.when, change.order), reverse=True)
    return found[:limit], len(found) > limit


# --- what each page's log covers ---------------------------------------------------------


def centre_sources(centre):
    periods = GoalPeriod.history.filter(centre_id=centre.pk).values("id")
    return [
        Centre.history.filter(id=centre.pk),
        TargetGroup.history.filter(centre_id=centre.pk),
        GoalPeriod.history.filter(centre_id=centre.pk),
        PeriodGoal.history.filter(period_id__in=periods),
        Partner.history.filter(centre_id=centre.pk),
        ContactPerson.history.filter(centre_id=centre.pk),
    ]


def survey_sources(survey):
    return [
        Survey.history.filter(id=survey.pk),
        Question.history.filter(survey_id=survey.pk),
    ]


def response_sources(response):
    return [
        SurveyResponse.history.filter(id=response.pk).select_related("centre"),
        Answer.history.filter(response_id=response.pk).select_related("question"),
    ]


def agreement_sources(agreement):
    return [
        Agreement.history.filter(id=agreement.pk),
        AgreementClause.history.filter(agreement_id=agreement.pk),
    ]


def plan_sources(plan):
    goals = Goal.history.filter(plan_id=plan.pk).values("id")
    return [
        Plan.history.filter(id=plan.pk),
        Goal.history.filter(plan_id=plan.pk),
        Strategy.history.filter(goal_id__in=goals),
        Measure.history.filter(plan_id=plan.pk),
        Hearing.history.filter(plan_id=plan.pk),
    ]


def goal_sources(goal):
    strategies = Strategy.history.filter(goal_id=goal.pk).values("id")
    return [
        Goal.history.filter(id=goal.pk),
        Strategy.history.filter(goal_id=goal.pk),
        FocusArea.history.filter(strategy_id__in=strategies),
        Measure.history.filter(goal_id=goal.pk),
    ]


def _response_for_user(user, pk):
    """A response as the answer page would open it: 404 for the other centres' leaders."""
    response = SurveyResponse.objects.select_related("survey", "centre").filter(pk=pk).first()
    if response is None:
        raise Http404
    survey_access.get_survey_for_user(user, response.survey_id)
    survey_access.get_response_centre_for_user(user, response.survey, response.centre.slug)
    return response


def _centre_for_user(user, pk):
    centre = centre_access.visible_centres(user).filter(pk=pk).first()
    if centre is None:
        raise Http404
    return centre


@dataclass(frozen=True)
class Kind:
    load: object  # (user, pk) → the object as the user may see it (404 for a stranger)
    municipality: object  # object → its municipality's id
    sources: object  # object → its history querysets
    back: object  # object → the object's page
    # How many of the sources the object's page reads itself (a query each); the others
    # are in the full log it links to, which keeps busy pages within their query budget.
    on_page: int = 2


# The kinds of page with a change log, by the name in the URL.
KINDS = {
    "sentral": Kind(
        _centre_for_user,
        lambda c: c.municipality_id,
        centre_sources,
        Centre.get_absolute_url,
        on_page=1,
    ),
    "undersokelse": Kind(
        lambda user, pk: survey_access.get_survey_for_user(user, pk),
        lambda s: s.municipality_id,
        survey_sources,
        lambda s: reverse("surveys:detail", args=[s.pk]),
    ),
    "svar": Kind(
        _response_for_user,
        lambda r: r.survey.municipality_id,
        response_sources,
        lambda r: reverse("surveys:centre_results", args=[r.survey_id, r.centre.slug]),
    ),
    "avtale": Kind(
        lambda user, pk: agreement_access.get_agreement_for_user(user, pk),
        lambda a: a.municipality_id,
        agreement_sources,
        Agreement.get_absolute_url,
    ),
    "plan": Kind(
        lambda user, pk: plan_access.get_plan_for_user(user, pk),
        lambda p: p.municipality_id,
        plan_sources,
        Plan.get_absolute_url,
        on_page=1,
    ),
    "mal": Kind(
        lambda user, pk: plan_access.get_goal_for_user(
            user, pk, queryset=Goal.objects.select_related("plan")
        ),
        lambda g: g.plan.municipality_id,
        goal_sources,
        Goal.get_absolute_url,
        on_page=1,
    ),
}


def for_page(user, kind: str, obj, municipality_id) -> Changelog | None:
    """The latest changes for the object's page, or None for a user who may not see
    them."""
    if not is_coordinator_of(user, municipality_id):
        return None
    sources = KINDS[kind].sources(obj)
    on_page = KINDS[kind].on_page
    found, has_more = changes(sources[:on_page])
    has_more = has_more or len(sources) > on_page
    return Changelog(found, has_more, reverse("changelog", args=[kind, obj.pk]))


def changelog_page(request, kind, pk):
    """The whole change log of one object: its latest FULL_LIMIT changes."""
    if kind not in KINDS:
        raise Http404
    spec = KINDS[kind]
    obj = spec.load(request.user, pk)
    if not is_coordinator_of(request.user, spec.municipality(obj)):
        raise PermissionDenied
    found, has_more = changes(spec.sources(obj), limit=FULL_LIMIT, window=FULL_WINDOW)
    return render(
        request,
        "changelog.html",
        {"object": obj, "changes": found, "has_more": has_more, "back": spec.back(obj)},
    )
