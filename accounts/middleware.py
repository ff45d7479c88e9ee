import time

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.translation import gettext as _


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Deny by default, as Django's: a page sends a visitor who is not logged in (or
    whose session has ended) to the login page. A script's request (the survey's
    autosave) gets 401 with a message instead, so the page can keep what was typed and
    tell the person to log in again in another tab."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        # A public view first: Django's asks request.user before the view's mark, which
        # reads the user from the database for /healthz and the privacy notice too.
        if not getattr(view_func, "login_required", True):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)

    def handle_no_permission(self, request, view_func):
        if request.path.startswith(reverse("admin:index")):
            # The admin's own login, which sends a staff member back to the admin page.
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        if not _is_script_request(request):
            return super().handle_no_permission(request, view_func)
        return JsonResponse(
            {
                "ok": False,
                "login_required": True,
                "login_url": resolve_url(self.get_login_url(view_func)),
                "message": _(
                    "Ikke lagret: du er logget ut. Logg inn på nytt i en ny fane; det du "
                    "har skrevet her, beholdes og lagres når du er logget inn igjen."
                ),
            },
            status=401,
        )


def _is_script_request(request) -> bool:
    return request.headers.get("X-Requested-With") in {"fetch", "XMLHttpRequest"} or (
        "application/json" in request.headers.get("Accept", "")
    )


class SessionRenewalMiddleware:
    """The sliding expiry of a session without a write on every request.

    A session ends SESSION_COOKIE_AGE seconds after it was last renewed, and a request
    renews it only when the last renewal is SESSION_RENEW_AFTER seconds old (or the
    request changed the session anyway): ordinary page views read the session and write
    nothing, and a session still ends after SESSION_COOKIE_AGE of inactivity, give or
    take those seconds. Sits after SessionMiddleware, so SessionMiddleware saves what it
    marks. Logging out flushes the session, which stays empty.
    """

    KEY = "_renewed_at"

    @classmethod
    def mark_renewed(cls, sender, request, user, **kwargs):
        """A login creates the session: it counts as renewed (user_logged_in)."""
        if getattr(request, "session", None) is not None:
            request.session[cls.KEY] = int(time.time())

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or not session.accessed or session.is_empty():
            return response
        now = int(time.time())
        renewed = session.get(self.KEY)
        if (
            session.modified
            or not isinstance(renewed, int)
            or now - renewed >= settings.SESSION_RENEW_AFTER
        ):
            session[self.KEY] = now
        return response
