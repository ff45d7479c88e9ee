"""E-mail to people, through the outbox: written from Django templates, kept as rows and
sent by a background task.

Apps call `notify()`; the subject and body come from `<template_prefix>_subject.txt` and
`<template_prefix>_body.txt`, rendered in the portal's language (bokmål). Each e-mail is
stored as an `OutgoingEmail` in the caller's transaction, and the task that sends it is
asked for once that transaction commits: nobody is told about a change that was rolled
back, and no e-mail about a kept change is lost if the SMTP server, the worker or the
task queue is down.

Sending claims a row by moving its next attempt a lease ahead, so two workers never send
it at once and one that dies while sending leaves it due again once the lease is over.
An SMTP server that does not take an e-mail gets it again after `EMAIL_RETRY_DELAYS`
(the task asks for itself again at that time); after the last try the e-mail is not
delivered, and the municipality's coordinators see it («E-post som ikke kom fram») and
may send it again. `send_queued_emails` (a timer) sends whatever is due, whatever
happened to the tasks.
"""

import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task, task_backends

from .models import OutgoingEmail

logger = logging.getLogger(__name__)

# A worker that claimed an e-mail and has not finished with it in this time has stopped:
# the e-mail is due again (far above one SMTP conversation's timeout).
CLAIM_LEASE = datetime.timedelta(minutes=10)
# How many due e-mails one round of the sweep (send_queued_emails) takes.
SWEEP_BATCH = 200
# How long a sent e-mail stays in the outbox (delete_sent).
SENT_KEPT = datetime.timedelta(days=30)

Status = OutgoingEmail.Status


def render_email(template_prefix: str, context: dict) -> tuple[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template_prefix}_subject.txt", context)
        body = render_to_string(f"{template_prefix}_body.txt", context)
    return " ".join(subject.split()), body


def notify(recipients, template_prefix: str, context: dict, *, municipality_id=None) -> int:
    """Queues one e-mail per recipient (a user or an address) and returns how many.
    The coordinators of `municipality_id` (else of the recipient's own) see it if it
    cannot be delivered."""
    emails = []
    for recipient in recipients:
        address = getattr(recipient, "email", recipient)
        if not address:
            continue
        subject, body = render_email(template_prefix, {**context, "recipient": recipient})
        emails.append(
            OutgoingEmail(
                municipality_id=municipality_id or getattr(recipient, "municipality_id", None),
                to=address,
                subject=subject,
                body=body,
                kind=template_prefix,
            )
        )
    if emails:
        OutgoingEmail.objects.bulk_create(emails)
        ids = [email.pk for email in emails]
        transaction.on_commit(lambda: send_outgoing_emails.enqueue(ids))
    return len(emails)


def send_on_its_own(*, to: str, subject: str, body: str, kind: str, municipality_id=None):
    """Queues an e-mail that tells of no change in the database (a password reset link):
    the task is asked for at once, so an SMTP server that is down delays the e-mail, and
    the page that asked for it still answers."""
    email = OutgoingEmail.objects.create(
        municipality_id=municipality_id,
        to=to,
        subject=" ".join(subject.split()),
        body=body,
        kind=kind,
    )
    send_outgoing_emails.enqueue([email.pk])
    return email


@task()
def send_outgoing_emails(ids: list[int]) -> int:
    """Sends the outbox's e-mails `ids` that are still due; returns how many the SMTP
    server took."""
    sent, _not_sent = send_due(ids)
    return sent


def send_due(ids=None, *, now=None) -> tuple[int, int]:
    """Sends `ids` (those still due; without ids, up to SWEEP_BATCH of every due e-mail)
    over one connection; those the server does not take are scheduled again or given up.
    Returns how many were sent and how many not."""
    now = now or timezone.now()
    if ids is None:
        due = OutgoingEmail.objects.due(now).order_by("next_attempt_at")
        ids = due.values_list("pk", flat=True)[:SWEEP_BATCH]
    emails = [email for pk in sorted(ids) if (email := _claim(pk, now)) is not None]
    if not emails:
        return 0, 0
    sent, failed = 0, []
    try:
        with get_connection() as connection:
            for email in emails:
                try:
                    EmailMessage(
                        email.subject,
                        email.body,
                        settings.DEFAULT_FROM_EMAIL,
                        [email.to],
                        connection=connection,
                    ).send()
                except Exception as error:  # noqa: BLE001 (recorded on the row, shown)
                    failed.append((email, error))
                else:
                    _mark_sent(email, timezone.now())
                    sent += 1
    except Exception as error:  # noqa: BLE001 (opening or closing the connection)
        # Those neither sent nor refused yet share the connection's fate.
        done = {email.pk for email, _error in failed}
        failed += [
            (email, error)
            for email in emails
            if email.pk not in done and email.status != Status.SENT
        ]
    for email, error in failed:
        _mark_failed(email, error, now)
    _retry_later([email for email, _error in failed if email.status == Status.QUEUED])
    return sent, len(failed)


