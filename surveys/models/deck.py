"""The saved deck of a survey's dialogue meeting: the slides the coordinator has chosen,
in her order, some hidden, with her notes. A slide either shows the portal's data (the
agenda, a question's summary, a centre, a plan's goal…, read afresh each time it is
shown) or is her own (a title, Markdown text, perhaps an image)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .survey import Survey


class Deck(models.Model):
    survey = models.OneToOneField(
        Survey, verbose_name=_("undersøkelse"), on_delete=models.CASCADE, related_name="deck"
    )
    created_at = models.DateTimeField(_("opprettet"))
    updated_at = models.DateTimeField(_("sist endret"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("presentasjon")
        verbose_name_plural = _("presentasjoner")

    def __str__(self):
        return str(self.survey)


class Slide(models.Model):
    class Kind(models.TextChoices):
        WELCOME = "welcome", _("Velkommen")
        AGENDA = "agenda", _("Agenda")
        OWN = "own", _("Eget lysbilde")
        FACTS = "facts", _("Kommunen i tall")
        PLAN = "plan", _("En plans formål")
        GOAL = "goal", _("Et mål med delmål")
        STRATEGY = "strategy", _("En strategi")
        INTERACTION = "interaction", _("Den formelle samhandlingen")
        QUESTIONS = "questions", _("Spørsmålene i undersøkelsen")
        SUMMARY = "summary", _("Oppsummering av svarene")
        QUESTION = "question", _("Oppsummering av ett spørsmål")
        CENTRE = "centre", _("En sentral")
        COMPARE = "compare", _("Sammenligning med forrige runde")

    # The kinds whose source_id names an object: a question, a centre, a plan, a goal,
    # a strategy.
    SOURCED_KINDS = (Kind.PLAN, Kind.GOAL, Kind.STRATEGY, Kind.QUESTION, Kind.CENTRE)

    class Detail(models.TextChoices):
        FULL = "full", _("Alle lysbildene")
        SUMMARY = "summary", _("Ett sammendrag")

    deck = models.ForeignKey(
        Deck, verbose_name=_("presentasjon"), on_delete=models.CASCADE, related_name="slides"
    )
    position = models.PositiveIntegerField(_("plassering"), default=0)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    hidden = models.BooleanField(_("skjult"), default=False)
    title = models.CharField(_("tittel"), max_length=200, blank=True)
    body = models.TextField(
        _("tekst"),
        blank=True,
        help_text=_("Markdown: # overskrift, - punkt, **fet**, [lenke](https://…)."),
    )
    image = models.FileField(_("bilde"), upload_to="deck/", blank=True)
    image_alt = models.CharField(_("bildetekst for skjermlesere"), max_length=200, blank=True)
    notes = models.TextField(_("notater til foredragsholder"), blank=True)
    source_id = models.PositiveIntegerField(_("kilde"), null=True, blank=True)
    detail = models.CharField(
        _("detaljnivå"), max_length=10, choices=Detail.choices, default=Detail.FULL
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lysbilde")
        verbose_name_plural = _("lysbilder")
        ordering = ["deck", "position", "pk"]

    def __str__(self):
        return self.title or self.get_kind_display()


class DeckFile(models.Model):
    """A deck's PDF or PowerPoint file as rendered in the background, kept where every app
    server sees it (the database), under a hash of what the file shows: a changed deck or
    changed results give another key, and the file is made again."""

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        PPTX = "pptx", "PowerPoint"

    survey = models.ForeignKey(
        Survey, verbose_name=_("undersøkelse"), on_delete=models.CASCADE, related_name="deck_files"
    )
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    key = models.CharField(_("nøkkel"), max_length=64)
    # None while the file is being made.
    data = models.BinaryField(_("fil"), null=True, blank=True)
    created_at = models.DateTimeField(_("laget"))

    class Meta:
        verbose_name = _("fil av presentasjonen")
        verbose_name_plural = _("filer av presentasjonen")
        constraints = [
            models.UniqueConstraint(fields=["survey", "format", "key"], name="deck_file_unique")
        ]

    def __str__(self):
        return f"{self.survey} ({self.format})"
