"""The change log of the people page: the municipality's accounts and invitations."""

from django.http import Http404
from django.urls import reverse

from frivillig.lib.access import in_portal
from frivillig.lib.changelog import Kind, register

from .models import Invitation, Municipality, User


def people_sources(municipality):
    accounts = User.objects.filter(municipality_id=municipality.pk).values("id")
    return [
        User.history.filter(municipality_id=municipality.pk),
        Invitation.history.filter(user_id__in=accounts),
    ]


def _municipality_for_user(user, pk):
    if not in_portal(user) or not (user.is_superuser or user.municipality_id == pk):
        raise Http404
    municipality = Municipality.objects.filter(pk=pk).first()
    if municipality is None:
        raise Http404
    return municipality


def _account_label(row) -> str:
    return f"{row.first_name} {row.last_name}".strip() or row.username


def register_kinds() -> None:
    register(
        "personer",
        Kind(
            _municipality_for_user,
            lambda municipality: municipality.pk,
            people_sources,
            lambda municipality: reverse("people"),
        ),
        hidden=["user", "invited_by", "date_joined", "is_superuser", "is_staff"],
        labels={User: _account_label},
    )
