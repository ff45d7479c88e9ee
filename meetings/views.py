from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from centres.models import Centre
from frivillig.lib.access import is_coordinator_of
from frivillig.lib.files import attachment
from frivillig.lib.pagination import paginate

from . import access, page_parts
from .forms import CloseFollowUpForm, MeetingEditForms, MeetingFilterForm
from .ics import meeting_calendar
from .models import FollowUp, Meeting
from .services import close_follow_up, save_meeting

MEETINGS_PER_PAGE = 25


def meeting_list(request):
    meetings = access.visible_meetings(request.user, Meeting.objects.with_details())
    years = sorted({d.year for d in meetings.dates("date", "year")}, reverse=True)
    filter_form = MeetingFilterForm(request.GET or None, years=years)
    if filter_form.is_valid():
        if year := filter_form.cleaned_data.get("year"):
            meetings = meetings.in_year(year)
        if kind := filter_form.cleaned_data.get("kind"):
            meetings = meetings.filter(kind=kind)
    page = paginate(request, meetings, MEETINGS_PER_PAGE)
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "page": page,
            "meetings": page.object_list,
            "filter_form": filter_form,
            "today": timezone.localdate(),
            "can_manage": is_coordinator_of(request.user),
        },
    )


def meeting_detail(request, pk, close_form=None):
    today = timezone.localdate()
    follow_ups = FollowUp.objects.with_overdue(today)
    meeting = access.get_meeting_for_user(
        request.user,
        pk,
        queryset=Meeting.objects.with_details().prefetch_related(
            "agenda_items", Prefetch("follow_ups", queryset=follow_ups)
        ),
    )
    can_manage = is_coordinator_of(request.user, meeting.municipality_id)
    if can_manage:
        for follow_up in meeting.follow_ups.all():
            if not follow_up.done:
                follow_up.close_form = CloseFollowUpForm(prefix=f"close{follow_up.pk}")
                if close_form and close_form.prefix == follow_up.close_form.prefix:
                    follow_up.close_form = close_form  # sent back with its error
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "today": today,
            "can_manage": can_manage,
            **page_parts.for_detail(request.user, meeting),
        },
    )


@require_POST
def follow_up_close(request, pk, follow_up_pk):
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    follow_up = get_object_or_404(meeting.follow_ups.open(), pk=follow_up_pk)
    form = CloseFollowUpForm(request.POST, prefix=f"close{follow_up.pk}")
    if not form.is_valid():
        messages.error(request, _("Punktet ble ikke lukket. Rett feilen som er merket under."))
        return meeting_detail(request, pk, close_form=form)
    close_follow_up(follow_up=follow_up, note=form.cleaned_data["note"], now=timezone.now())
    messages.success(request, _("«%(text)s» er lukket som utført.") % {"text": follow_up.text})
    return redirect(f"{meeting.get_absolute_url()}#oppfolging")


def meeting_ics(request, pk):
    meeting = access.get_meeting_for_user(
        request.user, pk, queryset=Meeting.objects.prefetch_related("agenda_items")
    )
    body = meeting_calendar(meeting, url=request.build_absolute_uri(meeting.get_absolute_url()))
    filename = f"{meeting.date:%Y-%m-%d}-{slugify(meeting.title)[:50]}.ics"
    return attachment(body, content_type="text/calendar; charset=utf-8", filename=filename)


def _centre_choices(municipality_id):
    return Centre.objects.filter(municipality_id=municipality_id, active=True).order_by("name")


def _edit(request, meeting, template_title, initial=None):
    edit_forms = MeetingEditForms(
        meeting,
        request.POST or None,
        centres=_centre_choices(meeting.municipality_id),
        initial=initial,
    )
    if request.method == "POST":
        if edit_forms.is_valid():
            meeting = save_meeting(edit_forms)
            messages.success(request, _("Møtet «%(title)s» er lagret.") % {"title": meeting.title})
            return redirect(meeting)
        messages.error(request, _("Møtet ble ikke lagret. Rett feilene som er merket under."))
    return render(
        request,
        "meetings/meeting_form.html",
        {"meeting": meeting, "forms": edit_forms, "page_title": template_title},
    )


def meeting_create(request):
    municipality_id = access.new_meeting_municipality(request.user)
    if municipality_id is None:
        messages.info(request, _("Møter opprettes av kommunens koordinator."))
        return redirect("meetings:list")
    initial_kind = request.GET.get("type")
    meeting = Meeting(
        municipality_id=municipality_id,
        kind=initial_kind if initial_kind in Meeting.Kind.values else Meeting.Kind.VISIT,
    )
    # "Planlegg besøk" next to an overdue visit on the dashboard names the centre.
    centre = _centre_choices(municipality_id).filter(slug=request.GET.get("sentral", "")).first()
    initial = (
        {
            "centres": [centre],
            "title": _("Besøk på %(name)s") % {"name": centre.name},
            "location": centre.address or centre.name,
        }
        if centre
        else None
    )
    return _edit(request, meeting, _("Nytt møte"), initial)


def meeting_edit(request, pk):
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    return _edit(request, meeting, _("Rediger møte"))


@require_POST
def meeting_delete(request, pk):
    meeting = access.get_meeting_for_user(request.user, pk, write=True)
    title = meeting.title
    meeting.delete()
    messages.success(request, _("Møtet «%(title)s» er slettet.") % {"title": title})
    return redirect("meetings:list")
