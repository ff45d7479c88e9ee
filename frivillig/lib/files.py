from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header
from django.utils.text import slugify

NORWEGIAN_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def ascii_filename(text: str, extension: str, *, fallback: str) -> str:
    """A download's file name in ASCII, Norwegian letters spelled out rather than dropped:
    "Frogner nærmiljøsenter" → frogner-naermiljosenter.pdf."""
    return f"{slugify(text.translate(NORWEGIAN_LETTERS)) or fallback}.{extension}"


def attachment(body, *, content_type: str, filename: str, streaming: bool = False):
    """A download: `body` (bytes, text, or an iterable of lines when `streaming`) as the
    file `filename`, with the header Django writes for it (content_disposition_header
    quotes the name, and writes a UTF-8 filename* when the name is not ASCII)."""
    response_class = StreamingHttpResponse if streaming else HttpResponse
    response = response_class(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
