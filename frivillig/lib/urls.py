"""The portal's own address, for links that leave the request: e-mail above all.

Links are built from SITE_URL only. The request's Host and X-Forwarded-Proto come from
the client (or whatever sits in front of the server), so a reset link built from them
can be pointed at someone else's server by whoever asks for the reset.
"""

from urllib.parse import urlsplit

from django.conf import settings


def site_url() -> str:
    """SITE_URL without a trailing slash (settings.py gives development a default and
    refuses to start production without one)."""
    return settings.SITE_URL.rstrip("/")


def absolute_url(path: str, *, base: str | None = None) -> str:
    """The full address of `path`, a path from reverse() such as "/avtaler/3/". `base` is
    for an address the operator gives (send_survey_reminders --base-url), never one read
    from a request."""
    return (base or site_url()).rstrip("/") + path


def site_scheme_and_domain() -> tuple[str, str]:
    """("https", "frivillig.example.no"): SITE_URL in the two parts Django's
    password-reset e-mail takes (its `protocol` and `domain`)."""
    parts = urlsplit(site_url())
    return parts.scheme, parts.netloc + parts.path
