from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Municipality(models.Model):
    """A municipality: it owns its centres, meetings and, later, surveys and agreements."""

    name = models.CharField(_("navn"), max_length=100, unique=True)
    slug = models.SlugField(_("kortnavn"), unique=True)
    # The formal interaction with the centres: one common meeting and one visit to
    # each centre a year, in the quarters given here (seed 000: Q1 and Q3).
    common_meeting_quarter = models.PositiveSmallIntegerField(
        _("kvartal for fellesmøtet"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )
    visit_quarter = models.PositiveSmallIntegerField(
        _("kvartal for besøk til hver sentral"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )
    facts = models.TextField(
        _("fakta om frivilligheten"),
        blank=True,
        help_text=_("Én linje per punkt, vises på oversikten."),
    )

    class Meta:
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")
        ordering = ["name"]

    def __str__(self):
        return self.name


class User(AbstractUser):
    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Frivillighetskoordinator")
        LEADER = "leader", _("Daglig leder")
        READER = "reader", _("Leser")

    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommune"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    centre = models.ForeignKey(
        "centres.Centre",
        verbose_name=_("frivilligsentral"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="leaders",
        help_text=_("Sentralen en daglig leder hører til."),
    )
    # Set when an administrator anonymises the person (accounts/services.py): the account
    # stays, so what the person wrote keeps its author, but it names nobody.
    anonymised_at = models.DateTimeField(_("anonymisert"), null=True, blank=True, editable=False)
    anonymised_by = models.ForeignKey(
        "self",
        verbose_name=_("anonymisert av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        verbose_name = _("bruker")
        verbose_name_plural = _("brukere")
        constraints = [
            models.CheckConstraint(
                name="leader_has_centre",
                condition=~models.Q(role="leader") | models.Q(centre__isnull=False),
                violation_error_message=_("En daglig leder må høre til en frivilligsentral."),
            ),
        ]

    def get_full_name(self):
        if self.anonymised_at:
            return str(_("Anonymisert bruker"))
        return super().get_full_name()

    @property
    def is_coordinator(self) -> bool:
        return self.role == self.Role.COORDINATOR

    @property
    def is_leader(self) -> bool:
        return self.role == self.Role.LEADER

    @property
    def is_reader(self) -> bool:
        return self.role == self.Role.READER

    def clean(self):
        super().clean()
        if self.centre_id and self.municipality_id != self.centre.municipality_id:
            raise ValidationError({"centre": _("Sentralen må ligge i brukerens kommune.")})
