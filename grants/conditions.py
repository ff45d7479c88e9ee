"""The conditions a new grant year starts with when the municipality has no earlier
year to copy: the grant authority's summary of the regulation (2022–). They are data,
in bokmål like the rest of what the municipality writes (not UI text): the administrator
changes the wording in the admin when the regulation changes."""

from django.db import transaction

from .models import Condition

K = Condition.Kind

DEFAULT_CONDITIONS = [
    (K.PURPOSE, "Sentralen arbeider for formålet i forskriften"),
    (
        K.OWNERSHIP,
        "Eid av kommunen og/eller en organisasjon registrert i Frivillighetsregisteret, "
        "eller et samvirke av disse",
    ),
    (K.ADVISORY_BODY, "Har et styringsorgan der frivilligheten er representert"),
    (K.ACCOUNTS, "Har eget regnskap og egen årsrapport"),
    (K.PREMISES, "Har lokaler"),
    (K.POSITION, "Har som hovedregel minst én hel stilling"),
    (K.LOCAL_FUNDING, "Har lokal finansiering på minst 40 % av driftsinntektene"),
    (K.NAME, "Har «frivilligsentral» i navnet"),
]


@transaction.atomic
def fill_conditions(grant_year) -> int:
    """Gives a year without conditions those of the municipality's latest earlier year,
    or else the defaults. Returns how many it added."""
    if grant_year.conditions.exists():
        return 0
    previous = (
        type(grant_year)
        .objects.filter(municipality_id=grant_year.municipality_id, year__lt=grant_year.year)
        .order_by("-year")
        .first()
    )
    source = (
        [(c.kind, c.text) for c in previous.conditions.all()]
        if previous is not None and previous.conditions.exists()
        else DEFAULT_CONDITIONS
    )
    Condition.objects.bulk_create(
        Condition(grant_year=grant_year, order=n, kind=kind, text=text)
        for n, (kind, text) in enumerate(source, 1)
    )
    return len(source)
