"""Sessions end after inactivity and on logout, and an autosave that meets an ended
session is told so (401) instead of being sent to the login page, so the survey form
keeps what was typed (static/js/surveys.js and drafts.js; tests/browser/test_sessions.py)."""

import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.backends.cached_db import KEY_PREFIX as CACHED_SESSION
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.middleware import SessionRenewalMiddleware
from surveys.models import Survey, SurveyResponse
from tests.factories import SurveyFactory
from tests.surveys.conftest import seed_questions

LOGIN = reverse("login")


@pytest.fixture
def person(leader_a):
    leader_a.set_password("riktig-passord")
    leader_a.save()
    return leader_a


@pytest.fixture
def open_response(municipality, centre_a):
    survey = SurveyFactory(
        municipality=municipality,
        deadline=timezone.localdate() + datetime.timedelta(days=14),
        status=Survey.Status.OPEN,
    )
    questions = seed_questions(survey)
    response = SurveyResponse.objects.create(survey=survey, centre=centre_a)
    return response, questions


def log_in(client):
    response = client.post(LOGIN, {"username": "leder-a", "password": "riktig-passord"})
    assert response.status_code == 302
    return client


def end_all_sessions():
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    forget_cached_copies()


def forget_cached_copies():
    """As time does: the cache keeps a session's copy (cached_db) as long as the session
    lasts, so a session aged or ended here by changing its row is read from the row."""
    for key in Session.objects.values_list("session_key", flat=True):
        cache.delete(CACHED_SESSION + key)


def save_url(response):
    return reverse("surveys:answer_save", args=[response.survey.pk, response.centre.slug])


def autosave(client, response, questions, text, **extra):
    return client.post(
        save_url(response),
        {
            f"q{questions['goals'].pk}": text,
            "revision": response.revision,
            "action": "save",
            **extra,
        },
        headers={"X-Requested-With": "fetch", "Accept": "application/json"},
    )


def test_sessions_last_two_hours_of_inactivity(client, person):
    assert settings.SESSION_COOKIE_AGE == 2 * 60 * 60
    log_in(client)
    assert client.cookies["sessionid"]["max-age"] == 2 * 60 * 60
    expires = Session.objects.get().expire_date
    assert expires - timezone.now() > datetime.timedelta(hours=1, minutes=59)


def test_page_views_within_a_few_minutes_of_the_last_renewal_do_not_write_the_session(
    client, person, query_count
):
    log_in(client)
    expires = Session.objects.get().expire_date
    with query_count() as queries:
        response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    assert "sessionid" not in response.cookies
    assert not [q for q in queries if "UPDATE" in q["sql"] and "django_session" in q["sql"]]
    assert Session.objects.get().expire_date == expires


def age_the_session(client, seconds):
    """The session as if it had last been renewed `seconds` ago."""
    key = client.cookies["sessionid"].value
    row = Session.objects.get(session_key=key)
    data = row.get_decoded()
    data[SessionRenewalMiddleware.KEY] -= seconds
    Session.objects.filter(session_key=key).update(
        session_data=SessionStore().encode(data),
        expire_date=row.expire_date - datetime.timedelta(seconds=seconds),
    )
    forget_cached_copies()


def test_a_request_five_minutes_after_the_last_renewal_renews_the_session(client, person):
    log_in(client)
    age_the_session(client, settings.SESSION_RENEW_AFTER + 1)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    assert response.cookies["sessionid"]["max-age"] == 2 * 60 * 60
    expires = Session.objects.get().expire_date
    assert expires - timezone.now() > datetime.timedelta(hours=1, minutes=59)


def test_a_session_left_alone_for_two_hours_has_ended(client, person):
    log_in(client)
    age_the_session(client, settings.SESSION_COOKIE_AGE + 1)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def test_an_ended_session_sends_the_next_page_to_the_login(client, person):
    log_in(client)
    end_all_sessions()
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def test_after_logout_a_copied_session_cookie_no_longer_works(client, person):
    log_in(client)
    stolen = client.cookies["sessionid"].value
    assert client.get(reverse("dashboard")).status_code == 200
    client.post(reverse("logout"))
    thief = Client()
    thief.cookies["sessionid"] = stolen
    response = thief.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def test_an_autosave_after_the_session_ended_gets_401_and_a_message(client, person, open_response):
    response, questions = open_response
    log_in(client)
    assert autosave(client, response, questions, "Første utkast").status_code == 200
    end_all_sessions()
    answer = autosave(client, response, questions, "Skrevet etter at økten tok slutt")
    assert answer.status_code == 401
    body = answer.json()
    assert body["login_required"] is True
    assert body["login_url"] == LOGIN
    assert "du er logget ut" in body["message"]
    response.refresh_from_db()
    assert response.answers.get(question=questions["goals"]).text == "Første utkast"


def test_a_page_request_without_a_session_still_goes_to_the_login(client, person):
    response = client.get(reverse("dashboard"), headers={"Accept": "text/html"})
    assert response.status_code == 302


def test_after_logging_in_again_elsewhere_the_autosave_works_with_the_cookies_token(
    person, open_response
):
    """Logging in gives a new CSRF token; the form's old token is refused, and the
    script sends the cookie's current one."""
    response, questions = open_response
    tab = Client(enforce_csrf_checks=True)
    form_page = tab.get(reverse("login"))
    token = form_page.context["csrf_token"]
    tab.post(
        LOGIN,
        {"username": "leder-a", "password": "riktig-passord", "csrfmiddlewaretoken": token},
    )
    old_token = tab.get(reverse("dashboard")).context["csrf_token"]
    end_all_sessions()
    form_page = tab.get(reverse("login"))
    tab.post(
        LOGIN,
        {
            "username": "leder-a",
            "password": "riktig-passord",
            "csrfmiddlewaretoken": form_page.context["csrf_token"],
        },
    )
    stale = autosave(tab, response, questions, "Teksten", csrfmiddlewaretoken=old_token)
    assert stale.status_code == 403
    fresh = autosave(
        tab, response, questions, "Teksten", csrfmiddlewaretoken=tab.cookies["csrftoken"].value
    )
    assert fresh.status_code == 200
    assert response.answers.get(question=questions["goals"]).text == "Teksten"


def test_the_forms_that_keep_drafts_are_marked_for_drafts_js(client_for, leader_a, open_response):
    response, _ = open_response
    page = client_for(leader_a).get(
        reverse("surveys:answer", args=[response.survey.pk, response.centre.slug])
    )
    html = page.content.decode()
    assert "data-keep-draft" in html
    assert "js/drafts.js" in html
