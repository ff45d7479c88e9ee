"""Plans, their numbered goals and strategies, the strategies' focus areas, and the
measures that carry the goals out."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, ExpressionWrapper, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Municipality

from .hearing import Hearing


class PlanQuerySet(models.QuerySet):
    def for_page(self):
        """The plan with what its page shows beside the goals and the measures, which
        the page reads a page at a time (Goal.objects.as_tree(), Measure.objects)."""
        return self.select_related("municipality", "parent").prefetch_related(
            models.Prefetch("hearings", queryset=Hearing.objects.with_counts()),
        )


class Plan(models.Model):
    class Kind(models.TextChoices):
        # In the order of the plan system, from the most overarching to the operative.
        MASTER = "master", _("Kommuneplanens samfunnsdel")
        STRATEGY = "strategy", _("Strategi")
        SUB_PLAN = "sub_plan", _("Kommunedelplan")
        THEMATIC = "thematic", _("Temaplan")
        ACTION = "action", _("Handlings- og økonomiplan")
        UNIT = "unit", _("Virksomhetsplan")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Under arbeid")
        HEARING = "hearing", _("På høring")
        IN_TREATMENT = "in_treatment", _("Til politisk behandling")
        ADOPTED = "adopted", _("Vedtatt")
        EXPIRED = "expired", _("Utgått")

    # Seed 004: "En strategi er mer overordnet enn en temaplan og har ikke tiltak".
    # Measures are chosen and carried out in these plans only.
    MEASURE_KINDS = (Kind.THEMATIC, Kind.ACTION, Kind.UNIT)

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommune"), on_delete=models.PROTECT, related_name="plans"
    )
    kind = models.CharField(_("plantype"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("tittel"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("fra år"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("til år"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    owner = models.CharField(
        _("eier"),
        max_length=200,
        blank=True,
        help_text=_("Enheten eller avdelingen som eier planen."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("overordnet plan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
    )
    document_url = models.URLField(_("lenke til vedtatt dokument"), blank=True)
    purpose = models.TextField(_("formål"), blank=True, help_text=_("Én linje per punkt."))
    description = models.TextField(_("beskrivelse"), blank=True)
    decision_body = models.CharField(
        _("politisk behandling i"),
        max_length=200,
        blank=True,
        help_text=_("For eksempel «Hovedutvalg for helse og omsorg»."),
    )
    decision_date = models.DateField(_("behandlet eller vedtatt"), null=True, blank=True)
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)

    objects = PlanQuerySet.as_manager()

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("planer")
        ordering = ["municipality__name", "title"]

    def __str__(self):
        return f"{self.title} ({self.period_label})" if self.period_label else self.title

    def get_absolute_url(self):
        return reverse("plans:detail", args=[self.pk])

    def clean(self):
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("Sluttåret kan ikke være før startåret.")})
        if self.parent_id:
            if self.parent_id == self.pk:
                raise ValidationError(
                    {"parent": _("En plan kan ikke være sin egen overordnede plan.")}
                )
            if self.municipality_id and self.parent.municipality_id != self.municipality_id:
                raise ValidationError(
                    {"parent": _("Den overordnede planen må høre til samme kommune.")}
                )

    @property
    def period_label(self) -> str:
        if self.start_year and self.end_year:
            return f"{self.start_year}–{self.end_year}"
        if self.end_year:
            return _("fram mot %(year)s") % {"year": self.end_year}
        if self.start_year:
            return _("fra %(year)s") % {"year": self.start_year}
        return ""

    @property
    def holds_measures(self) -> bool:
        return self.kind in self.MEASURE_KINDS

    @property
    def level(self) -> int:
        return list(self.Kind.values).index(self.kind)


class GoalQuerySet(models.QuerySet):
    def for_page(self):
        """The goal page: its plan, strategies with focus areas, and the measures that
        carry it out. The agreement clauses that follow the goal up depend on who reads
        the page (agreements.access.visible_agreements), so the view reads them in two
        queries of their own, and the framework's clauses anchored to it in one."""
        return self.select_related("plan__municipality").prefetch_related(
            "strategies__focus_areas",
            models.Prefetch(
                "measures",
                queryset=Measure.objects.select_related("plan", "goal", "strategy__goal"),
            ),
        )

    def as_tree(self):
        """Goals with their strategies and those's focus areas, in two more queries.
        Lists (to_attr) rather than managers: Django builds a queryset per goal and per
        strategy for a prefetched manager, which was a fifth of the plan page for a plan
        of 300 goals."""
        areas = models.Prefetch(
            "focus_areas", queryset=FocusArea.objects.all(), to_attr="focus_area_list"
        )
        strategies = Strategy.objects.prefetch_related(areas)
        return self.prefetch_related(
            models.Prefetch("strategies", queryset=strategies, to_attr="strategy_list")
        )

    def with_progress(self):
        """Whether any measure carries the goal out and whether any centre works for it,
        directly or through one of its strategies: two EXISTS columns, one query.

        The centres' period goals point to goals and strategies (`centre_goals`); plans
        sits below centres, so it reads the links through those relations rather than
        importing the centres' models."""
        # Two EXISTS on the link tables rather than one on PeriodGoal with an OR across
        # both joins, which PostgreSQL can only answer by scanning every period goal.
        by_goal = Goal.centre_goals.through.objects.filter(goal=OuterRef("pk"))
        by_strategy = Strategy.centre_goals.through.objects.filter(strategy__goal=OuterRef("pk"))
        return self.annotate(
            has_measure=Exists(Measure.objects.filter(goal=OuterRef("pk"))),
            has_centre=ExpressionWrapper(
                Q(Exists(by_goal)) | Q(Exists(by_strategy)), output_field=models.BooleanField()
            ),
        )


