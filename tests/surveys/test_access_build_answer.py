"""Who may open what beyond the URL matrix: a reader on a published answer page.

Every building and answering view against the whole cast, on an open survey and on a
draft, is a cell of tests/security/test_url_access.py (the open survey's question
tools, send and reopen are its `open` rows; a leader's 404 on a draft, its `draft`
rows)."""

from django.urls import reverse

from surveys.models import Survey, SurveyResponse


def test_reader_sees_a_published_survey_answer_page_read_only(
    client_for, reader, survey, questions, response_a, centre_a
):
    survey.status = Survey.Status.PUBLISHED
    survey.save()
    # A reader reads submitted answers only (tests/security/test_unsubmitted_answers.py).
    response_a.status = SurveyResponse.Status.SUBMITTED
    response_a.save()
    client = client_for(reader)
    page = client.get(reverse("surveys:answer", args=[survey.pk, centre_a.slug]))
    assert page.status_code == 200 and "Lagre utkast" not in page.content.decode()
    response = client.post(reverse("surveys:answer", args=[survey.pk, centre_a.slug]))
    assert response.status_code == 403
