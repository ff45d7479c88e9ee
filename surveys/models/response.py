"""A centre's response to a survey and its answers, one row per question.

One response per centre and survey (both leaders of a centre share it); a response
carries a `revision` so a stale form is refused instead of saved over newer answers.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from centres.models import Centre

from .question import Question
from .survey import Survey


class SurveyResponseQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(status=SurveyResponse.Status.SUBMITTED)

    def not_submitted(self):
        return self.exclude(status=SurveyResponse.Status.SUBMITTED)


class SurveyResponse(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Ikke påbegynt")
        DRAFT = "draft", _("Utkast")
        SUBMITTED = "submitted", _("Sendt inn")

    survey = models.ForeignKey(
        Survey, verbose_name=_("undersøkelse"), on_delete=models.CASCADE, related_name="responses"
    )
    centre = models.ForeignKey(
        Centre,
        verbose_name=_("frivilligsentral"),
        on_delete=models.CASCADE,
        related_name="survey_responses",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    # Raised by every save; a form carries the revision it was rendered from.
    revision = models.PositiveIntegerField(_("revisjon"), default=0)
    invited_at = models.DateTimeField(_("invitert"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("sist purret"), null=True, blank=True)
    reminder_count = models.PositiveSmallIntegerField(_("antall purringer"), default=0)
    updated_at = models.DateTimeField(_("sist lagret"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sist lagret av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("sendt inn"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sendt inn av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = SurveyResponseQuerySet.as_manager()

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("svar fra sentral")
        verbose_name_plural = _("svar fra sentraler")
        ordering = ["survey", "centre__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "centre"],
                name="one_response_per_centre_and_survey",
                violation_error_message=_("Sentralen har allerede et svar på denne undersøkelsen."),
            )
        ]

    def __str__(self):
        return f"{self.centre} – {self.survey}"

    # The stylesheet's badge for each status (status-held, status-planned, status-due).
    STATUS_BADGES = {Status.SUBMITTED: "held", Status.DRAFT: "planned"}

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def status_badge(self) -> str:
        return self.STATUS_BADGES.get(self.status, "due")

    def is_on_behalf(self, user) -> bool:
        """Whether `user` answered for the centre without being one of its leaders (the
        coordinator, who registers an answer given on the phone or on paper)."""
        return user is not None and not (
            user.role == user.Role.LEADER and user.centre_id == self.centre_id
        )

    @property
    def submitted_on_behalf(self) -> bool:
        return self.is_on_behalf(self.submitted_by)

    @property
    def saved_on_behalf(self) -> bool:
        return self.is_on_behalf(self.updated_by)

    def clean_fields(self, exclude=None):
        # A link, checked with the fields for the reason Survey.clean_fields gives.
        super().clean_fields(exclude=exclude)
        if "centre" in (exclude or ()) or not (self.centre_id and self.survey_id):
            return
        if self.centre.municipality_id != self.survey.municipality_id:
            raise ValidationError(
                {"centre": _("Sentralen må høre til samme kommune som undersøkelsen.")}
            )


class StaleResponse(Exception):
    """The response was saved by someone else after the form was rendered."""


class ResponseLocked(Exception):
    """The response is submitted, or the survey is closed or past its deadline."""


class IncompleteResponse(Exception):
    def __init__(self, errors: dict):
        super().__init__(errors)
        self.errors = errors


class AnswerQuerySet(models.QuerySet):
    def submitted(self):
        """Answers of submitted responses: the only ones results, exports, the deck and
        the dossier count or show (a draft is the centre's until it is sent in)."""
        return self.filter(response__status=SurveyResponse.Status.SUBMITTED)

    def answered(self):
        """Answers with something in them, the database's Answer.is_empty(): saving
        drops an emptied answer and trims what is typed, so none holds only spaces."""
        return self.exclude(text="", items=[], number=None)


class Answer(models.Model):
    """One centre's answer to one question. Which field holds it depends on the kind:
    text for text, yes/no ("yes"/"no"), single choice and a date (ISO, 2026-03-01); items
    for ranked lists and multiple choice; number for a scale and a number question;
    other for the text of «Annet (skriv inn)»."""

    response = models.ForeignKey(
        SurveyResponse, verbose_name=_("svar"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("spørsmål"), on_delete=models.CASCADE, related_name="answers"
    )
    text = models.TextField(_("tekst"), blank=True)
    items = models.JSONField(_("punkter"), default=list, blank=True)
    number = models.IntegerField(_("tall"), null=True, blank=True)
    # What the centre wrote for «Annet (skriv inn)» (the choice itself is Question.OTHER).
    other = models.CharField(_("annet"), max_length=200, blank=True)
    # «Utdyp gjerne»: what the centre wrote beside the answer (Question.takes_comment).
    comment = models.TextField(_("utdyping"), blank=True)

    objects = AnswerQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("svar på spørsmål")
        verbose_name_plural = _("svar på spørsmål")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")
        ]

    def __str__(self):
        return f"{self.question}: {self.display()}"

    def clean_fields(self, exclude=None):
        # A link, checked with the fields for the reason Survey.clean_fields gives.
        super().clean_fields(exclude=exclude)
        if "question" in (exclude or ()) or not (self.question_id and self.response_id):
            return
        if self.question.survey_id != self.response.survey_id:
            raise ValidationError(
                {"question": _("Spørsmålet må høre til undersøkelsen svaret gjelder.")}
            )

    def is_empty(self) -> bool:
        return not (self.text.strip() or any(self.items) or self.number is not None)

    def values_for_condition(self) -> list[str]:
        if self.number is not None:
            return [str(self.number)]
        return [self.text] if self.text else [str(item) for item in self.items]

    def display(self) -> str:
        # The question only when loaded with the answer (pages set it; reading it here
        # would cost a query per answer): it gives the number its unit, «12 personer».
        question = self.question if Answer.question.is_cached(self) else None
        if self.number is not None:
            if question and question.kind == Question.Kind.NUMBER and question.unit:
                return f"{self.number} {question.unit}"
            return str(self.number)
        if self.items:
            return ", ".join(self._shown(str(item)) for item in self.items if item)
        if self.text in (Question.YES, Question.NO):
            return str(_("Ja") if self.text == Question.YES else _("Nei"))
        return self._shown(self.text)

    def lines(self) -> list[str]:
        """What a cell shows: the ranked items, the choices, or the text's lines."""
        if self.is_empty():
            return []
        if self.items:
            items = [str(item) for item in self.items if str(item).strip()]
            # Choices are a set, not a ranking: one line, so they are not numbered.
            if self.question.kind == Question.Kind.MULTIPLE:
                return [", ".join(items)]
            return items
        return [line for line in self.display().splitlines() if line.strip()]

    def _shown(self, value: str) -> str:
        if value != Question.OTHER:
            return value
        return str(_("Annet: %(text)s") % {"text": self.other}) if self.other else str(_("Annet"))
