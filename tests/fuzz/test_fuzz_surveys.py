"""Fuzzed input into the survey forms: the survey (SurveyForm) and its questions
(QuestionForm, with choices and the condition of a follow-up), the answer page (every
kind of question; save, autosave, submit), and the results pages (SummaryForm, the
themes: ThemeSelectionForm and RenameThemeForm)."""

import pytest
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from frivillig.lib.posted import whole_number
from surveys.forms import QuestionForm, SurveyForm
from surveys.models import Answer, Question, Survey, SurveyResponse, Theme

from ..factories import QuestionFactory, SurveyFactory, SurveyResponseFactory
from ..surveys.conftest import in_days
from .helpers import (
    TRIED,
    assert_field_error,
    assert_no_raw_payloads,
    assert_shown_escaped,
    collapse,
    errors_on_page,
    form_data,
    fuzz_form,
    judge,
    post,
    rolled_back,
    text_fields,
)
from .strategies import bad_choices, bad_dates, bad_numbers, fuzz_settings, fuzz_text

NUL = "\x00"


# --- building: the survey and its questions ---------------------------------------------


@pytest.fixture
def draft(municipality):
    return SurveyFactory(
        municipality=municipality, status=Survey.Status.DRAFT, round=2027, deadline=in_days(30)
    )


@fuzz_settings
@given(title=fuzz_text, introduction=fuzz_text)
@example(title="Runde\x00", introduction="<script>alert(1)</script>")
def test_coordinator_fuzzes_the_survey_form(client_for, coordinator, draft, title, introduction):
    client = client_for(coordinator)
    with rolled_back():
        fuzz_form(
            client,
            url=reverse("surveys:edit", args=[draft.pk]),
            forms=[SurveyForm(instance=Survey.objects.get(pk=draft.pk))],
            values={"title": title, "introduction": introduction},
            read=lambda: {
                "title": Survey.objects.get(pk=draft.pk).title,
                "introduction": Survey.objects.get(pk=draft.pk).introduction,
            },
            page=lambda: reverse("surveys:detail", args=[draft.pk]),
            counter="survey form",
        )


@fuzz_settings
@given(round_=bad_numbers, deadline=bad_dates, meeting=bad_choices)
def test_malformed_round_deadline_and_meeting_never_crash(
    client_for, coordinator, draft, round_, deadline, meeting
):
    client = client_for(coordinator)
    with rolled_back():
        data = form_data(SurveyForm(instance=draft)) | {
            "round": round_,
            "deadline": deadline,
            "meeting": meeting,
        }
        answer = post(
            client,
            reverse("surveys:edit", args=[draft.pk]),
            data,
            counter="survey form (formatted fields)",
        )
        if answer.saved:
            for url in (
                reverse("surveys:detail", args=[draft.pk]),
                reverse("surveys:list"),
                reverse("dashboard"),
            ):
                assert client.get(url).status_code == 200
        else:
            assert "is-invalid" in answer.html


def _choices(text: str) -> list[str]:
    return [line.strip() for line in text.strip().splitlines() if line.strip()]


