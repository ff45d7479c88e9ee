"""Survey results: counts, shares and summary sentences per question, the themes tally of
ranked lists, side by side and rounds compared.

Everything is computed in one pass over a fixed number of queries (the questions, the
responses with their centres, the answers of submitted responses, the themes), so a page
costs the same whatever the number of centres or answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Answer, Question, Survey, Theme, ThemeMember

NUMBER_WORDS = ["ingen", "én", "to", "tre", "fire", "fem", "seks", "sju", "åtte", "ni"]
CHOICE_KINDS = (Question.Kind.YES_NO, Question.Kind.SINGLE, Question.Kind.MULTIPLE)
COUNTED_KINDS = (*CHOICE_KINDS, Question.Kind.SCALE)
# Counted in the database by value; a list (choices, ranked items) read per answer.
VALUE_KINDS = (Question.Kind.YES_NO, Question.Kind.SINGLE, Question.Kind.SCALE)
LIST_KINDS = (Question.Kind.MULTIPLE, Question.Kind.RANKED)

# --- sentences ----------------------------------------------------------------------------


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


def choice_sentence(options: list[OptionCount], total: int, *, multiple: bool) -> str:
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


def ranked_sentence(tally: list[ThemeTally]) -> str:
    if not tally:
        return _("Ingen frivilligsentraler har svart ennå.")
    top = tally[:3]
    names = ", ".join(
        ngettext("%(name)s (%(count)s sentral)", "%(name)s (%(count)s sentraler)", t.centres)
        % {"name": t.name, "count": number_word(t.centres)}
        for t in top
    )
    return _("Mest nevnt: %(names)s.") % {"names": names}


# --- data ----------------------------------------------------------------------------------


@dataclass
class OptionCount:
    value: str
    label: str
    count: int
    total: int

    @property
    def share(self) -> int:
        """Whole per cent of the submitted responses."""
        return round(100 * self.count / self.total) if self.total else 0

    # The bar's words, written here rather than by blocktranslate in a loop of the
    # results page (same message ids).
    @property
    def bar_label(self) -> str:
        return _("%(label)s: %(count)s av %(total)s (%(share)s prosent)") % self._parts()

    @property
    def bar_value(self) -> str:
        return _("%(count)s av %(total)s (%(share)s %%)") % self._parts()

    def _parts(self) -> dict:
        return {"label": self.label, "count": self.count, "total": self.total, "share": self.share}


@dataclass
class ThemeMention:
    centre: object
    text: str
    rank: int


@dataclass
class ThemeTally:
    name: str
    theme: Theme | None  # None: an answer text nobody has put in a theme yet
    key: str  # the normalised text of an un-themed answer
    points: int = 0
    mentions: list[ThemeMention] = field(default_factory=list)

    @property
    def centres(self) -> int:
        return len({m.centre.pk for m in self.mentions})

    @property
    def texts(self) -> list[str]:
        return sorted({m.text for m in self.mentions})


@dataclass
class QuestionResult:
    question: Question
    number: str
    total: int
    answers: list[tuple[object, Answer]] = field(default_factory=list)  # (centre, answer)
    options: list[OptionCount] = field(default_factory=list)
    average: float | None = None
    tally: list[ThemeTally] = field(default_factory=list)
    follow_ups: list[QuestionResult] = field(default_factory=list)
    parent: QuestionResult | None = None
    # Set when `answers` holds only the first answers (SurveyResults' first_answers).
    answer_count: int | None = None

    @property
    def kind(self) -> str:
        return self.question.kind

    @property
    def answered(self) -> int:
        return len(self.answers) if self.answer_count is None else self.answer_count

    @property
    def has_more_answers(self) -> bool:
        return self.answered > len(self.answers)

    @property
    def condition(self) -> str:
        """'Vises når svaret er «Nei»' for a conditional follow-up, else ''."""
        question = self.question
        if not question.parent_id or not question.show_when:
            return ""
        return _("Vises når svaret på %(number)s er «%(value)s»") % {
            "number": self.parent.number,
            "value": option_label(self.parent.question, question.show_when),
        }

    @property
    def generated_summary(self) -> str:
        kind = self.question.kind
        if kind == Question.Kind.YES_NO:
            counts = {o.value: o.count for o in self.options}
            return yes_no_sentence(
                self.question.text, counts[Question.YES], counts[Question.NO], self.total
            )
        if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            return choice_sentence(
                self.options, self.total, multiple=kind == Question.Kind.MULTIPLE
            )
        if kind == Question.Kind.SCALE:
            return scale_sentence(self.average, self.answered)
        if kind == Question.Kind.RANKED:
            return ranked_sentence(self.tally)
        return text_sentence(self.answered, self.total)

    @property
    def summary(self) -> str:
        return self.question.summary or self.generated_summary

    @property
    def has_counts(self) -> bool:
        return self.question.kind in COUNTED_KINDS

    def answer_for(self, centre_pk: int) -> Answer | None:
        return self._by_centre.get(centre_pk)

    def __post_init__(self):
        self._by_centre = {}

    def add(self, centre, answer: Answer) -> None:
        self.answers.append((centre, answer))
        self._by_centre[centre.pk] = answer


def option_label(question: Question, value: str) -> str:
    if question.kind == Question.Kind.YES_NO:
        return _("Ja") if value == Question.YES else _("Nei")
    return value


def answer_lines(answer: Answer | None) -> list[str]:
    """What a cell shows: the ranked items, the choices, or the text's lines."""
    if answer is None or answer.is_empty():
        return []
    if answer.items:
        items = [str(item) for item in answer.items if str(item).strip()]
        # Choices are a set, not a ranking: one line, so they are not numbered.
        if answer.question.kind == Question.Kind.MULTIPLE:
            return [", ".join(items)]
        return items
    return [line for line in answer.display().splitlines() if line.strip()]


