"""Who is told when one side acts on an agreement, and the link they are sent."""

from django.urls import reverse

from accounts.models import User
from frivillig.lib.urls import absolute_url

from .workflow import Side


def agreement_url(agreement, anchor: str = "") -> str:
    return absolute_url(reverse("agreements:detail", args=[agreement.pk]) + anchor)


def other_side(agreement, side) -> list:
    """Who is told when `side` acts: the centre's leaders, or the coordinators."""
    if side == Side.MUNICIPALITY:
        return agreement.centre.mail_recipients()
    return list(
        User.objects.filter(
            municipality_id=agreement.municipality_id,
            role=User.Role.COORDINATOR,
            is_active=True,
        ).exclude(email="")
    )
