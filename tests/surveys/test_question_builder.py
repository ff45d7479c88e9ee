"""The question builder shows and keeps what the chosen kind needs: a scale's range and
end words, a number's unit and bounds, a date, choices ending with «Annet (skriv inn)»;
a preview of the question as the centre sees it; the change log in words."""

from django.conf import settings
from django.urls import reverse

from surveys.models import Question

from ..factories import QuestionFactory
from .test_build_pages import question_data


def add_url(survey):
    return reverse("surveys:question_add", args=[survey.pk])


def test_a_yes_no_question_needs_no_ranked_list_size(client_for, coordinator, draft_survey):
    client = client_for(coordinator)
    data = question_data(rank_count="", max_length="x", scale_min="7", number_min="nei")
    response = client.post(add_url(draft_survey), data)
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.kind == Question.Kind.YES_NO
    assert question.rank_count == 3 and question.max_length is None
    assert question.scale_min == 1 and question.number_min is None


def test_a_ranked_list_needs_its_size(client_for, coordinator, draft_survey):
    page = client_for(coordinator).post(
        add_url(draft_survey), question_data(kind=Question.Kind.RANKED, rank_count="")
    )
    page = page.content.decode()
    assert "Skriv hvor mange punkter, fra 1 til 10." in page
    assert 'value="Er samhandlingen på rett nivå?"' in page  # nothing typed is lost
    assert not Question.objects.exists()


def test_the_form_groups_each_kinds_fields_and_says_which_kind_uses_them(
    client_for, coordinator, draft_survey
):
    page = client_for(coordinator).get(add_url(draft_survey)).content.decode()
    assert 'data-kinds="scale"' in page and 'data-kinds="number"' in page
    assert 'data-kinds="single multiple"' in page
    assert "Gjelder «Skala»." in page and "Gjelder «Ett valg» og «Flere valg»." in page
    assert "question-builder.js" in page
    assert "Skriv spørsmålet og velg type, så vises det her." in page


def test_a_scale_from_0_to_10_with_own_words(client_for, coordinator, draft_survey, survey):
    client = client_for(coordinator)
    data = question_data(
        text="Hvor godt kjenner kommunen sentralen?",
        kind=Question.Kind.SCALE,
        scale_min="0",
        scale_max="10",
        scale_low="ikke i det hele tatt",
        scale_high="svært godt",
        rank_count="",
    )
    assert client.post(add_url(draft_survey), data).status_code == 302
    question = Question.objects.get()
    assert list(question.scale_range) == list(range(11))
    preview = client.get(
        reverse("surveys:question_edit", args=[draft_survey.pk, question.pk])
    ).content.decode()
    assert "0 – ikke i det hele tatt" in preview and "10 – svært godt" in preview
    assert 'value="5"' in preview


def test_a_scale_with_default_words(client_for, coordinator, draft_survey):
    client = client_for(coordinator)
    client.post(add_url(draft_survey), question_data(kind=Question.Kind.SCALE, scale_max="7"))
    question = Question.objects.get()
    edit = reverse("surveys:question_edit", args=[draft_survey.pk, question.pk])
    page = client.get(edit).content.decode()
    assert "1 – svært lite" in page and "7 – svært mye" in page


def test_a_scale_out_of_range_is_refused(client_for, coordinator, draft_survey):
    page = client_for(coordinator).post(
        add_url(draft_survey), question_data(kind=Question.Kind.SCALE, scale_max="12")
    )
    assert "En skala slutter på et tall fra 3 til 10." in page.content.decode()
    assert not Question.objects.exists()


def test_a_number_with_unit_and_bounds(client_for, coordinator, draft_survey):
    client = client_for(coordinator)
    data = question_data(
        text="Hvor mange frivillige har sentralen?",
        kind=Question.Kind.NUMBER,
        unit="personer",
        number_min="0",
        number_max="5000",
    )
    assert client.post(add_url(draft_survey), data).status_code == 302
    question = Question.objects.get()
    assert (question.unit, question.number_min, question.number_max) == ("personer", 0, 5000)
    wrong = client.post(add_url(draft_survey), {**data, "number_min": "10", "number_max": "2"})
    page = wrong.content.decode()
    assert "Det største tallet kan ikke være mindre enn det minste." in page
    assert 'value="personer"' in page
    assert Question.objects.count() == 1


