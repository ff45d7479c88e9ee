"""The workflow's buttons on the agreement page: taking a transition, starting a
renewal, and taking in the current framework."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frivillig.lib.posted import posted_int

from .. import access, services, transitions
from ..forms import TransitionForm
from ..models import Agreement
from ..workflow import TRANSITIONS, AgreementLocked, IllegalTransition, StaleAgreement
from .agreement import detail_queryset, render_detail

S = Agreement.Status


@require_POST
def agreement_transition(request, pk, action):
    agreement = access.get_agreement_for_party(request.user, pk, queryset=detail_queryset())
    form = TransitionForm(request.POST)
    form.is_valid()
    if "comment" in form.errors:
        # Too long, or a character that cannot be stored: said at the comment, kept as typed.
        return _transition_error(
            request, agreement, action, form.errors["comment"][0], request.POST
        )
    comment = form.cleaned_data.get("comment") or ""
    transition = TRANSITIONS.get(action)
    if transition and (error := transition.comment_problem(comment)):
        return _transition_error(request, agreement, action, error, request.POST)
    if "signed_on" in form.errors:
        return _transition_error(request, agreement, action, form.errors["signed_on"][0], {})
    try:
        transitions.apply_transition(
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
        renewal = transitions.start_renewal(agreement=agreement, by=request.user)
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
        "when": date_format(timezone.localtime(current.updated_at), "DATETIME_FORMAT"),
    }