@fuzz_settings
@given(
    text=fuzz_text,
    help_text=fuzz_text,
    choices_text=st.one_of(fuzz_text, st.lists(fuzz_text, min_size=2, max_size=4).map("\n".join)),
    follow_up=fuzz_text,
)
@example(text="Hva?", help_text="", choices_text="a\n" + "b" * 300, follow_up="Hvorfor?")
@example(text="Hva?", help_text="", choices_text="a\n" + "b" * 200, follow_up="Hvorfor?")
def test_coordinator_fuzzes_a_question_with_choices_and_a_follow_up(
    client_for, coordinator, draft, text, help_text, choices_text, follow_up
):
    """A single-choice question, then a follow-up shown on one of its (fuzzed) answers."""
    client = client_for(coordinator)
    with rolled_back():
        url = reverse("surveys:question_add", args=[draft.pk])
        form = QuestionForm(instance=Question(survey=draft))
        fields = text_fields(form)
        values = {"text": text, "help_text": help_text, "choices_text": choices_text}
        verdicts = {key: judge(value, fields[key]) for key, value in values.items()}
        choices = _choices(choices_text) if verdicts["choices_text"].valid else []
        # An option is at most 200 characters: a follow-up stores the one that shows it.
        fits = all(len(choice) <= 200 for choice in choices)
        data = form_data(form) | values | {"kind": "single"}
        answer = post(client, url, data, counter="question form")
        if (
            not all(v.valid for v in verdicts.values())
            or len(choices) < 2
            or len(set(choices)) != len(choices)
            or not fits
        ):
            assert answer.response.status_code == 200
            bad = [k for k, v in verdicts.items() if not v.valid] or ["choices_text"]
            for key in bad:
                assert_field_error(answer.html, f"id_{key}")
            assert_no_raw_payloads(answer.html)
            return
        assert answer.saved, errors_on_page(answer.html)
        main = draft.questions.get()
        assert (main.text, main.help_text, main.choices) == (
            verdicts["text"].stored,
            verdicts["help_text"].stored,
            choices,
        )
        # A follow-up shown when the answer is the longest of the choices.
        shown_when = max(choices, key=len)
        data = form_data(QuestionForm(instance=Question(survey=draft))) | {
            "text": follow_up,
            "kind": "long_text",
            "condition": f"{main.pk}:{shown_when}",
        }
        answer = post(client, url, data, counter="question form (follow-up)")
        if judge(follow_up, fields["text"]).valid:
            assert answer.saved, errors_on_page(answer.html)
            child = draft.questions.get(parent=main)
            assert child.show_when == shown_when
        else:
            assert_field_error(answer.html, "id_text")
        page = client.get(reverse("surveys:preview", args=[draft.pk])).content.decode()
        assert_shown_escaped(page, [main.text, main.help_text, *main.choices])
        page = client.get(reverse("surveys:detail", args=[draft.pk])).content.decode()
        assert_shown_escaped(page, [main.text])


@fuzz_settings
@given(
    kind=bad_choices,
    rank_count=bad_numbers,
    max_length=bad_numbers,
    required=bad_choices,
    condition=bad_choices,
)
def test_malformed_kind_numbers_and_condition_of_a_question_never_crash(
    client_for, coordinator, draft, kind, rank_count, max_length, required, condition
):
    client = client_for(coordinator)
    main = QuestionFactory(survey=draft, kind="yes_no", text="Ja eller nei?")
    with rolled_back():
        data = {
            "text": "Hva?",
            "kind": kind,
            "rank_count": rank_count,
            "max_length": max_length,
            "required": required,
            "condition": condition if condition else f"{main.pk}:{kind}",
        }
        answer = post(
            client,
            reverse("surveys:question_add", args=[draft.pk]),
            data,
            counter="question form (formatted fields)",
        )
        if answer.saved:
            assert client.get(reverse("surveys:preview", args=[draft.pk])).status_code == 200
        else:
            assert "is-invalid" in answer.html


# --- answering ------------------------------------------------------------------------


@pytest.fixture
def open_survey(municipality, centre_a, leader_a):
    survey = SurveyFactory(
        municipality=municipality, status=Survey.Status.OPEN, deadline=in_days(14), round=2026
    )
    questions = {
        "short": QuestionFactory(survey=survey, order=1, kind="short_text", required=False),
        "long": QuestionFactory(survey=survey, order=2, kind="long_text", required=False),
        "ranked": QuestionFactory(
            survey=survey, order=3, kind="ranked", rank_count=3, max_length=1000, required=False
        ),
        "yes_no": QuestionFactory(survey=survey, order=4, kind="yes_no", required=False),
        "single": QuestionFactory(
            survey=survey, order=5, kind="single", choices=["En", "To"], required=False
        ),
        "multiple": QuestionFactory(
            survey=survey, order=6, kind="multiple", choices=["A", "B", "C"], required=False
        ),
        "scale": QuestionFactory(survey=survey, order=7, kind="scale", required=False),
    }
    response = SurveyResponseFactory(survey=survey, centre=centre_a)
    return survey, questions, response


def _expected_text(value: str, limit) -> tuple[bool, str]:
    """A text answer is stored stripped; NUL is refused; a draft keeps over-long text
    (submitting refuses it)."""
    return NUL not in value, value.strip()


