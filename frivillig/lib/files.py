from django.utils.text import slugify

NORWEGIAN_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def ascii_filename(text: str, extension: str, *, fallback: str) -> str:
    """A download's file name in ASCII, Norwegian letters spelled out rather than dropped:
    "Frogner nærmiljøsenter" → frogner-naermiljosenter.pdf."""
    return f"{slugify(text.translate(NORWEGIAN_LETTERS)) or fallback}.{extension}"
