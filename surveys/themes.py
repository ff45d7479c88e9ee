"""The coordinator's themes for a ranked-list question: answer texts (normalised) are
put in a theme, moved, taken out; a theme left without answers goes away. Each change
gives the survey's results a new version (Survey.results_changed)."""

from django.db import transaction

from .models import Question, Theme, ThemeMember


@transaction.atomic
def put_in_theme(*, question: Question, texts: list[str], name: str = "", theme=None) -> Theme:
    """Puts the answer texts in `theme`, or in the theme called `name` (made if new)."""
    if theme is None:
        name = _tidy(name)
        theme = question.themes.filter(name__iexact=name).first()
        if theme is None:
            theme = Theme.objects.create(question=question, name=name)
    for text in texts:
        ThemeMember.objects.update_or_create(
            question=question, text=ThemeMember.normalise(text), defaults={"theme": theme}
        )
    _drop_empty_themes(question)
    question.survey.results_changed()
    return theme


@transaction.atomic
def remove_from_theme(*, question: Question, text: str) -> None:
    if "\x00" in text:
        return  # not an answer text (none can hold NUL), and PostgreSQL refuses to look
    ThemeMember.objects.filter(question=question, text=ThemeMember.normalise(text)).delete()
    _drop_empty_themes(question)
    question.survey.results_changed()


@transaction.atomic
def rename_theme(*, theme: Theme, name: str) -> Theme:
    theme.name = _tidy(name)
    theme.save(update_fields=["name"])
    theme.question.survey.results_changed()
    return theme


@transaction.atomic
def delete_theme(*, theme: Theme) -> None:
    """The answers go back to counting as their own themes."""
    survey = theme.question.survey
    theme.delete()
    survey.results_changed()


def _tidy(name: str) -> str:
    """A theme's name as stored: the spaces of the name as typed collapsed to one."""
    return " ".join(name.split())


def _drop_empty_themes(question: Question) -> None:
    question.themes.filter(members__isnull=True).delete()


def standing_out(tally: list, *, limit: int = 3) -> list:
    """The themes of a ranked list's tally (most named first, surveys.results) that
    stand out: named by more than one centre, at most `limit` of them, and never cut
    inside a tie. An answer one centre gave, or a tie at the cut, is not a finding: when
    nothing is left, the summary says no answer stands out (surveys.summaries)."""
    recurring = [t for t in tally if t.centres > 1]
    if len(recurring) > limit:
        cut = _standing(recurring[limit - 1])
        if _standing(recurring[limit]) == cut:
            return [t for t in recurring[:limit] if _standing(t) != cut]
    return recurring[:limit]


def _standing(tally) -> tuple[int, int]:
    """What orders the tally (surveys.results.tally_themes): points, then centres."""
    return (tally.points, tally.centres)
