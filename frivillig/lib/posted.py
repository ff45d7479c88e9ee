"""Numbers a page posts in its hidden fields (a revision, a version, an id), read one way.

A browser sends what the page rendered: a whole number. Anything else (text, a number
no database column holds, a superscript digit that `str.isdigit()` accepts and `int()`
refuses) was not typed by a person, so it is answered 400 rather than a form error.
"""

from django.core.exceptions import BadRequest

# The largest value of a database integer column (signed 64 bits).
MAX_INTEGER = 2**63 - 1


def whole_number(value) -> int | None:
    """`value` as a non-negative whole number a column can hold, or None."""
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if number <= MAX_INTEGER else None


def posted_int(request, name: str) -> int:
    number = whole_number(request.POST.get(name, ""))
    if number is None:
        raise BadRequest(f"{name}: not a whole number")
    return number
