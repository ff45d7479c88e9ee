"""The coordinator's themes of a ranked-list question, and the answer texts in each."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .question import Question


class Theme(models.Model):
    """A theme the coordinator groups ranked-list answers into ("Eldre", "Seniorer" and
    "Hjemmeboende seniorer" are one theme)."""

    question = models.ForeignKey(
        Question, verbose_name=_("spørsmål"), on_delete=models.CASCADE, related_name="themes"
    )
    name = models.CharField(_("tema"), max_length=200)

    class Meta:
        verbose_name = _("tema")
        verbose_name_plural = _("temaer")
        ordering = ["question", "name"]
        constraints = [
            models.UniqueConstraint(fields=["question", "name"], name="unique_theme_per_question")
        ]

    def __str__(self):
        return self.name


class ThemeMember(models.Model):
    """An answer text (normalised: trimmed, lower case) counted under a theme."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="theme_members")
    theme = models.ForeignKey(
        Theme, verbose_name=_("tema"), on_delete=models.CASCADE, related_name="members"
    )
    # Unbounded: an answer may be as long as its question allows, and casefolding can
    # make it longer still ("ß" becomes "ss").
    text = models.TextField(_("svartekst"))

    class Meta:
        verbose_name = _("svar i tema")
        verbose_name_plural = _("svar i tema")
        constraints = [
            models.UniqueConstraint(fields=["question", "text"], name="one_theme_per_answer_text")
        ]

    def __str__(self):
        return self.text

    def clean_fields(self, exclude=None):
        # A link, checked with the fields for the reason Survey.clean_fields gives.
        super().clean_fields(exclude=exclude)
        if "question" in (exclude or ()) or not (self.question_id and self.theme_id):
            return
        if self.theme.question_id != self.question_id:
            raise ValidationError({"question": _("Svaret må høre til temaets spørsmål.")})

    @staticmethod
    def normalise(text: str) -> str:
        return " ".join(text.split()).casefold()
