"""An agreement between a municipality and one of its centres: its clauses (the common
ones copied from the framework, and the centre's local ones), its versions, the events of
its workflow and the comments of both sides. The states and transitions are the data of
agreements.workflow; agreements.transitions takes them.
"""

import uuid

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

from .. import workflow
from .framework import FrameworkVersion, Version


class AgreementQuerySet(models.QuerySet):
    def with_framework_state(self):
        """Adds `current_framework_version_id`, so `framework_outdated` costs no query."""
        return self.annotate(
            current_framework_version_id=F("municipality__agreement_framework__current_version")
        )

    def with_renewal_state(self):
        """Adds `renewal_started`: a renewal of the agreement exists that has not lapsed."""
        renewals = Agreement.objects.filter(renewal_of=OuterRef("pk")).renewals_under_way()
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

    def waiting_for(self, side):
        """The agreements that wait for `side` to act (workflow.WAITING_FOR), with
        `renewal_started`: a renewal due waits only until its renewal has been started."""
        return (
            self.with_renewal_state()
            .filter(status__in=list(workflow.WAITING_FOR.get(side, {})))
            .exclude(status=Agreement.Status.RENEWAL_DUE, renewal_started=True)
        )

    def not_ended(self):
        """The agreements that have not ended (expired or been renewed): those still
        followed up, and still following the framework."""
        return self.exclude(status__in=Agreement.ENDED)

    def renewals_under_way(self):
        """Renewals that have not lapsed: a renewal that expired unsigned does not count."""
        return self.exclude(status=Agreement.Status.EXPIRED)


class Agreement(models.Model):
    Status = workflow.Status
    EDITABLE = workflow.EDITABLE
    IN_FORCE = workflow.IN_FORCE
    CONCLUDED = workflow.CONCLUDED
    ENDED = workflow.ENDED

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
    def has_ended(self) -> bool:
        return self.status in self.ENDED

    @property
    def prints_as_draft(self) -> bool:
        """Not approved by both sides yet: its PDF says it is a draft."""
        return self.status in workflow.UNAPPROVED

    @property
    def period_label(self) -> str:
        return f"{self.valid_from:%d.%m.%Y}–{self.valid_to:%d.%m.%Y}"

    @property
    def framework_outdated(self) -> bool:
        """Whether a newer framework version exists than the one the agreement copies.
        Needs `with_framework_state()`."""
        if self.has_ended:
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
        return str(workflow.WAITING_FOR.get(side, {}).get(self.status, ""))

    def status_explanation(self, *, has_renewal: bool) -> str:
        """Where the agreement stands, in a sentence for its page."""
        return workflow.explanation(
            self.status,
            dates={"valid_from": self.valid_from, "valid_to": self.valid_to},
            has_renewal=has_renewal,
        )


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
        transition = workflow.TRANSITIONS.get(self.action)
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

    @property
    def written_for_centre(self) -> bool:
        """Whether the author wrote for the centre (a leader) rather than the municipality."""
        return self.author is not None and self.author.is_leader
