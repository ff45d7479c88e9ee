"""What Enhetsregisteret says about a centre, and the differences from what the portal
holds, which the coordinator accepts or rejects (nothing is written silently)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from centres.models import Centre


class RegisterRecord(models.Model):
    centre = models.OneToOneField(
        Centre, verbose_name=_("frivilligsentral"), on_delete=models.CASCADE, related_name="+"
    )
    host_org_number = models.CharField(
        _("vertsorganisasjonens organisasjonsnummer"),
        max_length=9,
        blank=True,
        help_text=_("For en sentral uten eget organisasjonsnummer."),
    )
    looked_up = models.CharField(_("slått opp på"), max_length=9, blank=True)
    registered_name = models.CharField(_("registrert navn"), max_length=300, blank=True)
    organisation_form = models.CharField(_("organisasjonsform"), max_length=200, blank=True)
    street_address = models.CharField(_("forretningsadresse"), max_length=300, blank=True)
    postal_code = models.CharField(_("postnummer"), max_length=10, blank=True)
    postal_place = models.CharField(_("poststed"), max_length=100, blank=True)
    in_frivillighetsregisteret = models.BooleanField(
        _("registrert i Frivillighetsregisteret"), null=True
    )
    latest_accounts = models.CharField(_("siste innsendte årsregnskap"), max_length=10, blank=True)
    bankrupt = models.BooleanField(_("konkurs"), default=False)
    winding_up = models.BooleanField(_("under avvikling"), default=False)
    forced_dissolution = models.BooleanField(
        _("under tvangsavvikling eller tvangsoppløsning"), default=False
    )
    board = models.JSONField(_("roller"), default=list, blank=True)
    fetched_at = models.DateTimeField(_("hentet"), null=True, blank=True)

    class Meta:
        verbose_name = _("opplysninger fra Enhetsregisteret")
        verbose_name_plural = _("opplysninger fra Enhetsregisteret")

    def __str__(self):
        return str(self.centre)

    @property
    def flags(self) -> list[str]:
        flags = []
        if self.bankrupt:
            flags.append(str(_("konkurs")))
        if self.winding_up:
            flags.append(str(_("under avvikling")))
        if self.forced_dissolution:
            flags.append(str(_("under tvangsavvikling eller tvangsoppløsning")))
        return flags

    @property
    def address(self) -> str:
        place = " ".join(p for p in (self.postal_code, self.postal_place) if p)
        return ", ".join(p for p in (self.street_address, place) if p)


class RegisterDifference(models.Model):
    class Field(models.TextChoices):
        ADDRESS = "address", _("Adresse")

    class Decision(models.TextChoices):
        PENDING = "pending", _("Venter")
        ACCEPTED = "accepted", _("Godtatt")
        REJECTED = "rejected", _("Avvist")

    centre = models.ForeignKey(
        Centre, verbose_name=_("frivilligsentral"), on_delete=models.CASCADE, related_name="+"
    )
    field = models.CharField(_("felt"), max_length=20, choices=Field.choices)
    portal_value = models.CharField(_("i portalen"), max_length=400, blank=True)
    register_value = models.CharField(_("i registeret"), max_length=400)
    # The register's value in the fields it is written to when accepted.
    values = models.JSONField(default=dict)
    decision = models.CharField(
        _("avgjørelse"), max_length=20, choices=Decision.choices, default=Decision.PENDING
    )
    found_at = models.DateTimeField(_("funnet"))
    decided_at = models.DateTimeField(_("avgjort"), null=True, blank=True)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("avvik fra Enhetsregisteret")
        verbose_name_plural = _("avvik fra Enhetsregisteret")
        ordering = ["-found_at", "pk"]

    def __str__(self):
        return f"{self.centre}: {self.get_field_display()}"

    @property
    def is_pending(self) -> bool:
        return self.decision == self.Decision.PENDING
