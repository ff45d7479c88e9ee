"""The coordinator's changes to a saved deck: the only way a deck or its slides change.
Keyword-only, in a transaction, taking `now=`; each marks the deck as changed."""

from django.db import transaction
from django.db.models import F, Max

from ..models import Deck, Question, Slide
from . import files
from .build import CHARTED_KINDS, TYPED_KINDS

Kind = Slide.Kind


def default_rows(survey, results) -> list[tuple[str, int | None]]:
    """(kind, source) of the deck a saved one starts from: as the default deck."""
    rows = [(Kind.WELCOME, None)]
    if survey.meeting_id:
        rows.append((Kind.AGENDA, None))
    rows += [(Kind.QUESTIONS, None), (Kind.SUMMARY, None)]
    rows += [
        (Kind.QUESTION, r.question.pk)
        for r in results.questions
        if (r.kind in CHARTED_KINDS and r.total) or (r.kind in TYPED_KINDS and r.answers)
    ]
    if survey.copied_from_id:
        rows += [
            (Kind.COMPARE, r.question.pk)
            for r in results.questions
            if r.question.copied_from_id and r.question.kind in Question.COUNTED_KINDS
        ]
    rows += [(Kind.CENTRE, centre.pk) for centre in results.centres]
    return rows


@transaction.atomic
def create_deck(*, survey, results, now) -> Deck:
    """The survey's saved deck, made from the default deck; the one already saved if any."""
    deck, created = Deck.objects.get_or_create(
        survey=survey, defaults={"created_at": now, "updated_at": now}
    )
    if created:
        Slide.objects.bulk_create(
            Slide(deck=deck, position=position, kind=kind, source_id=source)
            for position, (kind, source) in enumerate(default_rows(survey, results), 1)
        )
        files.prerender(survey)
    return deck


def _touch(deck: Deck, now) -> None:
    deck.updated_at = now
    deck.save(update_fields=["updated_at"])
    files.prerender(deck.survey)


def _without_cleared_image(fields: dict) -> dict:
    """A form's «clear» box gives False for the image: no image."""
    if fields.get("image") is False:
        fields = {**fields, "image": ""}
    return fields


@transaction.atomic
def add_slide(*, deck, kind, now, source_id=None, after=None, **fields) -> Slide:
    """A new slide at the end, or after the slide `after`."""
    fields = _without_cleared_image(fields)
    if after is not None:
        position = after.position + 1
        deck.slides.filter(position__gte=position).update(position=F("position") + 1)
    else:
        position = (deck.slides.aggregate(last=Max("position"))["last"] or 0) + 1
    slide = Slide.objects.create(
        deck=deck, kind=kind, source_id=source_id, position=position, **fields
    )
    _touch(deck, now)
    return slide


@transaction.atomic
def update_slide(*, slide, now, **fields) -> Slide:
    """`image`: a new upload replaces the image, False (the form's «clear» box) removes
    it, the image it has leaves it as it is."""
    image = fields.pop("image", None)
    # As stored: a bound form has put its upload on the instance already.
    old = Slide.objects.filter(pk=slide.pk).values_list("image", flat=True).first() or ""
    for name, value in fields.items():
        setattr(slide, name, value)
    if image is False or (image and getattr(image, "name", "") != old):
        slide.image = image or ""
    slide.save()
    if old and slide.image.name != old:
        slide.image.storage.delete(old)
    _touch(slide.deck, now)
    return slide


@transaction.atomic
def set_hidden(*, slide, hidden: bool, now) -> Slide:
    slide.hidden = hidden
    slide.save(update_fields=["hidden"])
    _touch(slide.deck, now)
    return slide


@transaction.atomic
def move_slide(*, slide, up: bool, now) -> None:
    """One place up or down: the rows are renumbered 1..n in their order, then the slide
    swaps with its neighbour (nothing at either end)."""
    rows = list(slide.deck.slides.order_by("position", "pk"))
    index = next(i for i, row in enumerate(rows) if row.pk == slide.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(rows):
        rows[index], rows[other] = rows[other], rows[index]
    for position, row in enumerate(rows, 1):
        if row.position != position:
            row.position = position
            row.save(update_fields=["position"])
    _touch(slide.deck, now)


@transaction.atomic
def delete_slide(*, slide, now) -> None:
    deck = slide.deck
    if slide.image:
        slide.image.delete(save=False)
    slide.delete()
    _touch(deck, now)