def test_choices_can_end_with_other(client_for, coordinator, draft_survey):
    client = client_for(coordinator)
    data = question_data(
        kind=Question.Kind.SINGLE, choices_text="Frivillige\nAnsatte", allow_other="on"
    )
    client.post(add_url(draft_survey), data)
    question = Question.objects.get()
    assert question.offers_other and question.choices == ["Frivillige", "Ansatte"]
    page = client.get(
        reverse("surveys:question_edit", args=[draft_survey.pk, question.pk])
    ).content.decode()
    assert "Annet (skriv inn)" in page and 'name="q0_other"' in page
    # «Annet» is for the yes/no of a choice question only.
    client.post(
        reverse("surveys:question_edit", args=[draft_survey.pk, question.pk]),
        {**data, "kind": Question.Kind.YES_NO},
    )
    question.refresh_from_db()
    assert not question.allow_other and question.choices == []


def test_the_preview_saves_nothing(client_for, coordinator, draft_survey):
    client = client_for(coordinator)
    data = question_data(kind=Question.Kind.DATE, text="Når holdt dere årsmøtet?", preview="1")
    page = client.post(add_url(draft_survey), data).content.decode()
    assert not Question.objects.exists()
    assert 'type="date"' in page and "1. Når holdt dere årsmøtet?" in page
    assert "Spørsmålet ble ikke lagret" not in page
    # The builder's script asks for the preview alone.
    part = client.post(add_url(draft_survey), data, headers={"X-Preview": "1"})
    assert "<html" not in part.content.decode() and 'type="date"' in part.content.decode()


def test_the_change_log_shows_words_and_only_the_kinds_fields(
    client_for, coordinator, draft_survey
):
    client = client_for(coordinator)
    client.post(add_url(draft_survey), question_data())
    parent = Question.objects.get()
    client.post(
        add_url(draft_survey),
        question_data(text="Hvor enig?", kind=Question.Kind.SCALE, condition=f"{parent.pk}:no"),
    )
    page = client.get(reverse("surveys:detail", args=[draft_survey.pk])).content.decode()
    log = page[page.index("Endringslogg") :]
    assert "Nei" in log and ": no" not in log and ">no<" not in log
    assert "Antall i rangert liste" not in log and "antall i rangert liste" not in log


def test_copying_a_round_keeps_the_kinds_settings(client_for, coordinator, survey):
    QuestionFactory(
        survey=survey,
        kind=Question.Kind.SCALE,
        scale_min=0,
        scale_max=10,
        scale_high="helt enig",
    )
    QuestionFactory(survey=survey, kind=Question.Kind.NUMBER, unit="kr", number_max=100)
    QuestionFactory(
        survey=survey, kind=Question.Kind.MULTIPLE, choices=["A", "B"], allow_other=True
    )
    client_for(coordinator).post(reverse("surveys:copy", args=[survey.pk]))
    copy = survey.copies.get()
    scale, number, multiple = copy.questions.in_order()
    assert (scale.scale_min, scale.scale_max, scale.scale_high) == (0, 10, "helt enig")
    assert (number.unit, number.number_max) == ("kr", 100)
    assert multiple.allow_other


def test_the_question_form_costs_the_same_for_5_and_40_questions(
    client_for, coordinator, draft_survey, query_count
):
    client = client_for(coordinator)
    counts = []
    for total in (5, 40):
        for n in range(total - draft_survey.questions.count()):
            QuestionFactory(survey=draft_survey, kind=Question.Kind.SCALE, text=f"Skala {n}?")
        question = draft_survey.questions.first()
        url = reverse("surveys:question_edit", args=[draft_survey.pk, question.pk])
        counts.append(query_count.get(client, url))
    assert counts[0] == counts[1]


def test_the_builder_in_nynorsk_and_english(client_for, coordinator, draft_survey):
    client = client_for(coordinator)
    for language, words in (
        ("nn", ["Gjeld «Skala».", "Slik ser sentralen spørsmålet", "Førehandsvis"]),
        ("en", ["Applies to “Scale”.", "How the centre sees the question", "Preview"]),
    ):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        page = client.get(add_url(draft_survey)).content.decode()
        for word in words:
            assert word in page, (language, word)
