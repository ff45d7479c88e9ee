"""A row of one municipality never links to another municipality's rows: the published
results of a survey are read only in its own municipality, also through the round it was
copied from, and the admin (which lists every municipality's rows) refuses a link across
municipalities with an error next to the field, as the portal's forms refuse a foreign id.

The world is tests/security/conftest.py's: Skien with Klyve and Gulset, and Drammen.
"""

import datetime
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from agreements.models import Agreement
from meetings.models import Meeting
from surveys import access as survey_access
from surveys.models import Answer, Question, Survey, SurveyResponse, Theme, ThemeMember

from ..factories import (
    AgreementClauseFactory,
    AgreementFactory,
    GoalFactory,
    MeetingFactory,
    PlanFactory,
    QuestionFactory,
    StrategyFactory,
    SurveyFactory,
    SurveyResponseFactory,
)
from ..payloads import meeting_post

DRAMMEN_WORD = "Drammenssvar"


@pytest.fixture
def drammen(world):
    """Drammen's published 2024 round with an answer, a meeting, a plan goal with a
    strategy, and a survey with a question."""
    survey = SurveyFactory(
        municipality=world.other_municipality, round=2024, status=Survey.Status.PUBLISHED
    )
    question = QuestionFactory(survey=survey, order=1, text="Hva er Drammens mål?")
    response = SurveyResponseFactory(
        survey=survey,
        centre=world.other_centre,
        status=SurveyResponse.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )
    Answer.objects.create(response=response, question=question, text=f"{DRAMMEN_WORD} mål")
    goal = GoalFactory(plan=PlanFactory(municipality=world.other_municipality), number=1)
    return {
        "survey": survey,
        "question": question,
        "meeting": MeetingFactory(municipality=world.other_municipality, title="Drammens møte"),
        "goal": goal,
        "strategy": StrategyFactory(goal=goal, number=1),
        "centre": world.other_centre,
    }


SKIEN_USERS = ["coordinator", "leader_a", "leader_b", "reader"]


# --- the results of another municipality's round ------------------------------------------


@pytest.mark.parametrize("who", SKIEN_USERS)
def test_the_comparison_shows_nothing_of_another_municipalitys_round(
    client_for, world, drammen, who
):
    """Skien's round names Drammen's published round as the one it was copied from."""
    survey = world.surveys.published
    Survey.objects.filter(pk=survey.pk).update(copied_from=drammen["survey"])
    user = world.cast[who]
    assert not survey_access.can_see_results(user, drammen["survey"])

    client = client_for(user)
    response = client.get(reverse("surveys:compare", args=[survey.pk]))
    assert response.status_code == 404
    assert DRAMMEN_WORD not in response.content.decode()
    results = client.get(reverse("surveys:results", args=[survey.pk])).content.decode()
    assert reverse("surveys:compare", args=[survey.pk]) not in results


@pytest.mark.parametrize("who", SKIEN_USERS)
def test_a_round_reached_through_a_copied_question_is_checked_too(client_for, world, drammen, who):
    """Without copied_from the previous round is the survey of a copied question."""
    survey = world.surveys.published
    Survey.objects.filter(pk=survey.pk).update(copied_from=None)
    Question.objects.filter(pk=world.surveys.ranked.pk).update(copied_from=drammen["question"])
    response = client_for(world.cast[who]).get(reverse("surveys:compare", args=[survey.pk]))
    assert response.status_code == 404
    assert DRAMMEN_WORD not in response.content.decode()


def test_the_own_municipalitys_previous_round_is_still_compared(client_for, world):
    url = reverse("surveys:compare", args=[world.surveys.published.pk])
    for who in SKIEN_USERS:
        assert client_for(world.cast[who]).get(url).status_code == 200, who


def test_the_administrator_and_drammens_own_people_read_drammens_results(world, drammen):
    survey = drammen["survey"]
    assert survey_access.can_see_results(world.cast["admin"], survey)
    assert survey_access.can_see_results(world.cast["other_coordinator"], survey)


# --- the admin ------------------------------------------------------------------------------


