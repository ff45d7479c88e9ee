"""A centre's status in a grant year: the evidence, the coordinator's assessment of each
condition, and the municipality's decision when the centre is left out."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import User
from centres.models import Centre

from .year import Condition, GrantYear

NAME_WORD = "frivilligsentral"


class Result(models.TextChoices):
    MET = "met", _("Oppfylt")
    NOT_MET = "not_met", _("Ikke oppfylt")
    NOT_ASSESSED = "not_assessed", _("Ikke vurdert")


class CentreGrantStatus(models.Model):
    grant_year = models.ForeignKey(
        GrantYear, verbose_name=_("tilskuddsår"), on_delete=models.CASCADE, related_name="statuses"
    )
    centre = models.ForeignKey(
        Centre, verbose_name=_("frivilligsentral"), on_delete=models.CASCADE, related_name="+"
    )
    # The evidence.
    owner_name = models.CharField(_("eier"), max_length=200, blank=True)
    owner_org_number = models.CharField(_("eierens organisasjonsnummer"), max_length=9, blank=True)
    owner_in_register = models.BooleanField(
        _("eieren er registrert i Frivillighetsregisteret"), null=True, blank=True
    )
    advisory_members = models.TextField(
        _("styringsorganets medlemmer"),
        blank=True,
        help_text=_("Én linje per medlem: navn og hvilken organisasjon medlemmet representerer."),
    )
    premises = models.CharField(_("lokaler"), max_length=300, blank=True)
    fte = models.DecimalField(_("årsverk"), max_digits=4, decimal_places=2, null=True, blank=True)
    income_municipality = models.PositiveIntegerField(_("fra kommunen (kr)"), null=True, blank=True)
    income_other_public = models.PositiveIntegerField(
        _("annen offentlig støtte (kr)"), null=True, blank=True
    )
    income_private = models.PositiveIntegerField(_("private midler (kr)"), null=True, blank=True)
    income_own = models.PositiveIntegerField(_("egne inntekter (kr)"), null=True, blank=True)
    # The municipality's decision to leave the centre out of the application.
    excluded = models.BooleanField(_("ikke med i søknaden"), default=False)
    exclusion_reasons = models.TextField(_("begrunnelse"), blank=True)
    decided_on = models.DateField(_("vedtaksdato"), null=True, blank=True)
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("vedtatt av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reminded_at = models.DateTimeField(_("sist påminnet"), null=True, blank=True)
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "reminded_at"])

    class Meta:
        verbose_name = _("sentralens tilskuddsstatus")
        verbose_name_plural = _("sentralenes tilskuddsstatus")
        ordering = ["grant_year", "centre__name"]
        constraints = [
            models.UniqueConstraint(fields=["grant_year", "centre"], name="grant_status_unique")
        ]

    def __str__(self):
        return f"{self.centre} {self.grant_year.year}"

    # --- the budget ----------------------------------------------------------------

    INCOME_FIELDS = ("income_municipality", "income_other_public", "income_private", "income_own")

    @property
    def budget_filled(self) -> bool:
        return any(getattr(self, name) is not None for name in self.INCOME_FIELDS)

    @property
    def local_funding(self) -> int:
        return sum(getattr(self, name) or 0 for name in self.INCOME_FIELDS)

    @property
    def operating_income(self) -> int:
        """The state's rate and the local funding together."""
        return self.grant_year.rate + self.local_funding

    @property
    def local_share(self) -> float:
        """The local funding's share of the operating income, in per cent."""
        return 100 * self.local_funding / self.operating_income if self.operating_income else 0.0

    @property
    def meets_local_floor(self) -> bool:
        return self.budget_filled and self.local_funding >= self.grant_year.local_floor

    def name_check(self, registered_name: str = "") -> bool:
        """Whether the centre's name, or the name it is registered with, says
        «frivilligsentral»."""
        names = f"{self.centre.name} {registered_name}".casefold()
        return NAME_WORD in names

    @property
    def advisory_member_lines(self) -> list[str]:
        return [line.strip() for line in self.advisory_members.splitlines() if line.strip()]


