"""The coordinator's work with the people of the municipality: inviting a centre leader,
a reader or another coordinator by e-mail, resending and withdrawing the invitation, the
person accepting it, changing a role and deactivating an account.

Every workflow is a keyword-only function in a transaction and takes `now` (and `quiet`
where it e-mails), like the other apps' services. The account's and the invitation's
history (django-simple-history) is the people page's change log.
"""

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from frivillig.lib import history
from frivillig.lib.urls import absolute_url

from .mail import notify
from .models import Invitation, Municipality, User
from .services import end_sessions

# The roles a coordinator gives; the administrator is made in the admin only.
INVITED_ROLES = [User.Role.LEADER, User.Role.READER, User.Role.COORDINATOR]


def invitation_days() -> int:
    return settings.INVITATION_DAYS


def name(person: User) -> str:
    return person.get_full_name() or person.username


@dataclass
class PersonRow:
    """A line of the people page: the person, the latest invitation and the state."""

    person: User
    invitation: Invitation | None
    state: str  # active, invited, expired, withdrawn, deactivated
    label: str

    @property
    def can_resend(self) -> bool:
        return self.state in ("invited", "expired", "withdrawn")

    @property
    def can_withdraw(self) -> bool:
        return self.state == "invited"

    @property
    def can_deactivate(self) -> bool:
        return self.state == "active"

    @property
    def can_reactivate(self) -> bool:
        return self.state == "deactivated"


STATE_LABELS = {
    "active": _lazy("Aktiv"),
    "invited": _lazy("Invitert"),
    "expired": _lazy("Invitasjonen er utløpt"),
    "withdrawn": _lazy("Invitasjonen er trukket tilbake"),
    "deactivated": _lazy("Deaktivert"),
}


def row(person: User, now=None) -> PersonRow:
    """Reads the prefetched invitations (newest first) of `person`."""
    now = now or timezone.now()
    invitations = list(person.invitations.all())
    invitation = invitations[0] if invitations else None
    if person.is_active:
        state = "active"
    elif invitation is not None and invitation.accepted_at is None:
        if invitation.withdrawn_at is not None:
            state = "withdrawn"
        else:
            state = "invited" if invitation.is_pending(now) else "expired"
    else:
        state = "deactivated"
    return PersonRow(person, invitation, state, str(STATE_LABELS[state]))


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token(invitation: Invitation, now) -> str:
    token = secrets.token_urlsafe(32)
    invitation.token_hash = _hash(token)
    invitation.sent_at = now
    invitation.expires_at = now + datetime.timedelta(days=settings.INVITATION_DAYS)
    return token


def invitation_url(token: str) -> str:
    return absolute_url(reverse("invitation_accept", args=[token]))


def find_invitation(token: str, *, now=None) -> Invitation | None:
    """The pending invitation the link's token belongs to; None for a link that was used,
    withdrawn, replaced by a resent one, expired or never made."""
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.pending(now)
        .select_related("user__municipality", "user__centre")
        .filter(token_hash=_hash(token))
        .first()
    )


def _mail(invitation: Invitation, token: str, quiet: bool) -> int:
    if quiet:
        return 0
    user = invitation.user
    return notify(
        [user],
        "accounts/email/invitation",
        {
            "person": user,
            "invited_by": invitation.invited_by,
            "municipality": user.municipality,
            "role": user.get_role_display(),
            "centre": user.centre,
            "url": invitation_url(token),
            "expires_at": invitation.expires_at,
        },
    )


def _check_role(role: str, centre, municipality: Municipality) -> None:
    if role not in INVITED_ROLES:
        raise ValidationError({"role": _("Velg en av rollene.")})
    if role == User.Role.LEADER and centre is None:
        raise ValidationError({"centre": _("Velg sentralen den daglige lederen arbeider for.")})
    if centre is not None and centre.municipality_id != municipality.pk:
        raise ValidationError({"centre": _("Sentralen må ligge i kommunen.")})