class SurveyResults:
    """The results of one survey, from its submitted responses.

    `answers_for`: read only the answers of these submitted responses (a page of centres
    side by side; the counts are then those of the page). `first_answers`: count every
    answer in the database and read, as answers, only the first few of each free-text
    and ranked question (by centre name): the results page shows those and links to the
    question's own page, so it costs the same whatever the number of centres.
    """

    def __init__(self, survey: Survey, *, answers_for=None, first_answers: int | None = None):
        self.survey = survey
        questions = list(survey.questions.in_order().select_related("copied_from"))
        responses = list(survey.responses.select_related("centre").order_by("centre__name", "pk"))
        self.responses = responses
        self.submitted = [r for r in responses if r.is_submitted]
        self.not_submitted = [r for r in responses if not r.is_submitted]
        self.centres = [r.centre for r in self.submitted]
        total = len(self.submitted)

        self.questions: list[QuestionResult] = []  # top level, follow-ups inside
        self.by_question: dict[int, QuestionResult] = {}
        top = [q for q in questions if not q.parent_id]
        for index, question in enumerate(top, 1):
            result = QuestionResult(question, str(index), total)
            self.questions.append(result)
            self.by_question[question.pk] = result
        letters = {}
        for question in questions:
            if question.parent_id and question.parent_id in self.by_question:
                parent = self.by_question[question.parent_id]
                letter = "abcdefghijklmnopqrstuvwxyz"[letters.get(parent.question.pk, 0) % 26]
                letters[parent.question.pk] = letters.get(parent.question.pk, 0) + 1
                result = QuestionResult(question, f"{parent.number}{letter}", total, parent=parent)
                parent.follow_ups.append(result)
                self.by_question[question.pk] = result

        read = self.submitted if answers_for is None else answers_for
        centres = {r.pk: r.centre for r in read}
        # submitted() again, so a draft passed in `answers_for` is never read.
        answers = (
            Answer.objects.submitted()
            .filter(response__in=[r.pk for r in read])
            .order_by("response__centre__name", "pk")
        )
        if first_answers is not None:
            self._count_in_database(answers, centres)
            answers = self._first_of_each(answers, first_answers)
        for answer in answers:
            result = self.by_question.get(answer.question_id)
            if result is not None and not answer.is_empty():
                answer.question = result.question  # already loaded: no query per answer
                result.add(centres[answer.response_id], answer)
        if first_answers is not None:
            return

        ranked = [r for r in self.by_question.values() if r.kind == Question.Kind.RANKED]
        themes = self._themes([r.question.pk for r in ranked])
        for result in self.by_question.values():
            self._count(result)
            if result.kind == Question.Kind.RANKED:
                result.tally = tally_themes(
                    result, themes.get(result.question.pk, {}), result.answers
                )

    def _count_in_database(self, answers, centres) -> None:
        """Every question's count of answers, the options' counts and the scales'
        averages, and the ranked lists' tallies, from three queries that return a row
        per question and value (choices as a list read per answer, being few)."""
        answers = answers.order_by().exclude(text="", items=[], number=None)
        for question_pk, n in answers.values_list("question").annotate(n=Count("pk")):
            if question_pk in self.by_question:
                self.by_question[question_pk].answer_count = n
        values: dict[int, dict[str, int]] = {}
        numbers: dict[int, list[tuple[int, int]]] = {}
        single = answers.filter(question__kind__in=VALUE_KINDS)
        for question_pk, text, number, n in single.values_list(
            "question", "text", "number"
        ).annotate(n=Count("pk")):
            value = str(number) if number is not None else text
            counts = values.setdefault(question_pk, {})
            counts[value] = counts.get(value, 0) + n
            if number is not None:
                numbers.setdefault(question_pk, []).append((number, n))
        lists = answers.filter(question__kind__in=LIST_KINDS).order_by(
            "response__centre__name", "pk"
        )
        items_by_question: dict[int, list] = {}
        for question_pk, response_pk, items in lists.values_list("question", "response", "items"):
            items_by_question.setdefault(question_pk, []).append((centres[response_pk], items))
        ranked = [r for r in self.by_question.values() if r.kind == Question.Kind.RANKED]
        themes = self._themes([r.question.pk for r in ranked])
        for result in self.by_question.values():
            result.answer_count = result.answer_count or 0
            question = result.question
            if question.kind == Question.Kind.RANKED:
                result.tally = tally_themes(
                    result, themes.get(question.pk, {}), items_by_question.get(question.pk, [])
                )
            if question.kind not in COUNTED_KINDS:
                continue
            counts = dict(values.get(question.pk, {}))
            for _centre, items in items_by_question.get(question.pk, []):
                for item in items:
                    counts[str(item)] = counts.get(str(item), 0) + 1
            result.options = [
                OptionCount(v, option_label(question, v), counts.get(v, 0), result.total)
                for v in question.option_values()
            ]
            pairs = numbers.get(question.pk)
            if question.kind == Question.Kind.SCALE and pairs:
                result.average = sum(v * n for v, n in pairs) / sum(n for _v, n in pairs)

    @staticmethod
    def _first_of_each(answers, limit: int):
        """Only the first `limit` answers of each free-text and ranked question (a
        row_number window), and none of the counted ones, read as answers."""
        answers = answers.filter(question__kind__in=(*Question.TEXT_KINDS, Question.Kind.RANKED))
        answers = answers.exclude(text="", items=[], number=None)
        nth = Window(
            RowNumber(),
            partition_by=F("question_id"),
            order_by=[F("response__centre__name").asc(), F("pk").asc()],
        )
        return answers.annotate(nth=nth).filter(nth__lte=limit)

    @staticmethod
    def _themes(question_ids) -> dict[int, dict[str, Theme]]:
        """{question id: {normalised text: theme}}, in one query."""
        themes = {}
        if not question_ids:
            return themes
        members = ThemeMember.objects.filter(question_id__in=question_ids).select_related("theme")
        for member in members:
            themes.setdefault(member.question_id, {})[member.text] = member.theme
        return themes

    @staticmethod
    def _count(result: QuestionResult) -> None:
        question = result.question
        if question.kind not in COUNTED_KINDS:
            return
        values = question.option_values()
        counts = dict.fromkeys(values, 0)
        for _centre, answer in result.answers:
            for value in answer.values_for_condition():
                if value in counts:
                    counts[value] += 1
        result.options = [
            OptionCount(v, option_label(question, v), counts[v], result.total) for v in values
        ]
        if question.kind == Question.Kind.SCALE and result.answers:
            numbers = [a.number for _c, a in result.answers if a.number is not None]
            result.average = sum(numbers) / len(numbers) if numbers else None

    def flat(self) -> list[QuestionResult]:
        """Every question in the order shown, follow-ups after their parent."""
        return [item for result in self.questions for item in (result, *result.follow_ups)]

    def for_centre(self, centre) -> list[tuple[QuestionResult, Answer | None]]:
        return [(result, result.answer_for(centre.pk)) for result in self.flat()]


