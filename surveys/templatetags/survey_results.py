import re

from django import template
from django.utils.translation import gettext

from .. import access

register = template.Library()


@register.simple_tag
def can_see_survey_results(user, survey) -> bool:
    return access.can_see_results(user, survey)


@register.simple_tag
def can_see_centre_dossier(user, centre) -> bool:
    return access.can_see_dossier(user, centre)


@register.filter
def answer_lines(answer) -> list[str]:
    return answer.lines() if answer is not None else []


@register.filter
def quoted(text: str) -> str:
    """What a centre wrote, quoted as the language does («…» in Norwegian, “…” in English)."""
    return gettext("«%(text)s»") % {"text": text}


@register.filter
def sentences(text: str) -> list[str]:
    """A summary split into its sentences, one bullet each on a slide."""
    return [part.strip() for part in re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅÉ])", text or "") if part]


@register.filter
def in_sentence(name: str) -> str:
    """A centre's name inside a sentence. Names keep their capitals ("SMK frivilligsentral",
    "Bakken nærmiljøsenter"); only a leading article is written small, as in seed 000's
    "bortsett fra den kommunale frivilligsentralen"."""
    first, space, rest = (name or "").partition(" ")
    if space and first in ("Den", "Det", "De"):
        return f"{first.lower()} {rest}"
    return name
