"""Every centre can answer: the coordinator registers a centre's answer on its behalf,
or hands out the centre's personal answer link; reminders count only e-mails sent."""

from django.core import mail
from django.test import Client
from django.urls import reverse

from surveys import sending
from surveys.models import AnswerLink, SurveyResponse

from .conftest import answer_url, full_answers, in_days


def _submit(client, url, data, revision):
    client.post(url, {**data, "action": "submit", "revision": revision})
    return client.post(url, {"action": "confirm", "revision": revision + 1}, follow=True)


def test_the_coordinator_registers_the_answer_for_a_centre_without_a_login(
    client_for, coordinator, survey, questions, response_a, centre_a
):
    coordinator.first_name, coordinator.last_name = "Kari", "Koordinator"
    coordinator.save()
    client = client_for(coordinator)
    form = client.get(answer_url(survey, centre_a)).content.decode()
    assert "Du registrerer svaret på vegne av Klyve nærmiljøsenter" in form

    page = _submit(client, answer_url(survey, centre_a), full_answers(questions), 0)

    assert "Takk! Svaret fra Klyve nærmiljøsenter er sendt inn." in page.content.decode()
    response_a.refresh_from_db()
    assert response_a.is_submitted and response_a.submitted_by == coordinator
    said = "registrert av Kari Koordinator for Klyve nærmiljøsenter"
    assert said in client.get(answer_url(survey, centre_a)).content.decode()
    assert said in client.get(reverse("surveys:detail", args=[survey.pk])).content.decode()


def test_a_leader_answering_is_not_registered_on_behalf(
    client_for, leader_a, survey, questions, response_a, centre_a
):
    client = client_for(leader_a)
    _submit(client, answer_url(survey, centre_a), full_answers(questions), 0)
    response_a.refresh_from_db()
    assert response_a.submitted_by == leader_a and not response_a.submitted_on_behalf
    assert "registrert av" not in client.get(answer_url(survey, centre_a)).content.decode()


def test_the_answer_link_opens_that_centres_response_only_without_a_login(
    client_for, coordinator, survey, questions, response_a, response_b, centre_a
):
    client = client_for(coordinator)
    client.post(reverse("surveys:answer_link_make", args=[survey.pk, centre_a.slug]))
    link = AnswerLink.objects.get(response=response_a)
    detail = client.get(reverse("surveys:detail", args=[survey.pk])).content.decode()
    url = reverse("surveys:link_answer", args=[link.token])
    assert f'value="http://localhost:8000{url}" readonly' in detail
    assert "data-copy-target" in detail

    holder = Client()
    page = holder.get(url).content.decode()
    assert "Denne lenken er til svaret fra Klyve nærmiljøsenter" in page
    assert "data-save-url" not in page  # no autosave without a login
    saved = holder.post(url, {f"q{questions['goals'].pk}": "Møteplass", "revision": 0})
    assert saved.status_code == 302 and saved.url == url
    response_a.refresh_from_db()
    assert response_a.is_draft and response_a.updated_by is None
    done = _submit(holder, url, full_answers(questions), 1)
    assert "Takk! Svaret fra Klyve nærmiljøsenter er sendt inn." in done.content.decode()
    response_b.refresh_from_db()
    assert response_b.status == SurveyResponse.Status.NOT_STARTED
    # Nothing else of the portal opens with it.
    assert holder.get(reverse("surveys:detail", args=[survey.pk])).status_code == 302


def test_a_revoked_or_replaced_link_and_one_past_the_deadline_stop_working(
    coordinator, survey, questions, response_a
):
    holder = Client()
    first = sending.make_answer_link(response=response_a, by=coordinator)
    second = sending.make_answer_link(response=response_a, by=coordinator)
    assert holder.get(reverse("surveys:link_answer", args=[first.token])).status_code == 404
    assert holder.get(reverse("surveys:link_answer", args=[second.token])).status_code == 200

    survey.deadline = in_days(-1)
    survey.save()
    gone = holder.get(reverse("surveys:link_answer", args=[second.token]))
    assert gone.status_code == 404 and "Svarlenken virker ikke" in gone.content.decode()

    survey.deadline = in_days(3)
    survey.save()
    assert sending.revoke_answer_link(response=response_a, by=coordinator) == 1
    assert holder.get(reverse("surveys:link_answer", args=[second.token])).status_code == 404


def test_leaders_cannot_make_links(client_for, leader_a, survey, response_a, centre_a):
    url = reverse("surveys:answer_link_make", args=[survey.pk, centre_a.slug])
    assert client_for(leader_a).post(url).status_code == 403
    assert not AnswerLink.objects.exists()


def test_reminders_count_only_centres_that_get_an_email(
    client_for,
    coordinator,
    survey,
    response_a,
    response_b,
    leader_a,
    django_capture_on_commit_callbacks,
):
    # Gulset (centre B) has no leader and no address: it cannot be e-mailed.
    client = client_for(coordinator)
    detail = client.get(reverse("surveys:detail", args=[survey.pk])).content.decode()
    assert "Må nås på annen måte" in detail and 'href="#response-gulset"' in detail

    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(reverse("surveys:remind", args=[survey.pk]), follow=True)

    assert "Påminnelse sendt til 1 frivilligsentral." in page.content.decode()
    assert [m.to for m in mail.outbox] == [[leader_a.email]]
    response_a.refresh_from_db()
    response_b.refresh_from_db()
    assert response_a.reminder_count == 1 and response_b.reminder_count == 0
    assert response_b.reminded_at is None


def test_reminding_only_unreachable_centres_says_so(
    client_for, coordinator, survey, response_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = client_for(coordinator).post(
            reverse("surveys:remind", args=[survey.pk]), follow=True
        )
    assert "portalen har ingen e-postadresse til Gulset nærmiljøsenter" in page.content.decode()
    assert not mail.outbox
    response_b.refresh_from_db()
    assert response_b.reminder_count == 0


def test_the_survey_page_costs_the_same_with_more_links(
    client_for, coordinator, survey, questions, response_a, response_b, query_count
):
    client = client_for(coordinator)
    url = reverse("surveys:detail", args=[survey.pk])
    sending.make_answer_link(response=response_a, by=coordinator)
    one = query_count.get(client, url)
    sending.make_answer_link(response=response_b, by=coordinator)
    assert query_count.get(client, url) == one
