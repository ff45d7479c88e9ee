"""The coordinator's themes for a ranked-list question: answer texts (normalised) are
put in a theme, moved, taken out; a theme left without answers goes away."""

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
    return theme


@transaction.atomic
def remove_from_theme(*, question: Question, text: str) -> None:
    if "\x00" in text:
        return  # not an answer text (none can hold NUL), and PostgreSQL refuses to look
    ThemeMember.objects.filter(question=question, text=ThemeMember.normalise(text)).delete()
    _drop_empty_themes(question)


def rename_theme(*, theme: Theme, name: str) -> Theme:
    theme.name = _tidy(name)
    theme.save(update_fields=["name"])
    return theme


def delete_theme(*, theme: Theme) -> None:
    """The answers go back to counting as their own themes."""
    theme.delete()


def _tidy(name: str) -> str:
    """A theme's name as stored: the spaces of the name as typed collapsed to one."""
    return " ".join(name.split())


def _drop_empty_themes(question: Question) -> None:
    question.themes.filter(members__isnull=True).delete()
