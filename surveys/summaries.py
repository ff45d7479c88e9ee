"""The sentences the portal writes about a question's answers, as the seed's slides
word them ("Tre av fem frivilligsentraler mener at …"): the deck's summaries and the
results page's suggestions, which the coordinator may replace."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Question

NUMBER_WORDS = ["ingen", "én", "to", "tre", "fire", "fem", "seks", "sju", "åtte", "ni"]


def number_word(n: int, *, capital: bool = False) -> str:
    """Numbers under ten in words, as the seed writes them ("Tre av fem")."""
    word = NUMBER_WORDS[n] if 0 <= n < 10 else str(n)
    return word[:1].upper() + word[1:] if capital else word


def _count_of(count: int, total: int, *, capital: bool) -> str:
    """'Tre av fem frivilligsentraler' or 'Alle fem frivilligsentralene'."""
    if count == total and total > 1:
        return _("%(all)s %(total)s frivilligsentralene") % {
            "all": _("Alle") if capital else _("alle"),
            "total": number_word(total),
        }
    return ngettext(
        "%(count)s av %(total)s frivilligsentral",
        "%(count)s av %(total)s frivilligsentraler",
        total,
    ) % {"count": number_word(count, capital=capital), "total": number_word(total)}


# The subject a question addresses the centre with: "Ønsker din frivilligsentral å …?"
CENTRE_SUBJECTS = r"(?:din frivilligsentral|frivilligsentralen|sentralen|din sentral|dere|du)"
# Where the predicate of "Er <subject> <predicate>?" starts: "… på rett nivå?".
PREDICATE_START = r"(?:på|i|til|godt?|bra|riktig|tilstrekkelig|nok|fornøyd|nyttig|viktig)"


def yes_statement(question_text: str) -> tuple[str, str] | None:
    """The question turned into what a centre answering yes says, as (verb phrase for
    "x av y frivilligsentraler …", short form for those answering no)."""
    text = question_text.strip().rstrip("?").strip()
    if match := re.match(rf"^(\w+) {CENTRE_SUBJECTS} (.+)$", text, re.IGNORECASE):
        verb, rest = match.groups()
        return f"{verb.lower()} {rest}", _("%(verb)s ikke det") % {"verb": verb.lower()}
    if match := re.match(rf"^(er|har|blir) (.+) ({PREDICATE_START} .+)$", text, re.IGNORECASE):
        verb, subject, predicate = match.groups()
        return (
            _("mener at %(subject)s %(verb)s %(predicate)s")
            % {"subject": subject, "verb": verb.lower(), "predicate": predicate},
            _("mener det ikke"),
        )
    return None


def yes_no_sentence(question_text: str, yes: int, no: int, total: int) -> str:
    if total == 0:
        return _("Ingen frivilligsentraler har svart ennå.")
    statement = yes_statement(question_text)
    if statement is None:
        sentence = _("%(who)s svarer ja på «%(question)s»") % {
            "who": _count_of(yes, total, capital=True),
            "question": question_text.strip(),
        }
        rest = _("%(count)s svarer nei.") % {"count": number_word(no, capital=True)}
    else:
        sentence = f"{_count_of(yes, total, capital=True)} {statement[0]}."
        rest = f"{number_word(no, capital=True)} {statement[1]}."
    if yes == 0:
        sentence = _("Ingen av %(total)s frivilligsentraler %(statement)s.") % {
            "total": number_word(total),
            "statement": statement[0] if statement else _("svarer ja"),
        }
        return sentence
    if no:
        sentence = f"{sentence.rstrip('.')}. {rest}"
    return sentence


def choice_sentence(options: list, total: int, *, multiple: bool) -> str:
    """`options`: the question's OptionCounts (surveys.results)."""
    if total == 0:
        return _("Ingen frivilligsentraler har svart ennå.")
    chosen = sorted((o for o in options if o.count), key=lambda o: -o.count)
    if not chosen:
        return _("Ingen frivilligsentraler har valgt et svaralternativ.")
    first, rest = chosen[0], chosen[1:]
    sentence = _("%(who)s svarer «%(label)s»") % {
        "who": _count_of(first.count, total, capital=True),
        "label": first.label,
    }
    for option in rest:
        template = (
            _("%(count)s svarer også «%(label)s»")
            if multiple
            else _("%(count)s svarer «%(label)s»")
        )
        sentence += ", " if option is not rest[-1] else _(", og ")
        sentence += template % {"count": number_word(option.count), "label": option.label}
    return sentence + "."


def scale_sentence(average: float | None, answered: int) -> str:
    if not answered:
        return _("Ingen frivilligsentraler har svart ennå.")
    return ngettext(
        "Gjennomsnittet er %(average)s av 5 (%(count)s svar).",
        "Gjennomsnittet er %(average)s av 5 (%(count)s svar).",
        answered,
    ) % {"average": f"{average:.1f}".replace(".", ","), "count": number_word(answered)}


def text_sentence(answered: int, total: int) -> str:
    if total == 0:
        return _("Ingen frivilligsentraler har svart ennå.")
    return _("%(who)s har svart.") % {"who": _count_of(answered, total, capital=True)}


def ranked_sentence(tally: list) -> str:
    """`tally`: the ranked list's ThemeTallies, most named first (surveys.results)."""
    if not tally:
        return _("Ingen frivilligsentraler har svart ennå.")
    top = tally[:3]
    names = ", ".join(
        ngettext("%(name)s (%(count)s sentral)", "%(name)s (%(count)s sentraler)", t.centres)
        % {"name": t.name, "count": number_word(t.centres)}
        for t in top
    )
    return _("Mest nevnt: %(names)s.") % {"names": names}


def generated_summary(result) -> str:
    """The sentence for a question's results (a surveys.results.QuestionResult), by its
    kind. The results ask this module, so it takes them without importing them."""
    question, kind = result.question, result.question.kind
    if kind == Question.Kind.YES_NO:
        counts = {o.value: o.count for o in result.options}
        return yes_no_sentence(
            question.text, counts[Question.YES], counts[Question.NO], result.total
        )
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        return choice_sentence(
            result.options, result.total, multiple=kind == Question.Kind.MULTIPLE
        )
    if kind == Question.Kind.SCALE:
        return scale_sentence(result.average, result.answered)
    if kind == Question.Kind.RANKED:
        return ranked_sentence(result.tally)
    return text_sentence(result.answered, result.total)
