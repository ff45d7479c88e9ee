"""The deck's part of the URL access matrix (tests/security/test_url_access.py): its rows,
the objects behind its URLs (a saved deck of Skien's published round with an own slide
that has an image, and a data slide), and the arguments and posts each pattern is
requested with. The open round has no saved deck: the coordinator saves one."""

import io
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from surveys.models import Deck, Slide

from ..conftest import ROLES


def row(cells: str) -> dict[str, str]:
    return dict(zip(ROLES, cells.split(), strict=True))


PUBLISHED = row("login 200 404 200 200 200 200")
OPEN = row("login 200 404 403 403 404 200")
EDIT_GET = row("login 200 404 403 403 403 200")
EDIT_POST = row("login 302+ 404 403 403 403 302+")
NO_GET = row("login 405 405 405 405 405 405")

#     verb[ variant]: anon  coord  other  leadA  leadB  reader admin
DECK_MATRIX = {
    # Whoever reads the results sees, presents and downloads the deck.
    "surveys:deck": {"GET published": PUBLISHED, "GET": OPEN},
    "surveys:deck_present": {"GET published": PUBLISHED, "GET": OPEN},
    "surveys:deck_pdf": {"GET published": PUBLISHED},
    "surveys:deck_pptx": {"GET published": PUBLISHED},
    "surveys:deck_image": {"GET published": PUBLISHED},
    # Only the coordinator edits it.
    "surveys:deck_edit": {"GET published": EDIT_GET, "GET": OPEN},
    "surveys:deck_start": {"GET": NO_GET, "POST": row("login 302+ 404 403 403 404 302+")},
    "surveys:deck_add": {"GET": NO_GET, "POST published": EDIT_POST},
    "surveys:deck_add_data": {"GET": NO_GET, "POST published": EDIT_POST},
    "surveys:deck_slide": {"GET published": EDIT_GET, "POST published": EDIT_POST},
    "surveys:deck_slide_move": {"GET": NO_GET, "POST published": EDIT_POST},
    "surveys:deck_slide_hide": {"GET": NO_GET, "POST published": EDIT_POST},
    "surveys:deck_slide_delete": {"GET": NO_GET, "POST published": EDIT_POST},
}


def png_bytes(size=(40, 30), colour=(18, 53, 91)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def deck_media(settings, tmp_path):
    """The deck's images are stored under a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "deck-media"


def make_deck(published) -> SimpleNamespace:
    """A saved deck of the published round: an own slide with an image, then facts."""
    now = timezone.now()
    deck = Deck.objects.create(survey=published, created_at=now, updated_at=now)
    own = Slide(deck=deck, position=1, kind=Slide.Kind.OWN, title="Velkommen", body="- Hei")
    own.image_alt = "Skien rådhus"
    own.image.save("lysbilde.png", ContentFile(png_bytes()), save=False)
    own.save()
    Slide.objects.create(deck=deck, position=2, kind=Slide.Kind.FACTS)
    return SimpleNamespace(deck=deck, own=own)


def deck_args(deck, survey) -> dict:
    """`deck`: make_deck()'s namespace; `survey`: the variant's survey."""
    own = deck.own.pk
    return {
        "surveys:deck_image": [survey.pk, own],
        "surveys:deck_slide": [survey.pk, own],
        "surveys:deck_slide_move": [survey.pk, own, "ned"],
        "surveys:deck_slide_hide": [survey.pk, own],
        "surveys:deck_slide_delete": [survey.pk, own],
    }


def deck_data() -> dict:
    slide = {"title": "Nasjonale ressurser", "body": "- KS", "image_alt": "", "notes": ""}
    return {
        "surveys:deck_add": lambda: slide,
        "surveys:deck_add_data": lambda: {"option": "facts:"},
        "surveys:deck_slide": lambda: {**slide, "title": "Velkommen alle", "image_alt": "Rådhus"},
        "surveys:deck_slide_hide": lambda: {"hidden": "1"},
    }
