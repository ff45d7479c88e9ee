"""A centre's annual report ("årsrapport") for a grant year, with its activities and the
approved accounts (a PDF, stored through Django's storage API)."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import User

from .status import CentreGrantStatus
from .year import ActivityCategory


def accounts_path(report, filename: str) -> str:
    """Never the uploaded name: a random one under the year, so nobody guesses a path
    (the files are served only through the portal's view, which checks access)."""
    return f"grants/accounts/{report.status.grant_year.year}/{uuid.uuid4().hex}.pdf"


class AnnualReport(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Under arbeid")
        SUBMITTED = "submitted", _("Sendt inn")

    status = models.OneToOneField(
        CentreGrantStatus, on_delete=models.CASCADE, related_name="report"
    )
    state = models.CharField(_("status"), max_length=20, choices=State.choices, default=State.DRAFT)
    summary = models.TextField(_("året i korte trekk"), blank=True)
    target_groups = models.TextField(_("målgrupper"), blank=True)
    goals_and_results = models.TextField(_("mål for perioden og hva som ble oppnådd"), blank=True)
    partners = models.TextField(_("samarbeidsaktører"), blank=True)
    municipality_meetings = models.TextField(_("møter med kommunen"), blank=True)
    survey_answers = models.TextField(_("svar på kommunens undersøkelser"), blank=True)
    volunteers = models.PositiveIntegerField(_("antall frivillige"), null=True, blank=True)
    volunteer_hours = models.PositiveIntegerField(_("frivillige timer"), null=True, blank=True)
    accounts = models.FileField(_("godkjent regnskap (PDF)"), upload_to=accounts_path, blank=True)
    accounts_name = models.CharField(_("filnavn"), max_length=200, blank=True)
    accounts_uploaded_at = models.DateTimeField(_("regnskapet lastet opp"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("sendt inn"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reopened_at = models.DateTimeField(_("åpnet igjen"), null=True, blank=True)
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("årsrapport")
        verbose_name_plural = _("årsrapporter")

    def __str__(self):
        return str(self.status)

    @property
    def is_submitted(self) -> bool:
        return self.state == self.State.SUBMITTED

    @property
    def is_complete(self) -> bool:
        return self.is_submitted and bool(self.accounts)


class ReportActivity(models.Model):
    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="activities")
    order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)
    category = models.ForeignKey(
        ActivityCategory, verbose_name=_("kategori"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("aktivitet"), max_length=200)
    participants = models.PositiveIntegerField(_("deltakere"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name
