"""The SMTP stand-in for the outbox's tests (tests/accounts/fake_smtp.py)."""

import pytest

from .fake_smtp import FakeSMTP, closed_port


@pytest.fixture
def smtp(settings):
    """Django's SMTP backend, talking to the stand-in."""
    with FakeSMTP() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 5
        settings.EMAIL_RETRY_DELAYS = [1, 5, 30, 120, 720]
        yield server


@pytest.fixture
def smtp_down(smtp, settings):
    """The SMTP server's port refuses connections."""
    settings.EMAIL_PORT = closed_port()
    return smtp