class _FormReader(HTMLParser):
    """What a browser posts for the page's admin form: its inputs, selects and textareas
    as rendered (the empty inline row kept for JavaScript left out)."""

    def __init__(self):
        super().__init__()
        self.data, self._in_form, self._select, self._textarea = [], False, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id", "").endswith("_form"):
            self._in_form = True
        name = attrs.get("name") or ""
        if not self._in_form or "__prefix__" in name:
            return
        kind = attrs.get("type")
        if tag == "input" and name and kind not in ("submit", "button", "file"):
            if kind not in ("checkbox", "radio"):
                self.data.append((name, attrs.get("value") or ""))
            elif "checked" in attrs:
                self.data.append((name, attrs.get("value") or "on"))
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data.append((self._select, attrs.get("value", "")))
        elif tag == "textarea":
            self._textarea = name
            self.data.append((name, ""))

    def handle_data(self, data):
        if self._textarea:
            name, text = self.data.pop()
            self.data.append((name, text + data))

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _admin_post(client, url, **changes):
    """Posts the admin form at `url` as rendered, with `changes` ({name: value or list})."""
    page = client.get(url)
    assert page.status_code == 200
    reader = _FormReader()
    reader.feed(page.content.decode())
    data = {}
    for name, value in reader.data:
        data.setdefault(name, []).append(value.lstrip("\n"))
    for name, value in changes.items():
        data[name] = [str(v) for v in value] if isinstance(value, list) else [str(value)]
    return client.post(url, data)


def _errors(response, field, inline=None):
    """The errors shown next to `field` of the admin form, or of an inline's first row."""
    assert response.status_code == 200, "saved, not refused"
    if inline is None:
        return response.context["adminform"].form.errors.get(field, [])
    formsets = {f.formset.prefix: f.formset for f in response.context["inline_admin_formsets"]}
    return formsets[inline].forms[0].errors.get(field, [])