@transaction.atomic
def invite_person(
    *,
    municipality: Municipality,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    centre=None,
    by,
    now=None,
    quiet: bool = False,
) -> tuple[Invitation, str]:
    """Makes the account (inactive, no password; its username is the e-mail address)
    and the invitation, and e-mails the link. Returns the invitation and the link's
    token (for the demo and the tests; the portal shows it to nobody)."""
    now = now or timezone.now()
    email = User.objects.normalize_email(email).strip()
    if User.objects.filter(username__iexact=email).exists() or (
        User.objects.filter(email__iexact=email).exists()
    ):
        raise ValidationError(
            {"email": _("Det finnes allerede en bruker med denne e-postadressen.")}
        )
    _check_role(role, centre, municipality)
    user = User(
        username=email,
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        role=role,
        municipality=municipality,
        centre=centre if role == User.Role.LEADER else None,
        is_active=False,
        date_joined=now,
    )
    user.set_unusable_password()
    user._history_user = history.acting_user(by)
    user._history_date = now
    user.save()
    invitation = Invitation(user=user, invited_by=by, created_at=now)
    token = _new_token(invitation, now)
    invitation._history_user = history.acting_user(by)
    invitation._history_date = now
    invitation.save()
    _mail(invitation, token, quiet)
    return invitation, token


def latest_invitation(user: User) -> Invitation | None:
    return user.invitations.order_by("-created_at", "-pk").first()


@transaction.atomic
def resend_invitation(*, invitation: Invitation, by, now=None, quiet: bool = False) -> str:
    """A new link (the old one stops working) valid for INVITATION_DAYS from now; also
    for an invitation that expired or was withdrawn. Returns the token."""
    now = now or timezone.now()
    invitation = Invitation.objects.select_for_update().select_related("user").get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError(_("Invitasjonen er allerede tatt i bruk."))
    token = _new_token(invitation, now)
    invitation.send_count += 1
    invitation.withdrawn_at = None
    invitation._history_user = history.acting_user(by)
    invitation._history_date = now
    invitation.save()
    _mail(invitation, token, quiet)
    return token


@transaction.atomic
def withdraw_invitation(*, invitation: Invitation, by, now=None) -> None:
    """The link stops working; the account stays inactive (and can be invited again)."""
    now = now or timezone.now()
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError(_("Invitasjonen er allerede tatt i bruk."))
    if invitation.withdrawn_at is not None:
        return
    invitation.withdrawn_at = now
    invitation.token_hash = None
    invitation._history_user = history.acting_user(by)
    invitation._history_date = now
    invitation.save()


@transaction.atomic
def accept_invitation(*, invitation: Invitation, password: str, now=None) -> User:
    """The person chose a password (validated by the form): the account opens and the
    link is used up. Raises ValidationError when the link stopped working meanwhile."""
    now = now or timezone.now()
    claimed = Invitation.objects.pending(now).filter(pk=invitation.pk).select_for_update().first()
    if claimed is None:
        raise ValidationError(_("Lenken er brukt, trukket tilbake eller utløpt."))
    claimed.accepted_at = now
    claimed.token_hash = None
    claimed._history_date = now
    claimed._history_user = claimed.user
    claimed.save()
    user = claimed.user
    user.set_password(password)
    user.is_active = True
    user._history_user = user
    user._history_date = now
    user.save()
    return user


@transaction.atomic
def change_role(*, person: User, role: str, centre=None, by, now=None) -> User:
    _check_role(role, centre, person.municipality)
    if person.pk == by.pk and role != person.role:
        raise ValidationError({"role": _("Du kan ikke endre din egen rolle.")})
    person.role = role
    person.centre = centre if role == User.Role.LEADER else None
    person._history_user = history.acting_user(by)
    person._history_date = now or timezone.now()
    person.save(update_fields=["role", "centre"])
    return person


@transaction.atomic
def set_active(*, person: User, active: bool, by, now=None) -> User:
    """Deactivating ends the person's sessions at once; a pending invitation is
    withdrawn. Reactivating opens an account that had a password again."""
    if person.pk == by.pk:
        raise ValidationError(_("Du kan ikke deaktivere deg selv."))
    if person.is_active == active:
        return person
    now = now or timezone.now()
    if not active:
        for invitation in Invitation.objects.pending(now).filter(user=person):
            withdraw_invitation(invitation=invitation, by=by, now=now)
    elif not person.has_usable_password():
        raise ValidationError(
            _("Personen har ikke tatt i bruk invitasjonen. Send invitasjonen på nytt i stedet.")
        )
    person.is_active = active
    person._history_user = history.acting_user(by)
    person._history_date = now
    person.save(update_fields=["is_active"])
    if not active:
        end_sessions(person)
    return person
