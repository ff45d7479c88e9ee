"""E-mail through the outbox (accounts.mail): stored with the change, sent by the task
over SMTP to a stand-in on 127.0.0.1, tried again with back-off while the server is
down, given up after the last try, and never lost to a worker that stops mid-send."""

import datetime
import io
import signal

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts import mail
from accounts.models import OutgoingEmail

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture
def database_tasks(settings, transactional_db):
    """django-tasks' database backend, as in production; db_worker's signal handlers are
    put back after the test (it installs its own for a graceful stop). Committed rows,
    as the worker sees them in production: the worker closes its database connection when
    it is done, which on PostgreSQL would end a test's transaction under it."""
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    settings.TASKS = DATABASE_TASKS  # django-tasks resets its backends on the change
    yield
    for sig, handler in handlers.items():
        signal.signal(sig, handler)


def run_worker() -> str:
    """One run of the production worker: every ready task, then it stops."""
    out = io.StringIO()
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=out)
    return out.getvalue()


def invite(client_for, coordinator, email="ny.leser@example.no"):
    response = client_for(coordinator).post(
        reverse("person_invite"),
        {"first_name": "Ny", "last_name": "Leser", "email": email, "role": "reader"},
    )
    assert response.status_code == 302
    return OutgoingEmail.objects.get(to=email)


def test_invitation_is_kept_in_the_outbox_and_sent_once_committed(
    client_for, coordinator, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        email = invite(client_for, coordinator)
        assert email.status == OutgoingEmail.Status.QUEUED
        assert smtp.messages == []

    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT
    assert (email.attempts, email.municipality_id) == (1, coordinator.municipality_id)
    assert email.kind == "accounts/email/invitation"
    assert smtp.recipients == ["ny.leser@example.no"]
    assert smtp.messages[0]["Subject"] == email.subject


def test_a_change_rolled_back_leaves_no_email(db, coordinator, smtp):
    with pytest.raises(RuntimeError), transaction.atomic():
        mail.notify([coordinator], "accounts/email/invitation", {"person": coordinator})
        raise RuntimeError("the service failed after writing")
    assert not OutgoingEmail.objects.exists()
    assert smtp.messages == []


def test_smtp_down_retries_with_back_off_then_gives_up(
    client_for, coordinator, smtp_down, database_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        email = invite(client_for, coordinator)
    assert DBTaskResult.objects.ready().count() == 1

    run_worker()

    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutgoingEmail.Status.QUEUED, 1)
    assert email.error == OutgoingEmail.Error.UNREACHABLE
    assert "ConnectionRefusedError" in email.error_detail
    assert email.next_attempt_at == email.last_attempt_at + MINUTE
    # The task asked for itself again at that time, and is not ready before it.
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after == email.next_attempt_at
    assert retry.args_kwargs["args"] == [[email.pk]]
    run_worker()
    email.refresh_from_db()
    assert email.attempts == 1
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    # Each later try when the one before said: 5, 30, 120 and 720 minutes on.
    waits = []
    for _try in range(5):
        now = email.next_attempt_at
        assert mail.send_due([email.pk], now=now) == (0, 1)
        email.refresh_from_db()
        waits.append(email.next_attempt_at - now)
    assert waits[:4] == [5 * MINUTE, 30 * MINUTE, 120 * MINUTE, 720 * MINUTE]
    assert (email.status, email.attempts) == (OutgoingEmail.Status.FAILED, 6)
    assert smtp_down.messages == []


def test_worker_loop_sends_what_the_request_queued(
    client_for, coordinator, smtp, database_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        email = invite(client_for, coordinator)
    # Nothing went out in the request.
    assert smtp.messages == []

    run_worker()

    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT
    assert smtp.recipients == ["ny.leser@example.no"]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_an_email_left_by_a_stopped_worker_is_sent_by_the_timer(
    client_for, coordinator, smtp, database_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        email = invite(client_for, coordinator)
    # A worker claimed the task and the e-mail, and was killed before it sent it: its
    # task stays RUNNING for ever, the e-mail waits for its lease to run out.
    task = DBTaskResult.objects.get()
    task.claim("killed-worker")
    claimed_at = timezone.now()
    OutgoingEmail.objects.filter(pk=email.pk).update(next_attempt_at=claimed_at + mail.CLAIM_LEASE)

    out = io.StringIO()
    call_command("send_queued_emails", stdout=out)
    assert smtp.messages == [], "sent while the stopped worker's lease still held it"
    assert "Sendte 0 e-poster" in out.getvalue()

    assert mail.send_all_due(now=claimed_at + mail.CLAIM_LEASE) == (1, 0)
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT
    assert smtp.recipients == ["ny.leser@example.no"]


def test_timer_sends_what_no_task_was_asked_for_and_never_twice(db, coordinator, smtp):
    # Written, and the queue was down when the task was to be asked for.
    mail.notify(
        [coordinator, "post@example.no"], "accounts/email/invitation", {"person": coordinator}
    )
    out = io.StringIO()
    call_command("send_queued_emails", stdout=out)
    assert sorted(smtp.recipients) == sorted([coordinator.email, "post@example.no"])
    assert "Sendte 2 e-poster, 0 ble ikke tatt imot" in out.getvalue()

    call_command("send_queued_emails", stdout=io.StringIO())
    mail.send_due(list(OutgoingEmail.objects.values_list("pk", flat=True)))
    assert len(smtp.messages) == 2


def test_timer_deletes_sent_emails_after_30_days(db, coordinator, smtp):
    mail.notify([coordinator], "accounts/email/invitation", {"person": coordinator})
    call_command("send_queued_emails", stdout=io.StringIO())
    later = timezone.now() + mail.SENT_KEPT + MINUTE
    assert mail.delete_sent(now=later - 2 * MINUTE) == 0
    assert mail.delete_sent(now=later) == 1


def test_server_hanging_up_counts_as_unreachable_and_the_timer_sends_it_later(
    db, coordinator, smtp, django_capture_on_commit_callbacks
):
    smtp.accepting = False
    with django_capture_on_commit_callbacks(execute=True):
        mail.notify([coordinator], "accounts/email/invitation", {"person": coordinator})
    email = OutgoingEmail.objects.get()
    assert (email.attempts, email.error) == (1, OutgoingEmail.Error.UNREACHABLE)
    assert "SMTPServerDisconnected" in email.error_detail

    # In development no worker waits for the next try: the timer's command sends it once
    # due, and not before.
    smtp.accepting = True
    assert mail.send_all_due() == (0, 0)
    assert mail.send_all_due(now=email.next_attempt_at) == (1, 0)
    assert smtp.recipients == [coordinator.email]


def test_password_reset_link_waits_in_the_outbox_while_the_server_is_down(
    client, coordinator, smtp_down, settings
):
    response = client.post(reverse("password_reset"), {"email": coordinator.email})
    assert response.status_code == 302
    email = OutgoingEmail.objects.get(to=coordinator.email)
    assert (email.status, email.attempts) == (OutgoingEmail.Status.QUEUED, 1)
    assert email.kind == "registration/password_reset_email"
    assert email.municipality_id == coordinator.municipality_id
    assert "/konto/nytt-passord/" in email.body

    settings.EMAIL_PORT = smtp_down.port
    assert mail.send_all_due(now=email.next_attempt_at) == (1, 0)
    assert smtp_down.recipients == [coordinator.email]
    assert "/konto/nytt-passord/" in smtp_down.messages[0].get_content()
    email.refresh_from_db()
    # Sent, the working link is not kept.
    assert (email.status, email.body) == (OutgoingEmail.Status.SENT, "")
