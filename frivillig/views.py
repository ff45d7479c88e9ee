from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from accounts import access
from accounts.models import Municipality
from meetings.models import FollowUp, Meeting
from meetings.schedule import formal_schedule


def _year(request, today) -> int:
    try:
        year = int(request.GET.get("ar", today.year))
    except ValueError:
        return today.year
    return year if 2000 <= year <= today.year + 5 else today.year


def dashboard(request):
    user = request.user
    if user.municipality_id is None:
        municipalities = (
            Municipality.objects.annotate(centre_count=Count("centres"))
            if user.is_superuser
            else []
        )
        return render(request, "dashboard_unassigned.html", {"municipalities": municipalities})

    today = timezone.localdate()
    year = _year(request, today)
    municipality = user.municipality
    own_centre = user.centre if user.is_leader else None
    schedule = formal_schedule(
        municipality, year, today, centres=[own_centre] if own_centre else None
    )
    meetings = access.visible_meetings(user, Meeting.objects.with_details())
    follow_ups = (
        FollowUp.objects.filter(meeting__in=meetings.values("pk"), done=False)
        .select_related("meeting")
        .order_by("due_date", "pk")[:8]
        if not user.is_leader
        else []
    )
    return render(
        request,
        "dashboard.html",
        {
            "municipality": municipality,
            "own_centre": own_centre,
            "schedule": schedule,
            "year": year,
            "years": range(today.year - 2, today.year + 2),
            "today": today,
            "upcoming": meetings.upcoming(today)[:5],
            "follow_ups": follow_ups,
            "centre_count": access.visible_centres(user).filter(active=True).count(),
            "facts": [line for line in municipality.facts.splitlines() if line.strip()],
            "can_manage": access.can_manage_meetings(user, municipality.pk),
        },
    )


@login_not_required
@never_cache
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok\n", content_type="text/plain")