answer_values = st.fixed_dictionaries(
    {
        "short": fuzz_text,
        "long": fuzz_text,
        "ranked": st.lists(fuzz_text, min_size=0, max_size=3),
        "yes_no": st.one_of(*[st.sampled_from(["yes", "no", ""])] * 3, bad_choices),
        "single": st.one_of(*[st.sampled_from(["En", "To"])] * 3, bad_choices),
        "multiple": st.one_of(
            st.lists(st.sampled_from(["A", "B", "C"]), max_size=3, unique=True),
            st.lists(bad_choices, max_size=3),
        ),
        "scale": st.one_of(*[st.sampled_from(["1", "3", "5", ""])] * 3, bad_numbers),
    }
)


def _answer_post(survey, questions, response, values, action):
    q = questions
    data = {
        "action": action,
        "revision": str(SurveyResponse.objects.get(pk=response.pk).revision),
        f"q{q['short'].pk}": values["short"],
        f"q{q['long'].pk}": values["long"],
        f"q{q['yes_no'].pk}": values["yes_no"],
        f"q{q['single'].pk}": values["single"],
        f"q{q['multiple'].pk}": values["multiple"],
        f"q{q['scale'].pk}": values["scale"],
    }
    for n, item in enumerate(values["ranked"], 1):
        data[f"q{q['ranked'].pk}_{n}"] = item
    return data


def _ranked(items: list[str]) -> list[str]:
    items = [i.strip() for i in items]
    while items and not items[-1]:
        items.pop()
    return items


def _check_stored(questions, response, values):
    stored = {a.question_id: a for a in Answer.objects.filter(response=response)}

    def text(q):
        return stored[q.pk].text if q.pk in stored else ""

    assert text(questions["short"]) == values["short"].strip()
    assert text(questions["long"]) == values["long"].strip()
    ranked = stored.get(questions["ranked"].pk)
    assert (ranked.items if ranked else []) == (
        _ranked(values["ranked"]) if any(i.strip() for i in values["ranked"]) else []
    )
    scale = stored.get(questions["scale"].pk)
    raw = values["scale"].strip()
    expected = int(raw) if raw.isdigit() and int(raw) in range(1, 6) else None
    assert (scale.number if scale else None) == expected
    assert text(questions["yes_no"]) == (
        values["yes_no"] if values["yes_no"] in ("yes", "no") else ""
    )
    assert text(questions["single"]) == (
        values["single"].strip() if values["single"].strip() in ("En", "To") else ""
    )


def _has_nul(values) -> bool:
    return any(NUL in v for v in (values["short"], values["long"], *values["ranked"]))


@fuzz_settings
@given(values=answer_values)
@example(
    values={
        "short": "a\x00b",
        "long": "ok",
        "ranked": ["x\x00"],
        "yes_no": "yes",
        "single": "En",
        "multiple": ["A"],
        "scale": "3",
    }
)
@example(
    values={
        "short": "<script>alert(1)</script>",
        "long": "\x00",
        "ranked": ["<b>x</b>", "", "y"],
        "yes_no": "\x00",
        "single": "\x00",
        "multiple": ["\x00"],
        "scale": "\x00",
    }
)
def test_leader_saves_a_draft_with_fuzzed_answers(client_for, leader_a, open_survey, values):
    survey, questions, response = open_survey
    client = client_for(leader_a)
    with rolled_back():
        url = reverse("surveys:answer", args=[survey.pk, response.centre.slug])
        answer = post(
            client,
            url,
            _answer_post(survey, questions, response, values, "save"),
            counter="answer page (save)",
        )
        if _has_nul(values):
            # Nothing is saved; the page comes back with what was typed and the error.
            assert answer.response.status_code == 200
            assert not Answer.objects.filter(response=response).exists()
            for key in ("short", "long"):
                if NUL in values[key]:
                    assert_field_error(answer.html, f"q{questions[key].pk}")
            assert_no_raw_payloads(answer.html)
            return
        assert answer.saved, errors_on_page(answer.html)
        _check_stored(questions, response, values)
        page = client.get(url).content.decode()
        assert_shown_escaped(
            page, [values["short"].strip(), values["long"].strip(), *values["ranked"]]
        )


