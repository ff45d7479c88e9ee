"""The opening checks every app's access rules share, and the one rule they all name.

Each app decides who sees and changes its own objects in its `access.py`: a stranger gets
404 (the object does not exist for them), someone who may see an object but not change it
gets 403. What those modules have in common is here: who is in the portal at all, who
works in a municipality, and the coordinator of a municipality, who acts for it
everywhere. The user's role and municipality are read from the user (accounts.User).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404


def in_portal(user) -> bool:
    return user.is_authenticated and user.is_active


def is_administrator(user) -> bool:
    """The portal's administrator (a superuser): every municipality, the admin site's
    users and the GDPR tools."""
    return in_portal(user) and user.is_superuser


def can_open_admin(user) -> bool:
    """Django's admin site lets in active staff (AdminSite.has_permission)."""
    return in_portal(user) and user.is_staff


def works_in(user, municipality_id) -> bool:
    """Whether `user` has a role in the municipality (or is the administrator)."""
    if not in_portal(user):
        return False
    return user.is_superuser or (bool(user.role) and user.municipality_id == municipality_id)


def is_coordinator_of(user, municipality_id=None) -> bool:
    """The coordinator of the municipality (any municipality when None), or the
    administrator: the one who builds, sends, edits and approves for the municipality."""
    if not in_portal(user):
        return False
    if user.is_superuser:
        return True
    if not user.is_coordinator:
        return False
    return municipality_id is None or municipality_id == user.municipality_id


def require_coordinator(user, municipality_id=None) -> None:
    if not is_coordinator_of(user, municipality_id):
        raise PermissionDenied


def in_own_municipality(user, queryset, path: str = "municipality_id"):
    """`queryset` narrowed to the user's municipality (`path` leads to its id): nothing for
    someone outside the portal or without a role, everything for the administrator."""
    if not in_portal(user):
        return queryset.none()
    if user.is_superuser:
        return queryset
    if user.municipality_id is None or not user.role:
        return queryset.none()
    return queryset.filter(**{path: user.municipality_id})


def first_or_404(queryset):
    """The object a visible_…() queryset narrowed to one holds; 404 when it holds none."""
    obj = queryset.first()
    if obj is None:
        raise Http404
    return obj


def coordinates_a_municipality(user) -> bool:
    """A coordinator with a municipality of their own: who adds its centres and invites
    its people (the administrator, who belongs to none, does so in the admin)."""
    return is_coordinator_of(user) and user.municipality_id is not None
