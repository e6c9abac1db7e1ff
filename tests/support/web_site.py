"""A local news site for the web, feed and app tests: pages and feeds from tests/data/web.

Served by ``http.server.ThreadingHTTPServer`` on 127.0.0.1, port 0, from a
thread; no test touches the internet. ``{{BASE}}`` in a file becomes the
server's address. Besides the files:

    /missing             404
    /report.pdf          a PDF (application/pdf)
    /loop, /loop-back    a redirect loop
    /moved               301 to /news/harbour-strike
    /slow                answers only after the test is over (or 5 s)
    /flaky               503 the first time, then the harbour-strike page

``site.replace(path, body, content_type)`` changes what a path serves,
``site.redirect(path, location)`` makes it a 302 to anywhere;
``site.requests`` lists (path, headers) of every request. Feeds carry an ETag
and answer 304 to a matching If-None-Match.

Also provides ``extract_ready``: the extraction package when it exists, else a
minimal stand-in (title, text, source as given; id from the URL; quotes as
entries) so these
tests exercise the web code while ``briefings.extract`` is being written.
"""

from __future__ import annotations

import hashlib
import re
import sys
import threading
import types
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from briefings.importing import web

DATA = Path(__file__).resolve().parents[1] / "data" / "web"
TYPES = {".html": "text/html; charset=utf-8", ".rss": "application/rss+xml",
         ".atom": "application/atom+xml", ".xml": "application/xml"}


class Site:
    def __init__(self) -> None:
        self.base = ""
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.replaced: dict[str, tuple[bytes, str]] = {}
        self.redirects: dict[str, str] = {}
        self.release = threading.Event()
        self._hits: dict[str, int] = {}
        self._lock = threading.Lock()

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]

    def replace(self, path: str, body: str, content_type: str) -> None:
        self.replaced[path] = (body.replace("{{BASE}}", self.base).encode("utf-8"), content_type)

    def redirect(self, path: str, location: str) -> None:
        self.redirects[path] = location

    def file(self, name: str) -> bytes:
        return (DATA / name).read_text("utf-8").replace("{{BASE}}", self.base).encode("utf-8")

    def answer(self, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        with self._lock:
            self.requests.append((path, headers))
            self._hits[path] = hits = self._hits.get(path, 0) + 1
        if path in self.redirects:
            return 302, {"Location": self.redirects[path]}, b""
        if path in self.replaced:
            body, kind = self.replaced[path]
            return self._maybe_not_modified(body, kind, headers)
        if path == "/missing":
            return 404, {"Content-Type": "text/html"}, b"<html><body><h1>Not found</h1></body></html>"
        if path == "/report.pdf":
            return 200, {"Content-Type": "application/pdf"}, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n" + bytes(2000)
        if path in ("/loop", "/loop-back"):
            return 302, {"Location": "/loop-back" if path == "/loop" else "/loop"}, b""
        if path == "/moved":
            return 301, {"Location": "/news/harbour-strike"}, b""
        if path == "/slow":
            self.release.wait(5)
            return 200, {"Content-Type": "text/html"}, self.file("harbour-strike.html")
        if path == "/flaky":
            if hits == 1:
                return 503, {"Content-Type": "text/plain"}, b"busy"
            return 200, {"Content-Type": "text/html; charset=utf-8"}, self.file("harbour-strike.html")
        if path.startswith("/news/") and (DATA / f"{path[6:]}.html").is_file():
            return 200, {"Content-Type": TYPES[".html"]}, self.file(f"{path[6:]}.html")
        if path.startswith("/feeds/") and (DATA / path[7:]).is_file():
            name = path[7:]
            return self._maybe_not_modified(self.file(name), TYPES[Path(name).suffix], headers)
        if path.startswith("/pages/") and (DATA / path[7:]).is_file():
            return 200, {"Content-Type": TYPES[".html"]}, self.file(path[7:])
        return 404, {"Content-Type": "text/plain"}, b"not found"

    @staticmethod
    def _maybe_not_modified(body: bytes, kind: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if headers.get("if-none-match") == etag:
            return 304, {"ETag": etag}, b""
        return 200, {"Content-Type": kind, "ETag": etag}, body


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        site: Site = self.server.site  # type: ignore[attr-defined]
        status, headers, body = site.answer(self.path, {k.lower(): v for k, v in self.headers.items()})
        try:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the timeout test)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hung up (timeouts, size limits) is expected here


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    monkeypatch.setattr(web, "TIMEOUT", 5.0)
    monkeypatch.setattr(web, "BACKOFF", 0.01)
    served = Site()
    server = _Server(("127.0.0.1", 0), _Handler)
    server.site = served  # type: ignore[attr-defined]
    served.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        served.release.set()
        server.shutdown()
        server.server_close()


def _stand_in_extract() -> types.ModuleType:
    from briefings.model import Briefing, Quote, Source, stable_id
    from briefings.sanitize import clean

    module = types.ModuleType("briefings.extract")

    class ExtractionError(Exception):
        pass

    def extract(raw_text, *, published=None, title=None, outlet=None, url=None, path=None):
        text = clean(raw_text)
        if not text.strip():
            raise ExtractionError("no text")
        quotes = tuple(Quote(id=stable_id("q", m.group(1)), text=m.group(1), span=m.span(1))
                       for m in re.finditer("“([^”]+)”", text))
        return Briefing(id=stable_id("b", url or path or text), title=title or text.splitlines()[0],
                        text=text, source=Source(outlet=outlet, url=url, path=path, published=published),
                        quotes=quotes)

    def resolve_times(briefing, published):
        return replace(briefing, source=replace(briefing.source, published=published))

    module.ExtractionError = ExtractionError  # type: ignore[attr-defined]
    module.extract = extract  # type: ignore[attr-defined]
    module.resolve_times = resolve_times  # type: ignore[attr-defined]
    return module


@pytest.fixture
def extract_ready(monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        from briefings.extract import ExtractionError, extract, resolve_times  # noqa: F401
    except ImportError:  # not there yet, or not complete
        monkeypatch.setitem(sys.modules, "briefings.extract", _stand_in_extract())