@fuzz_settings
@given(values=answer_values, revision=st.one_of(st.none(), bad_numbers))
@example(
    values={
        "short": "\x00",
        "long": "",
        "ranked": [],
        "yes_no": "",
        "single": "",
        "multiple": [],
        "scale": "",
    },
    revision=None,
)
@example(
    values={
        "short": "",
        "long": "",
        "ranked": ["", "\x00"],
        "yes_no": "",
        "single": "",
        "multiple": [],
        "scale": "",
    },
    revision=None,
)
def test_leader_autosaves_fuzzed_answers(client_for, leader_a, open_survey, values, revision):
    survey, questions, response = open_survey
    client = client_for(leader_a)
    with rolled_back():
        url = reverse("surveys:answer_save", args=[survey.pk, response.centre.slug])
        data = _answer_post(survey, questions, response, values, "save")
        if revision is not None:
            data["revision"] = revision
        answer = post(client, url, data, counter="answer autosave (htmx/fetch)")
        body = answer.response.json()
        if _has_nul(values):
            assert answer.response.status_code == 400 and not body["ok"]
            assert not Answer.objects.filter(response=response).exists()
        elif answer.response.status_code == 200:
            assert body["ok"]
            _check_stored(questions, response, values)
        elif answer.response.status_code == 400:
            # A revision that is not a whole number is not what the page sends.
            assert whole_number(revision) is None and not body["ok"]
        else:
            assert answer.response.status_code == 409 and not body["ok"]
            assert revision is not None


@fuzz_settings
@given(values=answer_values)
def test_leader_submits_fuzzed_answers_and_the_results_show_them_escaped(
    client_for, coordinator, leader_a, open_survey, values
):
    survey, questions, response = open_survey
    client = client_for(leader_a)
    with rolled_back():
        url = reverse("surveys:answer", args=[survey.pk, response.centre.slug])
        answer = post(
            client,
            url,
            _answer_post(survey, questions, response, values, "submit"),
            counter="answer page (submit)",
        )
        assert answer.response.status_code == 200
        if "error-summary" in answer.html:
            assert not SurveyResponse.objects.get(pk=response.pk).is_submitted
            return
        revision = SurveyResponse.objects.get(pk=response.pk).revision
        answer = post(
            client,
            url,
            {"action": "confirm", "revision": str(revision)},
            counter="answer page (confirm)",
        )
        assert answer.saved
        assert SurveyResponse.objects.get(pk=response.pk).is_submitted
        _check_stored(questions, response, values)
        coordinator_client = client_for(coordinator)
        for page in ("surveys:results", "surveys:side_by_side"):
            html = coordinator_client.get(reverse(page, args=[survey.pk])).content.decode()
            assert_no_raw_payloads(html)
        html = coordinator_client.get(
            reverse("surveys:themes", args=[survey.pk, questions["ranked"].pk])
        ).content.decode()
        assert_shown_escaped(html, [i.strip() for i in values["ranked"]])
        assert (
            coordinator_client.get(reverse("surveys:export_csv", args=[survey.pk])).status_code
            == 200
        )
        assert (
            coordinator_client.get(reverse("surveys:export_xlsx", args=[survey.pk])).status_code
            == 200
        )


# --- results: the summary sentence and the themes --------------------------------------


@pytest.fixture
def answered(open_survey, leader_a):
    """Klyve's submitted answer, with ranked items for the themes."""
    survey, questions, response = open_survey
    Answer.objects.create(
        response=response,
        question=questions["ranked"],
        items=["Eldre", "Barn og unge", "Innvandrere"],
    )
    SurveyResponse.objects.filter(pk=response.pk).update(status="submitted")
    return survey, questions


@fuzz_settings
@given(summary=fuzz_text)
@example(summary="Tre av fem\x00")
def test_coordinator_fuzzes_the_summary_sentence(client_for, coordinator, answered, summary):
    survey, questions = answered
    question = questions["ranked"]
    client = client_for(coordinator)
    with rolled_back():
        from surveys.result_forms import SummaryForm

        fuzz_form(
            client,
            url=reverse("surveys:summary", args=[survey.pk, question.pk]),
            forms=[SummaryForm()],
            values={"summary": summary},
            read=lambda: {"summary": Question.objects.get(pk=question.pk).summary},
            page=lambda: reverse("surveys:results", args=[survey.pk]),
            counter="results summary",
        )


