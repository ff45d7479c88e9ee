"""Numbers in words and lists of words, in the reader's language: the one place the
portal's composed sentences take them from.

The words are in the catalogues (a small table per language, msgids in bokmål) rather
than from num2words: num2words has no nynorsk and no gender forms, and Norwegian counts
a common-gender noun with «én» (nn «éin») and a neuter one with «ett» (nn «eitt»).
"""

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

# The gender of the noun counted: «én frivilligsentral», «ett svar».
COMMON = "common"
NEUTER = "neuter"

ONE = {
    COMMON: pgettext_lazy("tallord, hankjønn/felleskjønn: én frivilligsentral", "én"),
    NEUTER: pgettext_lazy("tallord, intetkjønn: ett svar", "ett"),
}
WORDS = {
    2: pgettext_lazy("tallord", "to"),
    3: pgettext_lazy("tallord", "tre"),
    4: pgettext_lazy("tallord", "fire"),
    5: pgettext_lazy("tallord", "fem"),
    6: pgettext_lazy("tallord", "seks"),
    7: pgettext_lazy("tallord", "sju"),
    8: pgettext_lazy("tallord", "åtte"),
    9: pgettext_lazy("tallord", "ni"),
}


def number_word(n: int, *, gender: str = COMMON, capital: bool = False) -> str:
    """Numbers from one to nine in words, as the seed's slides write them («Tre av
    fem»), larger ones (and nought) in digits in the reader's format."""
    if n == 1:
        word = str(ONE[gender])
    elif n in WORDS:
        word = str(WORDS[n])
    else:
        word = number_format(n, force_grouping=n >= 10000)
    return capitalised(word) if capital else word


def capitalised(text: str) -> str:
    """The first letter in upper case, the rest as written («Én av fem …»)."""
    return text[:1].upper() + text[1:]


def join_words(items: list[str]) -> str:
    """«A», «A og B», «A, B og C» (en: «A, B and C»)."""
    items = [str(item) for item in items]
    if len(items) < 2:
        return "".join(items)
    return _("%(first)s og %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def join_clauses(clauses: list[str]) -> str:
    """Main clauses joined into one sentence: «A, B, og C» (a comma before «og»
    between main clauses, as Norwegian writes it)."""
    clauses = [str(clause) for clause in clauses]
    if len(clauses) < 2:
        return "".join(clauses)
    return _("%(first)s, og %(last)s") % {"first": ", ".join(clauses[:-1]), "last": clauses[-1]}
