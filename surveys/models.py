"""A survey the municipality sends to its centres, its questions, and the centres' answers.

One response per centre and survey (both leaders of a centre share it). Answers are rows,
one per question, so results and exports aggregate in the database; a response carries a
`revision` so a stale form is refused instead of saved over newer answers.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Municipality
from centres.models import Centre


class SurveyQuerySet(models.QuerySet):
    def for_municipality(self, municipality_id):
        return self.filter(municipality_id=municipality_id)

    def sent(self):
        """Surveys the centres have received: everything but drafts."""
        return self.exclude(status=Survey.Status.DRAFT)

    def open(self):
        return self.filter(status=Survey.Status.OPEN)

    def past_deadline(self, today: datetime.date):
        return self.open().filter(deadline__lt=today)


class Survey(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        OPEN = "open", _("Åpen for svar")
        CLOSED = "closed", _("Lukket")
        PUBLISHED = "published", _("Resultater publisert")

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommune"), on_delete=models.PROTECT, related_name="surveys"
    )
    title = models.CharField(_("tittel"), max_length=200)
    introduction = models.TextField(
        _("innledning"), blank=True, help_text=_("Vises øverst i skjemaet sentralene fyller ut.")
    )
    round = models.PositiveSmallIntegerField(
        _("runde"), help_text=_("Året undersøkelsen gjelder, for eksempel 2025.")
    )
    deadline = models.DateField(
        _("svarfrist"), help_text=_("Siste dag sentralene kan sende inn svar.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("møte"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="surveys",
        help_text=_(
            "Dialogmøtet der resultatene legges fram; gir tittel og agenda til presentasjonen."
        ),
    )
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("kopiert fra"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opprettet av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)
    closed_at = models.DateTimeField(_("lukket"), null=True, blank=True)
    published_at = models.DateTimeField(_("publisert"), null=True, blank=True)

    objects = SurveyQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("spørreundersøkelse")
        verbose_name_plural = _("spørreundersøkelser")
        ordering = ["-round", "-created_at"]

    def __str__(self):
        return f"{self.title} ({self.round})"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    def accepts_answers(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status == self.Status.OPEN and today <= self.deadline

    def clean_fields(self, exclude=None):
        # Links to other rows are checked here rather than in clean(), which does not
        # know which fields a form shows: a form is refused only for the links it can
        # change (Django fails on an error for a field the form lacks). The deck takes the
        # meeting's title and agenda and the comparison the copied round's answers, so
        # both must be the municipality's own; the admin offers any.
        super().clean_fields(exclude=exclude)
        if not self.municipality_id:
            return  # no municipality yet: that is the error to show
        exclude, errors = exclude or set(), {}
        meeting = self.meeting if "meeting" not in exclude and self.meeting_id else None
        if meeting and meeting.municipality_id != self.municipality_id:
            errors["meeting"] = _("Møtet må høre til samme kommune som undersøkelsen.")
        if "copied_from" not in exclude and self.copied_from_id:
            if self.copied_from_id == self.pk:
                errors["copied_from"] = _("En undersøkelse kan ikke være kopiert fra seg selv.")
            elif self.copied_from.municipality_id != self.municipality_id:
                errors["copied_from"] = _(
                    "Undersøkelsen den er kopiert fra, må høre til samme kommune."
                )
        if errors:
            raise ValidationError(errors)


class QuestionQuerySet(models.QuerySet):
    def in_order(self):
        return self.order_by("order", "pk")


class Question(models.Model):
    class Kind(models.TextChoices):
        SHORT_TEXT = "short_text", _("Kort tekst")
        LONG_TEXT = "long_text", _("Lang tekst")
        RANKED = "ranked", _("Rangert liste")
        YES_NO = "yes_no", _("Ja/nei")
        SINGLE = "single", _("Ett valg")
        MULTIPLE = "multiple", _("Flere valg")
        SCALE = "scale", _("Skala 1–5")

    # Kinds whose answer a follow-up can depend on, and kinds answered with a list.
    CONDITION_KINDS = (Kind.YES_NO, Kind.SINGLE, Kind.MULTIPLE, Kind.SCALE)
    LIST_KINDS = (Kind.RANKED, Kind.MULTIPLE)
    TEXT_KINDS = (Kind.SHORT_TEXT, Kind.LONG_TEXT)
    YES, NO = "yes", "no"
    SCALE_RANGE = range(1, 6)
    DEFAULT_MAX_LENGTH = {Kind.SHORT_TEXT: 200, Kind.LONG_TEXT: 4000, Kind.RANKED: 200}

    survey = models.ForeignKey(
        Survey, verbose_name=_("undersøkelse"), on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)
    kind = models.CharField(_("spørsmålstype"), max_length=20, choices=Kind.choices)
    text = models.CharField(_("spørsmål"), max_length=300)
    help_text = models.CharField(_("hjelpetekst"), max_length=500, blank=True)
    required = models.BooleanField(_("må besvares"), default=True)
    rank_count = models.PositiveSmallIntegerField(
        _("antall i rangert liste"),
        default=3,
        help_text=_("Hvor mange punkter sentralen skal nevne, for eksempel 3."),
    )
    choices = models.JSONField(
        _("svaralternativer"), default=list, blank=True, help_text=_("Ett alternativ per linje.")
    )
    max_length = models.PositiveIntegerField(
        _("maks antall tegn"), null=True, blank=True, help_text=_("Tomt gir standard grense.")
    )
    # A follow-up belongs to an earlier question and, when show_when is set, is only
    # asked when the parent's answer is that value ("yes", "no", a choice or a number).
    parent = models.ForeignKey(
        "self",
        verbose_name=_("hører til spørsmål"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follow_ups",
    )
    show_when = models.CharField(_("vises når svaret er"), max_length=200, blank=True)
    # The same question in the previous round, so rounds can be compared.
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("samme spørsmål i forrige runde"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
    )
    summary = models.TextField(
        _("oppsummering"),
        blank=True,
        help_text=_("Setningen i presentasjonen. Tom: portalen skriver den ut fra svarene."),
    )

    objects = QuestionQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("spørsmål")
        verbose_name_plural = _("spørsmål")
        ordering = ["survey", "order", "pk"]

    def __str__(self):
        return self.text

    @property
    def limit(self) -> int | None:
        return self.max_length or self.DEFAULT_MAX_LENGTH.get(self.kind)

    @property
    def is_follow_up(self) -> bool:
        return self.parent_id is not None

    def option_values(self) -> list[str]:
        """The values a condition on this question can take."""
        if self.kind == self.Kind.YES_NO:
            return [self.YES, self.NO]
        if self.kind == self.Kind.SCALE:
            return [str(n) for n in self.SCALE_RANGE]
        return list(self.choices)

    def clean(self):
        super().clean()
        if self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE) and len(self.choices) < 2:
            raise ValidationError({"choices": _("Skriv minst to svaralternativer.")})
        if self.kind == self.Kind.RANKED and not 1 <= self.rank_count <= 10:
            raise ValidationError({"rank_count": _("Velg mellom 1 og 10 punkter.")})
        if self.parent_id:
            if self.parent.survey_id != self.survey_id or self.parent.parent_id:
                raise ValidationError(
                    {
                        "parent": _(
                            "Et oppfølgingsspørsmål må høre til et hovedspørsmål i undersøkelsen."
                        )
                    }
                )
            if self.show_when and self.show_when not in self.parent.option_values():
                raise ValidationError(
                    {"show_when": _("Velg et av svarene på spørsmålet det hører til.")}
                )
        elif self.show_when:
            raise ValidationError(
                {"show_when": _("Bare et oppfølgingsspørsmål kan vises på betingelse.")}
            )

    def clean_fields(self, exclude=None):
        # A link, checked with the fields for the reason Survey.clean_fields gives.
        super().clean_fields(exclude=exclude)
        if "copied_from" in (exclude or ()) or not (self.copied_from_id and self.survey_id):
            return
        if self.copied_from.survey.municipality_id != self.survey.municipality_id:
            raise ValidationError(
                {"copied_from": _("Spørsmålet i forrige runde må høre til samme kommune.")}
            )

    def is_shown_for(self, parent_answer) -> bool:
        """Whether a follow-up is asked, given the answer to its parent (None: unanswered)."""
        if not self.parent_id or not self.show_when:
            return True
        if parent_answer is None:
            return False
        return self.show_when in parent_answer.values_for_condition()


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

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED

    def clean_fields(self, exclude=None):
        # A link, checked with the fields for the reason Survey.clean_fields gives.
        super().clean_fields(exclude=exclude)
        if "centre" in (exclude or ()) or not (self.centre_id and self.survey_id):
            return
        if self.centre.municipality_id != self.survey.municipality_id:
            raise ValidationError(
                {"centre": _("Sentralen må høre til samme kommune som undersøkelsen.")}
            )

    # --- answering (the rules live in surveys.services; these are the entry points) ---

    def save_answers(self, values, *, by, revision: int, questions=None) -> None:
        """Stores a draft: `values` maps question ids to {"text", "items", "number"}.
        Raises StaleResponse when someone saved since `revision`, ResponseLocked when
        the response is submitted or the survey no longer takes answers."""
        from . import services

        services.save_answers(
            response=self, values=values, by=by, revision=revision, questions=questions
        )

    def submit(self, *, by, revision: int, values=None, questions=None) -> None:
        """Submits the stored answers (after storing `values`, if given) in one
        transaction; raises IncompleteResponse with the errors per question."""
        from . import services

        services.submit_response(
            response=self, by=by, revision=revision, values=values, questions=questions
        )

    def reopen(self, *, by) -> None:
        from . import services

        services.reopen_response(response=self, by=by)


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


class Answer(models.Model):
    """One centre's answer to one question. Which field holds it depends on the kind:
    text for text, yes/no ("yes"/"no") and single choice; items for ranked lists and
    multiple choice; number for the 1–5 scale."""

    response = models.ForeignKey(
        SurveyResponse, verbose_name=_("svar"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("spørsmål"), on_delete=models.CASCADE, related_name="answers"
    )
    text = models.TextField(_("tekst"), blank=True)
    items = models.JSONField(_("punkter"), default=list, blank=True)
    number = models.PositiveSmallIntegerField(_("tall"), null=True, blank=True)

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
        if self.number is not None:
            return str(self.number)
        if self.items:
            return ", ".join(str(item) for item in self.items if item)
        if self.text in (Question.YES, Question.NO):
            return str(_("Ja") if self.text == Question.YES else _("Nei"))
        return self.text


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
