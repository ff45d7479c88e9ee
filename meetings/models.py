import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality


def quarter_end(year: int, quarter: int) -> datetime.date:
    if quarter == 4:
        return datetime.date(year, 12, 31)
    return datetime.date(year, quarter * 3 + 1, 1) - datetime.timedelta(days=1)


class MeetingQuerySet(models.QuerySet):
    def in_year(self, year: int):
        return self.filter(date__year=year)

    def upcoming(self, today: datetime.date):
        return self.filter(date__gte=today).order_by("date", "start_time")

    def with_details(self):
        return self.select_related("municipality").prefetch_related("centres")


class Meeting(models.Model):
    class Kind(models.TextChoices):
        COMMON = "common", _("Fellesmøte")
        VISIT = "visit", _("Besøk på sentralen")
        DIALOGUE = "dialogue", _("Dialogmøte")
        FORUM = "forum", _("Nærmiljøforum")

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommune"), on_delete=models.PROTECT, related_name="meetings"
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("tittel"), max_length=200)
    date = models.DateField(_("dato"))
    start_time = models.TimeField(_("fra klokken"), null=True, blank=True)
    end_time = models.TimeField(_("til klokken"), null=True, blank=True)
    location = models.CharField(_("sted"), max_length=200, blank=True)
    centres = models.ManyToManyField(
        "centres.Centre", verbose_name=_("frivilligsentraler"), related_name="meetings", blank=True
    )
    notes = models.TextField(_("referat og notater"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("møte")
        verbose_name_plural = _("møter")
        ordering = ["-date", "-start_time"]
        indexes = [models.Index(fields=["municipality", "date"])]

    def __str__(self):
        return f"{self.title} ({self.date:%d.%m.%Y})"

    def get_absolute_url(self):
        return reverse("meetings:detail", args=[self.pk])

    def clean(self):
        super().clean()
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError(
                {"end_time": _("Sluttidspunktet må være etter starttidspunktet.")}
            )


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)
    title = models.CharField(_("punkt"), max_length=200)
    presenter = models.CharField(_("ved"), max_length=150, blank=True)
    is_break = models.BooleanField(_("pause"), default=False)

    class Meta:
        verbose_name = _("agendapunkt")
        verbose_name_plural = _("agenda")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title


class FollowUpQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done=False)

    def with_overdue(self, today: datetime.date):
        """Each follow-up with `is_overdue`: not done and its deadline passed before
        `today`. The one rule for «Forfalt», wherever follow-ups are listed."""
        return self.annotate(
            is_overdue=models.ExpressionWrapper(
                models.Q(done=False, due_date__lt=today), output_field=models.BooleanField()
            )
        )


class FollowUp(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="follow_ups")
    text = models.CharField(_("oppfølgingspunkt"), max_length=300)
    responsible = models.CharField(_("ansvarlig"), max_length=150, blank=True)
    due_date = models.DateField(_("frist"), null=True, blank=True)
    done = models.BooleanField(_("utført"), default=False)
    done_note = models.TextField(_("hva som ble gjort"), blank=True)
    done_on = models.DateField(_("lukket"), null=True, blank=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("oppfølgingspunkt")
        verbose_name_plural = _("oppfølgingspunkter")
        ordering = ["done", "due_date", "pk"]

    def __str__(self):
        return self.text
