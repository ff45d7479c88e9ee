"""The common framework ("felles ramme") of a municipality's agreements: its numbered
clauses and their anchors, and its versions. The versions of both the framework and the
agreements are snapshots written by every saved change (`Version`), so any two can be
compared and an old one restored.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Municipality


class Framework(models.Model):
    """The common framework of a municipality's agreements. Its clauses are the current
    text; `current_version` is the snapshot agreements are compared with."""

    municipality = models.OneToOneField(
        Municipality,
        verbose_name=_("kommune"),
        on_delete=models.PROTECT,
        related_name="agreement_framework",
    )
    title = models.CharField(
        _("tittel"), max_length=200, default=_("Felles ramme for samarbeidsavtaler")
    )
    introduction = models.TextField(
        _("innledning"),
        blank=True,
        help_text=_("Hva rammen bygger på og hvordan den brukes i avtalene."),
    )
    current_version = models.ForeignKey(
        "FrameworkVersion",
        verbose_name=_("gjeldende versjon"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Raised by every save; an edit form carries the revision it was rendered from.
    revision = models.PositiveIntegerField(_("revisjon"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("felles ramme")
        verbose_name_plural = _("felles rammer")

    def __str__(self):
        return f"{self.title} ({self.municipality})"

    def get_absolute_url(self):
        return reverse("agreements:framework", args=[self.municipality.slug])


class FrameworkClause(models.Model):
    framework = models.ForeignKey(
        Framework, verbose_name=_("ramme"), on_delete=models.CASCADE, related_name="clauses"
    )
    # The clause's identity across framework versions and in the agreements that copy it.
    key = models.UUIDField(_("nøkkel"), default=uuid.uuid4, editable=False)
    order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)
    title = models.CharField(_("overskrift"), max_length=200)
    text = models.TextField(_("tekst"))
    # What the clause is anchored in: the regulation, a plan, or a municipal goal.
    reference = models.CharField(
        _("forankring"),
        max_length=300,
        blank=True,
        help_text=_("For eksempel «Forskrift om tilskudd til frivilligsentraler § 1»."),
    )
    reference_url = models.URLField(_("lenke til forankringen"), blank=True)
    goal = models.ForeignKey(
        "plans.Goal",
        verbose_name=_("kommunalt mål"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="framework_clauses",
    )
    strategy = models.ForeignKey(
        "plans.Strategy",
        verbose_name=_("kommunal strategi"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="framework_clauses",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("punkt i felles ramme")
        verbose_name_plural = _("punkter i felles ramme")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "key"], name="framework_clause_key")
        ]

    def __str__(self):
        return self.title


class Version(models.Model):
    """An immutable snapshot of a text, written by every saved change: numbered 1, 2, …
    per document, with who saved it, when, and a note on what changed."""

    number = models.PositiveIntegerField(_("versjon"))
    snapshot = models.JSONField(_("innhold"))
    note = models.CharField(_("hva er endret"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lagret av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("lagret"), default=timezone.now)

    class Meta:
        abstract = True

    def __str__(self):
        return _("Versjon %(number)s") % {"number": self.number}

    @classmethod
    def record(cls, *, by, note: str, snapshot: dict, now=None, **document):
        """The next version of `document` (e.g. agreement=…), saved at `now`."""
        last = (
            cls.objects.filter(**document)
            .order_by("-number")
            .values_list("number", flat=True)
            .first()
        )
        return cls.objects.create(
            number=(last or 0) + 1,
            snapshot=snapshot,
            note=note,
            created_by=by,
            created_at=now or timezone.now(),
            **document,
        )


class FrameworkVersion(Version):
    framework = models.ForeignKey(
        Framework, verbose_name=_("ramme"), on_delete=models.CASCADE, related_name="versions"
    )
    # snapshot: {"title", "introduction", "clauses": [{"key", "title", "text", "reference",
    #  "reference_url", "goal_id", "strategy_id"}]}

    class Meta:
        verbose_name = _("versjon av felles ramme")
        verbose_name_plural = _("versjoner av felles ramme")
        ordering = ["framework", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="framework_version_number")
        ]

    @property
    def clauses(self) -> list[dict]:
        return self.snapshot.get("clauses", [])
