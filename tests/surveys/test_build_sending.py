"""Sending a survey, reminding the centres that have not submitted, and the scheduler's
command that reminds before the deadline and closes surveys past it."""

import datetime
import io

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from surveys.models import Survey, SurveyResponse

from ..factories import CentreFactory, LeaderFactory, SurveyFactory, SurveyResponseFactory
from .conftest import in_days, seed_questions


def send(client, survey, capture):
    with capture(execute=True):
        return client.post(reverse("surveys:send", args=[survey.pk]), follow=True)


def test_sending_opens_the_survey_and_invites_every_active_centre(
    client_for,
    coordinator,
    draft_survey,
    centre_a,
    centre_b,
    leader_a,
    leader_b,
    other_centre,
    django_capture_on_commit_callbacks,
):
    seed_questions(draft_survey)
    second_leader = LeaderFactory(username="leder-a2", centre=centre_a, email="a2@example.no")
    without_leader = CentreFactory(
        municipality=centre_a.municipality,
        name="SMK frivilligsentral",
        slug="smk",
        email="post@smk.example.no",
    )
    CentreFactory(municipality=centre_a.municipality, name="Nedlagt", slug="nedlagt", active=False)

    client = client_for(coordinator)
    confirm = client.get(reverse("surveys:send", args=[draft_survey.pk])).content.decode()
    assert "3 frivilligsentraler får undersøkelsen, med e-post og lenke til skjemaet:" in confirm
    assert "SMK frivilligsentral" in confirm and "Nedlagt" not in confirm
    assert "(post@smk.example.no)" in confirm
    assert not SurveyResponse.objects.exists()

    response = send(client, draft_survey, django_capture_on_commit_callbacks)

    assert "Undersøkelsen er sendt til 3 frivilligsentraler." in response.content.decode()
    draft_survey.refresh_from_db()
    assert draft_survey.status == Survey.Status.OPEN and draft_survey.sent_at
    responses = SurveyResponse.objects.filter(survey=draft_survey)
    assert {r.centre for r in responses} == {centre_a, centre_b, without_leader}
    assert all(r.status == "not_started" and r.invited_at for r in responses)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted(
        [leader_a.email, second_leader.email, leader_b.email, "post@smk.example.no"]
    )
    message = next(m for m in mail.outbox if m.to == [leader_a.email])
    assert message.subject == "Ny spørreundersøkelse: Undersøkelse under arbeid"
    assert "Skien kommune ber Klyve nærmiljøsenter svare" in message.body
    assert f"http://localhost:8000/undersokelser/{draft_survey.pk}/svar/klyve/" in message.body


def test_sending_again_invites_only_centres_added_since(
    client_for, coordinator, draft_survey, centre_a, leader_a, django_capture_on_commit_callbacks
):
    seed_questions(draft_survey)
    client = client_for(coordinator)
    send(client, draft_survey, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    newcomer = CentreFactory(municipality=centre_a.municipality, name="Ny sentral", slug="ny")
    LeaderFactory(username="leder-ny", centre=newcomer, email="ny@example.no")

    response = send(client, draft_survey, django_capture_on_commit_callbacks)

    assert "Undersøkelsen er sendt til 1 frivilligsentral." in response.content.decode()
    assert [m.to for m in mail.outbox] == [["ny@example.no"]]
    assert draft_survey.responses.count() == 2


def test_a_survey_without_questions_is_not_sent(
    client_for, coordinator, draft_survey, centre_a, django_capture_on_commit_callbacks
):
    response = send(client_for(coordinator), draft_survey, django_capture_on_commit_callbacks)
    assert "Legg til minst ett spørsmål før du sender undersøkelsen." in response.content.decode()
    draft_survey.refresh_from_db()
    assert draft_survey.is_draft and not mail.outbox


def test_reminder_button_mails_the_centres_that_have_not_submitted(
    client_for,
    coordinator,
    survey,
    questions,
    response_a,
    response_b,
    leader_a,
    leader_b,
    django_capture_on_commit_callbacks,
):
    response_b.status = SurveyResponse.Status.SUBMITTED
    response_b.save()
    with django_capture_on_commit_callbacks(execute=True):
        page = client_for(coordinator).post(
            reverse("surveys:remind", args=[survey.pk]), follow=True
        )
    assert "Påminnelse sendt til 1 frivilligsentral." in page.content.decode()
    assert [m.to for m in mail.outbox] == [[leader_a.email]]
    assert mail.outbox[0].subject.startswith("Påminnelse: svar på «")
    response_a.refresh_from_db()
    assert response_a.reminder_count == 1 and response_a.reminded_at
    assert "Purret 1 gang" in page.content.decode()


def test_a_second_reminder_within_the_pause_sends_nothing_and_says_why(
    client_for, coordinator, survey, response_a, leader_a, django_capture_on_commit_callbacks
):
    client = client_for(coordinator)
    url = reverse("surveys:remind", args=[survey.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
        page = client.post(url, follow=True).content.decode()
    assert "fikk en påminnelse for mindre enn 10 minutter siden" in page
    assert [m.to for m in mail.outbox] == [[leader_a.email]]
    response_a.refresh_from_db()
    assert response_a.reminder_count == 1

    SurveyResponse.objects.filter(pk=response_a.pk).update(
        reminded_at=timezone.now() - datetime.timedelta(minutes=11)
    )
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(url, follow=True).content.decode()
    assert "Påminnelse sendt til 1 frivilligsentral." in page and len(mail.outbox) == 2


def make_open(municipality, deadline, **kwargs):
    survey = SurveyFactory(municipality=municipality, deadline=deadline, **kwargs)
    centre = CentreFactory(municipality=municipality)
    LeaderFactory(centre=centre, email=f"leder-{centre.slug}@example.no")
    return SurveyResponseFactory(survey=survey, centre=centre, status="not_started")


def test_reminder_command_reminds_near_deadlines_and_closes_expired(
    municipality, django_capture_on_commit_callbacks
):
    soon = make_open(municipality, in_days(2))
    later = make_open(municipality, in_days(10))
    recently = make_open(municipality, in_days(1))
    recently.reminded_at = timezone.now() - datetime.timedelta(hours=3)
    recently.save()
    expired = make_open(municipality, in_days(-1))

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "send_survey_reminders", "--base-url", "https://frivillig.skien.no", stdout=out
        )

    assert "Closed 1 survey(s) past the deadline; reminded 1 centre(s) in 1 survey(s)." in (
        out.getvalue()
    )
    assert [m.to for m in mail.outbox] == [[f"leder-{soon.centre.slug}@example.no"]]
    assert f"https://frivillig.skien.no/undersokelser/{soon.survey.pk}/svar/" in mail.outbox[0].body
    soon.refresh_from_db()
    later.refresh_from_db()
    assert soon.reminder_count == 1 and later.reminder_count == 0
    expired.survey.refresh_from_db()
    assert expired.survey.status == Survey.Status.CLOSED


def test_reminder_command_dry_run_changes_nothing(municipality, django_capture_on_commit_callbacks):
    soon = make_open(municipality, in_days(2))
    expired = make_open(municipality, in_days(-1))
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_survey_reminders", "--dry-run", "--days", "5", stdout=out)
    assert "[dry run] Closed 1 survey(s)" in out.getvalue()
    assert "reminded 1 centre(s)" in out.getvalue()
    assert not mail.outbox
    soon.refresh_from_db()
    expired.survey.refresh_from_db()
    assert soon.reminder_count == 0 and expired.survey.status == Survey.Status.OPEN