def tally_themes(result: QuestionResult, themes: dict[str, Theme], answers) -> list[ThemeTally]:
    """Themes named most, weighted by rank: rank 1 of N gets N points, rank N one point.
    An answer text in no theme counts as its own theme. `answers`: (centre, answer) or
    (centre, items) pairs."""
    n = result.question.rank_count or 1
    tallies: dict[str, ThemeTally] = {}
    for centre, answer in answers:
        items = answer if isinstance(answer, list) else answer.items
        for rank, item in enumerate(items, 1):
            text = str(item).strip()
            if not text:
                continue
            key = " ".join(text.split()).casefold()
            theme = themes.get(key)
            tally_key = f"theme:{theme.pk}" if theme else f"text:{key}"
            if tally_key not in tallies:
                tallies[tally_key] = ThemeTally(theme.name if theme else text, theme, key)
            tally = tallies[tally_key]
            tally.points += max(n - rank + 1, 1)
            tally.mentions.append(ThemeMention(centre, text, rank))
    return sorted(tallies.values(), key=lambda t: (-t.points, -t.centres, t.name.casefold()))


def survey_for_results(queryset=None):
    """Surveys with what the results pages show beside the questions."""
    surveys = queryset if queryset is not None else Survey.objects.all()
    return surveys.select_related("municipality", "meeting", "copied_from")