class ConditionAssessment(models.Model):
    status = models.ForeignKey(
        CentreGrantStatus, on_delete=models.CASCADE, related_name="assessments"
    )
    condition = models.ForeignKey(
        Condition, verbose_name=_("vilkår"), on_delete=models.CASCADE, related_name="+"
    )
    result = models.CharField(
        _("vurdering"), max_length=20, choices=Result.choices, default=Result.NOT_ASSESSED
    )
    note = models.CharField(_("merknad"), max_length=500, blank=True)
    assessed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assessed_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vurdering av vilkår")
        verbose_name_plural = _("vurderinger av vilkår")
        constraints = [
            models.UniqueConstraint(fields=["status", "condition"], name="assessment_unique")
        ]

    def __str__(self):
        return f"{self.condition}: {self.get_result_display()}"


@dataclass
class ConditionLine:
    """A condition as a centre's page shows it: the coordinator's assessment, or else
    what the evidence says by itself (`automatic`)."""

    condition: Condition
    assessment: ConditionAssessment | None
    result: str
    automatic: bool
    evidence: str = Result.NOT_ASSESSED  # what the evidence alone says

    @property
    def evidence_label(self) -> str:
        return Result(self.evidence).label

    @property
    def label(self) -> str:
        return Result(self.result).label

    @property
    def note(self) -> str:
        return self.assessment.note if self.assessment else ""

    @property
    def is_met(self) -> bool:
        return self.result == Result.MET


def automatic_result(condition, status, report, registered_name: str) -> str:
    """What the evidence alone says of a condition nobody has assessed: the budget against
    the floor, the name, the submitted accounts, the positions. Other conditions wait
    for the coordinator."""
    kind = condition.kind
    if kind == Condition.Kind.LOCAL_FUNDING and status.budget_filled:
        return Result.MET if status.meets_local_floor else Result.NOT_MET
    if kind == Condition.Kind.NAME and status.name_check(registered_name):
        return Result.MET
    if kind == Condition.Kind.ACCOUNTS and report is not None and report.is_complete:
        return Result.MET
    if kind == Condition.Kind.POSITION and status.fte is not None and status.fte >= 1:
        return Result.MET
    return Result.NOT_ASSESSED


def condition_lines(conditions, status, report, registered_name: str = "") -> list:
    by_condition = {a.condition_id: a for a in status.assessments.all()} if status.pk else {}
    lines = []
    for condition in conditions:
        assessment = by_condition.get(condition.pk)
        evidence = automatic_result(condition, status, report, registered_name)
        if assessment is not None and assessment.result != Result.NOT_ASSESSED:
            lines.append(ConditionLine(condition, assessment, assessment.result, False, evidence))
        else:
            automatic = evidence != Result.NOT_ASSESSED
            lines.append(ConditionLine(condition, assessment, evidence, automatic, evidence))
    return lines


def missing_items(lines, report, status) -> list[str]:
    """What stands between the centre and the application, in words."""
    items = []
    if report is None or not report.is_submitted:
        items.append(gettext("Årsrapporten er ikke sendt inn"))
    if report is None or not report.accounts:
        items.append(gettext("Regnskapet er ikke lastet opp"))
    report_missing = bool(items)
    for line in lines:
        accounts = line.condition.kind == Condition.Kind.ACCOUNTS
        if report_missing and accounts and line.result == Result.NOT_ASSESSED:
            continue  # said above: the submitted report and its accounts decide it
        if line.result == Result.NOT_MET:
            items.append(
                gettext("Ikke oppfylt: %(condition)s") % {"condition": line.condition.text}
            )
        elif line.result == Result.NOT_ASSESSED:
            items.append(
                gettext("Ikke vurdert: %(condition)s") % {"condition": line.condition.text}
            )
    return items
