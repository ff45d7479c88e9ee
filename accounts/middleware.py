from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.http import JsonResponse
from django.shortcuts import resolve_url
from django.utils.translation import gettext as _


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Deny by default, as Django's: a page sends a visitor who is not logged in (or
    whose session has ended) to the login page. A script's request (the survey's
    autosave) gets 401 with a message instead, so the page can keep what was typed and
    tell the person to log in again in another tab."""

    def handle_no_permission(self, request, view_func):
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
