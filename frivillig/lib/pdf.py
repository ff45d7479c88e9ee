"""PDFs from the portal's templates (WeasyPrint), fetching nothing but the portal's own
static files.

WeasyPrint's own fetcher opens any file:// or http(s):// URL a document names, and
resolves relative ones against base_url. A single unescaped value in a template (an image,
a stylesheet, a `<link rel=attachment>`) would then embed a file of the server in the PDF
or make the server send a request for whoever wrote it. Every PDF goes through
render_pdf(), whose StaticFilesFetcher answers only for STATIC_URL paths, read from the
static files, and for data: URLs; everything else raises, and WeasyPrint leaves it out.
"""

import functools
import hashlib
import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.template.loader import render_to_string

from .urls import site_url

PDF_CACHE_SECONDS = 60 * 60


def static_file(name: str) -> Path | None:
    """The file of the static file `name` ("css/deck.css"), or None: from the source
    folders, as the page gets it in development, else from the collected files (the
    hashed names {% static %} gives in production)."""
    if not name or name.startswith("/") or "\\" in name or "\x00" in name:
        return None
    if posixpath.normpath(name) != name or ".." in name.split("/"):
        return None
    found = finders.find(name)
    if found:
        path = Path(found)
    elif staticfiles_storage.exists(name):
        path = Path(staticfiles_storage.path(name))
    else:
        return None
    return path if path.is_file() else None


def base_url() -> str:
    """Relative URLs in a PDF resolve on the portal's address: {% static %} paths reach
    the fetcher as static URLs, and links in the PDF lead to the portal."""
    return site_url() + "/"


def static_name(url: str) -> str:
    """The name under STATIC_URL ("css/deck.css") of a static file's URL, or "" for
    any other URL."""
    static = urlsplit(urljoin(base_url(), settings.STATIC_URL))
    parts = urlsplit(url)
    if (parts.scheme.lower(), parts.netloc.lower()) != (static.scheme, static.netloc.lower()):
        return ""
    if not parts.path.startswith(static.path):
        return ""
    return unquote(parts.path[len(static.path) :])


@functools.cache
def _fetcher_class():
    # Made on first use: importing WeasyPrint takes about half a second, and only the
    # PDF views need it.
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesFetcher(URLFetcher):
        """WeasyPrint's fetcher, answering only for data: URLs and static files."""

        def fetch(self, url, headers=None):
            if urlsplit(url).scheme.lower() == "data":
                # Decoded in memory by urllib's data: handler; no file, no network.
                return super().fetch(url, headers)
            path = static_file(static_name(url))
            if path is None:
                # WeasyPrint logs it and leaves the image, stylesheet or attachment out.
                raise PermissionError(f"A PDF fetches only the portal's static files: {url}")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            if content_type.startswith("text/"):
                content_type += "; charset=utf-8"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})

    return StaticFilesFetcher


def static_fetcher():
    """A new WeasyPrint URL fetcher for one PDF."""
    return _fetcher_class()()


def render_pdf(template: str, context: dict, stylesheet: str) -> bytes:
    """The same template as the page, with its print stylesheet from the static files.

    WeasyPrint's layout is nearly all of the time (the deck of a 10-centre round is about
    200 pages, some seconds), and the same HTML and stylesheet give the same PDF: the PDF
    is kept in the cache under a hash of both for PDF_CACHE_SECONDS, so downloading it
    again is fast. Any change to what the PDF shows changes its HTML, and so the key;
    the first download after a change pays the full rendering."""
    html = render_to_string(template, context)
    css = static_file(stylesheet).read_bytes()
    digest = hashlib.sha256(html.encode())
    digest.update(css)
    digest.update(base_url().encode())  # where the PDF's links lead
    key = f"pdf:{digest.hexdigest()}"
    pdf = cache.get(key)
    if pdf is None:
        from weasyprint import CSS, HTML

        fetcher = static_fetcher()
        css_url = urljoin(urljoin(base_url(), settings.STATIC_URL), stylesheet)
        pdf = HTML(string=html, base_url=base_url(), url_fetcher=fetcher).write_pdf(
            stylesheets=[CSS(string=css.decode(), base_url=css_url, url_fetcher=fetcher)]
        )
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    return pdf
