from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.db.models import Case, Count, When, Window
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from accounts import access as account_access
from accounts.models import Municipality
from agreements import access as agreement_access
from agreements.models import Agreement
from agreements.workflow import WAITING_FOR, Side
from centres import access as centre_access
from frivillig.lib.access import is_administrator, is_coordinator_of
from meetings import access as meeting_access
from meetings.models import FollowUp, Meeting
from meetings.schedule import schedule_summary

# Each list on the dashboard shows this many items, the most urgent first, with the count
# and a link to the whole list: the page does not grow with the municipality.
DASHBOARD_ITEMS = 10


def _year(request, today) -> int:
    try:
        year = int(request.GET.get("ar", today.year))
    except ValueError:
        return today.year
    return year if 2000 <= year <= today.year + 5 else today.year


def dashboard(request):
    user = request.user
    if user.municipality_id is None:
        administrator = is_administrator(user)
        municipalities = (
            Municipality.objects.annotate(centre_count=Count("centres")) if administrator else []
        )
        return render(
            request,
            "dashboard_unassigned.html",
            {"municipalities": municipalities, "is_administrator": administrator},
        )

    today = timezone.localdate()
    year = _year(request, today)
    municipality = user.municipality
    own_centre = centre_access.own_centre(user)
    schedule = schedule_summary(
        municipality,
        year,
        today,
        most_urgent=DASHBOARD_ITEMS,
        centres=[own_centre] if own_centre else None,
    )
    meetings = meeting_access.visible_meetings(user, Meeting.objects.with_details())
    follow_ups = (
        FollowUp.objects.filter(meeting__in=meetings.values("pk"), done=False)
        .with_overdue(today)
        .select_related("meeting")
        .order_by("due_date", "pk")[:8]
        if not centre_access.is_centre_leader(user)
        else []
    )
    return render(
        request,
        "dashboard.html",
        {
            "municipality": municipality,
            "own_centre": own_centre,
            "schedule": schedule,
            "visits": schedule.urgent,
            "year": year,
            "years": range(today.year - 2, today.year + 2),
            "today": today,
            "upcoming": meetings.upcoming(today)[:5],
            "follow_ups": follow_ups,
            # The schedule has a visit per active centre of the municipality: counting
            # them costs no query, and a leader's page does not show the count.
            "centre_count": None if own_centre else schedule.visit_count,
            # A municipality with no centres yet is shown where to begin, not a schedule
            # of meetings with no one to meet.
            "first_steps": own_centre is None and not schedule.visit_count,
            "facts": [line for line in municipality.facts.splitlines() if line.strip()],
            "can_manage": is_coordinator_of(user, municipality.pk),
            "agreement_card": _agreement_card(user, municipality),
            "undelivered_email_count": _undelivered_email_count(user, municipality),
        },
    )


def _undelivered_email_count(user, municipality) -> int:
    """The e-mails the coordinator is shown as not delivered (one query, a count)."""
    if not is_coordinator_of(user, municipality.pk):
        return 0
    return account_access.visible_outgoing_emails(user).not_delivered().count()


def _agreement_card(user, municipality) -> dict | None:
    """The agreements card: a leader sees the own centre's agreements with what waits
    for the centre; the coordinator sees the municipality's agreements counted by state
    and those waiting for the municipality (the same words as the agreement list)."""
    S = Agreement.Status
    if centre_access.is_centre_leader(user):
        agreements = list(
            agreement_access.visible_agreements(user, Agreement.objects.for_list()).not_ended()
        )
        for agreement in agreements:
            agreement.waiting_reason = agreement.waiting_reason_for(Side.CENTRE)
        return {"leader": True, "agreements": agreements}
    if not is_coordinator_of(user, municipality.pk):
        return None
    # Counted in the database and only the first items read: the card costs two
    # queries whatever the number of agreements.
    agreements = agreement_access.visible_agreements(user).filter(municipality=municipality)
    counts = dict(agreements.order_by().values_list("status").annotate(n=Count("pk")))
    # Closest to done first (the order of WAITING_FOR): signing, approving, rewriting,
    # and renewals last; a renewal already started waits for no one.
    priority = list(WAITING_FOR[Side.MUNICIPALITY])
    waiting = agreements.waiting_for(Side.MUNICIPALITY)
    to_do = list(
        waiting.select_related("centre")
        .annotate(
            priority=Case(*(When(status=s, then=i) for i, s in enumerate(priority))),
            # How many wait in all, counted before the limit.
            waiting_count=Window(Count("pk")),
        )
        .order_by("priority", "centre__name", "valid_from")[:DASHBOARD_ITEMS]
    )
    for agreement in to_do:
        agreement.waiting_reason = agreement.waiting_reason_for(Side.MUNICIPALITY)
    return {
        "leader": False,
        "to_do": to_do,
        "to_do_count": to_do[0].waiting_count if to_do else 0,
        "counts": [(value, label, counts[value]) for value, label in S.choices if value in counts],
        "total": sum(counts.values()),
    }


@login_not_required
@never_cache
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok\n", content_type="text/plain")
