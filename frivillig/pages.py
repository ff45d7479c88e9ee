"""The public pages every page's footer links to: the accessibility statement and the
privacy notice. Anyone may read them, logged in or not."""

import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render

from accounts.services import INACTIVE_ACCOUNT_RETENTION, SECURITY_RETENTION

# When the statement was last checked against the portal; update it with each review.
ACCESSIBILITY_REVIEWED = datetime.date(2026, 11, 30)
PRIVACY_UPDATED = datetime.date(2026, 11, 30)


@login_not_required
def accessibility_statement(request):
    return render(
        request,
        "public/accessibility.html",
        {"contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL, "reviewed": ACCESSIBILITY_REVIEWED},
    )


@login_not_required
def privacy_notice(request):
    municipality = getattr(request.user, "municipality", None)
    return render(
        request,
        "public/privacy.html",
        {
            "municipality": municipality,
            "contact_email": settings.PRIVACY_CONTACT_EMAIL,
            "updated": PRIVACY_UPDATED,
            "session_hours": max(1, settings.SESSION_COOKIE_AGE // 3600),
            "security_days": SECURITY_RETENTION.days,
            "inactive_months": INACTIVE_ACCOUNT_RETENTION.days * 12 // 365,
            "backup_days": settings.BACKUP_RETENTION_DAYS,
        },
    )
