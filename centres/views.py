from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frivillig.lib import changelog
from frivillig.lib.pagination import paginate

from . import access, page_parts
from .filters import CentreFilter
from .forms import CentreCreateForm, CentreEditForms
from .models import Centre
from .services import add_centre, archive_centre, restore_centre, save_centre_profile

# A page of cards: eight rows of three on a wide screen.
CENTRES_PER_PAGE = 24


def centre_list(request):
    centres = access.visible_centres(request.user, Centre.objects.for_list())
    centre_filter = CentreFilter(request.GET or None, queryset=centres)
    page = paginate(request, centre_filter.qs, CENTRES_PER_PAGE)
    today = timezone.localdate()
    visits = page_parts.for_list(request.user, page, today).get("visits", {})
    return render(
        request,
        "centres/centre_list.html",
        {
            "filter": centre_filter,
            "page": page,
            "rows": [(centre, visits.get(centre.pk)) for centre in page],
            # An empty list says why: the filter, or no centres yet.
            "filtered": centre_filter.form.is_bound and centre_filter.form.has_changed(),
            "year": today.year,
            "can_add": access.can_add_centre(request.user),
        },
    )


def centre_detail(request, slug):
    centre = access.get_centre_for_user(request.user, slug, queryset=Centre.objects.with_profile())
    # The visits and meetings, the agreements: from the apps above centres.
    parts = page_parts.for_detail(request.user, centre, timezone.localdate())
    if request.user.municipality_id == centre.municipality_id:
        # The navbar names the user's municipality; here it is the centre's, already
        # loaded, which pays for the agreements query within the page's ceiling.
        request.user.municipality = centre.municipality
    return render(
        request,
        "centres/centre_detail.html",
        {
            "centre": centre,
            "period": centre.current_goal_period,
            **parts,
            "can_edit": access.can_edit_centre(request.user, centre),
            "can_archive": access.can_archive_centre(request.user, centre),
            # The coordinator invites the centre's leader (accounts' people page).
            "can_invite_leader": centre.active and access.can_add_centre(request.user),
            "changelog": changelog.for_page(
                request.user, "sentral", centre, centre.municipality_id
            ),
        },
    )


def centre_edit(request, slug):
    centre = access.get_centre_for_user(request.user, slug, write=True)
    year = timezone.localdate().year
    edit_forms = CentreEditForms(
        centre,
        request.POST or None,
        registry_fields=access.can_edit_centre_registry_fields(request.user, centre),
        default_period=(year, year + 1),
    )
    if request.method == "POST":
        if edit_forms.is_valid():
            save_centre_profile(edit_forms)
            messages.success(request, _("Profilen til %(name)s er lagret.") % {"name": centre.name})
            return redirect(centre)
        messages.error(request, _("Profilen ble ikke lagret. Rett feilene som er merket under."))
    return render(request, "centres/centre_edit.html", {"centre": centre, "forms": edit_forms})


def centre_create(request):
    access.require_add_centre(request.user)
    form = CentreCreateForm(request.POST or None, prefix="centre")
    if request.method == "POST":
        if form.is_valid():
            centre = add_centre(form=form, municipality=request.user.municipality, by=request.user)
            messages.success(
                request,
                _(
                    "%(name)s er lagt til. Fyll inn resten av profilen, eller inviter den "
                    "daglige lederen fra «Personer»."
                )
                % {"name": centre.name},
            )
            return redirect(centre)
        messages.error(request, _("Sentralen ble ikke lagt til. Rett feilene som er merket under."))
    return render(request, "centres/centre_create.html", {"form": form})


@require_POST
def centre_archive(request, slug):
    centre = access.get_centre_to_archive_for_user(request.user, slug)
    if archive_centre(centre=centre, by=request.user):
        messages.success(
            request,
            _(
                "%(name)s er arkivert. Sentralen er tatt ut av lister, planen for møter og "
                "utsending av undersøkelser; alt den har, er tatt vare på."
            )
            % {"name": centre.name},
        )
    return redirect(centre)


@require_POST
def centre_restore(request, slug):
    centre = access.get_centre_to_archive_for_user(request.user, slug)
    if restore_centre(centre=centre, by=request.user):
        messages.success(request, _("%(name)s er aktiv igjen.") % {"name": centre.name})
    return redirect(centre)
