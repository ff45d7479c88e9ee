from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _

from .forms import LoginForm


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer once a username has failed too often from one address, or
    from all addresses together (accounts.security.LoginAttemptHandler): the login page
    again, with the reason, and 429 Too Many Requests."""
    form = LoginForm(request, initial={"username": (credentials or {}).get("username", "")})
    return render(
        request,
        "registration/login.html",
        {
            "form": form,
            "next": request.POST.get("next", request.GET.get("next", "")),
            "locked_out": _(
                "For mange mislykkede innlogginger. Prøv igjen om %(minutes)s minutter, "
                "eller kontakt administrator."
            )
            % {"minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)},
        },
        status=429,
    )


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
