"""The sentences the portal writes about a question's answers, as the seed's slides
word them ("Tre av fem frivilligsentraler mener at …"): the deck's summaries and the
results page's suggestions, which the coordinator may replace.

Every sentence is one message of the catalogues, whole, with its plural forms, so each
language words it its own way; the numbers come from frivillig.lib.words. A share of
the centres that answered has its own wordings: nobody yet, the one centre of one («Den
ene sentralen som har svart, …»), both or neither of two, all of them, none of them,
and some of them. The question and the answer options are quoted as they were written.
"""

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from frivillig.lib.words import NEUTER, join_clauses, join_words, number_word

from .models import Question
from .restating import restate
from .themes import standing_out

# Which wording a share of the answering centres takes.
ONE, ONE_NOT, BOTH, NEITHER = "one", "one-not", "both", "neither"
ALL, NONE, SOME = "all", "none", "some"


def share_of(count: int, total: int) -> str:
    if total == 1:
        return ONE if count else ONE_NOT
    if total == 2 and count in (0, 2):
        return BOTH if count else NEITHER
    if count == total:
        return ALL
    return NONE if count == 0 else SOME


def _numbers(count: int, total: int) -> dict:
    """The count as the sentence opens with it, and the total inside the sentence."""
    return {"count": number_word(count, capital=True), "total": number_word(total)}


def not_answered_yet() -> str:
    return _("Ingen frivilligsentraler har svart ennå.")


def question_not_answered() -> str:
    return _("Ingen frivilligsentraler har svart på dette spørsmålet ennå.")


def yes_no_sentence(question_text: str, yes: int, no: int, total: int) -> str:
    """How many said yes (and how many no), with the question restated where the
    reader's language is the question's («Tre av fem frivilligsentraler mener at …»),
    else quoted («… svarer ja på «…?»»)."""
    if total == 0:
        return not_answered_yet()
    if yes + no == 0:
        return question_not_answered()
    if restated := restate(question_text):
        return _restated_sentence(restated, yes, no, total)
    values = {"question": question_text.strip(), **_numbers(yes, total)}
    share = share_of(yes, total)
    if share == ONE:
        return _("Den ene sentralen som har svart, svarer ja på «%(question)s».") % values
    if share == ONE_NOT:
        return _("Den ene sentralen som har svart, svarer nei på «%(question)s».") % values
    if share == BOTH:
        return _("Begge frivilligsentralene svarer ja på «%(question)s».") % values
    if share == NEITHER:
        return _("Ingen av de to frivilligsentralene svarer ja på «%(question)s».") % values
    if share == ALL:
        return _("Alle %(total)s frivilligsentralene svarer ja på «%(question)s».") % values
    if share == NONE:
        return _("Ingen av de %(total)s frivilligsentralene svarer ja på «%(question)s».") % values
    if total == 2 and yes == no == 1:
        return (
            _("Én av de to frivilligsentralene svarer ja på «%(question)s». Den andre svarer nei.")
            % values
        )
    sentence = ngettext(
        "%(count)s av %(total)s frivilligsentraler svarer ja på «%(question)s».",
        "%(count)s av %(total)s frivilligsentraler svarer ja på «%(question)s».",
        yes,
    )
    if not no:
        return sentence % values
    rest = ngettext("%(count)s svarer nei.", "%(count)s svarer nei.", no)
    return f"{sentence % values} {rest % {'count': number_word(no, capital=True)}}"


def _restated_sentence(restated, yes: int, no: int, total: int) -> str:
    """The sentences with the question's own words turned into a statement (only in
    the question's language: surveys.restating)."""
    values = {
        "statement": restated.statement,
        "negated": restated.negated,
        **_numbers(yes, total),
    }
    share = share_of(yes, total)
    if share == ONE:
        return _("Den ene sentralen som har svart, %(statement)s.") % values
    if share == ONE_NOT:
        return _("Den ene sentralen som har svart, %(negated)s.") % values
    if share == BOTH:
        return _("Begge frivilligsentralene %(statement)s.") % values
    if share == NEITHER:
        return _("Ingen av de to frivilligsentralene %(statement)s.") % values
    if share == ALL:
        return _("Alle %(total)s frivilligsentralene %(statement)s.") % values
    if share == NONE:
        return _("Ingen av de %(total)s frivilligsentralene %(statement)s.") % values
    if total == 2 and yes == no == 1:
        return _("Én av de to frivilligsentralene %(statement)s. Den andre %(negated)s.") % {
            "statement": restated.statement,
            "negated": restated.short_negated,
        }
    sentence = ngettext(
        "%(count)s av %(total)s frivilligsentraler %(statement)s.",
        "%(count)s av %(total)s frivilligsentraler %(statement)s.",
        yes,
    )
    if not no:
        return sentence % values
    rest = ngettext("%(count)s %(negated)s.", "%(count)s %(negated)s.", no) % {
        "count": number_word(no, capital=True),
        "negated": restated.short_negated,
    }
    return f"{sentence % values} {rest}"


