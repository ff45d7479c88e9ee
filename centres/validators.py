from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from stdnum.no import orgnr


def normalise_org_number(value: str) -> str:
    """Return the organisation number as nine digits, or raise a message for a person."""
    try:
        return orgnr.validate(value)
    except InvalidLength as exc:
        raise ValidationError(_("Organisasjonsnummeret må ha ni sifre."), code="length") from exc
    except InvalidChecksum as exc:
        raise ValidationError(
            _("Organisasjonsnummeret er ikke gyldig: kontrollsifferet stemmer ikke."),
            code="checksum",
        ) from exc
    except InvalidFormat as exc:
        raise ValidationError(
            _("Organisasjonsnummeret kan bare inneholde sifre."), code="format"
        ) from exc


def validate_org_number(value: str) -> None:
    if value:
        normalise_org_number(value)