class Goal(models.Model):
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="goals"
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    title = models.CharField(_("mål"), max_length=300)
    description = models.TextField(_("beskrivelse"), blank=True)

    objects = GoalQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="goal_number_unique",
                violation_error_message=_("Planen har allerede et mål med dette nummeret."),
            ),
        ]

    def __str__(self):
        return _("Mål %(number)s: %(title)s") % {"number": self.number, "title": self.title}

    def get_absolute_url(self):
        return reverse("plans:goal", args=[self.pk])


class Strategy(models.Model):
    goal = models.ForeignKey(
        Goal, verbose_name=_("mål"), on_delete=models.CASCADE, related_name="strategies"
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    text = models.CharField(_("strategi"), max_length=300)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("strategi")
        verbose_name_plural = _("strategier")
        ordering = ["goal", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "number"],
                name="strategy_number_unique",
                violation_error_message=_("Målet har allerede en strategi med dette nummeret."),
            ),
        ]

    def __str__(self):
        return _("Mål %(goal)s, strategi %(number)s: %(text)s") % {
            "goal": self.goal.number,
            "number": self.number,
            "text": self.text,
        }

    def get_absolute_url(self):
        return f"{self.goal.get_absolute_url()}#strategi-{self.number}"


class FocusArea(models.Model):
    """What must be looked after when a strategy is turned into measures."""

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategi"), on_delete=models.CASCADE, related_name="focus_areas"
    )
    order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)
    text = models.CharField(_("innsatsområde"), max_length=300)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("innsatsområde")
        verbose_name_plural = _("innsatsområder")
        ordering = ["strategy", "order", "pk"]

    def __str__(self):
        return self.text


class MeasureQuerySet(models.QuerySet):
    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(deadline__lt=today).exclude(
            status__in=[Measure.Status.DONE, Measure.Status.CANCELLED]
        )


class Measure(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planlagt")
        IN_PROGRESS = "in_progress", _("Pågår")
        DONE = "done", _("Gjennomført")
        CANCELLED = "cancelled", _("Avlyst")

    plan = models.ForeignKey(
        Plan,
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="measures",
        help_text=_(
            "Temaplanen, handlings- og økonomiplanen eller virksomhetsplanen tiltaket står i."
        ),
    )
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("mål tiltaket følger opp"),
        on_delete=models.PROTECT,
        related_name="measures",
    )
    strategy = models.ForeignKey(
        Strategy,
        verbose_name=_("strategi tiltaket følger opp"),
        on_delete=models.PROTECT,
        related_name="measures",
        null=True,
        blank=True,
    )
    text = models.CharField(_("tiltak"), max_length=300)
    responsible = models.CharField(_("ansvarlig enhet"), max_length=200, blank=True)
    deadline = models.DateField(_("frist"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    progress_notes = models.TextField(
        _("fremdrift"), blank=True, help_text=_("Én linje per punkt, nyeste først.")
    )

    objects = MeasureQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tiltak")
        verbose_name_plural = _("tiltak")
        ordering = [models.F("deadline").asc(nulls_last=True), "text"]

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return self.goal.get_absolute_url()

    def clean(self):
        super().clean()
        errors = {}
        if self.plan_id and not self.plan.holds_measures:
            errors["plan"] = _(
                "%(kind)s har ikke tiltak. Tiltak hører hjemme i en temaplan, en handlings- "
                "og økonomiplan eller en virksomhetsplan."
            ) % {"kind": self.plan.get_kind_display()}
        if self.strategy_id and self.goal_id and self.strategy.goal_id != self.goal_id:
            errors["strategy"] = _("Strategien må høre til målet tiltaket følger opp.")
        if (
            self.plan_id
            and self.goal_id
            and self.goal.plan.municipality_id != self.plan.municipality_id
        ):
            errors["goal"] = _("Målet må høre til samme kommune som planen.")
        if errors:
            raise ValidationError(errors)

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return (
            self.deadline is not None
            and self.deadline < today
            and self.status not in (self.Status.DONE, self.Status.CANCELLED)
        )