def send_all_due(*, now=None) -> tuple[int, int]:
    """Sends every e-mail that is due (the timer's `send_queued_emails`), whatever became
    of the tasks that were asked to: a worker that died, a queue that was down."""
    now = now or timezone.now()
    sent = not_sent = 0
    while OutgoingEmail.objects.due(now).exists():
        batch_sent, batch_not_sent = send_due(now=now)
        sent, not_sent = sent + batch_sent, not_sent + batch_not_sent
        if not batch_sent and not batch_not_sent:
            break  # all claimed by another worker meanwhile
    return sent, not_sent


def delete_sent(*, now=None) -> int:
    """Deletes the e-mails sent more than SENT_KEPT ago: the outbox keeps no copy of
    what people were told longer than it takes to look into a complaint."""
    before = (now or timezone.now()) - SENT_KEPT
    deleted, _by_model = OutgoingEmail.objects.filter(
        status=Status.SENT, sent_at__lt=before
    ).delete()
    return deleted


def _claim(pk: int, now) -> OutgoingEmail | None:
    """The e-mail, if it is still due and this worker got it first."""
    claimed = OutgoingEmail.objects.due(now).filter(pk=pk).update(next_attempt_at=now + CLAIM_LEASE)
    return OutgoingEmail.objects.filter(pk=pk).first() if claimed else None


def _mark_sent(email: OutgoingEmail, when) -> None:
    """Sent: the text goes, since it may hold a link that works (an invitation, a new
    password) and it is never sent again."""
    email.status, email.sent_at, email.last_attempt_at = Status.SENT, when, when
    email.attempts += 1
    email.error, email.error_detail, email.body = "", "", ""
    email.save(
        update_fields=[
            "status",
            "sent_at",
            "last_attempt_at",
            "attempts",
            "error",
            "error_detail",
            "body",
        ]
    )


def _mark_failed(email: OutgoingEmail, error: Exception, now) -> None:
    delays = settings.EMAIL_RETRY_DELAYS
    email.attempts += 1
    email.last_attempt_at = now
    email.error = error_kind(error)
    email.error_detail = f"{type(error).__name__}: {error}"[:2000]
    if email.attempts > len(delays):
        email.status = Status.FAILED
    else:
        email.next_attempt_at = now + datetime.timedelta(minutes=delays[email.attempts - 1])
    email.save(
        update_fields=[
            "attempts",
            "last_attempt_at",
            "error",
            "error_detail",
            "status",
            "next_attempt_at",
        ]
    )
    logger.warning(
        "E-mail %s to %s not sent (attempt %s): %s",
        email.pk,
        email.to,
        email.attempts,
        email.error_detail,
    )


def error_kind(error: Exception) -> str:
    """What went wrong, in the words the coordinator is shown (OutgoingEmail.Error)."""
    Error = OutgoingEmail.Error
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return Error.LOGIN
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return Error.RECIPIENT
    if isinstance(error, (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError)):
        return Error.UNREACHABLE
    if isinstance(error, smtplib.SMTPException):
        return Error.REFUSED
    if isinstance(error, OSError):  # refused, timed out, no route, no such host
        return Error.UNREACHABLE
    return Error.REFUSED


def _retry_later(emails: list[OutgoingEmail]) -> None:
    """Asks for the task again when each e-mail is next due, where the task backend can
    wait (the database's); the immediate backend of development cannot, and then
    `send_queued_emails` sends them."""
    if not emails or not task_backends[send_outgoing_emails.backend].supports_defer:
        return
    by_time: dict[datetime.datetime, list[int]] = {}
    for email in emails:
        by_time.setdefault(email.next_attempt_at, []).append(email.pk)
    for when, ids in by_time.items():
        send_outgoing_emails.using(run_after=when).enqueue(ids)


def retry_plan() -> dict:
    """How often and for how long an e-mail is tried (EMAIL_RETRY_DELAYS), for the page
    that explains it: the number of tries, and the hours from the first to the last."""
    delays = settings.EMAIL_RETRY_DELAYS
    return {"tries": len(delays) + 1, "hours": max(1, round(sum(delays) / 60))}


def send_again(*, email: OutgoingEmail, now=None) -> None:
    """Queues an e-mail that was not delivered for a new round of tries (the
    coordinator's «Send på nytt»), sent once the transaction commits."""
    now = now or timezone.now()
    with transaction.atomic():
        OutgoingEmail.objects.filter(pk=email.pk).update(
            status=Status.QUEUED, attempts=0, next_attempt_at=now
        )
        transaction.on_commit(lambda: send_outgoing_emails.enqueue([email.pk]))
