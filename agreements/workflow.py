"""The agreement's workflow as data: its states, who acts on it (the sides), the
transitions between the states with the words the pages and the event log use, what
waits for whom, and where an agreement stands in each state.

Nothing here touches the database: the models read these tables (Agreement.Status,
AgreementEvent.description), agreements.transitions takes the transitions, and the pages
show what the tables say instead of deciding it in a template.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

# A renewal is due this many days before an active agreement ends.
RENEWAL_NOTICE_DAYS = 90


class Status(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    SENT = "sent", _("Sendt til sentralen")
    CHANGES_REQUESTED = "changes_requested", _("Sentralen ønsker endringer")
    APPROVED_BY_CENTRE = "approved_by_centre", _("Godkjent av sentralen")
    APPROVED_BY_MUNICIPALITY = "approved_by_municipality", _("Godkjent av kommunen")
    SIGNED = "signed", _("Signert")
    ACTIVE = "active", _("Gjeldende")
    RENEWAL_DUE = "renewal_due", _("Skal fornyes")
    EXPIRED = "expired", _("Utløpt")
    RENEWED = "renewed", _("Fornyet")


S = Status
# The text is changed by the municipality while drafting, never after approval.
EDITABLE = (S.DRAFT, S.CHANGES_REQUESTED)
# In force, or about to be: what readers see and what a renewal starts from.
IN_FORCE = (S.ACTIVE, S.RENEWAL_DUE)
CONCLUDED = (S.SIGNED, S.ACTIVE, S.RENEWAL_DUE, S.EXPIRED, S.RENEWED)
# An agreement that has ended: it follows no framework and no goal any more.
ENDED = (S.EXPIRED, S.RENEWED)
# Not approved by both sides yet: the PDF says «Utkast».
UNAPPROVED = (S.DRAFT, S.SENT, S.CHANGES_REQUESTED)


class Side(models.TextChoices):
    MUNICIPALITY = "municipality", _("Kommunen")
    CENTRE = "centre", _("Sentralen")
    SYSTEM = "system", _("Portalen")


@dataclass(frozen=True)
class Transition:
    sources: tuple[str, ...]
    target: str
    side: str
    label: str
    # Words for the event log ("Sendt til sentralen av Kari").
    done: str
    # Said next to the button before the user confirms.
    help: str = ""
    # It changes what the parties have agreed to, so the page asks once more.
    confirm: bool = False
    # When set, the transition needs a comment, and this says so to the one who left it out.
    comment_required: str = ""
    # The text both sides approve is the one that is signed: it must name who signs
    # before it goes to the centre, and still when the municipality approves it.
    needs_signatories: bool = False

    @property
    def needs_comment(self) -> bool:
        return bool(self.comment_required)

    def comment_problem(self, comment: str) -> str:
        """Why `comment` will not do for this transition, or "" when it will."""
        if self.needs_comment and not (comment or "").strip():
            return str(self.comment_required)
        return ""


# What waits for whom: lists and the dashboard put these first for the side that acts next.
WAITING_FOR = {
    Side.CENTRE: {S.SENT: _("Venter på at dere godkjenner eller ber om endringer")},
    Side.MUNICIPALITY: {
        S.APPROVED_BY_MUNICIPALITY: _("Godkjent av begge: marker som signert"),
        S.APPROVED_BY_CENTRE: _("Sentralen har godkjent: godkjenn for kommunen"),
        S.CHANGES_REQUESTED: _("Sentralen ønsker endringer i teksten"),
        S.RENEWAL_DUE: _("Avtalen går ut snart: start fornyelsen"),
    },
}
TRANSITIONS: dict[str, Transition] = {
    "send": Transition(
        (S.DRAFT, S.CHANGES_REQUESTED), S.SENT, Side.MUNICIPALITY,
        _("Send til sentralen"), _("Sendt til sentralen"),
        help=_(
            "Sentralens daglige leder får e-post og kan godkjenne avtalen eller be om endringer. "
            "Teksten kan ikke endres mens avtalen ligger hos sentralen."
        ),
        confirm=True, needs_signatories=True,
    ),
    "withdraw": Transition(
        (S.SENT, S.APPROVED_BY_CENTRE), S.DRAFT, Side.MUNICIPALITY,
        _("Trekk tilbake til utkast"), _("Trukket tilbake til utkast"),
        help=_("Avtalen går tilbake til utkast, så kommunen kan endre den. Sentralen får beskjed."),
    ),
    "request_changes": Transition(
        (S.SENT,), S.CHANGES_REQUESTED, Side.CENTRE,
        _("Be om endringer"), _("Sentralen ba om endringer"),
        help=_("Skriv hva dere ønsker endret. Kommunen får e-post og kan endre teksten."),
        confirm=True,
        comment_required=_("Skriv hva som bør endres, så kommunen vet hva de skal se på."),
    ),
    "approve_centre": Transition(
        (S.SENT,), S.APPROVED_BY_CENTRE, Side.CENTRE,
        _("Godkjenn for sentralen"), _("Godkjent av sentralen"),
        help=_(
            "Dere godkjenner teksten slik den står nå, for sentralen. Deretter godkjenner kommunen."
        ),
        confirm=True,
    ),
    "approve_municipality": Transition(
        (S.APPROVED_BY_CENTRE,), S.APPROVED_BY_MUNICIPALITY, Side.MUNICIPALITY,
        _("Godkjenn for kommunen"), _("Godkjent av kommunen"),
        help=_(
            "Kommunen godkjenner teksten slik den står nå. "
            "Deretter signeres avtalen av begge parter."
        ),
        confirm=True, needs_signatories=True,
    ),
    "mark_signed": Transition(
        (S.APPROVED_BY_MUNICIPALITY,), S.SIGNED, Side.MUNICIPALITY,
        _("Marker som signert"), _("Signert av begge parter"),
        help=_("Bekreft at begge parter har signert avtalen. Den trer i kraft fra startdatoen."),
        confirm=True,
    ),
    "activate": Transition(
        (S.SIGNED,), S.ACTIVE, Side.SYSTEM, _("Sett i kraft"), _("Trådte i kraft"),
    ),
    "flag_renewal": Transition(
        (S.ACTIVE,), S.RENEWAL_DUE, Side.SYSTEM,
        _("Varsle fornyelse"), _("Skal fornyes: under 90 dager igjen"),
    ),
    "expire": Transition(
        (S.SIGNED, S.ACTIVE, S.RENEWAL_DUE), S.EXPIRED, Side.SYSTEM,
        _("Avslutt"), _("Utløpt"),
    ),
    "mark_renewed": Transition(
        (S.ACTIVE, S.RENEWAL_DUE), S.RENEWED, Side.SYSTEM,
        _("Marker som fornyet"), _("Fornyet: ny avtale er signert"),
    ),
}  # fmt: skip
# The step forward comes first and is the primary button.
ACTION_ORDER = ["send", "approve_centre", "approve_municipality", "mark_signed", "request_changes"]

# The list groups the states in the three phases a coordinator thinks in.
PHASES = [
    (
        "under-arbeid",
        _("Under arbeid"),
        (S.DRAFT, S.SENT, S.CHANGES_REQUESTED, S.APPROVED_BY_CENTRE, S.APPROVED_BY_MUNICIPALITY),
    ),
    ("inngatt", _("Inngått"), (S.SIGNED, S.ACTIVE, S.RENEWAL_DUE)),
    ("avsluttet", _("Avsluttet"), ENDED),
]

# Where the agreement stands, on its page: the words, and the date %(d)s names.
EXPLANATIONS = {
    S.DRAFT: (_("Kommunen skriver utkastet. Sentralen kan lese og kommentere underveis."), None),
    S.SENT: (
        _("Avtalen ligger hos sentralen, som godkjenner den eller ber om endringer."),
        None,
    ),
    S.CHANGES_REQUESTED: (
        _("Sentralen har bedt om endringer. Kommunen endrer teksten og sender den på nytt."),
        None,
    ),
    S.APPROVED_BY_CENTRE: (_("Sentralen har godkjent teksten. Nå godkjenner kommunen."), None),
    S.APPROVED_BY_MUNICIPALITY: (
        _("Begge parter har godkjent. Avtalen skrives ut, signeres og markeres som signert."),
        None,
    ),
    S.SIGNED: (_("Avtalen er signert og trer i kraft %(d)s."), "valid_from"),
    S.ACTIVE: (_("Avtalen gjelder til og med %(d)s."), "valid_to"),
    S.RENEWAL_DUE: (_("Avtalen går ut %(d)s. Start fornyelsen i god tid."), "valid_to"),
    S.EXPIRED: (_("Avtalen gjaldt til og med %(d)s."), "valid_to"),
    S.RENEWED: (_("Avtalen er erstattet av en ny avtale."), None),
}
# A renewal due that has a renewal.
RENEWAL_UNDER_WAY = _("Avtalen går ut %(d)s. Fornyelsen er i gang.")


def explanation(status: str, *, dates: dict[str, datetime.date], has_renewal: bool) -> str:
    """Where an agreement in `status` stands, in a sentence; `dates` holds its valid_from
    and valid_to, `has_renewal` whether a renewal of it has been made."""
    text, date_name = EXPLANATIONS.get(status, EXPLANATIONS[Status.RENEWED])
    if status == Status.RENEWAL_DUE and has_renewal:
        text = RENEWAL_UNDER_WAY
    if date_name is None:
        return str(text)
    return str(text) % {"d": date_format(dates[date_name], "DATE_FORMAT")}


class IllegalTransition(Exception):
    """The transition is not possible from this state, or not for this user's side."""


class AgreementLocked(Exception):
    """The agreement's text cannot change in its current state."""


class StaleAgreement(Exception):
    """Someone saved the agreement (or framework) after the form was rendered."""

    def __init__(self, current):
        super().__init__(current)
        self.current = current


del S
