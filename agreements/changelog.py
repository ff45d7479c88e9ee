"""The change log of an agreement's page: the agreement and its clauses."""

from frivillig.lib.changelog import Kind, register

from . import access
from .models import Agreement, AgreementClause


def agreement_sources(agreement):
    return [
        Agreement.history.filter(id=agreement.pk),
        AgreementClause.history.filter(agreement_id=agreement.pk),
    ]


def register_kinds() -> None:
    register(
        "avtale",
        Kind(
            lambda user, pk: access.get_agreement_for_user(user, pk),
            lambda a: a.municipality_id,
            agreement_sources,
            Agreement.get_absolute_url,
        ),
        hidden=["municipality", "centre", "agreement", "framework"],
    )