def _change(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def test_the_admin_refuses_a_survey_copied_from_another_municipalitys(client_for, world, drammen):
    client = client_for(world.cast["admin"])
    survey = world.surveys.published
    response = _admin_post(client, _change(survey), copied_from=drammen["survey"].pk)
    assert _errors(response, "copied_from") == [
        "Undersøkelsen den er kopiert fra, må høre til samme kommune."
    ]
    survey.refresh_from_db()
    assert survey.copied_from_id != drammen["survey"].pk

    add = reverse("admin:surveys_survey_add")
    response = _admin_post(
        client,
        add,
        municipality=world.municipality.pk,
        title="Ny runde",
        round=2031,
        deadline="2031-12-31",
        copied_from=drammen["survey"].pk,
        meeting=drammen["meeting"].pk,
    )
    assert _errors(response, "copied_from")
    assert _errors(response, "meeting") == ["Møtet må høre til samme kommune som undersøkelsen."]
    assert not Survey.objects.filter(round=2031).exists()


def test_the_admin_refuses_a_survey_meeting_of_another_municipality(client_for, world, drammen):
    survey = world.surveys.open
    client = client_for(world.cast["admin"])
    response = _admin_post(client, _change(survey), meeting=drammen["meeting"].pk)
    assert _errors(response, "meeting") == ["Møtet må høre til samme kommune som undersøkelsen."]
    survey.refresh_from_db()
    assert survey.meeting_id is None

    # The municipality's own meeting is taken.
    own = MeetingFactory(municipality=world.municipality, kind=Meeting.Kind.DIALOGUE)
    response = _admin_post(client, _change(survey), meeting=own.pk)
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.meeting_id == own.pk


def _agreement_with_clause(world):
    agreement = world.agreements.signed
    if not agreement.clauses.exists():
        AgreementClauseFactory(agreement=agreement)
    return agreement


# (what is changed, the change in the admin form, the field, the inline, the message)
SWEEP = {
    "agreement centre": (
        lambda w, d: w.agreements.signed,
        lambda d: {"centre": d["centre"].pk},
        "centre",
        None,
        "Sentralen må høre til samme kommune som avtalen.",
    ),
    "meeting centres": (
        lambda w, d: w.common,
        lambda d: {"centres": [d["centre"].pk]},
        "centres",
        None,
        "Velg bare sentraler i møtets kommune.",
    ),
    "centre goal's goals": (
        lambda w, d: w.plans.centre_goal,
        lambda d: {"municipal_goals": [d["goal"].pk]},
        "municipal_goals",
        None,
        "Velg bare mål i sentralens kommune.",
    ),
    "centre goal's strategies": (
        lambda w, d: w.plans.centre_goal,
        lambda d: {"municipal_strategies": [d["strategy"].pk]},
        "municipal_strategies",
        None,
        "Velg bare strategier i sentralens kommune.",
    ),
    "centre goal in its period": (
        lambda w, d: w.plans.centre_goal.period,
        lambda d: {"goals-0-municipal_goals": [d["goal"].pk]},
        "municipal_goals",
        "goals",
        "Velg bare mål i sentralens kommune.",
    ),
    "framework clause goal": (
        lambda w, d: w.agreements.framework,
        lambda d: {"clauses-0-goal": d["goal"].pk, "clauses-0-strategy": d["strategy"].pk},
        "goal",
        "clauses",
        "Målet må høre til rammens kommune.",
    ),
    "agreement clause goals": (
        lambda w, d: _agreement_with_clause(w),
        lambda d: {"clauses-0-goals": [d["goal"].pk]},
        "goals",
        "clauses",
        "Velg bare mål i avtalens kommune.",
    ),
    "survey response centre": (
        lambda w, d: SurveyResponse.objects.filter(survey=w.surveys.published).first(),
        lambda d: {"centre": d["centre"].pk},
        "centre",
        None,
        "Sentralen må høre til samme kommune som undersøkelsen.",
    ),
    "response in its survey": (
        lambda w, d: w.surveys.published,
        lambda d: {"responses-0-centre": d["centre"].pk},
        "centre",
        "responses",
        "Sentralen må høre til samme kommune som undersøkelsen.",
    ),
    "question copied from": (
        lambda w, d: w.surveys.ranked,
        lambda d: {"copied_from": d["question"].pk},
        "copied_from",
        None,
        "Spørsmålet i forrige runde må høre til samme kommune.",
    ),
    "answer's question": (
        lambda w, d: SurveyResponse.objects.filter(survey=w.surveys.published).first(),
        lambda d: {"answers-0-question": d["question"].pk},
        "question",
        "answers",
        "Spørsmålet må høre til undersøkelsen svaret gjelder.",
    ),
}


@pytest.mark.parametrize("case", SWEEP)
def test_the_admin_refuses_a_link_to_another_municipality_next_to_the_field(
    client_for, world, drammen, case
):
    target, changes, field, inline, message = SWEEP[case]
    obj = target(world, drammen)
    before = _snapshot(obj)
    response = _admin_post(client_for(world.cast["admin"]), _change(obj), **changes(drammen))
    assert message in _errors(response, field, inline)
    assert _snapshot(obj) == before


def _snapshot(obj):
    """The object's row and its links, to show the refused post changed nothing."""
    obj = type(obj)._default_manager.get(pk=obj.pk)
    fields = [f.attname for f in obj._meta.concrete_fields]
    links = [
        sorted(getattr(obj, f.name).values_list("pk", flat=True)) for f in obj._meta.many_to_many
    ]
    return [getattr(obj, name) for name in fields], links


def test_a_theme_takes_only_its_own_questions_answers(world, drammen):
    theme = Theme.objects.get(
        question__survey__round=2024, question__survey__municipality_id=(world.municipality.pk)
    )
    member = ThemeMember(theme=theme, question=drammen["question"], text="barn og unge")
    with pytest.raises(ValidationError) as refused:
        member.full_clean()
    assert refused.value.message_dict == {"question": ["Svaret må høre til temaets spørsmål."]}


def test_a_form_without_the_link_is_not_refused_for_it(world, drammen):
    """A link a form does not show (the portal's agreement form has no centre) is checked
    only where it can be changed, and the row can still be edited."""
    agreement = AgreementFactory(centre=world.centre_a)
    Agreement.objects.filter(pk=agreement.pk).update(centre=drammen["centre"])
    agreement.refresh_from_db()
    agreement.full_clean(exclude=["centre"])
    with pytest.raises(ValidationError):
        agreement.full_clean()


# --- the portal's forms ---------------------------------------------------------------------


def test_a_new_survey_takes_only_its_own_municipalitys_meeting(client_for, world, drammen):
    data = {
        "title": "Ny runde",
        "introduction": "",
        "round": "2031",
        "deadline": (datetime.date.today() + datetime.timedelta(days=30)).isoformat(),
        "meeting": str(drammen["meeting"].pk),
    }
    response = client_for(world.cast["coordinator"]).post(reverse("surveys:create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["meeting"]
    assert not Survey.objects.filter(round=2031).exists()


def test_a_meeting_takes_only_its_own_municipalitys_centres(client_for, world, drammen):
    client = client_for(world.cast["coordinator"])
    data = meeting_post(title="Med Drammen", centres=[world.centre_a.pk, drammen["centre"].pk])
    response = client.post(reverse("meetings:create"), data)
    assert response.status_code == 200
    assert response.context["forms"].meeting.errors["centres"]
    assert not Meeting.objects.filter(title="Med Drammen").exists()

    response = client.post(reverse("meetings:edit", args=[world.common.pk]), data)
    assert response.status_code == 200
    assert drammen["centre"] not in world.common.centres.all()
