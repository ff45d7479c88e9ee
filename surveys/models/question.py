"""A question of a survey: its kind, its options or scale, and when it is asked."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .survey import Survey


class QuestionQuerySet(models.QuerySet):
    def in_order(self):
        return self.order_by("order", "pk")


class Question(models.Model):
    class Kind(models.TextChoices):
        SHORT_TEXT = "short_text", _("Kort tekst")
        LONG_TEXT = "long_text", _("Lang tekst")
        RANKED = "ranked", _("Rangert liste")
        YES_NO = "yes_no", _("Ja/nei")
        SINGLE = "single", _("Ett valg")
        MULTIPLE = "multiple", _("Flere valg")
        SCALE = "scale", _("Skala")
        NUMBER = "number", _("Tall")
        DATE = "date", _("Dato")

    # Kinds answered among given options (counted in the results, and the ones a
    # follow-up can depend on: option_values), and kinds answered with a list.
    COUNTED_KINDS = (Kind.YES_NO, Kind.SINGLE, Kind.MULTIPLE, Kind.SCALE)
    LIST_KINDS = (Kind.RANKED, Kind.MULTIPLE)
    TEXT_KINDS = (Kind.SHORT_TEXT, Kind.LONG_TEXT)
    COMMENT_KINDS = (Kind.YES_NO, Kind.SINGLE, Kind.MULTIPLE)
    COMMENT_MAX_LENGTH = 4000
    YES, NO = "yes", "no"
    # The value a choice answer holds when «Annet (skriv inn)» is chosen; the typed text
    # is the answer's `other`. Never an option a coordinator can write (see the form).
    OTHER = "__annet__"
    SCALE_RANGE = range(1, 6)  # the default scale, 1–5
    SCALE_STARTS = (0, 1)
    SCALE_ENDS = range(3, 11)
    # Which fields of the builder each kind uses (the rest are cleared on save).
    KIND_FIELDS = {
        Kind.SHORT_TEXT: ("max_length",),
        Kind.LONG_TEXT: ("max_length",),
        Kind.RANKED: ("rank_count", "max_length"),
        Kind.YES_NO: ("allow_comment",),
        Kind.SINGLE: ("choices", "allow_other", "allow_comment"),
        Kind.MULTIPLE: ("choices", "allow_other", "allow_comment"),
        Kind.SCALE: ("scale_min", "scale_max", "scale_low", "scale_high"),
        Kind.NUMBER: ("unit", "number_min", "number_max"),
        Kind.DATE: (),
    }
    DEFAULT_MAX_LENGTH = {Kind.SHORT_TEXT: 200, Kind.LONG_TEXT: 4000, Kind.RANKED: 200}

    survey = models.ForeignKey(
        Survey,
        verbose_name=_("undersøkelse"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)
    kind = models.CharField(_("spørsmålstype"), max_length=20, choices=Kind.choices)
    text = models.CharField(_("spørsmål"), max_length=300)
    help_text = models.CharField(_("hjelpetekst"), max_length=500, blank=True)
    required = models.BooleanField(_("må besvares"), default=True)
    rank_count = models.PositiveSmallIntegerField(
        _("antall i rangert liste"),
        default=3,
        help_text=_("Hvor mange punkter sentralen skal nevne, for eksempel 3."),
    )
    choices = models.JSONField(
        _("svaralternativer"), default=list, blank=True, help_text=_("Ett alternativ per linje.")
    )
    max_length = models.PositiveIntegerField(
        _("maks antall tegn"), null=True, blank=True, help_text=_("Tomt gir standard grense.")
    )
    allow_other = models.BooleanField(
        _("med «Annet (skriv inn)»"),
        default=False,
        help_text=_("Til slutt i listen et valg der sentralen skriver inn sitt eget svar."),
    )
    # «Utdyp gjerne»: a comment beside any answer of a yes/no or choice question.
    allow_comment = models.BooleanField(
        _("Be om utdyping ved alle svar"),
        default=False,
        help_text=_("Under svaret et valgfritt felt der sentralen kan utdype, uansett svar."),
    )
    scale_min = models.PositiveSmallIntegerField(_("skalaen starter på"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("skalaen slutter på"), default=5)
    scale_low = models.CharField(
        _("ord for laveste verdi"), max_length=60, blank=True, help_text=_("Tomt: «svært lite».")
    )
    scale_high = models.CharField(
        _("ord for høyeste verdi"), max_length=60, blank=True, help_text=_("Tomt: «svært mye».")
    )
    unit = models.CharField(
        _("enhet"), max_length=40, blank=True, help_text=_("For eksempel «timer» eller «kr».")
    )
    number_min = models.IntegerField(_("minste tall"), null=True, blank=True)
    number_max = models.IntegerField(_("største tall"), null=True, blank=True)

    class ProfileField(models.TextChoices):
        TARGET_GROUPS = "target_groups", _("Sentralens målgrupper")
        GOALS = "goals", _("Sentralens mål for perioden")
        PARTNERS = "partners", _("Sentralens samarbeidsaktører")
        CONTACTS = "contacts", _("Sentralens kontaktpersoner")

    # The longest item each profile field holds (centres.models): a bound answer fits.
    PROFILE_ITEM_LENGTHS = {"target_groups": 200, "goals": 300, "partners": 200, "contacts": 150}

    # The answer is the centre's profile: the form opens with it, submitting updates it.
    profile_field = models.CharField(
        _("knyttet til sentralens profil"),
        max_length=30,
        choices=ProfileField.choices,
        blank=True,
        help_text=_(
            "Skjemaet fylles ut med det som står i profilen, og profilen oppdateres når "
            "sentralen sender inn."
        ),
    )
    # A follow-up belongs to an earlier question and, when show_when is set, is only
    # asked when the parent's answer is that value ("yes", "no", a choice or a number).
    parent = models.ForeignKey(
        "self",
        verbose_name=_("hører til spørsmål"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follow_ups",
    )
    show_when = models.CharField(_("vises når svaret er"), max_length=200, blank=True)
    # The same question in the previous round, so rounds can be compared.
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("samme spørsmål i forrige runde"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
    )
    summary = models.TextField(
        _("oppsummering"),
        blank=True,
        help_text=_("Setningen i presentasjonen. Tom: portalen skriver den ut fra svarene."),
    )

    objects = QuestionQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("spørsmål")
        verbose_name_plural = _("spørsmål")
        ordering = ["survey", "order", "pk"]

    def __str__(self):
        return self.text

    @property
    def limit(self) -> int | None:
        limit = self.max_length or self.DEFAULT_MAX_LENGTH.get(self.kind)
        if fits := self.PROFILE_ITEM_LENGTHS.get(self.profile_field):
            return min(limit, fits) if limit else fits
        return limit

    @property
    def scale_range(self) -> range:
        return range(self.scale_min, self.scale_max + 1)

    @property
    def scale_low_label(self) -> str:
        return self.scale_low or str(_("svært lite"))

    @property
    def scale_high_label(self) -> str:
        return self.scale_high or str(_("svært mye"))

    @property
    def offers_other(self) -> bool:
        return self.allow_other and self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE)

    @property
    def takes_comment(self) -> bool:
        return self.allow_comment and self.kind in self.COMMENT_KINDS

    def option_values(self) -> list[str]:
        """The values a condition on this question can take («Annet» is not one)."""
        if self.kind == self.Kind.YES_NO:
            return [self.YES, self.NO]
        if self.kind == self.Kind.SCALE:
            return [str(n) for n in self.scale_range]
        return list(self.choices)

    def clean(self):
        super().clean()
        if self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE) and len(self.choices) < 2:
            raise ValidationError({"choices": _("Skriv minst to svaralternativer.")})
        if self.kind == self.Kind.RANKED and not 1 <= self.rank_count <= 10:
            raise ValidationError({"rank_count": _("Velg mellom 1 og 10 punkter.")})
        if self.kind == self.Kind.SCALE:
            if self.scale_min not in self.SCALE_STARTS:
                raise ValidationError({"scale_min": _("En skala starter på 0 eller 1.")})
            if self.scale_max not in self.SCALE_ENDS:
                raise ValidationError({"scale_max": _("En skala slutter på et tall fra 3 til 10.")})
        low, high = self.number_min, self.number_max
        if self.kind == self.Kind.NUMBER and None not in (low, high) and low > high:
            raise ValidationError(
                {"number_max": _("Det største tallet kan ikke være mindre enn det minste.")}
            )
        if self.parent_id:
            if self.parent.survey_id != self.survey_id or self.parent.parent_id:
                raise ValidationError(
                    {
                        "parent": _(
                            "Et oppfølgingsspørsmål må høre til et hovedspørsmål i undersøkelsen."
                        )
                    }
                )
            if self.show_when and self.show_when not in self.parent.option_values():
                raise ValidationError(
                    {"show_when": _("Velg et av svarene på spørsmålet det hører til.")}
                )
        elif self.show_when:
            raise ValidationError(
                {"show_when": _("Bare et oppfølgingsspørsmål kan vises på betingelse.")}
            )

    def clean_fields(self, exclude=None):
        # A link, checked with the fields for the reason Survey.clean_fields gives.
        super().clean_fields(exclude=exclude)
        if "copied_from" in (exclude or ()) or not (self.copied_from_id and self.survey_id):
            return
        if self.copied_from.survey.municipality_id != self.survey.municipality_id:
            raise ValidationError(
                {"copied_from": _("Spørsmålet i forrige runde må høre til samme kommune.")}
            )

    def is_shown_for(self, parent_answer) -> bool:
        """Whether a follow-up is asked, given the answer to its parent (None: unanswered)."""
        if not self.parent_id or not self.show_when:
            return True
        if parent_answer is None:
            return False
        return self.show_when in parent_answer.values_for_condition()
