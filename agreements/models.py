"""Cooperation agreements between a municipality and its centres.

A municipality keeps one common framework ("felles ramme") of numbered clauses; each
agreement copies the framework's clauses as its common part and adds local clauses for
the centre. Both the framework and every agreement are versioned: the live rows are the
current text, and every saved change writes an immutable snapshot (a version) that can be
compared with any other and restored. An agreement moves through its states only by the
transitions in `TRANSITIONS`, each taken by one side and recorded as an event.
"""

import datetime
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from accounts.models import Municipality
from centres.models import Centre

# A renewal is due this many days before an active agreement ends.
RENEWAL_NOTICE_DAYS = 90


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
    def record(cls, *, by, note: str, snapshot: dict, **document):
        """The next version of `document` (e.g. agreement=…)."""
        last = (
            cls.objects.filter(**document)
            .order_by("-number")
            .values_list("number", flat=True)
            .first()
        )
        return cls.objects.create(
            number=(last or 0) + 1, snapshot=snapshot, note=note, created_by=by, **document
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


class AgreementQuerySet(models.QuerySet):
    def with_framework_state(self):
        """Adds `current_framework_version_id`, so `framework_outdated` costs no query."""
        return self.annotate(
            current_framework_version_id=F("municipality__agreement_framework__current_version")
        )

    def with_renewal_state(self):
        """Adds `renewal_started`: a renewal of the agreement exists that has not lapsed."""
        renewals = Agreement.objects.filter(renewal_of=OuterRef("pk")).exclude(
            status=Agreement.Status.EXPIRED
        )
        return self.annotate(renewal_started=Exists(renewals))

    def for_list(self):
        return (
            self.with_framework_state()
            .with_renewal_state()
            .select_related("centre", "municipality", "framework_version")
            .order_by("centre__name", "-valid_from")
        )

    def editable(self):
        return self.filter(status__in=Agreement.EDITABLE)


class Agreement(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        SENT = "sent", _("Sendt til sentralen")
        CHANGES_REQUESTED = "changes_requested", _("Sentralen ønsker endringer")
        APPROVED_BY_CENTRE = "approved_by_centre", _("Godkjent av sentralen")
        APPROVED_BY_MUNICIPALITY = "approved_by_municipality", _("Godkjent av kommunen")
        SIGNED = "signed", _("Signert")
        ACTIVE = "active", _("Gjeldende")
        RENEWAL_DUE = "renewal_due", _("Skal fornyes")
        EXPIRED = "expired", _("Utløpt")
        RENEWED = "renewed", _("Fornyet")

    # The text is changed by the municipality while drafting, never after approval.
    EDITABLE = (Status.DRAFT, Status.CHANGES_REQUESTED)
    # In force, or about to be: what readers see and what a renewal starts from.
    IN_FORCE = (Status.ACTIVE, Status.RENEWAL_DUE)
    CONCLUDED = (
        Status.SIGNED,
        Status.ACTIVE,
        Status.RENEWAL_DUE,
        Status.EXPIRED,
        Status.RENEWED,
    )

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommune"), on_delete=models.PROTECT, related_name="agreements"
    )
    centre = models.ForeignKey(
        Centre,
        verbose_name=_("frivilligsentral"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    title = models.CharField(_("tittel"), max_length=200)
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.DRAFT
    )
    valid_from = models.DateField(_("gjelder fra"))
    valid_to = models.DateField(_("gjelder til"))
    framework_version = models.ForeignKey(
        FrameworkVersion,
        verbose_name=_("bygger på felles ramme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
    )
    renewal_of = models.ForeignKey(
        "self",
        verbose_name=_("fornyer avtalen"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="renewals",
    )
    # The parties and who signs for them.
    municipality_signatory = models.CharField(
        _("signerer for kommunen"), max_length=150, blank=True
    )
    municipality_signatory_title = models.CharField(
        _("stilling (kommunen)"), max_length=150, blank=True
    )
    centre_signatory = models.CharField(_("signerer for sentralen"), max_length=150, blank=True)
    centre_signatory_title = models.CharField(_("stilling (sentralen)"), max_length=150, blank=True)
    # What the municipality contributes, and how often the parties meet.
    grant_amount = models.PositiveIntegerField(
        _("årlig tilskudd fra kommunen (kr)"), null=True, blank=True
    )
    premises = models.TextField(_("lokaler"), blank=True)
    contact_person = models.CharField(_("kommunens kontaktperson"), max_length=200, blank=True)
    meeting_frequency = models.CharField(
        _("møter mellom partene"),
        max_length=300,
        blank=True,
        help_text=_("For eksempel «Fellesmøte i 1. kvartal og besøk i 3. kvartal»."),
    )
    signed_on = models.DateField(_("signert dato"), null=True, blank=True)
    revision = models.PositiveIntegerField(_("revisjon"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opprettet av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("opprettet"), default=timezone.now)
    updated_at = models.DateTimeField(_("sist lagret"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sist lagret av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = AgreementQuerySet.as_manager()

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("samarbeidsavtale")
        verbose_name_plural = _("samarbeidsavtaler")
        ordering = ["centre__name", "-valid_from"]
        indexes = [models.Index(fields=["municipality", "status"])]
        constraints = [
            models.CheckConstraint(
                name="agreement_period_in_order",
                condition=models.Q(valid_to__gte=F("valid_from")),
                violation_error_message=_("Avtalen kan ikke slutte før den begynner."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("agreements:detail", args=[self.pk])

    def clean_fields(self, exclude=None):
        # The agreement is with one of the municipality's own centres; the admin offers
        # every municipality's. Checked with the fields rather than in clean(), so a form
        # without the centre (the portal's) is not refused for it: Django fails on an
        # error for a field the form lacks.
        super().clean_fields(exclude=exclude)
        if "centre" in (exclude or ()) or not (self.centre_id and self.municipality_id):
            return
        if self.centre.municipality_id != self.municipality_id:
            raise ValidationError({"centre": _("Sentralen må høre til samme kommune som avtalen.")})

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    @property
    def period_label(self) -> str:
        return f"{self.valid_from:%d.%m.%Y}–{self.valid_to:%d.%m.%Y}"

    @property
    def renewal_due_on(self) -> datetime.date:
        return self.valid_to - datetime.timedelta(days=RENEWAL_NOTICE_DAYS)

    @property
    def framework_outdated(self) -> bool:
        """Whether a newer framework version exists than the one the agreement copies.
        Needs `with_framework_state()`."""
        if self.status in (self.Status.EXPIRED, self.Status.RENEWED):
            return False  # an agreement that has ended follows no framework any more
        current = getattr(self, "current_framework_version_id", None)
        return current is not None and current != self.framework_version_id

    def missing_signatories(self) -> list[str]:
        """The parties whose signatory the agreement does not name yet."""
        missing = []
        if not self.municipality_signatory.strip():
            missing.append(pgettext_lazy("signatory party", "kommunen"))
        if not self.centre_signatory.strip():
            missing.append(pgettext_lazy("signatory party", "sentralen"))
        return missing

    def waiting_reason_for(self, side) -> str:
        """What `side` has to do next on this agreement, or "" when nothing waits for it.
        A renewal due waits only until the renewal has been started (needs
        `with_renewal_state()`)."""
        if self.status == self.Status.RENEWAL_DUE and getattr(self, "renewal_started", False):
            return ""
        return str(WAITING_FOR.get(side, {}).get(self.status, ""))

    # --- entry points; the rules live in agreements.services ---

    def apply(self, action: str, *, by, comment: str = "", on_date=None) -> None:
        from . import services

        services.apply_transition(self, action, by=by, comment=comment, on_date=on_date)

    def approve_by(self, user, *, comment: str = "") -> None:
        """The approval of whichever side `user` is on."""
        from . import services

        services.approve(self, by=user, comment=comment)


class Side(models.TextChoices):
    MUNICIPALITY = "municipality", _("Kommunen")
    CENTRE = "centre", _("Sentralen")
    SYSTEM = "system", _("Portalen")


@dataclass(frozen=True)
class Transition:
    sources: tuple[str, ...]
    target: str
    side: str
    label: str
    # Words for the event log ("Sendt til sentralen av Kari").
    done: str
    needs_comment: bool = False
    # The text both sides approve is the one that is signed: it must name who signs
    # before it goes to the centre, and still when the municipality approves it.
    needs_signatories: bool = False


S = Agreement.Status
# What waits for whom: lists and the dashboard put these first for the side that acts next.
WAITING_FOR = {
    Side.CENTRE: {S.SENT: _("Venter på at dere godkjenner eller ber om endringer")},
    Side.MUNICIPALITY: {
        S.APPROVED_BY_MUNICIPALITY: _("Godkjent av begge: marker som signert"),
        S.APPROVED_BY_CENTRE: _("Sentralen har godkjent: godkjenn for kommunen"),
        S.CHANGES_REQUESTED: _("Sentralen ønsker endringer i teksten"),
        S.RENEWAL_DUE: _("Avtalen går ut snart: start fornyelsen"),
    },
}
TRANSITIONS: dict[str, Transition] = {
    "send": Transition(
        (S.DRAFT, S.CHANGES_REQUESTED), S.SENT, Side.MUNICIPALITY,
        _("Send til sentralen"), _("Sendt til sentralen"), needs_signatories=True,
    ),
    "withdraw": Transition(
        (S.SENT, S.APPROVED_BY_CENTRE), S.DRAFT, Side.MUNICIPALITY,
        _("Trekk tilbake til utkast"), _("Trukket tilbake til utkast"),
    ),
    "request_changes": Transition(
        (S.SENT,), S.CHANGES_REQUESTED, Side.CENTRE,
        _("Be om endringer"), _("Sentralen ba om endringer"), needs_comment=True,
    ),
    "approve_centre": Transition(
        (S.SENT,), S.APPROVED_BY_CENTRE, Side.CENTRE,
        _("Godkjenn for sentralen"), _("Godkjent av sentralen"),
    ),
    "approve_municipality": Transition(
        (S.APPROVED_BY_CENTRE,), S.APPROVED_BY_MUNICIPALITY, Side.MUNICIPALITY,
        _("Godkjenn for kommunen"), _("Godkjent av kommunen"), needs_signatories=True,
    ),
    "mark_signed": Transition(
        (S.APPROVED_BY_MUNICIPALITY,), S.SIGNED, Side.MUNICIPALITY,
        _("Marker som signert"), _("Signert av begge parter"),
    ),
    "activate": Transition(
        (S.SIGNED,), S.ACTIVE, Side.SYSTEM, _("Sett i kraft"), _("Trådte i kraft"),
    ),
    "flag_renewal": Transition(
        (S.ACTIVE,), S.RENEWAL_DUE, Side.SYSTEM,
        _("Varsle fornyelse"), _("Skal fornyes: under 90 dager igjen"),
    ),
    "expire": Transition(
        (S.SIGNED, S.ACTIVE, S.RENEWAL_DUE), S.EXPIRED, Side.SYSTEM,
        _("Avslutt"), _("Utløpt"),
    ),
    "mark_renewed": Transition(
        (S.ACTIVE, S.RENEWAL_DUE), S.RENEWED, Side.SYSTEM,
        _("Marker som fornyet"), _("Fornyet: ny avtale er signert"),
    ),
}  # fmt: skip
del S


class AgreementClause(models.Model):
    class Kind(models.TextChoices):
        COMMON = "common", _("Felles ramme")
        LOCAL = "local", _("Lokalt punkt")

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("avtale"), on_delete=models.CASCADE, related_name="clauses"
    )
    # A common clause carries its framework clause's key; a local clause a key of its own.
    key = models.UUIDField(_("nøkkel"), default=uuid.uuid4, editable=False)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.LOCAL)
    order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)
    title = models.CharField(_("overskrift"), max_length=200)
    text = models.TextField(_("tekst"))
    goals = models.ManyToManyField(
        "plans.Goal", verbose_name=_("kommunale mål"), blank=True, related_name="agreement_clauses"
    )
    strategies = models.ManyToManyField(
        "plans.Strategy",
        verbose_name=_("kommunale strategier"),
        blank=True,
        related_name="agreement_clauses",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("avtalepunkt")
        verbose_name_plural = _("avtalepunkter")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "key"], name="agreement_clause_key")
        ]

    def __str__(self):
        return self.title

    @property
    def is_common(self) -> bool:
        return self.kind == self.Kind.COMMON


class AgreementVersion(Version):
    agreement = models.ForeignKey(
        Agreement, verbose_name=_("avtale"), on_delete=models.CASCADE, related_name="versions"
    )
    # snapshot: see agreements.versions.snapshot() for the shape.

    class Meta:
        verbose_name = _("avtaleversjon")
        verbose_name_plural = _("avtaleversjoner")
        ordering = ["agreement", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="agreement_version_number")
        ]


class AgreementEvent(models.Model):
    """A transition taken: who (none for the portal itself), when, and why."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("avtale"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("handling"), max_length=30)
    from_status = models.CharField(_("fra status"), max_length=30, choices=Agreement.Status.choices)
    to_status = models.CharField(_("til status"), max_length=30, choices=Agreement.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utført av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("tidspunkt"), default=timezone.now)
    comment = models.TextField(_("kommentar"), blank=True)

    class Meta:
        verbose_name = _("hendelse")
        verbose_name_plural = _("hendelser")
        ordering = ["agreement", "at", "pk"]

    def __str__(self):
        return self.description

    @property
    def description(self) -> str:
        transition = TRANSITIONS.get(self.action)
        return str(transition.done) if transition else self.get_to_status_display()


class Comment(models.Model):
    """A comment on an agreement or one of its clauses, by either side; replies hang
    under the first comment of a thread, and the thread is resolved as a whole."""

    MAX_LENGTH = 4000

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("avtale"), on_delete=models.CASCADE, related_name="comments"
    )
    # The clause commented on (its key, so the thread survives edits); empty: the whole.
    clause_key = models.UUIDField(_("avtalepunkt"), null=True, blank=True)
    clause_title = models.CharField(_("overskrift på punktet"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("svar på"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skrevet av"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    text = models.TextField(_("kommentar"), max_length=MAX_LENGTH)
    created_at = models.DateTimeField(_("skrevet"), default=timezone.now)
    resolved_at = models.DateTimeField(_("løst"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("løst av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("kommentar")
        verbose_name_plural = _("kommentarer")
        ordering = ["agreement", "created_at", "pk"]

    def __str__(self):
        return self.text[:60]

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None


class StaleAgreement(Exception):
    """Someone saved the agreement (or framework) after the form was rendered."""

    def __init__(self, current):
        super().__init__(current)
        self.current = current


class AgreementLocked(Exception):
    """The agreement's text cannot change in its current state."""


class IllegalTransition(Exception):
    """The transition is not possible from this state, or not for this user's side."""
