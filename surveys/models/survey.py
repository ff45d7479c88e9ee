"""A survey the municipality sends to its centres (its questions: question.py)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Municipality


class SurveyQuerySet(models.QuerySet):
    def sent(self):
        """Surveys the centres have received: everything but drafts."""
        return self.exclude(status=Survey.Status.DRAFT)

    def open(self):
        return self.filter(status=Survey.Status.OPEN)

    def past_deadline(self, today: datetime.date):
        return self.open().filter(deadline__lt=today)

    def results_changed(self) -> int:
        """A new version of these surveys' results (surveys.results_cache)."""
        return self.update(results_version=models.F("results_version") + 1)

    def with_response_counts(self):
        """`invited` (centres sent the survey) and `submitted`, counted in the query:
        the one way the lists and the dashboard count a survey's responses."""
        return self.annotate(
            invited=models.Count("responses", distinct=True),
            submitted=models.Count(
                # SurveyResponse.Status.SUBMITTED, by value: surveys.models.response
                # imports this module, not the other way round.
                "responses",
                filter=models.Q(responses__status="submitted"),
                distinct=True,
            ),
        )


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
    # Raised by every change of what the results show (surveys.results_cache): a part of
    # the cached results' key, so a change shows at once. Not history: nobody changed it.
    results_version = models.PositiveIntegerField(default=0, editable=False)

    objects = SurveyQuerySet.as_manager()

    history = HistoricalRecords(excluded_fields=["results_version"])

    class Meta:
        verbose_name = _("spørreundersøkelse")
        verbose_name_plural = _("spørreundersøkelser")
        ordering = ["-round", "-created_at"]

    def __str__(self):
        return f"{self.title} ({self.round})"

    @property
    def is_draft(self) -> bool:
        """Only a draft's questions can be edited; sending makes them final."""
        return self.status == self.Status.DRAFT

    @property
    def is_open(self) -> bool:
        """Open for answers (until the deadline), to new centres and to reminders."""
        return self.status == self.Status.OPEN

    @property
    def can_send(self) -> bool:
        """A draft is sent; an open survey is sent again to centres added since."""
        return self.status in (self.Status.DRAFT, self.Status.OPEN)

    @property
    def can_close(self) -> bool:
        return self.is_open

    @property
    def can_publish(self) -> bool:
        """Results are published once the survey is sent, closed or not."""
        return self.status in (self.Status.OPEN, self.Status.CLOSED)

    def results_changed(self) -> None:
        """A new version of the results, in the caller's transaction. This object's
        version is read again only if it is asked for (most requests redirect after the
        change): Django loads a field missing from the instance when it is first read."""
        Survey.objects.filter(pk=self.pk).results_changed()
        self.__dict__.pop("results_version", None)

    def accepts_answers(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status == self.Status.OPEN and today <= self.deadline

    def previous_round(self) -> "Survey | None":
        """The survey the questions were copied from: the survey's own copied_from, else
        the survey of the first copied question."""
        if self.copied_from_id:
            return self.copied_from
        question = (
            self.questions.filter(copied_from__isnull=False).select_related("copied_from").first()
        )
        return question.copied_from.survey if question else None

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
