"""«E-post som ikke kom fram»: the coordinator sees the municipality's e-mails the SMTP
server did not take, in plain words, from the dashboard, and sends one again."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import OutgoingEmail

from ..factories import OutgoingEmailFactory
from .fake_smtp import closed_port

PAGE = reverse("undelivered_emails")


@pytest.fixture
def undelivered(municipality):
    return OutgoingEmailFactory(
        municipality=municipality, to="leder@klyve.no", subject="Invitasjon til Frivillig"
    )


@pytest.fixture
def retrying(municipality):
    return OutgoingEmailFactory(
        municipality=municipality,
        status=OutgoingEmail.Status.QUEUED,
        attempts=2,
        error=OutgoingEmail.Error.LOGIN,
        next_attempt_at=timezone.now() + timezone.timedelta(minutes=30),
    )


def test_coordinator_sees_undelivered_and_retrying_emails_in_plain_words(
    client_for, coordinator, undelivered, retrying, other_municipality
):
    OutgoingEmailFactory(municipality=coordinator.municipality, status="sent", error="")
    OutgoingEmailFactory(municipality=other_municipality, to="drammen@example.no")
    page = client_for(coordinator).get(PAGE).content.decode()

    assert "leder@klyve.no" in page and "Invitasjon til Frivillig" in page
    assert "E-posttjeneren kunne ikke nås." in page
    assert "Ikke levert: portalen har gitt opp." in page
    assert "Portalen fikk ikke logge inn på e-posttjeneren." in page
    assert "Prøves igjen" in page
    assert "<td>6</td>" in page and "<td>2</td>" in page
    assert "ConnectionRefusedError" not in page  # the server's words are the admin's
    assert "drammen@example.no" not in page
    assert page.count("Send på nytt") == 2


def test_dashboard_links_to_the_page_with_the_count(
    client_for, coordinator, leader_a, undelivered, retrying
):
    page = client_for(coordinator).get(reverse("dashboard")).content.decode()
    assert f'href="{PAGE}"' in page
    assert '<span class="badge text-bg-danger">2</span>' in page
    assert PAGE not in client_for(leader_a).get(reverse("dashboard")).content.decode()


def test_dashboard_says_nothing_when_everything_was_delivered(client_for, coordinator):
    OutgoingEmailFactory(municipality=coordinator.municipality, status="sent", error="")
    assert PAGE not in client_for(coordinator).get(reverse("dashboard")).content.decode()


def test_page_when_everything_was_delivered(client_for, coordinator):
    page = client_for(coordinator).get(PAGE).content.decode()
    assert "All e-post fra portalen er levert til e-posttjeneren." in page


def test_send_again_delivers_the_email_and_says_so(
    client_for,
    coordinator,
    undelivered,
    smtp,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(
            reverse("email_resend", args=[undelivered.pk]), follow=True
        )
    undelivered.refresh_from_db()
    assert undelivered.status == OutgoingEmail.Status.SENT
    assert smtp.recipients == ["leder@klyve.no"]
    page = response.content.decode()
    assert "E-posten til leder@klyve.no sendes på nytt." in page
    assert "All e-post fra portalen er levert til e-posttjeneren." in page


def test_send_again_while_the_server_is_still_down_starts_the_tries_over(
    client_for,
    coordinator,
    undelivered,
    smtp,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.EMAIL_PORT = closed_port()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(coordinator).post(reverse("email_resend", args=[undelivered.pk]))
    undelivered.refresh_from_db()
    assert (undelivered.status, undelivered.attempts) == (OutgoingEmail.Status.QUEUED, 1)
    page = client_for(coordinator).get(PAGE).content.decode()
    assert "Prøves igjen" in page


def test_other_roles_and_municipalities_cannot_see_or_send_again(
    client_for, other_coordinator, leader_a, reader, undelivered
):
    url = reverse("email_resend", args=[undelivered.pk])
    assert client_for(other_coordinator).post(url).status_code == 404
    assert "leder@klyve.no" not in client_for(other_coordinator).get(PAGE).content.decode()
    for person in (leader_a, reader):
        assert client_for(person).get(PAGE).status_code == 403
        assert client_for(person).post(url).status_code == 403
    undelivered.refresh_from_db()
    assert undelivered.status == OutgoingEmail.Status.FAILED


def test_page_costs_the_same_queries_for_one_email_as_for_forty(
    client_for, coordinator, municipality, query_count
):
    client = client_for(coordinator)
    OutgoingEmailFactory(municipality=municipality)
    one = query_count.get(client, PAGE)
    OutgoingEmailFactory.create_batch(39, municipality=municipality)
    assert query_count.get(client, PAGE) == one
