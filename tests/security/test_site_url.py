"""Links in e-mail come from SITE_URL, never from the request: whoever asks for a password
reset (or makes the portal send any mail) sets Host and X-Forwarded-Proto, and a link to
their own server would carry the victim's reset token there."""

import http.client
import re
from urllib.parse import urlencode, urlsplit

import pytest
from django.core import mail
from django.urls import reverse

from surveys.models import Survey

from ..factories import (
    QuestionFactory,
    SurveyFactory,
    SurveyResponseFactory,
    drafted_agreement,
    framework_with_clauses,
)
from ..test_deploy_check import production_env, run

SITE = "https://frivillig.example.no"
FORGED = {"HTTP_HOST": "127.0.0.1:1337", "HTTP_X_FORWARDED_PROTO": "https"}


@pytest.fixture
def forged_host_allowed(settings):
    """The forged host is one the portal answers to, and the proxy header is trusted, as in
    production: only SITE_URL stands between the request and the link."""
    settings.SITE_URL = SITE
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "127.0.0.1"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


def links(message) -> list[str]:
    return re.findall(r"\b\w+://\S+", message.body)


def _raw_request(server, method, path, headers, body=None):
    parts = urlsplit(server.url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response, response.read().decode()
    finally:
        connection.close()


def test_a_password_reset_with_a_forged_host_mails_a_link_on_site_url(
    live_server, forged_host_allowed, coordinator
):
    # Over a real socket, with the headers an attacker sends for the victim's address.
    path = reverse("password_reset")
    headers = {"Host": "127.0.0.1:1337", "X-Forwarded-Proto": "https"}
    response, page = _raw_request(live_server, "GET", path, headers)
    assert response.status == 200
    cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urlencode({"csrfmiddlewaretoken": token, "email": coordinator.email})
    response, _page = _raw_request(
        live_server,
        "POST",
        path,
        {
            **headers,
            "Origin": "https://127.0.0.1:1337",
            "Cookie": f"csrftoken={cookie}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        body,
    )
    assert response.status == 302, _page
    [message] = mail.outbox
    [link] = links(message)
    assert link.startswith(f"{SITE}/konto/nytt-passord/")
    assert "1337" not in message.body and "127.0.0.1" not in message.body


def test_the_reset_link_keeps_site_urls_scheme_and_port(client, settings, coordinator):
    settings.SITE_URL = "http://localhost:8000"
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    client.post(reverse("password_reset"), {"email": coordinator.email}, **FORGED)
    [link] = links(mail.outbox[0])
    assert link.startswith("http://localhost:8000/konto/nytt-passord/")


def test_a_survey_invitation_sent_from_the_portal_links_to_site_url(
    client_for, forged_host_allowed, coordinator, leader_a, django_capture_on_commit_callbacks
):
    survey = SurveyFactory(municipality=coordinator.municipality, status=Survey.Status.DRAFT)
    QuestionFactory(survey=survey, order=1)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(coordinator).post(reverse("surveys:send", args=[survey.pk]), **FORGED)
    [message] = [m for m in mail.outbox if m.to == [leader_a.email]]
    assert links(message) == [f"{SITE}/undersokelser/{survey.pk}/svar/{leader_a.centre.slug}/"]


def test_a_reminder_sent_from_the_portal_links_to_site_url(
    client_for, forged_host_allowed, coordinator, leader_a, django_capture_on_commit_callbacks
):
    survey = SurveyFactory(municipality=coordinator.municipality, status=Survey.Status.OPEN)
    SurveyResponseFactory(survey=survey, centre=leader_a.centre, status="not_started")
    with django_capture_on_commit_callbacks(execute=True):
        client_for(coordinator).post(reverse("surveys:remind", args=[survey.pk]), **FORGED)
    [message] = mail.outbox
    assert links(message) == [f"{SITE}/undersokelser/{survey.pk}/svar/{leader_a.centre.slug}/"]


def test_an_agreement_comment_notification_links_to_site_url(
    client_for, forged_host_allowed, coordinator, leader_a, django_capture_on_commit_callbacks
):
    framework_with_clauses(coordinator.municipality, by=coordinator)
    agreement = drafted_agreement(leader_a.centre, by=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(leader_a).post(
            reverse("agreements:comment_add", args=[agreement.pk]),
            {"text": "Kan vi møtes oftere?"},
            **FORGED,
        )
    [message] = mail.outbox
    [link] = links(message)
    assert link.startswith(f"{SITE}/avtaler/{agreement.pk}/#kommentar-")


def test_production_without_site_url_refuses_to_start_and_says_what_to_set():
    env = production_env()
    env.pop("SITE_URL", None)
    result = run(["check"], env)
    assert result.returncode != 0
    assert "SITE_URL must be set in production" in result.stderr
    assert "SITE_URL=https://" in result.stderr


def test_a_site_url_without_a_scheme_refuses_to_start():
    result = run(["check"], production_env(SITE_URL="frivillig.example.no"))
    assert result.returncode != 0
    assert "SITE_URL must start with https://" in result.stderr
