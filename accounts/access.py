"""Who sees and manages the people of a municipality.

The coordinator of a municipality invites its people, sees who is invited and active,
changes their roles and deactivates accounts; nobody else in the portal does (403 for
the others who work there, 404 for a person of another municipality). The
administrator's own accounts (without a role) are the admin's.
"""

from django.core.exceptions import PermissionDenied

from frivillig.lib.access import (
    coordinates_a_municipality,
    first_or_404,
    in_own_municipality,
    require_coordinator,
)

from .models import OutgoingEmail, User


def can_manage_people(user) -> bool:
    return coordinates_a_municipality(user)


def require_manage_people(user) -> None:
    if not can_manage_people(user):
        raise PermissionDenied


def visible_people(user):
    """The people of the coordinator's municipality: its leaders, readers and
    coordinators, active, invited or deactivated (not the anonymised)."""
    require_manage_people(user)
    return User.objects.filter(
        municipality_id=user.municipality_id,
        role__in=User.Role.values,
        is_superuser=False,
        anonymised_at__isnull=True,
    )


def get_person_for_user(user, pk: int) -> User:
    """A person of the user's municipality: 403 for someone who does not manage people,
    404 for a person who is not the municipality's."""
    return first_or_404(visible_people(user).filter(pk=pk))


def visible_outgoing_emails(user):
    """The e-mails the portal sent for the coordinator's municipality (every
    municipality's for the administrator): 403 for everyone else."""
    require_coordinator(user)
    return in_own_municipality(user, OutgoingEmail.objects.all())


def get_outgoing_email_for_user(user, pk: int) -> OutgoingEmail:
    """One of them: 403 for someone who is not a coordinator, 404 for another
    municipality's."""
    return first_or_404(visible_outgoing_emails(user).filter(pk=pk))
