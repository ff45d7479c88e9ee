"""Hearings of a plan and the inputs it received, with how each was worked in."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class HearingQuerySet(models.QuerySet):
    def with_counts(self):
        worked_in = Q(inputs__outcome=HearingInput.Outcome.WORKED_IN)
        return self.annotate(
            input_count=models.Count("inputs"),
            worked_in_count=models.Count("inputs", filter=worked_in),
        )


class Hearing(models.Model):
    plan = models.ForeignKey(
        "plans.Plan", verbose_name=_("plan"), on_delete=models.CASCADE, related_name="hearings"
    )
    start_date = models.DateField(_("høringen starter"))
    end_date = models.DateField(_("høringsfrist"))
    summary = models.TextField(_("oppsummering"), blank=True, help_text=_("Én linje per punkt."))

    objects = HearingQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("høring")
        verbose_name_plural = _("høringer")
        ordering = ["-start_date"]

    def __str__(self):
        return _("Høring %(plan)s %(start)s–%(end)s") % {
            "plan": self.plan.title,
            "start": date_format(self.start_date, "SHORT_DATE_FORMAT"),
            "end": date_format(self.end_date, "SHORT_DATE_FORMAT"),
        }

    def get_absolute_url(self):
        return reverse("plans:hearing", args=[self.pk])

    @property
    def not_worked_in_count(self) -> int:
        return self.input_count - self.worked_in_count

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Høringsfristen kan ikke være før starten.")})


class HearingInput(models.Model):
    class Outcome(models.TextChoices):
        WORKED_IN = "worked_in", _("Innarbeidet")
        NOT_WORKED_IN = "not_worked_in", _("Ikke innarbeidet")

    hearing = models.ForeignKey(
        Hearing, verbose_name=_("høring"), on_delete=models.CASCADE, related_name="inputs"
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    submitted_by = models.CharField(
        _("fra"), max_length=200, blank=True, help_text=_("Hvem innspillet kom fra.")
    )
    received = models.DateField(_("dato"), null=True, blank=True)
    summary = models.TextField(_("innspillet kort"))
    outcome = models.CharField(_("vurdering"), max_length=20, choices=Outcome.choices)
    assessment = models.TextField(
        _("hvordan innarbeidet, eller hvorfor ikke"),
        help_text=_("Hvordan innspillet er innarbeidet, eller hvorfor det ikke er tatt med."),
    )
    changed_goals = models.ManyToManyField(
        "plans.Goal",
        verbose_name=_("mål innspillet endret"),
        blank=True,
        related_name="hearing_inputs",
    )
    changed_strategies = models.ManyToManyField(
        "plans.Strategy",
        verbose_name=_("strategier innspillet endret"),
        blank=True,
        related_name="hearing_inputs",
    )

    class Meta:
        verbose_name = _("høringsinnspill")
        verbose_name_plural = _("høringsinnspill")
        ordering = ["hearing", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["hearing", "number"],
                name="hearing_input_number_unique",
                violation_error_message=_("Høringen har allerede et innspill med dette nummeret."),
            ),
        ]

    def __str__(self):
        return _("Innspill %(number)s") % {"number": self.number}

    @property
    def worked_in(self) -> bool:
        return self.outcome == self.Outcome.WORKED_IN
