"""The security log: logins, logouts, failed logins, lockouts and every 403, each with
the username, the client's address and the path, on the logger `frivillig.security`
(the console by default, a file with SECURITY_LOG_FILE; the time is the record's).

Every value in a line is quoted and escaped (`user="a\\nb"`), because the username, the
path and the user agent come from the client: unescaped, a newline in a posted username
wrote a second, forged line, and a space a forged field."""

import logging

from axes.helpers import cleanse_parameters, get_client_ip_address
from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

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
