"""The portal's login security: the security log, the client's address, and the second
login limit per username.

The security log holds logins, logouts, failed logins, lockouts and every 403, each with
the username, the client's address and the path, on the logger `frivillig.security`
(the console by default, a file with SECURITY_LOG_FILE; the time is the record's).
Every value in a line is quoted and escaped (`user="a\\nb"`), because the username, the
path and the user agent come from the client: unescaped, a newline in a posted username
wrote a second, forged line, and a space a forged field.

The client's address (`client_ip`, for django-axes and so for the log) is the socket's
unless the request comes from a configured proxy (TRUSTED_PROXIES, TRUSTED_PROXY_COUNT);
anyone else's X-Forwarded-For is ignored, so a client that reaches the server directly
can neither spread its guesses over made-up addresses nor lock out someone else's."""

import ipaddress
import logging
from functools import lru_cache

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import (
    cleanse_parameters,
    get_client_ip_address,
    get_client_username,
    get_cool_off,
    get_failure_limit,
)
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models import Sum
from django.utils import timezone

logger = logging.getLogger("frivillig.security")


def quoted(value) -> str:
    """The value as one double-quoted token that cannot end the line or the field:
    backslash and quote escaped, and every character Python does not count printable
    (control characters, U+0085 and U+2028 that some viewers break lines on, bidi
    overrides) written as its Python escape, so `ast.literal_eval` reads the value back."""
    text = "" if value is None else str(value)
    return '"' + "".join(_escaped(ch) for ch in text) + '"'


def _escaped(ch: str) -> str:
    if ch in '"\\':
        return "\\" + ch
    return ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii")


def log_event(event: str, request, username: str = "", level: int = logging.INFO) -> None:
    ip = get_client_ip_address(request) if request is not None else ""
    path = request.get_full_path() if request is not None else ""
    logger.log(
        level,
        "%s user=%s ip=%s path=%s",
        event,
        quoted(username),
        quoted(ip),
        quoted(path),
        extra={"event": event, "username": username, "ip": ip, "path": path},
    )


def client_str(username, ip_address, user_agent, path_info, request) -> str:
    """AXES_CLIENT_STR_CALLABLE: how django-axes names the client in its own log lines
    ("AXES: New login failure by {…}" on the console): its format and its masking of
    AXES_SENSITIVE_PARAMETERS, with the values escaped like the security log's."""
    if isinstance(path_info, list | tuple):
        path_info = path_info[0] if path_info else ""
    client = cleanse_parameters(
        {
            "username": username,
            "ip_address": ip_address,
            "user_agent": user_agent,
            "path_info": path_info,
        }
    )
    return "{" + ", ".join(f"{key}: {quoted(value)}" for key, value in client.items()) + "}"


def _username(user) -> str:
    return user.get_username() if user is not None and user.is_authenticated else ""


def logged_in(sender, request, user, **kwargs):
    log_event("login", request, _username(user))


def logged_out(sender, request, user, **kwargs):
    if user is not None:  # Logging out when not logged in is no event.
        log_event("logout", request, _username(user))


def login_failed(sender, credentials, request=None, **kwargs):
    log_event("login_failed", request, credentials.get("username", ""), logging.WARNING)


def locked_out(sender, request, username, ip_address, **kwargs):
    log_event("login_locked_out", request, username or "", logging.WARNING)


def connect() -> None:
    user_logged_in.connect(logged_in, dispatch_uid="security_log_login")
    user_logged_out.connect(logged_out, dispatch_uid="security_log_logout")
    user_login_failed.connect(login_failed, dispatch_uid="security_log_login_failed")
    user_locked_out.connect(locked_out, dispatch_uid="security_log_locked_out")


class ForbiddenLogMiddleware:
    """Writes every 403 to the security log, whoever answered it: a view's
    PermissionDenied, the CSRF check or a middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403:
            user = getattr(request, "user", None)
            log_event("forbidden", request, _username(user), logging.WARNING)
        return response


def client_ip(request) -> str:
    """AXES_CLIENT_IP_CALLABLE: the client's address. X-Forwarded-For is read only when the
    peer is a proxy: one of TRUSTED_PROXIES or, with only TRUSTED_PROXY_COUNT set, any
    peer (the server is then reachable through the proxies alone). Each proxy appends the
    address it saw, so the client is the N-th entry from the right with a count, else the
    right-most entry that is not one of TRUSTED_PROXIES; what lies left of it is the
    client's own to write and never believed. (django-ipware checks the header's entries
    against its proxy list but never the socket's peer, and reads the list as an ordered
    chain, so it is not used here.)"""
    peer = request.META.get("REMOTE_ADDR", "")
    forwarded = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [hop for hop in forwarded if hop]
    peer_address = _address(peer)
    trusted = _networks(tuple(settings.TRUSTED_PROXIES))
    count = settings.TRUSTED_PROXY_COUNT
    from_proxy = _is_trusted(peer_address, trusted) if trusted else count > 0
    if not forwarded or not from_proxy:
        return str(peer_address) if peer_address else peer
    if count:
        client = _address(forwarded[-count]) if len(forwarded) >= count else None
        # Fewer entries than proxies: the request skipped one, so nothing in it is sure.
        return str(client or peer_address)
    client = peer_address
    for hop in reversed(forwarded):
        address = _address(hop)
        if address is None:  # not an address: passed on unchecked, so stop at the last sure hop
            break
        client = address
        if not _is_trusted(address, trusted):
            break
    return str(client)


def _address(text: str):
    """The address in `text`, an IPv4 address mapped into IPv6 as plain IPv4, or None."""
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    return getattr(address, "ipv4_mapped", None) or address


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _is_trusted(address, networks) -> bool:
    return address is not None and any(address in network for network in networks)


class LoginAttemptHandler(AxesDatabaseHandler):
    """AXES_HANDLER: django-axes' database handler with a second, higher limit. Beside
    AXES_FAILURE_LIMIT failures of one username from one address, AXES_USERNAME_FAILURE_LIMIT
    failures of the username from all addresses together within the cool-off lock the
    username out from every address, so a guess spread over many addresses stops too. It
    lifts as a pair's lockout does, once those failures are older than the cool-off."""

    def get_failures(self, request, credentials=None) -> int:
        failures = super().get_failures(request, credentials)
        limit = get_failure_limit(request, credentials)
        if failures < limit and (
            username_failures(request, credentials) >= settings.AXES_USERNAME_FAILURE_LIMIT
        ):
            # django-axes compares one count with one limit, both where it checks a login
            # and where it records a failure: a username over its own limit counts as
            # this address being over the address limit.
            return limit
        return failures


def username_failures(request, credentials=None) -> int:
    """The failures of the request's username from every address within the cool-off,
    counted as django-axes counts a pair's (attempts whose latest failure is recent)."""
    username = get_client_username(request, credentials)
    if not username:
        return 0
    attempts = AccessAttempt.objects.filter(username=username)
    cool_off = get_cool_off(request)
    if cool_off is not None:
        now = getattr(request, "axes_attempt_time", None) or timezone.now()
        attempts = attempts.filter(attempt_time__gte=now - cool_off)
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
