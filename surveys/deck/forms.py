"""The coordinator's forms for the deck: her own slide (title, Markdown, image, notes)
and a data slide's title, notes and level of detail."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Slide

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg"}


def check_image(upload) -> str:
    """The upload's extension from its content ("png", "jpg"); ValidationError for
    anything but a PNG or JPEG of at most 5 MB and a sane number of pixels."""
    from PIL import Image, UnidentifiedImageError

    if upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(_("Bildet kan være på høyst 5 MB."), code="too_large")
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            kind = image.format
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ValidationError(_("Bildet har for mange piksler."), code="too_many_pixels")
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as error:
        raise ValidationError(
            _("Filen er ikke et bilde i PNG- eller JPEG-format."), code="not_image"
        ) from error
    finally:
        upload.seek(0)
    if kind not in IMAGE_FORMATS:
        raise ValidationError(_("Filen er ikke et bilde i PNG- eller JPEG-format."), code="format")
    return IMAGE_FORMATS[kind]


class OwnSlideForm(forms.ModelForm):
    class Meta:
        model = Slide
        fields = ["title", "body", "image", "image_alt", "notes"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 8}),
            "notes": forms.Textarea(attrs={"rows": 4}),
            "image": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
        }
        help_texts = {
            "image": gettext_lazy("PNG eller JPEG, høyst 5 MB."),
            "notes": gettext_lazy(
                "Vises bare i foredragsholdervisningen og som notater i PowerPoint."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = True

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if image and hasattr(image, "content_type"):  # a new upload
            extension = check_image(image)
            image.name = f"lysbilde.{extension}"
        return image

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("image") and not (cleaned.get("image_alt") or "").strip():
            self.add_error("image_alt", _("Skriv hva bildet viser, for dem som ikke ser det."))
        return cleaned


class DataSlideForm(forms.ModelForm):
    """A slide from the portal's data: another title if wanted, notes, and for a centre
    the level of detail."""

    class Meta:
        model = Slide
        fields = ["title", "notes", "detail"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4}), "detail": forms.RadioSelect}
        help_texts = {
            "title": gettext_lazy("La stå tomt for å bruke tittelen fra portalen."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.kind != Slide.Kind.CENTRE:
            del self.fields["detail"]
