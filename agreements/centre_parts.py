"""The agreements shown on a centre's page (centres.page_parts)."""

from centres import page_parts
from frivillig.lib.access import is_coordinator_of

from . import access


def on_detail(user, centre, today) -> dict:
    return {
        "agreements": access.visible_agreements(
            user, centre.agreements.order_by("-valid_from", "pk")
        ),
        "can_manage_agreements": is_coordinator_of(user, centre.municipality_id),
    }


def register_parts() -> None:
    page_parts.register(on_detail=on_detail)
