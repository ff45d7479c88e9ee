"""The coordinator's people page, the invitation and the person's acceptance of it."""

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from frivillig.lib import changelog
from frivillig.lib.posted import whole_number

from . import access, people
from .backends import USER_BACKEND
from .forms import AcceptInvitationForm, InviteForm, RoleForm
from .models import Invitation


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


def people_list(request):
    persons = list(
        access.visible_people(request.user)
        .select_related("centre")
        .prefetch_related(
            Prefetch("invitations", queryset=Invitation.objects.order_by("-created_at", "-pk"))
        )
        .order_by("role", "last_name", "first_name", "username")
    )
    now = timezone.now()
    rows = [people.row(person, now) for person in persons]
    municipality = request.user.municipality
    return render(
        request,
        "accounts/people.html",
        {
            "rows": rows,
            "municipality": municipality,
            "changelog": changelog.for_page(
                request.user, "personer", municipality, municipality.pk
            ),
        },
    )


def person_invite(request):
    access.require_manage_people(request.user)
    municipality_id = request.user.municipality_id
    # «Inviter daglig leder» on a centre's page names the centre (its id, checked by the
    # form's choices like a posted one).
    centre = whole_number(request.GET.get("sentral", ""))
    initial = {"role": "leader", "centre": centre} if centre else None
    form = InviteForm(request.POST or None, municipality_id=municipality_id, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation, _token = people.invite_person(
                municipality=request.user.municipality,
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                role=data["role"],
                centre=data["centre"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Invitasjonen er sendt til %(email)s. Lenken gjelder i %(days)s dager.")
                % {"email": invitation.user.email, "days": people.invitation_days()},
            )
            return redirect("people")
    if request.method == "POST":
        messages.error(request, _("Invitasjonen ble ikke sendt. Rett feilene som er merket under."))
    return render(request, "accounts/person_invite.html", {"form": form})


def person_role(request, pk):
    person = access.get_person_for_user(request.user, pk)
    form = RoleForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            people.change_role(
                person=person,
                role=form.cleaned_data["role"],
                centre=form.cleaned_data["centre"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(name)s har nå rollen %(role)s.")
                % {"name": people.name(person), "role": str(person.get_role_display()).lower()},
            )
            return redirect("people")
    return render(request, "accounts/person_role.html", {"form": form, "person": person})


def _post_action(request, pk, action, done: str):
    person = access.get_person_for_user(request.user, pk)
    try:
        action(person)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, done % {"name": people.name(person)})
    return redirect("people")


def _latest(person):
    invitation = people.latest_invitation(person)
    if invitation is None:
        raise ValidationError(_("Personen har ingen invitasjon."))
    return invitation


@require_POST
def person_deactivate(request, pk):
    return _post_action(
        request,
        pk,
        lambda person: people.set_active(person=person, active=False, by=request.user),
        _("%(name)s er deaktivert og logget ut."),
    )


@require_POST
def person_reactivate(request, pk):
    return _post_action(
        request,
        pk,
        lambda person: people.set_active(person=person, active=True, by=request.user),
        _("%(name)s er aktiv igjen."),
    )


@require_POST
def invitation_resend(request, pk):
    return _post_action(
        request,
        pk,
        lambda person: people.resend_invitation(invitation=_latest(person), by=request.user),
        _(
            "Invitasjonen til %(name)s er sendt på nytt med en ny lenke. "
            "Den gamle virker ikke lenger."
        ),
    )


@require_POST
def invitation_withdraw(request, pk):
    return _post_action(
        request,
        pk,
        lambda person: people.withdraw_invitation(invitation=_latest(person), by=request.user),
        _("Invitasjonen til %(name)s er trukket tilbake. Lenken virker ikke lenger."),
    )


@login_not_required
@never_cache
@sensitive_post_parameters("new_password1", "new_password2")
def invitation_accept(request, token):
    """The link in the e-mail: the person chooses a password and is signed in."""
    invitation = people.find_invitation(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    person = invitation.user
    form = AcceptInvitationForm(person, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            # The account as saved with its password: the session is bound to its hash.
            person = people.accept_invitation(
                invitation=invitation, password=form.cleaned_data["new_password1"]
            )
        except ValidationError:
            return render(request, "accounts/invitation_invalid.html", status=404)
        if request.user.is_authenticated:
            logout(request)
        login(request, person, backend=USER_BACKEND)
        messages.success(
            request, _("Velkommen, %(name)s! Du er logget inn.") % {"name": people.name(person)}
        )
        return redirect("dashboard")
    return render(request, "accounts/invitation_accept.html", {"form": form, "person": person})
