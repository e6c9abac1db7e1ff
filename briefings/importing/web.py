"""Articles from the web: fetching a URL and taking the article out of an HTML page.

``fetch`` is the one way ``briefing`` talks to the network: every request has
a timeout (per connection and read) and one deadline for the whole fetch
(headers, body, redirects, retries and their waits: ``reach``), a size
limit, a user agent naming the program, retries with backoff on connection
errors and on 429/5xx answers, and the address rule of ``reach`` when asked
(a feed's items). Anything that goes wrong becomes a one-line
``BriefingError`` naming the URL.

``parse_page`` takes the main text of a news page (not its menus, cookie
banners, related links or comments) and its metadata (title, outlet, author,
publication date from meta tags, JSON-LD or a visible dateline) with
trafilatura. trafilatura, feedparser and urllib3 are imported only when used,
so starting the app does not pay for them.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from email.message import Message
from typing import Any
from urllib.parse import urlsplit

from .. import __version__, gate
from ..errors import BriefingError
from ..sanitize import clean
from .reach import AddressRefused, DeadlinePassed, connection_classes, current, reaching

USER_AGENT = f"briefing/{__version__} (+news reader)"

# Read at call time, so a test (or a caller) can change them.
TIMEOUT = 15.0  # seconds to connect, and between two reads of the answer
DEADLINE_FACTOR = 4  # the whole fetch (retries and all) must end within TIMEOUT * DEADLINE_FACTOR
MAX_BYTES = 5_000_000  # far above any article page or feed
RETRIES = 3  # for connection errors and 429/5xx answers
READ_RETRIES = 1  # a read timeout is retried once: a slow server is rarely faster the next time
REDIRECTS = 5
BACKOFF = 0.5  # seconds; urllib3 waits 0, then 2*BACKOFF, 4*BACKOFF ... between retries
RETRY_AFTER_MAX = 10  # never wait longer than this for a server's Retry-After (nor past the deadline)
RETRY_STATUSES = (429, 500, 502, 503, 504)

MIN_WORDS = 25  # less than this is a teaser, a menu or a paywall, not an article

HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = (
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
    "text/xml", "application/feed+json", "text/plain", "text/html",
)


@dataclass(frozen=True)
class Fetched:
    """One HTTP answer, its body read in full (within the size limit)."""

    url: str  # after redirects
    status: int
    content_type: str  # lower case, without parameters; "" when the server sent none
    charset: str | None
    body: bytes
    headers: dict[str, str]

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True)
class WebArticle:
    """The article a page holds: its main text and what the page says about it."""

    text: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # YYYY-MM-DD
    url: str | None = None  # the page's canonical URL when it gives one, else the URL fetched
    host: str | None = None  # the site's host name, without www.: an outlet when the page names none


def is_url(name: str) -> bool:
    return bool(re.match(r"(?i)https?://", name))


def is_html_file(name: str) -> bool:
    return name.lower().endswith((".html", ".htm")) and not is_url(name)


# -- fetching ---------------------------------------------------------------

_pool: Any = None
_pool_lock = threading.Lock()


def _pool_manager() -> Any:
    """One connection pool for the process (urllib3's PoolManager is thread-safe)."""
    global _pool
    with _pool_lock:
        if _pool is None:
            import urllib3
            from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

            http, https = connection_classes()  # the address rule and the deadline (reach)
            _pool = urllib3.PoolManager(num_pools=20, maxsize=4, headers={"User-Agent": USER_AGENT})
            _pool.pool_classes_by_scheme = {
                "http": type("GuardedPool", (HTTPConnectionPool,), {"ConnectionCls": http}),
                "https": type("GuardedTLSPool", (HTTPSConnectionPool,), {"ConnectionCls": https}),
            }
        return _pool


def _retry() -> Any:
    from urllib3.util.retry import Retry

    class Bounded(Retry):
        """Waits between tries (backoff, Retry-After) capped, and never past the fetch's deadline."""

        def get_retry_after(self, response: Any) -> float | None:
            seconds = super().get_retry_after(response)
            return None if seconds is None else _before_deadline(min(seconds, RETRY_AFTER_MAX))

        def get_backoff_time(self) -> float:
            return _before_deadline(super().get_backoff_time())

    options: dict[str, Any] = dict(
        # No overall total: it would also count redirects, and http -> https ->
        # www -> canonical is common. Each kind has its own budget.
        total=None,
        connect=RETRIES,
        read=READ_RETRIES,
        status=RETRIES,
        other=0,
        redirect=REDIRECTS,
        backoff_factor=BACKOFF,
        backoff_max=10,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET", "HEAD"}),
        raise_on_redirect=True,
        raise_on_status=False,  # the last answer is returned and reported with its status
        respect_retry_after_header=True,
    )
    try:
        return Bounded(**options, retry_after_max=RETRY_AFTER_MAX)
    except TypeError:  # urllib3 before 2.6 has no retry_after_max: Bounded caps it alone
        return Bounded(**options)


def _before_deadline(seconds: float) -> float:
    reach = current()
    return seconds if reach is None else min(seconds, reach.remaining())


def fetch(url: str, *, accept: str = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
          headers: dict[str, str] | None = None, timeout: float | None = None,
          max_bytes: int | None = None, private: bool = True) -> Fetched:
    """GET a URL, following redirects; BriefingError for anything but a usable answer.

    A 304 (when ``headers`` made the request conditional) is returned, with an
    empty body; any other status of 400 or more is an error. The whole fetch
    ends within ``timeout`` * DEADLINE_FACTOR seconds. ``private=False``: the
    URL and its redirects may only lead to public addresses (``reach``).
    """
    timeout = TIMEOUT if timeout is None else timeout
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise BriefingError(f"{url}: not an http or https URL")
    seconds = timeout * DEADLINE_FACTOR
    with reaching(private=private, seconds=seconds) as reach:
        try:
            answer = _get(url, accept, headers, timeout, max_bytes)
        except AddressRefused as exc:
            raise BriefingError(f"{url}: {exc}") from None
        except (DeadlinePassed, BriefingError):
            if not reach.expired:
                raise
        if reach.expired:  # the sockets were shut: what was read may be cut short
            raise BriefingError(f"{url}: gave up after {seconds:g} s, the server is too slow") from None
    return answer


def _get(url: str, accept: str, headers: dict[str, str] | None, timeout: float, max_bytes: int) -> Fetched:
    import urllib3
    from urllib3.exceptions import HTTPError, MaxRetryError

    request_headers = {"User-Agent": USER_AGENT, "Accept": accept, **(headers or {})}
    try:
        response = _pool_manager().request(
            "GET", url, headers=request_headers, retries=_retry(), redirect=True,
            timeout=urllib3.Timeout(connect=timeout, read=timeout), preload_content=False,
            decode_content=True,
        )
    except MaxRetryError as exc:
        raise BriefingError(f"{url}: {_reason(exc.reason, timeout)}") from None
    except (HTTPError, OSError) as exc:
        raise BriefingError(f"{url}: {_reason(exc, timeout)}") from None
    complete = False
    try:
        final_url = _final_url(url, response)
        status = response.status
        content_type, charset = _content_type(response.headers.get("Content-Type", ""))
        answer_headers = {k.lower(): v for k, v in response.headers.items()}
        if status == 304:
            complete = True
            return Fetched(final_url, status, content_type, charset, b"", answer_headers)
        if status >= 400:
            reason = meta_text(response.reason, 80) or ""  # the server's words: data
            raise BriefingError(f"{url}: HTTP {status}{' ' + reason if reason else ''}")
        if 300 <= status < 400:
            raise BriefingError(f"{url}: HTTP {status}, a redirect without a usable Location")
        length = response.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > max_bytes:
            raise BriefingError(f"{url}: too large ({_megabytes(int(length))}, the limit is "
                                f"{_megabytes(max_bytes)})")
        body = _read_limited(response, url, max_bytes)
        complete = True
    except (HTTPError, OSError) as exc:
        raise BriefingError(f"{url}: {_reason(exc, timeout)}") from None
    finally:
        if not complete:
            response.close()  # an unread body must not be left on a connection the pool reuses
        response.release_conn()
    return Fetched(final_url, status, content_type, charset, body, answer_headers)


def _final_url(url: str, response: Any) -> str:
    """Where the redirects led (urllib3's ``response.url`` is only a path)."""
    from urllib.parse import urljoin

    final = url
    for step in getattr(response.retries, "history", None) or ():
        if step.redirect_location:
            final = urljoin(final, step.redirect_location)
    return "".join(clean(final).split())


def _read_limited(response: Any, url: str, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.stream(64 * 1024):
        size += len(chunk)
        if size > max_bytes:
            raise BriefingError(f"{url}: too large (over {_megabytes(max_bytes)})")
        chunks.append(chunk)
    return b"".join(chunks)


def _reason(exc: BaseException | None, timeout: float) -> str:
    """A short, human reason for a failed request (urllib3's own are long and nested)."""
    from urllib3.exceptions import (
        ConnectTimeoutError,
        NameResolutionError,
        NewConnectionError,
        ProtocolError,
        ReadTimeoutError,
        ResponseError,
        SSLError,
    )

    text = str(exc or "")
    if isinstance(exc, ResponseError) and "redirect" in text:
        return f"too many redirects (more than {REDIRECTS}; a redirect loop?)"
    if isinstance(exc, ResponseError):
        return "the server kept failing: " + text.split(":", 1)[-1].strip()
    # NewConnectionError is a kind of ConnectTimeoutError: ask about it first
    if isinstance(exc, NameResolutionError):
        return "unknown host"
    if isinstance(exc, NewConnectionError):
        why = re.sub(r"\[Errno -?\d+\]\s*", "", text.rsplit(":", 1)[-1]).strip(" )'\"")
        return f"cannot connect ({why[:1].lower() + why[1:] or 'refused'})"
    if isinstance(exc, (ReadTimeoutError, ConnectTimeoutError, TimeoutError)):
        return f"no answer within {timeout:g} s"
    if isinstance(exc, SSLError):
        return "TLS error (" + text.rsplit(":", 1)[-1].strip(" )'\"") + ")"
    if isinstance(exc, ProtocolError):
        return "the connection broke off"
    return text.splitlines()[0][:200] if text else type(exc).__name__


def _content_type(value: str) -> tuple[str, str | None]:
    message = Message()
    message["Content-Type"] = value or "application/octet-stream"
    kind = message.get_content_type().lower() if value else ""
    charset = message.get_param("charset")
    return kind, (str(charset).strip().lower() if isinstance(charset, str) else None)


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


# -- pages ------------------------------------------------------------------


def fetch_article(url: str, *, timeout: float | None = None, private: bool = True) -> WebArticle:
    """Fetch a page and take its article out; BriefingError when it holds none."""
    answer = fetch(url, timeout=timeout, private=private)
    if not _looks_like_html(answer):
        kind = answer.content_type or "no content type"
        raise BriefingError(f"{url}: not a web page ({kind})")
    return parse_page(_decoded(answer), url=answer.url, label=url)


def read_html_file(name: str) -> WebArticle:
    """The article in a saved HTML page."""
    from .files import read_file_bytes

    data = read_file_bytes(name)
    if len(data) > MAX_BYTES:
        raise BriefingError(f"{name}: too large for a web page (over {_megabytes(MAX_BYTES)})")
    if b"\x00" in data[:4096] or data.lstrip()[:5] == b"%PDF-":
        raise BriefingError(f"{name}: binary file, not a web page")
    return parse_page(data, url=None, label=name)


def _looks_like_html(answer: Fetched) -> bool:
    head = answer.body[:1024].lstrip().lower()
    if b"\x00" in head or head.startswith(b"%pdf-"):
        return False
    if answer.content_type in HTML_TYPES:
        return True
    # No type, or a generic one: trust the body when it starts like markup.
    if answer.content_type in ("", "text/plain", "application/octet-stream"):
        return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--", b"<meta"))
    return False


def _decoded(answer: Fetched) -> str | bytes:
    """The page as text when the server named a charset we know; else bytes for trafilatura to sniff."""
    if answer.charset:
        try:
            return answer.body.decode(answer.charset, errors="replace")
        except LookupError:
            pass
    return answer.body


# Past these, a page is a data dump or an attack, and the parsers behind trafilatura are not
# linear in them: libxml2 checks each attribute of a tag against every earlier one (a paragraph
# of 300,000 attributes took over 300 s), and a 4 MB table took 19.5 s and 718 MB.
MAX_ATTRIBUTES = 100  # of one tag: the rest are dropped before parsing
MAX_TABLE_CELLS = 5_000  # in a page: above, its tables are dropped before parsing


def parse_page(html: str | bytes, *, url: str | None, label: str) -> WebArticle:
    """Main text and metadata of an HTML page; BriefingError when no article is found."""
    import trafilatura

    html = _bounded(html)
    try:
        document = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True,
            include_images=False, include_links=False, favor_precision=True, deduplicate=False,
            # No extensive date search: it turns a footer's "(c) 2025" into 2025-01-01.
            date_extraction_params={"extensive_search": False, "original_date": True,
                                    "outputformat": "%Y-%m-%d"},
        )
    except Exception as exc:  # noqa: BLE001 - a parser failing on a hostile page is bad input
        raise BriefingError(f"{label}: cannot read the page ({type(exc).__name__})") from None
    if document is None:
        raise BriefingError(f"{label}: no article text found on the page")
    title = meta_text(getattr(document, "title", None))
    text = _body_text(clean(getattr(document, "text", None) or ""), title)
    if len(text.split()) < MIN_WORDS:
        raise BriefingError(f"{label}: no article text found on the page")
    page_url = _canonical(getattr(document, "url", None), url)
    host = _host(page_url)
    sitename = meta_text(getattr(document, "sitename", None))
    return WebArticle(
        text=text,
        title=title,
        # trafilatura falls back on the host name for the site name: that is not an outlet's name
        outlet=sitename if sitename and not _is_host_name(sitename, page_url) else None,
        author=meta_text(getattr(document, "author", None)),
        published=_iso_date(getattr(document, "date", None)),
        url=page_url,
        host=host,
    )


class _Markup:
    """The expressions ``_bounded`` uses, for pages as text or as bytes. Each scans linearly:
    no repeat can run past the next '<'."""

    def __init__(self, kind: type) -> None:
        def compiled(pattern: str) -> re.Pattern:
            return re.compile(pattern if kind is str else pattern.encode(), re.IGNORECASE)

        self.long_tag = compiled(r"<[a-z][^<>]{4000,}>")  # only a long tag can hold many attributes
        self.tag_name = compiled(r"<[^\s/>]+")
        self.attribute = compiled(r"""\s*[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?""")
        self.cell = compiled(r"<td\b")
        self.table_edge = compiled(r"<(/?)table\b[^<>]*>")


_MARKUP = {str: _Markup(str), bytes: _Markup(bytes)}


def _bounded(html: str | bytes) -> str | bytes:
    """The page with every tag cut to its first MAX_ATTRIBUTES attributes, and without its
    tables when they hold over MAX_TABLE_CELLS cells; in linear time."""
    markup = _MARKUP[type(html)]

    def cut(tag: re.Match) -> str | bytes:
        text = tag.group()
        name = markup.tag_name.match(text)
        kept, end = [name.group()], name.end()
        for n, found in enumerate(markup.attribute.finditer(text, end, len(text) - 1)):
            if n == MAX_ATTRIBUTES or not found.group().strip():
                break
            kept.append(found.group())
        return text[:0].join(kept) + text[-1:]

    html = markup.long_tag.sub(cut, html)
    if sum(1 for _ in zip(markup.cell.finditer(html), range(MAX_TABLE_CELLS + 1))) <= MAX_TABLE_CELLS:
        return html
    kept, depth, start = [], 0, 0
    for edge in markup.table_edge.finditer(html):
        if edge.group(1):  # </table>
            if depth:
                depth -= 1
                start = edge.end() if depth == 0 else start
        else:
            if depth == 0:
                kept.append(html[start:edge.start()])
            depth += 1
    if depth == 0:
        kept.append(html[start:])
    return html[:0].join(kept)


def _canonical(declared: object, fetched: str | None) -> str | None:
    """The page's own URL (canonical link, og:url) when it is believable, else the URL fetched.

    A fetched page may only name a URL on its own site: a page claiming to be
    another site's article must not replace that article's briefing.
    """
    if not (isinstance(declared, str) and is_url(declared)):
        return fetched
    if fetched is None or _host(declared) == _host(fetched):
        return declared
    return fetched


def _is_host_name(name: str, url: str | None) -> bool:
    netloc = urlsplit(url or "").netloc.lower()
    return name.lower() in {netloc, netloc.removeprefix("www."), _host(url)}


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


def _body_text(text: str, title: str | None) -> str:
    """The article's paragraphs: blank lines between them, the headline (already the title) dropped."""
    paragraphs = [" ".join(line.split()) for line in text.splitlines()]
    paragraphs = [p for p in paragraphs if p]
    if paragraphs and title and _same(paragraphs[0], title):
        paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs)


def _same(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"\W+", " ", s).strip().casefold()

    return norm(a) == norm(b)


def meta_text(value: object, limit: int = 300) -> str | None:
    """A metadata string made safe: escapes gone, whitespace collapsed, length capped."""
    if not isinstance(value, str):
        return None
    value = " ".join(clean(value).split())
    return value[:limit] or None


def _iso_date(value: object) -> str | None:
    """A page's date as the gate takes a publication date, or None (a page's word is no error)."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value[:10]):
        return within_range(value[:10])
    return None


def within_range(day: str) -> str | None:
    """``day`` when the gate takes it as a publication date, else None."""
    try:
        return gate.published(day)
    except BriefingError:
        return None
