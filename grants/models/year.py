"""A municipality's grant year: the state's rate, the local-funding share, the deadlines
and the conditions as the regulation words them that year (edited in the admin)."""

import math

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Municipality


class GrantYear(models.Model):
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommune"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(
        _("driftsår"), validators=[MinValueValidator(2022), MaxValueValidator(2100)]
    )
    rate = models.PositiveIntegerField(
        _("statstilskudd per sentral (kr)"),
        help_text=_("Satsen Lotteri- og stiftelsestilsynet oppgir for året, for eksempel 480046."),
    )
    local_share_percent = models.PositiveSmallIntegerField(
        _("krav til lokal finansiering (%)"),
        default=40,
        validators=[MinValueValidator(0), MaxValueValidator(99)],
        help_text=_("Andelen av driftsinntektene som må være lokal finansiering."),
    )
    deadline = models.DateField(
        _("søknadsfrist"), help_text=_("Fristen for kommunens søknad til tilskuddsforvalteren.")
    )
    internal_deadline = models.DateField(
        _("intern frist"), help_text=_("Fristen sentralene har for årsrapport og dokumentasjon.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tilskuddsår")
        verbose_name_plural = _("tilskuddsår")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"],
                name="grant_year_unique",
                violation_error_message=_("Kommunen har allerede et tilskuddsår for dette året."),
            ),
        ]

    def __str__(self):
        return f"{self.municipality} {self.year}"

    def get_absolute_url(self):
        return reverse("grants:year", args=[self.pk])

    def clean(self):
        super().clean()
        if self.deadline and self.internal_deadline and self.internal_deadline > self.deadline:
            raise ValidationError(
                {"internal_deadline": _("Den interne fristen må være før søknadsfristen.")}
            )

    @property
    def budget_floor(self) -> int:
        """The smallest operating income in which the state's rate leaves the local share:
        480 046 kr at 40 % → 800 077 kr (rounded up to whole kroner)."""
        return math.ceil(self.rate * 100 / (100 - self.local_share_percent))

    @property
    def local_floor(self) -> int:
        """The least local funding: the budget floor less the state's rate (320 031 kr)."""
        return self.budget_floor - self.rate

    @property
    def floors_text(self) -> str:
        return gettext("minst %(local)s kr lokal finansiering, budsjett minst %(budget)s kr") % {
            "local": kroner(self.local_floor),
            "budget": kroner(self.budget_floor),
        }


def kroner(value) -> str:
    """A sum in whole kroner with the language's grouping: 320 031."""
    return number_format(value, 0, use_l10n=True, force_grouping=True)


class Condition(models.Model):
    class Kind(models.TextChoices):
        PURPOSE = "purpose", _("Formål")
        OWNERSHIP = "ownership", _("Eierskap")
        ADVISORY_BODY = "advisory_body", _("Styringsorgan")
        ACCOUNTS = "accounts", _("Regnskap og årsrapport")
        PREMISES = "premises", _("Lokaler")
        POSITION = "position", _("Stilling")
        LOCAL_FUNDING = "local_funding", _("Lokal finansiering")
        NAME = "name", _("Navn")
        OTHER = "other", _("Annet")

    grant_year = models.ForeignKey(
        GrantYear,
        verbose_name=_("tilskuddsår"),
        on_delete=models.CASCADE,
        related_name="conditions",
    )
    order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)
    kind = models.CharField(
        _("type"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.OTHER,
        help_text=_("Hvilken dokumentasjon portalen viser ved vilkåret."),
    )
    text = models.CharField(_("vilkår"), max_length=300)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vilkår")
        verbose_name_plural = _("vilkår")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text


class ActivityCategory(models.Model):
    """The kinds of activity a municipality asks its centres to report on."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommune"), on_delete=models.CASCADE, related_name="+"
    )
    order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)
    name = models.CharField(_("kategori"), max_length=100)

    class Meta:
        verbose_name = _("aktivitetskategori")
        verbose_name_plural = _("aktivitetskategorier")
        ordering = ["municipality__name", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="activity_category_unique"
            )
        ]

    def __str__(self):
        return self.name
