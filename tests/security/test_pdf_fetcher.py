"""A PDF fetches the portal's own static files and data: images, and nothing else: no file
of the server (absolute, or relative to the project folder) is embedded, and no request
leaves the server, whatever a template lets through."""

import base64
import io
import shutil
import struct
import threading
import zlib
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from pypdf import PdfReader

from frivillig.lib.pdf import render_pdf, static_file, static_name

HOSTNAME = Path("/etc/hostname")
MATH_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuMathTeXGyre.ttf")


def png(width: int, height: int) -> bytes:
    """A tiny grey PNG, written by hand so the test needs no image library."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def listener():
    """A web server on a free port that answers with an image and records each request."""
    requests = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            body = png(7, 5)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], requests
    server.shutdown()
    server.server_close()


@pytest.fixture
def probe(settings, tmp_path):
    """A template with every way out a document has, and static files of its own: a print
    stylesheet, a linked stylesheet and the font it loads by a relative url()."""
    static = tmp_path / "static" / "probe"
    static.mkdir(parents=True)
    (static / "print.css").write_text("@page { size: 100mm 150mm; margin: 10mm; }")
    (static / "linked.css").write_text(
        '@font-face { font-family: Probe; src: url("probe.ttf"); }\n'
        'h1 { font-family: Probe; } h1::after { content: " (stilt)"; }\n'
    )
    shutil.copy(MATH_FONT, static / "probe.ttf")
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, tmp_path / "static"]
    templates = tmp_path / "templates"
    templates.mkdir()
    data_image = base64.b64encode(png(2, 3)).decode()
    (templates / "probe.html").write_text(
        "{% load static %}<!doctype html><html><head><meta charset=utf-8>"
        '<link rel="stylesheet" href="{% static "probe/linked.css" %}">'
        '<link rel="stylesheet" href="file:///etc/hostname">'
        '<link rel="attachment" href="db.sqlite3">'
        '<link rel="attachment" href="manage.py">'
        '<link rel="attachment" href="../../etc/passwd">'
        '<link rel="attachment" href="file:///etc/hostname">'
        '<style>@import url("http://127.0.0.1:{{ port }}/import.css");</style>'
        "</head><body><h1>Probe</h1>"
        '<img src="file:///etc/hostname">'
        '<img src="http://127.0.0.1:{{ port }}/image.png">'
        '<img src="//127.0.0.1:{{ port }}/scheme-relative.png">'
        '<a rel="attachment" href="file:///etc/hostname">vedlegg</a>'
        f'<img src="data:image/png;base64,{data_image}">'
        "</body></html>"
    )
    # Assigned, not mutated, so Django rebuilds its template engines.
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [templates]}]
    return "probe.html"


def test_a_pdf_embeds_no_file_of_the_server_and_sends_no_request(probe, listener):
    port, requests = listener
    reader = PdfReader(io.BytesIO(render_pdf(probe, {"port": port}, "probe/print.css")))

    assert requests == []
    assert reader.attachments == {}
    [page] = reader.pages
    assert [(image.image.width, image.image.height) for image in page.images] == [(2, 3)]
    text = page.extract_text()
    if HOSTNAME.exists() and HOSTNAME.read_text().strip():
        assert HOSTNAME.read_text().strip() not in text


def test_the_portals_own_stylesheets_and_fonts_still_apply(probe, listener):
    port, _requests = listener
    reader = PdfReader(io.BytesIO(render_pdf(probe, {"port": port}, "probe/print.css")))

    [page] = reader.pages
    # 100 mm x 150 mm from the print stylesheet, in points.
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (283, 425)
    assert "Probe (stilt)" in " ".join(page.extract_text().split())
    fonts = [font["/BaseFont"] for font in page["/Resources"]["/Font"].values()]
    # WeasyPrint names an @font-face font by its family; a font that failed to load
    # would have fallen back to a system font's name.
    assert any(name.endswith("+Probe-Bold") for name in fonts), fonts


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/hostname",
        "http://127.0.0.1:1337/static/css/deck.css",
        "http://localhost:8000/media/css/deck.css",
        "http://localhost:8000/static",
        "https://localhost:8000/static/css/deck.css",
    ],
)
def test_only_static_urls_on_the_portals_address_name_a_static_file(settings, url):
    settings.SITE_URL = "http://localhost:8000"
    assert static_name(url) == ""


def test_a_static_url_names_its_file(settings):
    settings.SITE_URL = "http://localhost:8000"
    assert static_name("http://localhost:8000/static/css/deck.css") == "css/deck.css"
    assert static_name("http://LOCALHOST:8000/static/vendor/a%20b.css?v=1") == "vendor/a b.css"
    assert static_file("css/deck.css") is not None


@pytest.mark.parametrize(
    "name", ["../../manage.py", "css/../../manage.py", "/etc/hostname", "css\\deck.css", ""]
)
def test_a_name_outside_the_static_folders_is_no_static_file(name):
    assert static_file(name) is None
