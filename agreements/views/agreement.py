"""The agreements: the list, creating one, the agreement page, editing it, and its
workflow (transitions, renewal, taking in the framework, the PDF)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from centres import access as centre_access
from centres.models import Centre
from frivillig.lib.access import is_coordinator_of
from frivillig.lib.files import ascii_filename, attachment
from frivillig.lib.pdf import render_pdf
from frivillig.lib.posted import posted_int

from .. import access, document, services, versions
from ..forms import (
    AgreementCreateForm,
    AgreementEditForms,
    TransitionForm,
    default_period,
    rebase_clause_rows,
)
from ..models import (
    TRANSITIONS,
    Agreement,
    AgreementClause,
    AgreementLocked,
    Comment,
    FrameworkVersion,
    IllegalTransition,
    Side,
    StaleAgreement,
)

S = Agreement.Status

# Said next to the button before the user confirms.
TRANSITION_HELP = {
    "send": gettext_lazy(
        "Sentralens daglige leder får e-post og kan godkjenne avtalen eller be om endringer. "
        "Teksten kan ikke endres mens avtalen ligger hos sentralen."
    ),
    "withdraw": gettext_lazy(
        "Avtalen går tilbake til utkast, så kommunen kan endre den. Sentralen får beskjed."
    ),
    "request_changes": gettext_lazy(
        "Skriv hva dere ønsker endret. Kommunen får e-post og kan endre teksten."
    ),
    "approve_centre": gettext_lazy(
        "Dere godkjenner teksten slik den står nå, for sentralen. Deretter godkjenner kommunen."
    ),
    "approve_municipality": gettext_lazy(
        "Kommunen godkjenner teksten slik den står nå. Deretter signeres avtalen av begge parter."
    ),
    "mark_signed": gettext_lazy(
        "Bekreft at begge parter har signert avtalen. Den trer i kraft fra startdatoen."
    ),
}
# These change what the parties have agreed to, so they ask once more.
CONFIRMED = {"send", "request_changes", "approve_centre", "approve_municipality", "mark_signed"}
# The step forward comes first and is the primary button.
ACTION_ORDER = ["send", "approve_centre", "approve_municipality", "mark_signed", "request_changes"]
RECENT_VERSIONS = 4
# The list groups the states in the three phases a coordinator thinks in.
PHASES = [
    (
        "under-arbeid",
        gettext_lazy("Under arbeid"),
        (S.DRAFT, S.SENT, S.CHANGES_REQUESTED, S.APPROVED_BY_CENTRE, S.APPROVED_BY_MUNICIPALITY),
    ),
    ("inngatt", gettext_lazy("Inngått"), (S.SIGNED, S.ACTIVE, S.RENEWAL_DUE)),
    ("avsluttet", gettext_lazy("Avsluttet"), (S.EXPIRED, S.RENEWED)),
]


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
    side = Side.CENTRE if user.is_leader else Side.MUNICIPALITY
    may_manage = is_coordinator_of(user)
    acts = may_manage or user.is_leader
    for agreement in agreements:
        agreement.waiting_reason = agreement.waiting_reason_for(side) if acts else ""
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
            "may_manage": may_manage,
            "own_centre": user.centre if user.is_leader else None,
        },
    )


# --- creating --------------------------------------------------------------------------


def agreement_create(request):
    user = request.user
    if not is_coordinator_of(user):
        raise PermissionDenied
    centres = centre_access.visible_centres(user, Centre.objects.filter(active=True))
    if not user.is_superuser or user.municipality_id:
        centres = centres.filter(municipality_id=user.municipality_id)
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
    return render(request, "agreements/agreement_create.html", {"form": form})


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
            "confirm": name in CONFIRMED,
            "help": TRANSITION_HELP.get(name, ""),
            "blocked": services.signatory_block(agreement, t),
            "error": transition["error"] if transition and transition["name"] == name else "",
            "comment": transition["comment"] if transition and transition["name"] == name else "",
        }
        for name, t in services.available_transitions(agreement, user)
    ]
    actions.sort(key=lambda a: ACTION_ORDER.index(a["name"]) if a["name"] in ACTION_ORDER else 99)
    context.update(
        {
            "side": side,
            "is_municipality": side == Side.MUNICIPALITY,
            "may_comment": side is not None,
            "actions": actions,
            "today": timezone.localdate(),
            "events": events,
            "last_event": events[-1] if events else None,
            "first_open": first_open,
            "recent_versions": recent,
            "version_count": recent[0].number if recent else 0,
            "renewals": list(agreement.renewals.all()),
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
    context["version"] = _latest_version(agreement)
    pdf = render_pdf("agreements/agreement_pdf.html", context, "css/agreements.css")
    name = ascii_filename(
        f"samarbeidsavtale {agreement.centre.name} {agreement.valid_from:%Y}",
        "pdf",
        fallback="samarbeidsavtale",
    )
    return attachment(pdf, content_type="application/pdf", filename=name)


# --- editing ---------------------------------------------------------------------------


def _latest_version(agreement):
    return agreement.versions.defer("snapshot").first()


def _conflict(agreement, current, based_on: int) -> dict:
    """Who saved since the form was rendered, and what they changed: the version the
    form was based on compared with the latest."""
    latest = agreement.versions.select_related("created_by").first()
    old = agreement.versions.filter(number=based_on).first()
    comparison = versions.compare(old.snapshot, latest.snapshot) if old and latest else None
    return {
        "by": current.updated_by,
        "at": current.updated_at,
        "latest": latest,
        "comparison": comparison,
        "based_on": based_on,
        "old_clauses": {(c["title"], c["text"]) for c in old.snapshot["clauses"]} if old else set(),
    }


def agreement_edit(request, pk):
    agreement = access.get_agreement_for_user(
        request.user,
        pk,
        write=True,
        queryset=Agreement.objects.select_related(
            "centre", "municipality", "framework_version", "updated_by"
        ),
    )
    if not agreement.is_editable:
        messages.error(
            request,
            _(
                "Avtalen har status «%(status)s», så teksten kan ikke endres. "
                "Kommunen kan endre den når den er et utkast eller sentralen har bedt om "
                "endringer."
            )
            % {"status": agreement.get_status_display()},
        )
        return redirect(agreement)
    common = [c for c in agreement.clauses.order_by("order", "pk") if c.is_common]
    # What the centre asked for, kept in view while the text is changed.
    asked = None
    if agreement.status == S.CHANGES_REQUESTED:
        asked = agreement.events.filter(action="request_changes").select_related("by").last()
    latest = _latest_version(agreement)
    revision, based_on = agreement.revision, latest.number if latest else 0
    data, conflict = (request.POST if request.method == "POST" else None), None
    if data is not None:
        if posted_int(request, "revision") != agreement.revision:
            # Saved by someone else since this form was rendered: nothing is written,
            # and the form comes back with what this user typed, on the newer text.
            conflict = _conflict(agreement, agreement, posted_int(request, "based_on"))
        # Rows of clauses deleted meanwhile are kept as new clauses if they were typed in.
        data = rebase_clause_rows(
            data,
            prefix="punkt",
            existing_ids=set(
                agreement.clauses.filter(kind=AgreementClause.Kind.LOCAL).values_list(
                    "pk", flat=True
                )
            ),
            untouched=conflict["old_clauses"] if conflict else set(),
        )
    edit_forms = AgreementEditForms(agreement, data)
    if data is not None and conflict is None:
        if edit_forms.is_valid():
            try:
                services.save_agreement(
                    agreement=agreement,
                    by=request.user,
                    revision=posted_int(request, "revision"),
                    apply_changes=lambda: edit_forms.save(common_count=len(common)),
                    note=edit_forms.note.cleaned_data["note"],
                )
            except StaleAgreement as stale:
                # Someone saved between this request's start and its save.
                conflict = _conflict(agreement, stale.current, posted_int(request, "based_on"))
                revision = stale.current.revision
            except AgreementLocked as error:
                messages.error(request, str(error))
                return redirect(agreement)
            else:
                messages.success(request, _("Endringene er lagret som en ny versjon."))
                return redirect(agreement)
        else:
            revision, based_on = posted_int(request, "revision"), posted_int(request, "based_on")
            messages.error(request, _("Endringene ble ikke lagret. Rett feilene som er merket."))
    if conflict and conflict["latest"]:
        # The next save goes over the newer version knowingly.
        based_on = conflict["latest"].number
    return render(
        request,
        "agreements/agreement_edit.html",
        {
            "agreement": agreement,
            "forms": edit_forms,
            "common_clauses": common,
            "asked": asked,
            "revision": revision,
            "based_on": based_on,
            "note": request.POST.get("note", ""),
            "conflict": conflict,
            "has_goals": bool(edit_forms.clauses.form_kwargs["goal_choices"]),
        },
        status=409 if conflict else 200,
    )


# --- the workflow ----------------------------------------------------------------------


def _acting_agreement(request, pk):
    """An agreement the user acts on: 404 if they cannot see it, 403 if they have no
    side in it (a reader)."""
    agreement = access.get_agreement_for_user(request.user, pk, queryset=detail_queryset())
    if access.agreement_side(request.user, agreement) is None:
        raise PermissionDenied
    return agreement


@require_POST
def agreement_transition(request, pk, action):
    agreement = _acting_agreement(request, pk)
    form = TransitionForm(request.POST)
    form.is_valid()
    if "comment" in form.errors:
        # Too long, or a character that cannot be stored: said at the comment, kept as typed.
        return _transition_error(
            request, agreement, action, form.errors["comment"][0], request.POST
        )
    comment = form.cleaned_data.get("comment") or ""
    transition = TRANSITIONS.get(action)
    if transition and transition.needs_comment and not comment:
        error = _("Skriv hva som bør endres, så kommunen vet hva de skal se på.")
        return _transition_error(request, agreement, action, error, request.POST)
    if "signed_on" in form.errors:
        return _transition_error(request, agreement, action, form.errors["signed_on"][0], {})
    try:
        services.apply_transition(
            agreement,
            action,
            by=request.user,
            comment=comment,
            on_date=form.cleaned_data.get("signed_on"),
        )
    except IllegalTransition as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _transition_done(agreement, transition))
    return redirect(agreement)


def _transition_error(request, agreement, action, error, data):
    messages.error(request, error)
    return render_detail(
        request,
        agreement,
        transition={"name": action, "error": error, "comment": data.get("comment", "")},
        status=400,
    )


def _transition_done(agreement, transition) -> str:
    done = _("%(what)s: %(title)s.") % {"what": transition.done, "title": agreement.title}
    if agreement.status == S.ACTIVE:
        done += " " + _("Avtalen gjelder fra %(date)s.") % {
            "date": date_format(agreement.valid_from, "DATE_FORMAT")
        }
    return done


@require_POST
def agreement_renew(request, pk):
    agreement = access.get_agreement_for_user(
        request.user, pk, write=True, queryset=detail_queryset()
    )
    try:
        renewal = services.start_renewal(agreement=agreement, by=request.user)
    except IllegalTransition as error:
        messages.error(request, str(error))
        return redirect(agreement)
    messages.success(
        request,
        _(
            "Utkastet til ny avtale for %(period)s er laget fra den gjeldende avtalen og felles "
            "ramme. Se over teksten og send den til sentralen."
        )
        % {"period": renewal.period_label},
    )
    return redirect(renewal)


@require_POST
def agreement_adopt_framework(request, pk):
    agreement = access.get_agreement_for_user(
        request.user, pk, write=True, queryset=detail_queryset()
    )
    try:
        version = services.adopt_framework(
            agreement=agreement, by=request.user, revision=posted_int(request, "revision")
        )
    except StaleAgreement as stale:
        messages.error(request, _stale_message(stale.current))
    except AgreementLocked as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Den nye teksten fra felles ramme er tatt inn (versjon %(number)s).")
            % {"number": version.number},
        )
    return redirect(agreement)


def _stale_message(current) -> str:
    who = current.updated_by.get_full_name() if current.updated_by else _("noen andre")
    return _(
        "Ikke gjort: %(who)s lagret avtalen %(when)s, etter at du åpnet siden. Se over den "
        "nye teksten og prøv igjen."
    ) % {
        "who": who or current.updated_by.username,
        "when": date_format(timezone.localtime(current.updated_at), "j. F Y \\k\\l. H:i"),
    }
