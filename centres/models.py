from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Municipality, User
from plans.models import Goal, Strategy

from .validators import validate_org_number


class CentreQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def for_list(self):
        """What a card in the centre list shows."""
        return self.select_related("municipality").prefetch_related("target_groups", "partners")

    def with_profile(self):
        """Everything the centre list and page show, in a fixed number of queries."""
        return self.select_related("municipality").prefetch_related(
            "target_groups",
            "partners",
            "contacts",
            models.Prefetch("goal_periods", queryset=GoalPeriod.objects.prefetch_related("goals")),
            # The municipal goals and strategies each period goal serves: two queries.
            models.Prefetch(
                "goal_periods__goals__municipal_goals",
                queryset=Goal.objects.select_related("plan"),
            ),
            models.Prefetch(
                "goal_periods__goals__municipal_strategies",
                queryset=Strategy.objects.select_related("goal__plan"),
            ),
        )


class Centre(models.Model):
    class OrganisationModel(models.TextChoices):
        MUNICIPAL = "municipal", _("Drevet av kommunen")
        INDEPENDENT = "independent", _("Selvstendig organisasjon")
        SEMI_AUTONOMOUS = "semi_autonomous", _("Semiautonom sentral finansiert av kommunen")

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommune"), on_delete=models.PROTECT, related_name="centres"
    )
    name = models.CharField(_("navn"), max_length=150)
    # Unique across the deployment so a URL names one centre whoever opens it.
    slug = models.SlugField(_("kortnavn"), max_length=80, unique=True)
    org_number = models.CharField(
        _("organisasjonsnummer"),
        max_length=9,
        blank=True,
        validators=[validate_org_number],
        help_text=_("Ni sifre, fra Enhetsregisteret i Brønnøysund. La stå tomt om dere ikke har."),
    )
    district = models.CharField(_("bydel"), max_length=100)
    organisation_model = models.CharField(
        _("organisering"), max_length=20, choices=OrganisationModel.choices
    )
    street_address = models.CharField(_("adresse"), max_length=200, blank=True)
    postal_code = models.CharField(_("postnummer"), max_length=4, blank=True)
    postal_place = models.CharField(_("poststed"), max_length=100, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    website = models.URLField(_("nettside"), blank=True)
    status_note = models.CharField(
        _("statusmerknad"),
        max_length=300,
        blank=True,
        help_text=_("For eksempel «Flyttes fra Menstad til Lie»."),
    )
    cooperation_summary = models.TextField(
        _("samhandling generelt"),
        blank=True,
        help_text=_("Hvordan sentralen samhandler med aktørene. Én linje per punkt."),
    )
    active = models.BooleanField(_("aktiv"), default=True)
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)

    objects = CentreQuerySet.as_manager()

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("frivilligsentral")
        verbose_name_plural = _("frivilligsentraler")
        ordering = ["municipality__name", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("centres:detail", args=[self.slug])

    @property
    def address(self) -> str:
        place = " ".join(part for part in (self.postal_code, self.postal_place) if part)
        return ", ".join(part for part in (self.street_address, place) if part)

    def mail_recipients(self) -> list:
        """Who is written to about the centre: see recipients_by_centre()."""
        return recipients_by_centre([self])[self.pk]

    @property
    def current_goal_period(self):
        """The latest period; relies on the prefetched, ordered goal_periods."""
        periods = list(self.goal_periods.all())
        return periods[0] if periods else None


def recipients_by_centre(centres) -> dict[int, list]:
    """Each centre's active leaders with an address; the centre's own address when it
    has none. One query for all the centres."""
    leaders = {centre.pk: [] for centre in centres}
    for user in User.objects.filter(
        centre__in=list(leaders), role=User.Role.LEADER, is_active=True
    ).exclude(email=""):
        leaders[user.centre_id].append(user)
    return {c.pk: leaders[c.pk] or ([c.email] if c.email else []) for c in centres}


class TargetGroup(models.Model):
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="target_groups")
    rank = models.PositiveSmallIntegerField(_("rangering"))
    name = models.CharField(_("målgruppe"), max_length=200)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("målgruppe")
        verbose_name_plural = _("målgrupper")
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "rank"], name="target_group_rank_unique"),
        ]

    def __str__(self):
        return self.name


class GoalPeriod(models.Model):
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="goal_periods")
    start_year = models.PositiveSmallIntegerField(_("fra år"))
    end_year = models.PositiveSmallIntegerField(_("til år"))
    motto = models.CharField(_("motto"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("målperiode")
        verbose_name_plural = _("målperioder")
        ordering = ["-start_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "start_year", "end_year"],
                name="goal_period_unique",
                violation_error_message=_("Sentralen har allerede mål for denne perioden."),
            ),
        ]

    def __str__(self):
        return self.label

    def clean(self):
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("Sluttåret kan ikke være før startåret.")})

    @property
    def label(self) -> str:
        return f"{self.start_year}–{self.end_year}"


class PeriodGoal(models.Model):
    period = models.ForeignKey(GoalPeriod, on_delete=models.CASCADE, related_name="goals")
    order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)
    text = models.CharField(_("mål"), max_length=300)
    details = models.TextField(_("utdyping"), blank=True, help_text=_("Én linje per punkt."))
    # "Which centres work towards goal 3?": a centre's goal can point to the municipal
    # goals and strategies it serves, in its own municipality only (checked by the form).
    municipal_goals = models.ManyToManyField(
        "plans.Goal",
        verbose_name=_("kommunale mål"),
        blank=True,
        related_name="centre_goals",
    )
    municipal_strategies = models.ManyToManyField(
        "plans.Strategy",
        verbose_name=_("kommunale strategier"),
        blank=True,
        related_name="centre_goals",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mål for perioden")
        verbose_name_plural = _("mål for perioden")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text


class Partner(models.Model):
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="partners")
    order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)
    name = models.CharField(_("samarbeidsaktør"), max_length=200)
    cooperation = models.TextField(
        _("slik foregår samhandlingen"), blank=True, help_text=_("Én linje per punkt.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("samarbeidsaktør")
        verbose_name_plural = _("samarbeidsaktører")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name


class ContactPerson(models.Model):
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="contacts")
    order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)
    name = models.CharField(_("navn"), max_length=150)
    title = models.CharField(_("rolle"), max_length=150, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name
