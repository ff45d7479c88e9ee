"""E-mail to people, written from Django templates and sent as a background task.

Apps call `notify()`; the subject and body come from `<template_prefix>_subject.txt` and
`<template_prefix>_body.txt`, rendered in the recipient's language (bokmål by default).
The task runs after the surrounding transaction commits, so nobody is told about a change
that was rolled back.
"""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


@task()
def send_emails(messages: list[tuple[str, str, str]]) -> int:
    """Sends (recipient, subject, body) triples over one connection."""
    with get_connection() as connection:
        emails = [
            EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to], connection=connection)
            for to, subject, body in messages
        ]
        return connection.send_messages(emails) or 0


def render_email(template_prefix: str, context: dict) -> tuple[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template_prefix}_subject.txt", context)
        body = render_to_string(f"{template_prefix}_body.txt", context)
    return " ".join(subject.split()), body


def notify(recipients, template_prefix: str, context: dict) -> int:
    """Queues one e-mail per recipient (a user or an address) and returns how many."""
    messages = []
    for recipient in recipients:
        address = getattr(recipient, "email", recipient)
        if not address:
            continue
        subject, body = render_email(template_prefix, {**context, "recipient": recipient})
        messages.append((address, subject, body))
    if messages:
        transaction.on_commit(lambda: send_emails.enqueue(messages))
    return len(messages)
