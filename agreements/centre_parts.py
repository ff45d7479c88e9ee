"""The agreements shown on a centre's page (centres.page_parts)."""

from centres import page_parts
from centres.access import is_own_centre
from frivillig.lib.access import is_coordinator_of

from . import access
from .workflow import Side


def on_detail(user, centre, today) -> dict:
    return {
        "agreements": access.visible_agreements(
            user, centre.agreements.order_by("-valid_from", "pk")
        ),
        "can_manage_agreements": is_coordinator_of(user, centre.municipality_id),
    }


def on_dossier(user, centre, today) -> dict:
    """The agreements that have not ended, each with where it stands and what the
    user's side has to do next (the dossier is read by the coordinator and the centre)."""
    side = Side.CENTRE if is_own_centre(user, centre) else Side.MUNICIPALITY
    agreements = list(
        access.visible_agreements(
            user, centre.agreements.with_renewal_state().order_by("-valid_from", "pk")
        ).not_ended()
    )
    for agreement in agreements:
        agreement.explanation = agreement.status_explanation(has_renewal=agreement.renewal_started)
        agreement.next_step = agreement.waiting_reason_for(side)
    return {"dossier_agreements": agreements}


def register_parts() -> None:
    page_parts.register(on_detail=on_detail, on_dossier=on_dossier)
