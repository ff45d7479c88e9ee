"""The issue's walk through the demo without /admin/: Drammen's coordinator (whose
municipality has no centres) adds a centre and invites its leader, whose link works
once; Skien's coordinator answers the 2026 survey for the municipal centre, which has
no login, and sees who is invited on the people page."""

import re

from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.models import Invitation, User
from centres.models import Centre
from surveys.models import Survey, SurveyResponse


def _logged_in(username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def test_the_demo_has_a_waiting_invitation_and_loads_twice_without_duplicates(demo):
    assert Invitation.objects.count() == 1
    call_command("seed_demo")
    assert Invitation.objects.count() == 1
    page = _logged_in("koordinator-skien").get(reverse("people")).content.decode()
    assert "Per Utvalg" in page and "Invitert" in page


def test_drammen_adds_a_centre_and_invites_its_leader(demo, django_capture_on_commit_callbacks):
    client = _logged_in("koordinator-drammen")
    client.post(
        reverse("centres:create"),
        {
            "centre-name": "Konnerud frivilligsentral",
            "centre-district": "Konnerud",
            "centre-organisation_model": "independent",
            "centre-org_number": "",
        },
    )
    centre = Centre.objects.get(name="Konnerud frivilligsentral")
    assert centre.municipality.slug == "drammen"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("person_invite"),
            {
                "first_name": "Ola",
                "last_name": "Konnerud",
                "email": "leder@konnerud.example.no",
                "role": "leader",
                "centre": centre.pk,
            },
        )
    [message] = mail.outbox
    path = re.search(r"/konto/invitasjon/\S+/", message.body).group(0)
    person = Client()
    password = "Frivillig på Konnerud 2026"
    done = person.post(path, {"new_password1": password, "new_password2": password})
    assert done.url == reverse("dashboard")
    assert person.get(reverse("dashboard")).status_code == 200
    assert Client().get(path).status_code == 404  # used once


def test_skien_answers_for_the_municipal_centre(demo):
    survey = Survey.objects.get(round=2026)
    client = _logged_in("koordinator-skien")
    detail = client.get(reverse("surveys:detail", args=[survey.pk])).content.decode()
    assert "Må nås på annen måte" in detail
    assert '<li><a href="#response-kommunal-frivilligsentral">' in detail
    url = reverse("surveys:answer", args=[survey.pk, "kommunal-frivilligsentral"])
    response = SurveyResponse.objects.get(survey=survey, centre__slug="kommunal-frivilligsentral")
    questions = list(survey.questions.filter(parent=None, required=True))
    data = {"revision": response.revision, "action": "save"}
    for q in questions:
        data[f"q{q.pk}"] = "yes" if q.kind == "yes_no" else "Møteplass for alle"
        if q.kind == "ranked":
            data[f"q{q.pk}_1"] = "Seniorer"
    saved = client.post(url, data)
    assert saved.status_code == 302
    response.refresh_from_db()
    assert response.is_draft and response.saved_on_behalf
    assert "registrert av" in client.get(url).content.decode()
