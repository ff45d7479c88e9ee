"""A yes/no question turned into what a centre answering yes says, as the seed's slides
do: «Ønsker din frivilligsentral å jobbe for å inngå en samarbeidsavtale?» becomes
«… ønsker å jobbe for å inngå en samarbeidsavtale», «Er samhandlingen på rett nivå?»
becomes «… mener at samhandlingen er på rett nivå».

The statement is made of the question's own words, so it is made only where the reader
reads the language the questions are written in (bokmål, the portal's own language):
a nynorsk or English reader gets the question quoted as written instead (see
surveys.summaries). The patterns below read bokmål questions; the words the portal
adds («mener at», «ikke») come from the catalogues.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language, pgettext

# The language of the patterns, and of the questions the portal's users write.
QUESTION_LANGUAGE = settings.LANGUAGE_CODE

# The subject a question addresses the centre with: "Ønsker din frivilligsentral å …?"
CENTRE_SUBJECTS = r"(?:din frivilligsentral|frivilligsentralen|sentralen|din sentral|dere|du)"
# Where the predicate of "Er <subject> <predicate>?" starts: "… på rett nivå?".
PREDICATE_START = r"(?:på|i|til|godt?|bra|riktig|tilstrekkelig|nok|fornøyd|nyttig|viktig)"

# Their context in the catalogues says these words are shown in bokmål only. (A literal
# at each call: makemessages reads no variable.)


@dataclass(frozen=True)
class Restated:
    statement: str  # «ønsker å jobbe for å inngå en samarbeidsavtale»
    negated: str  # «ønsker ikke å jobbe for å inngå en samarbeidsavtale»
    short_negated: str  # «ønsker ikke det», after a number: «To ønsker ikke det.»


def restate(question_text: str) -> Restated | None:
    """The question as a statement, or None where it cannot be turned round or the
    reader reads another language than the question's."""
    if (get_language() or QUESTION_LANGUAGE).split("-")[0] != QUESTION_LANGUAGE:
        return None
    text = question_text.strip().rstrip("?").strip()
    if match := re.match(rf"^(\w+) {CENTRE_SUBJECTS} (.+)$", text, re.IGNORECASE):
        verb, rest = match.groups()
        values = {"verb": verb.lower(), "rest": rest}
        return Restated(
            statement=f"{values['verb']} {rest}",
            negated=pgettext("omskrevet bokmålsspørsmål", "%(verb)s ikke %(rest)s") % values,
            short_negated=pgettext("omskrevet bokmålsspørsmål", "%(verb)s ikke det") % values,
        )
    if match := re.match(rf"^(er|har|blir) (.+) ({PREDICATE_START} .+)$", text, re.IGNORECASE):
        verb, subject, predicate = match.groups()
        values = {"subject": subject, "verb": verb.lower(), "predicate": predicate}
        return Restated(
            statement=pgettext(
                "omskrevet bokmålsspørsmål", "mener at %(subject)s %(verb)s %(predicate)s"
            )
            % values,
            negated=pgettext(
                "omskrevet bokmålsspørsmål", "mener ikke at %(subject)s %(verb)s %(predicate)s"
            )
            % values,
            short_negated=pgettext("omskrevet bokmålsspørsmål", "mener det ikke"),
        )
    return None