# --- rounds compared ----------------------------------------------------------------------


@dataclass
class CentreChange:
    centre: object
    before: list[str]
    after: list[str]

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass
class QuestionComparison:
    current: QuestionResult
    previous: QuestionResult
    centres: list[CentreChange]

    @property
    def options(self) -> list[tuple[OptionCount, OptionCount | None, str]]:
        """(this round, previous round, the change in words) per answer option."""
        before = {o.value: o for o in self.previous.options}
        return [
            (o, before.get(o.value), change_in_words(o, before.get(o.value)))
            for o in self.current.options
        ]


def change_in_words(now: OptionCount, before: OptionCount | None) -> str:
    if before is None:
        return _("Nytt svaralternativ")
    points = now.share - before.share
    if points == 0:
        return _("Ingen endring")
    template = _("Opp %(points)s prosentpoeng") if points > 0 else _("Ned %(points)s prosentpoeng")
    return template % {"points": abs(points)}


def previous_round(survey: Survey) -> Survey | None:
    """The survey the questions were copied from: the survey's own copied_from, else the
    survey of the first copied question."""
    if survey.copied_from_id:
        return survey.copied_from
    question = (
        survey.questions.filter(copied_from__isnull=False).select_related("copied_from").first()
    )
    return question.copied_from.survey if question else None


def compare_rounds(current: SurveyResults, previous: SurveyResults) -> list[QuestionComparison]:
    comparisons = []
    for result in current.flat():
        before = previous.by_question.get(result.question.copied_from_id)
        if before is None:
            continue
        centres = {c.pk: c for c in previous.centres} | {c.pk: c for c in current.centres}
        rows = [
            CentreChange(
                centre,
                answer_lines(before.answer_for(pk)) if pk in _pks(previous) else None,
                answer_lines(result.answer_for(pk)) if pk in _pks(current) else None,
            )
            for pk, centre in sorted(centres.items(), key=lambda item: item[1].name)
        ]
        comparisons.append(QuestionComparison(result, before, rows))
    return comparisons


def _pks(results: SurveyResults) -> set[int]:
    return {c.pk for c in results.centres}
