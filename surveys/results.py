"""Survey results: counts, shares and averages per question, the themes tally of ranked
lists, and one centre's answers, from the submitted responses. The sentences about them
are in surveys.summaries, two rounds compared in surveys.compare.

Everything is computed in one pass over a fixed number of queries (the questions, the
responses with their centres, the answers of submitted responses, the themes), so a page
costs the same whatever the number of centres or answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _

from . import kinds
from .models import Answer, Question, Survey, Theme, ThemeMember
from .questions import condition_label, display_order
from .summaries import generated_summary

COUNTED_KINDS = Question.COUNTED_KINDS
# Counted in the database by value; a list (choices, ranked items) read per answer.
VALUE_KINDS = (
    Question.Kind.YES_NO,
    Question.Kind.SINGLE,
    Question.Kind.SCALE,
    Question.Kind.NUMBER,
    Question.Kind.DATE,
)
LIST_KINDS = Question.LIST_KINDS
# Read as answers, the first few of each, on the results page (the others are counted).
READ_KINDS = (*Question.TEXT_KINDS, Question.Kind.RANKED, Question.Kind.NUMBER, Question.Kind.DATE)


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
class Figures:
    """A number question's answers: how many, their sum, average, lowest and highest."""

    count: int
    sum: int
    average: float
    low: int
    high: int

    @classmethod
    def of(cls, numbers) -> Figures | None:
        """From (value, how many) pairs; None without any."""
        count = sum(n for _v, n in numbers)
        if not count:
            return None
        total = sum(v * n for v, n in numbers)
        values = [v for v, _n in numbers]
        return cls(count, total, total / count, min(values), max(values))


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
    figures: Figures | None = None  # a number question
    dates: list[tuple] = field(default_factory=list)  # a date question: (date, how many)
    others: list[tuple[str, int]] = field(default_factory=list)  # «Annet» texts, counted
    # «Utdyp gjerne»: (centre, answer) of each answer with a comment (the first few on
    # the results page).
    comments: list[tuple[object, Answer]] = field(default_factory=list)

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
            "value": condition_label(self.parent.question, question.show_when),
        }

    @property
    def generated_summary(self) -> str:
        return generated_summary(self)

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
        for question in display_order(questions):
            parent = self.by_question.get(question.parent_id)
            result = QuestionResult(question, question.number, total, parent=parent)
            (parent.follow_ups if parent else self.questions).append(result)
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
            if result is None:
                continue
            answer.question = result.question  # already loaded: no query per answer
            centre = centres[answer.response_id]
            if answer.comment and result.question.takes_comment:
                result.comments.append((centre, answer))
            if answer.is_empty() or (first_answers is not None and result.has_counts):
                continue  # a counted answer read only for its comment
            result.add(centre, answer)
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
        answers = answers.order_by().answered()
        for question_pk, n in answers.values_list("question").annotate(n=Count("pk")):
            if question_pk in self.by_question:
                self.by_question[question_pk].answer_count = n
        values: dict[int, dict[str, int]] = {}
        numbers: dict[int, list[tuple[int, int]]] = {}
        others: dict[int, dict[str, int]] = {}
        single = answers.filter(question__kind__in=VALUE_KINDS)
        for question_pk, text, number, other, n in single.values_list(
            "question", "text", "number", "other"
        ).annotate(n=Count("pk")):
            value = str(number) if number is not None else text
            counts = values.setdefault(question_pk, {})
            counts[value] = counts.get(value, 0) + n
            if number is not None:
                numbers.setdefault(question_pk, []).append((number, n))
            if other:
                typed = others.setdefault(question_pk, {})
                typed[other] = typed.get(other, 0) + n
        lists = answers.filter(question__kind__in=LIST_KINDS).order_by(
            "response__centre__name", "pk"
        )
        items_by_question: dict[int, list] = {}
        for question_pk, response_pk, items, other in lists.values_list(
            "question", "response", "items", "other"
        ):
            items_by_question.setdefault(question_pk, []).append((centres[response_pk], items))
            if other:
                typed = others.setdefault(question_pk, {})
                typed[other] = typed.get(other, 0) + 1
        ranked = [r for r in self.by_question.values() if r.kind == Question.Kind.RANKED]
        themes = self._themes([r.question.pk for r in ranked])
        for result in self.by_question.values():
            result.answer_count = result.answer_count or 0
            question = result.question
            if question.kind == Question.Kind.RANKED:
                result.tally = tally_themes(
                    result, themes.get(question.pk, {}), items_by_question.get(question.pk, [])
                )
            _set_typed(result, values.get(question.pk, {}), numbers.get(question.pk, []), others)
            if question.kind not in COUNTED_KINDS:
                continue
            counts = dict(values.get(question.pk, {}))
            for _centre, items in items_by_question.get(question.pk, []):
                for item in items:
                    counts[str(item)] = counts.get(str(item), 0) + 1
            _set_counts(result, counts, numbers.get(question.pk, []))

    @staticmethod
    def _first_of_each(answers, limit: int):
        """Only the first `limit` answers of each free-text and ranked question (a
        row_number window), and of the counted ones only the first with a comment."""
        commented = Q(question__kind__in=Question.COMMENT_KINDS, question__allow_comment=True) & ~Q(
            comment=""
        )
        answers = answers.filter(Q(question__kind__in=READ_KINDS) | commented)
        answers = answers.answered()
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
        """The options' counts and the average from the answers read."""
        counts, others = {}, {}
        for _centre, answer in result.answers:
            for value in answer.values_for_condition():
                counts[value] = counts.get(value, 0) + 1
            if answer.other:
                typed = others.setdefault(result.question.pk, {})
                typed[answer.other] = typed.get(answer.other, 0) + 1
        numbers = [(a.number, 1) for _c, a in result.answers if a.number is not None]
        _set_typed(result, counts, numbers, others)
        if result.kind in COUNTED_KINDS:
            _set_counts(result, counts, numbers)

    def flat(self) -> list[QuestionResult]:
        """Every question in the order shown, follow-ups after their parent."""
        return [item for result in self.questions for item in (result, *result.follow_ups)]

    def for_centre(self, centre) -> list[tuple[QuestionResult, Answer | None]]:
        return [(result, result.answer_for(centre.pk)) for result in self.flat()]


def _set_counts(result: QuestionResult, counts: dict[str, int], numbers) -> None:
    """The one way a counted question gets its options and average, whether counted in
    the database or from the answers read: `counts` per value, `numbers` the scale's
    (value, how many) pairs."""
    question = result.question
    result.options = [
        OptionCount(v, condition_label(question, v), counts.get(v, 0), result.total)
        for v in question.option_values()
    ]
    if question.offers_other:
        result.options.append(
            OptionCount(Question.OTHER, _("Annet"), counts.get(Question.OTHER, 0), result.total)
        )
    if question.kind == Question.Kind.SCALE and numbers:
        result.average = sum(v * n for v, n in numbers) / sum(n for _v, n in numbers)


def _set_typed(result: QuestionResult, counts: dict[str, int], numbers, others) -> None:
    """A number's figures, a date's dates in order and the «Annet» texts, most first."""
    if result.kind == Question.Kind.NUMBER:
        result.figures = Figures.of(numbers)
    if result.kind == Question.Kind.DATE:
        days = [(kinds.day(text), n) for text, n in counts.items()]
        result.dates = sorted((d, n) for d, n in days if d is not None)
    typed = others.get(result.question.pk, {})
    result.others = sorted(typed.items(), key=lambda pair: (-pair[1], pair[0].casefold()))


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
            key = ThemeMember.normalise(text)
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