def choice_sentence(options: list, total: int, *, multiple: bool) -> str:
    """`options`: the question's OptionCounts (surveys.results), most chosen first."""
    if total == 0:
        return not_answered_yet()
    chosen = sorted((o for o in options if o.count), key=lambda o: -o.count)
    if not chosen:
        return _("Ingen frivilligsentraler har valgt et svaralternativ.")
    first, rest = chosen[0], chosen[1:]
    if total == 1:
        labels = join_words([_("«%(label)s»") % {"label": o.label} for o in chosen])
        return _("Den ene sentralen som har svart, svarer %(labels)s.") % {"labels": labels}
    values = {"label": first.label, **_numbers(first.count, total)}
    if first.count == total == 2:
        opening = _("Begge frivilligsentralene svarer «%(label)s»") % values
    elif first.count == total:
        opening = _("Alle %(total)s frivilligsentralene svarer «%(label)s»") % values
    else:
        opening = (
            ngettext(
                "%(count)s av %(total)s frivilligsentraler svarer «%(label)s»",
                "%(count)s av %(total)s frivilligsentraler svarer «%(label)s»",
                first.count,
            )
            % values
        )
    clauses = [opening] + [_other_choice(o, total, multiple=multiple) for o in rest]
    return f"{join_clauses(clauses)}."


def _other_choice(option, total: int, *, multiple: bool) -> str:
    """A clause after the first: «tre svarer også «Felles»», «to svarer «Oftere»»."""
    values = {"label": option.label, "count": number_word(option.count)}
    if multiple and option.count == total == 2:
        return _("begge svarer også «%(label)s»") % values
    if multiple and option.count == total:
        return _("alle svarer også «%(label)s»") % values
    if multiple:
        template = ngettext(
            "%(count)s svarer også «%(label)s»", "%(count)s svarer også «%(label)s»", option.count
        )
    else:
        template = ngettext(
            "%(count)s svarer «%(label)s»", "%(count)s svarer «%(label)s»", option.count
        )
    return template % values


def scale_sentence(average: float | None, answered: int) -> str:
    if not answered:
        return question_not_answered()
    return ngettext(
        "Gjennomsnittet er %(average)s av 5 (%(count)s svar).",
        "Gjennomsnittet er %(average)s av 5 (%(count)s svar).",
        answered,
    ) % {
        "average": number_format(average, decimal_pos=1),
        "count": number_word(answered, gender=NEUTER),
    }


def text_sentence(answered: int, total: int) -> str:
    if total == 0:
        return not_answered_yet()
    if answered == 0:
        return question_not_answered()
    values = _numbers(answered, total)
    share = share_of(answered, total)
    if share == ONE:
        return _("Den ene sentralen som har svart, har skrevet et svar her.")
    if share == BOTH:
        return _("Begge frivilligsentralene har svart.")
    if share == ALL:
        return _("Alle %(total)s frivilligsentralene har svart.") % values
    return (
        ngettext(
            "%(count)s av %(total)s frivilligsentraler har svart.",
            "%(count)s av %(total)s frivilligsentraler har svart.",
            answered,
        )
        % values
    )


def ranked_sentence(tally: list) -> str:
    """`tally`: the ranked list's ThemeTallies, most named first (surveys.results).
    Only what stands out is named (surveys.themes.standing_out): a theme or answer
    given by one centre, or a tie, is not a finding."""
    if not tally:
        return not_answered_yet()
    top = standing_out(tally)
    if not top:
        if any(t.centres > 1 for t in tally):
            return _("Flere svar går igjen like ofte; se alle svarene.")
        return _("Ingen svar går igjen; se alle svarene.")
    names = join_words(
        [
            ngettext("%(name)s (%(count)s sentral)", "%(name)s (%(count)s sentraler)", t.centres)
            % {"name": t.name, "count": number_word(t.centres)}
            for t in top
        ]
    )
    return _("Mest nevnt: %(names)s.") % {"names": names}


def generated_summary(result) -> str:
    """The sentence for a question's results (a surveys.results.QuestionResult), by its
    kind. The results ask this module, so it takes them without importing them."""
    question, kind = result.question, result.question.kind
    if result.total == 0:
        return not_answered_yet()
    total = asked(result)
    if kind == Question.Kind.YES_NO:
        counts = {o.value: o.count for o in result.options}
        return yes_no_sentence(question.text, counts[Question.YES], counts[Question.NO], total)
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        return choice_sentence(result.options, total, multiple=kind == Question.Kind.MULTIPLE)
    if kind == Question.Kind.SCALE:
        return scale_sentence(result.average, result.answered)
    if kind == Question.Kind.RANKED:
        return ranked_sentence(result.tally)
    return text_sentence(result.answered, total)


def asked(result) -> int:
    """How many centres were asked the question: those that submitted, or, for a
    follow-up shown on one answer («Hvis nei: …»), those that gave that answer, so two
    of the two asked read «Begge …», not «To av fem …»."""
    parent, show_when = result.parent, result.question.show_when
    if parent is None or not show_when:
        return result.total
    given = sum(o.count for o in parent.options if o.value == show_when)
    return max(given, result.answered) if parent.options else result.total
