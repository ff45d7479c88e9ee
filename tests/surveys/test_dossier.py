"""The visit dossier is the whole picture of a centre: profile, this round's answers
beside the round before, the agreement's state and next step, open and overdue
follow-ups, and the notes of the last visit."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from agreements.models import Agreement
from surveys.models import Question, Survey, SurveyResponse

from ..factories import (
    AgreementFactory,
    AnswerFactory,
    FollowUpFactory,
    MeetingFactory,
    QuestionFactory,
    SurveyFactory,
)


def _submitted(survey, centre):
    return SurveyResponse.objects.create(
        survey=survey, centre=centre, status="submitted", submitted_at=timezone.now()
    )


@pytest.fixture
def dossier_world(municipality, centre_a):
    today = timezone.localdate()
    before = SurveyFactory(
        municipality=municipality, round=2024, title="Undersøkelse 2024", status="published"
    )
    asked_before = QuestionFactory(
        survey=before, kind=Question.Kind.LONG_TEXT, text="Hvordan går samarbeidet?"
    )
    now = SurveyFactory(
        municipality=municipality,
        round=2025,
        title="Undersøkelse 2025",
        status=Survey.Status.PUBLISHED,
        copied_from=before,
    )
    again = QuestionFactory(
        survey=now, kind=Question.Kind.LONG_TEXT, text=asked_before.text, copied_from=asked_before
    )
    new = QuestionFactory(survey=now, kind=Question.Kind.LONG_TEXT, text="Hva trenger dere?")
    AnswerFactory(response=_submitted(before, centre_a), question=asked_before, text="Tregt i fjor")
    response = _submitted(now, centre_a)
    AnswerFactory(response=response, question=again, text="Mye bedre i år")
    AnswerFactory(response=response, question=new, text="Større lokaler")

    AgreementFactory(centre=centre_a, status=Agreement.Status.APPROVED_BY_CENTRE)
    held = MeetingFactory(
        municipality=municipality,
        kind="visit",
        title="Besøk på Klyve",
        date=today - datetime.timedelta(days=90),
        centres=[centre_a],
        notes="Snakket om nye lokaler på Lie.",
    )
    MeetingFactory(
        municipality=municipality,
        kind="visit",
        title="Neste besøk",
        date=today + datetime.timedelta(days=30),
        centres=[centre_a],
        notes="Ikke holdt ennå",
    )
    FollowUpFactory(meeting=held, text="Finne lokaler", due_date=today - datetime.timedelta(days=1))
    FollowUpFactory(meeting=held, text="Sende referat", due_date=today + datetime.timedelta(days=5))
    FollowUpFactory(meeting=held, text="Allerede gjort", done=True)
    return held


def test_the_coordinator_sees_the_whole_picture(client_for, coordinator, centre_a, dossier_world):
    page = client_for(coordinator).get(reverse("surveys:dossier", args=[centre_a.slug]))
    text = page.content.decode()
    # This round beside the round before, and a question that was not asked then.
    assert re.search(r"Mye bedre i år.*?Tregt i fjor", text, re.S)
    assert "Større lokaler" in text and "Ikke spurt" in text
    assert "Sammenlignet med svaret på Undersøkelse 2024" in text
    # The agreement's state and what the municipality has to do next.
    assert "Godkjent av sentralen</span>" in text
    assert "Sentralen har godkjent teksten. Nå godkjenner kommunen." in text
    assert "Neste steg:" in text and "godkjenn for kommunen" in text
    # Overdue first, then open; the done one not at all.
    assert re.search(
        r"Forfalt</span>\s*<strong>Finne lokaler.*?Åpen</span>\s*<strong>Sende", text, re.S
    )
    assert "Allerede gjort" not in text
    # The notes of the last visit held, not of the one planned.
    assert "Snakket om nye lokaler på Lie." in text and "Ikke holdt ennå" not in text


def test_the_leader_sees_what_the_centre_has_to_do(client_for, leader_a, centre_a, dossier_world):
    text = client_for(leader_a).get(reverse("surveys:dossier", args=[centre_a.slug])).content
    text = text.decode()
    assert "Samarbeidsavtale med" in text
    # Nothing waits for the centre on an agreement it has approved.
    assert "godkjenn for kommunen" not in text


def test_a_centre_with_no_agreement_and_no_visit_says_so(client_for, coordinator, centre_b):
    text = client_for(coordinator).get(reverse("surveys:dossier", args=[centre_b.slug]))
    text = text.content.decode()
    assert "Sentralen har ingen gjeldende samarbeidsavtale med kommunen." in text
    assert "Sentralen har ikke hatt besøk registrert i portalen ennå." in text


def test_the_dossier_pdf_has_the_new_parts(client_for, coordinator, centre_a, dossier_world):
    pdf = client_for(coordinator).get(reverse("surveys:dossier_pdf", args=[centre_a.slug]))
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf.content)).pages
    )
    assert "Forfalt" in text and "Snakket om nye lokaler på Lie." in text
    assert "Tregt i fjor" in text


def test_the_dossier_costs_the_same_queries_with_more_agreements_and_follow_ups(
    client_for, coordinator, centre_a, dossier_world, query_count
):
    client = client_for(coordinator)
    url = reverse("surveys:dossier", args=[centre_a.slug])
    few = query_count.get(client, url)
    for n in range(5):
        AgreementFactory(centre=centre_a, status=Agreement.Status.SENT)
        FollowUpFactory(meeting=dossier_world, text=f"Punkt {n}")
    assert query_count.get(client, url) == few <= 25