@fuzz_settings
@given(name=fuzz_text, new_name=fuzz_text, theme_choice=bad_choices)
@example(name="Seniorer", new_name="eldre  FOLK", theme_choice="")
@example(name="Eldre\x00", new_name="x", theme_choice="")
def test_coordinator_fuzzes_theme_names(
    client_for, coordinator, answered, name, new_name, theme_choice
):
    survey, questions = answered
    question = questions["ranked"]
    client = client_for(coordinator)
    url = reverse("surveys:themes", args=[survey.pk, question.pk])
    with rolled_back():
        Theme.objects.create(question=question, name="Eldre folk")
        answer = post(
            client,
            url,
            {"action": "new", "name": name, "texts": ["eldre"]},
            counter="themes (new theme)",
        )
        field = text_fields(
            __import__("surveys.result_forms", fromlist=["x"]).ThemeSelectionForm(
                question=question, texts=[]
            )
        )["name"]
        verdict = judge(name, field, collapse)
        if not verdict.valid or not verdict.stored:
            assert answer.response.status_code == 200
            assert_field_error(answer.html, "id_name")
            return
        assert answer.saved, errors_on_page(answer.html)
        theme = Theme.objects.get(question=question, members__text="eldre")
        assert theme.name.casefold() == verdict.stored.casefold()
        page = client.get(url).content.decode()
        assert_shown_escaped(page, [theme.name])
        # Renamed, perhaps to a name another theme has.
        other = Theme.objects.exclude(pk=theme.pk).first()
        data = {"action": "rename", "theme_id": theme.pk, f"t{theme.pk}-name": new_name}
        answer = post(client, url, data, counter="themes (rename)")
        if answer.saved:
            assert Theme.objects.get(pk=theme.pk).name == collapse(new_name)
            assert_shown_escaped(client.get(url).content.decode(), [collapse(new_name)])
        else:
            assert answer.response.status_code == 200
            assert_field_error(answer.html, f"rename-{theme.pk}")
        # Garbage in the other actions' fields.
        for data in (
            {"action": "add", "theme": theme_choice, "texts": ["barn og unge"]},
            {"action": "remove", "text": theme_choice},
        ):
            post(client, url, data, counter="themes (add, remove)")
        if other is not None and theme_choice.isdigit():
            post(
                client,
                url,
                {"action": "delete", "theme_id": theme_choice},
                counter="themes (delete)",
            )


@pytest.mark.parametrize("item", ["ß" * 200, "ﬃ" * 150, "Eldre " * 100])
def test_a_long_ranked_answer_can_be_put_in_a_theme(client_for, coordinator, answered, item):
    """Casefolding makes "ß" two letters: a 200-character answer became 400 and did not
    fit the theme member's 200 (a DataError on PostgreSQL)."""
    survey, questions = answered
    question = questions["ranked"]
    Answer.objects.filter(question=question).update(items=[item])
    client = client_for(coordinator)
    url = reverse("surveys:themes", args=[survey.pk, question.pk])
    key = " ".join(item.split()).casefold()
    answer = post(
        client,
        url,
        {"action": "new", "name": "Lange svar", "texts": [key]},
        counter="themes (long answers)",
    )
    assert answer.saved, errors_on_page(answer.html)
    assert Theme.objects.get(question=question, name="Lange svar").members.get().text == key


NASTY = (
    "Svar \x08\x0b\x0c\x1b[31m\x7f\u202eRTL\u200b 👩🏽‍🚒 e\u0301 <script>alert(1)</script> {{ x }}"
)


def test_the_deck_and_exports_take_control_characters_and_payloads(
    client_for, coordinator, answered
):
    survey, questions = answered
    Answer.objects.filter(question=questions["ranked"]).update(items=[NASTY, "ß" * 200])
    Question.objects.filter(pk=questions["ranked"].pk).update(summary=NASTY)
    client = client_for(coordinator)
    for name in ("surveys:deck_pdf", "surveys:export_csv", "surveys:export_xlsx", "surveys:deck"):
        TRIED["deck and exports"] += 1
        response = client.get(reverse(name, args=[survey.pk]))
        assert response.status_code == 200
    assert (
        "<script>alert(1)</script>"
        not in client.get(reverse("surveys:deck", args=[survey.pk])).content.decode()
    )
