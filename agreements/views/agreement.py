"""The agreements: the list, creating one, the agreement page and its PDF. Editing is
in views.editing, the workflow's buttons in views.workflow."""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from centres import access as centre_access
from centres.models import Centre
from frivillig.lib.access import is_coordinator_of, require_coordinator
from frivillig.lib.files import ascii_filename, attachment
from frivillig.lib.pdf import render_pdf

from .. import access, document, services, transitions
from ..forms import AgreementCreateForm, default_period
from ..models import Agreement, Comment, FrameworkVersion
from ..workflow import ACTION_ORDER, PHASES, Side

S = Agreement.Status
RECENT_VERSIONS = 4


# --- the list --------------------------------------------------------------------------


def agreement_list(request):
    user = request.user
    agreements = list(
        access.visible_agreements(user, Agreement.objects.for_list()).annotate(
            open_comments=Count(
                "comments", filter=Q(comments__parent=None, comments__resolved_at=None)
            )
        )
    )
    side = access.list_side(user)
    for agreement in agreements:
        agreement.waiting_reason = agreement.waiting_reason_for(side) if side else ""
    counts = {status: 0 for status in S.values}
    for agreement in agreements:
        counts[agreement.status] += 1
    chosen = request.GET.get("status", "")
    if chosen not in S.values:
        chosen = ""
    shown = [a for a in agreements if not chosen or a.status == chosen]
    order = {status: index for index, status in enumerate(S.values)}
    groups = [
        (
            slug,
            label,
            sorted((a for a in shown if a.status in states), key=lambda a: order[a.status]),
        )
        for slug, label, states in PHASES
        if any(a.status in states for a in shown)
    ]
    return render(
        request,
        "agreements/agreement_list.html",
        {
            "groups": groups,
            "total": len(agreements),
            "to_do": [a for a in agreements if a.waiting_reason],
            "status_filter": [(v, label, counts[v]) for v, label in S.choices if counts[v]],
            "chosen": chosen,
            "may_manage": is_coordinator_of(user),
            "own_centre": centre_access.own_centre(user),
        },
    )


# --- creating --------------------------------------------------------------------------


def agreement_create(request):
    user = request.user
    require_coordinator(user)
    centres = access.creatable_centres(
        user, centre_access.visible_centres(user, Centre.objects.filter(active=True))
    )
    centres = centres.select_related("municipality").order_by("municipality__name", "name")
    start, end = default_period(timezone.localdate())
    # "Ny avtale" from a centre's page names the centre by its slug.
    chosen = centres.filter(slug=request.GET.get("sentral", "")).first()
    initial = {"valid_from": start, "valid_to": end, "centre": chosen}
    form = AgreementCreateForm(request.POST or None, centres=centres, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            agreement = services.create_agreement(
                centre=data["centre"],
                by=user,
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
                title=data["title"],
            )
            messages.success(
                request,
                _(
                    "Utkastet til avtale med %(centre)s er laget fra felles ramme og "
                    "sentralens profil. Se over teksten og send den til sentralen."
                )
                % {"centre": agreement.centre.name},
            )
            return redirect(agreement)
        messages.error(request, _("Avtalen ble ikke opprettet. Rett feilene som er merket."))
    return render(
        request,
        "agreements/agreement_create.html",
        {"form": form, "can_add_centre": centre_access.can_add_centre(user)},
    )


# --- the agreement page ----------------------------------------------------------------


def detail_queryset():
    return Agreement.objects.with_framework_state().select_related(
        "centre", "municipality", "framework_version", "renewal_of", "created_by", "updated_by"
    )


def render_detail(request, agreement, *, comment_form=None, transition=None, status=200):
    """The agreement page; a comment or transition that failed validation is shown
    again by its own form, with what the user wrote."""
    user = request.user
    context = document.document_context(agreement)
    clauses = context["clauses"]
    side = access.agreement_side(user, agreement)
    failed_target = comment_form.target if comment_form else ""
    threads, general, first_open = document.comment_threads_by_clause(
        agreement, clauses, failed_target
    )
    open_threads = sum(1 for t in threads if not t.is_resolved)
    shown_forms = {"avtalen", *(c.comment_target for c in clauses)}
    shown_forms.update(t.comment_target for t in threads)
    if failed_target and failed_target not in shown_forms:
        # The clause or thread went away meanwhile: the text and the reason go to the
        # form for the whole agreement, so nothing typed is lost.
        failed_target = "avtalen"
    events = list(agreement.events.select_related("by"))
    recent = list(
        agreement.versions.defer("snapshot").select_related("created_by")[:RECENT_VERSIONS]
    )
    current_framework = changes = None
    if agreement.framework_outdated:
        current_framework = FrameworkVersion.objects.filter(
            pk=agreement.current_framework_version_id
        ).first()
        if current_framework:
            changes = services.framework_changes(agreement, current_framework)
    actions = [
        {
            "name": name,
            "label": t.label,
            "needs_comment": t.needs_comment,
            "confirm": t.confirm,
            "help": t.help,
            "blocked": transitions.signatory_block(agreement, t),
            "error": transition["error"] if transition and transition["name"] == name else "",
            "comment": transition["comment"] if transition and transition["name"] == name else "",
        }
        for name, t in transitions.available_transitions(agreement, user)
    ]
    actions.sort(key=lambda a: ACTION_ORDER.index(a["name"]) if a["name"] in ACTION_ORDER else 99)
    renewals = list(agreement.renewals.all())
    is_municipality = side == Side.MUNICIPALITY
    last_event = events[-1] if events else None
    context.update(
        {
            "side": side,
            "is_municipality": is_municipality,
            "may_change_text": access.may_change_text(user, agreement),
            "explanation": agreement.status_explanation(has_renewal=bool(renewals)),
            # The comment that moved the agreement into its state, quoted under it.
            "last_comment": (
                last_event
                if last_event and last_event.comment and last_event.to_status == agreement.status
                else None
            ),
            "may_renew": access.may_start_renewal(user, agreement, has_renewal=bool(renewals)),
            "may_comment": access.can_comment_on_agreement(user, agreement),
            "actions": actions,
            "today": timezone.localdate(),
            "events": events,
            "first_open": first_open,
            "recent_versions": recent,
            "version_count": recent[0].number if recent else 0,
            "renewals": renewals,
            "general_threads": general,
            "open_threads": open_threads,
            "comment_form": comment_form,
            "comment_target": failed_target,
            "comment_max": Comment.MAX_LENGTH,
            "current_framework": current_framework,
            "framework_changes": changes,
        }
    )
    return render(request, "agreements/agreement_detail.html", context, status=status)


def agreement_detail(request, pk):
    agreement = access.get_agreement_for_user(request.user, pk, queryset=detail_queryset())
    return render_detail(request, agreement)


def agreement_pdf(request, pk):
    agreement = access.get_agreement_for_user(request.user, pk, queryset=detail_queryset())
    context = document.document_context(agreement)
    context["generated"] = timezone.localdate()
    context["version"] = agreement.versions.defer("snapshot").first()
    pdf = render_pdf("agreements/agreement_pdf.html", context, "css/agreements.css")
    name = ascii_filename(
        f"samarbeidsavtale {agreement.centre.name} {agreement.valid_from:%Y}",
        "pdf",
        fallback="samarbeidsavtale",
    )
    return attachment(pdf, content_type="application/pdf", filename=name)
