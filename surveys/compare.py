"""Two rounds of a survey side by side: per question copied from the previous round, the
options' shares then and now and each centre's answer then and now."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .results import OptionCount, QuestionResult, SurveyResults


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
                _lines(before.answer_for(pk)) if pk in _pks(previous) else None,
                _lines(result.answer_for(pk)) if pk in _pks(current) else None,
            )
            for pk, centre in sorted(centres.items(), key=lambda item: item[1].name)
        ]
        comparisons.append(QuestionComparison(result, before, rows))
    return comparisons


def _lines(answer) -> list[str]:
    return answer.lines() if answer is not None else []


def _pks(results: SurveyResults) -> set[int]:
    return {c.pk for c in results.centres}
