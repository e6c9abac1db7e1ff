"""What a fetch may reach and for how long (``importing.reach``): the address rule, decided on
resolved addresses before any connection (no test sends a packet anywhere but 127.0.0.1), and one
deadline per fetch, against a local server that trickles its answer or asks to retry in an hour."""

from __future__ import annotations

import socket
import socketserver
import threading
import time
from collections.abc import Iterator

import pytest
from support.web_site import Site

from briefings.errors import BriefingError
from briefings.importing import feeds, reach, web
from briefings.store import Store

pytestmark = pytest.mark.usefixtures("extract_ready")


@pytest.mark.parametrize("address", [
    "127.0.0.1", "127.8.9.10", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1",
    "0.0.0.0", "224.0.0.1", "240.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1",
    "::ffff:127.0.0.1", "::ffff:10.1.2.3", "ff02::1",
])
def test_loopback_private_link_local_and_reserved_addresses_are_not_public(address: str) -> None:
    assert not reach.is_public(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "1.1.1.1", "2606:4700:4700::1111",
                                     "::ffff:93.184.216.34"])
def test_global_addresses_are_public(address: str) -> None:
    assert reach.is_public(address)


@pytest.fixture
def no_connections(monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    """Every connection attempted (none is made): the rule must decide before connecting."""
    attempts: list[tuple] = []

    def connect(self: socket.socket, address: tuple) -> None:
        attempts.append(address)
        raise AssertionError(f"a connection to {address} was attempted")

    monkeypatch.setattr(socket.socket, "connect", connect)
    return attempts


def resolving(monkeypatch: pytest.MonkeyPatch, names: dict[str, str]) -> None:
    """Host names resolving to the given addresses, without asking any DNS server."""
    real = socket.getaddrinfo

    def getaddrinfo(host: str, port: object, *args: object, **kwargs: object) -> list:
        if host in names:
            family = socket.AF_INET6 if ":" in names[host] else socket.AF_INET
            return [(family, socket.SOCK_STREAM, 6, "", (names[host], port or 80))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def test_a_name_resolving_to_a_private_address_is_refused_before_connecting(
        monkeypatch: pytest.MonkeyPatch, no_connections: list[tuple]) -> None:
    resolving(monkeypatch, {"router.example": "192.168.1.1", "metadata.example": "169.254.169.254",
                            "mapped.example": "::ffff:127.0.0.1"})
    for host in ("router.example", "metadata.example", "mapped.example"):
        with pytest.raises(BriefingError, match="private or loopback address, not fetched"):
            web.fetch(f"http://{host}/admin", private=False)
    with pytest.raises(BriefingError, match="private or loopback"):
        web.fetch("http://10.0.0.7:8080/", private=False)
    assert no_connections == []


def test_a_feed_on_a_private_network_may_point_there(monkeypatch: pytest.MonkeyPatch) -> None:
    resolving(monkeypatch, {"intranet.example": "10.1.2.3", "news.example": "93.184.216.34"})
    assert reach.on_private_network("http://intranet.example/feed.rss")
    assert reach.on_private_network("http://127.0.0.1:8080/feed.rss")
    assert not reach.on_private_network("https://news.example/feed.rss")


def test_a_loopback_page_is_not_fetched_for_a_public_feed_and_is_for_the_reader(site: Site) -> None:
    url = site.url("/news/harbour-strike")
    with pytest.raises(BriefingError, match="private or loopback"):
        web.fetch(url, private=False)
    assert site.paths() == []  # nothing reached the server
    assert web.fetch(url).status == 200  # a URL the reader typed goes anywhere


@pytest.fixture
def loopback_is_public(monkeypatch: pytest.MonkeyPatch) -> None:
    """127.0.0.1 plays a public server, 127.0.0.2 a private one: the rule is tested on the way
    without a packet leaving this machine."""
    real = reach.is_public
    monkeypatch.setattr(reach, "is_public", lambda address: address == "127.0.0.1" or real(address))


@pytest.mark.usefixtures("loopback_is_public")
def test_a_redirect_to_a_private_address_is_refused(site: Site) -> None:
    port = site.base.rsplit(":", 1)[1]
    site.redirect("/to-private", f"http://127.0.0.2:{port}/news/harbour-strike")
    with pytest.raises(BriefingError, match="127.0.0.2 is a private or loopback address"):
        web.fetch(site.url("/to-private"), private=False)
    assert site.paths() == ["/to-private"]


@pytest.mark.usefixtures("loopback_is_public")
def test_a_public_feed_s_items_on_a_private_address_are_not_fetched(site: Site, store: Store) -> None:
    port = site.base.rsplit(":", 1)[1]
    site.replace("/feeds/public.rss", (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        f"<item><title>Inside</title><link>http://127.0.0.2:{port}/news/harbour-strike</link><guid>in</guid></item>"
        f"<item><title>Outside</title><link>{site.url('/news/bridge-reopens')}</link><guid>out</guid></item>"
        "</channel></rss>"), "application/rss+xml")
    feeds.add_feed(store, site.url("/feeds/public.rss"))
    summary = feeds.update_all(store)
    assert summary.new == 1 and len(summary.failed) == 1
    assert "127.0.0.2 is a private or loopback address" in summary.failed[0]
    assert [b.source.url for b in map(store.load, store.list().column("id"))] == [site.url("/news/bridge-reopens")]


# -- the deadline ------------------------------------------------------------------------

class Slow(socketserver.ThreadingTCPServer):
    """A server on 127.0.0.1 that sends its answer one byte at a time (``head`` or ``body``
    trickled), or answers 429 asking to retry in an hour. ``finished`` is set once it sent all."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, mode: str, pause: float = 0.3) -> None:
        self.mode, self.pause, self.finished, self.requests = mode, pause, threading.Event(), 0
        super().__init__(("127.0.0.1", 0), SlowHandler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/page"


class SlowHandler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        server: Slow = self.server  # type: ignore[assignment]
        self.request.recv(65536)
        server.requests += 1
        body = b"<html><body>" + b"<p>word</p>" * 40 + b"</body></html>"
        if server.mode == "retry-after":
            self.request.sendall(b"HTTP/1.1 429 Too Many Requests\r\nRetry-After: 3600\r\nContent-Length: 0\r\n\r\n")
            return
        head = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len(body)}\r\n\r\n".encode()
        slow, fast = (head, body) if server.mode == "head" else (body, head)
        try:
            if server.mode == "body":
                self.request.sendall(fast)
            for n in range(len(slow)):  # about 140 s for the whole answer
                self.request.sendall(slow[n:n + 1])
                time.sleep(server.pause)
            if server.mode == "head":
                self.request.sendall(fast)
            server.finished.set()
        except OSError:
            pass  # the client gave up


@pytest.fixture
def slow(request: pytest.FixtureRequest) -> Iterator[Slow]:
    server = Slow(request.param)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("slow", ["head", "body"], indirect=True)
def test_a_server_trickling_its_answer_is_given_up_at_the_deadline(slow: Slow, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each byte comes well within the read timeout, so only a deadline for the whole fetch ends it."""
    monkeypatch.setattr(web, "DEADLINE_FACTOR", 2)  # 2 x 1 s: the whole fetch
    with pytest.raises(BriefingError) as refused:
        web.fetch(slow.url, timeout=1.0)
    assert str(refused.value) == f"{slow.url}: gave up after 2 s, the server is too slow"
    assert not slow.finished.is_set()  # given up long before the server was done


@pytest.mark.parametrize("slow", ["retry-after"], indirect=True)
def test_a_retry_after_of_an_hour_is_not_waited_for(slow: Slow, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(web, "DEADLINE_FACTOR", 2)
    finished: list[str] = []

    def fetch() -> None:
        try:
            web.fetch(slow.url, timeout=1.0)
        except BriefingError as exc:
            finished.append(str(exc))

    worker = threading.Thread(target=fetch, daemon=True)
    worker.start()
    worker.join(120)  # not a timing: an hour's wait would never end here
    assert finished and ("HTTP 429" in finished[0] or "gave up" in finished[0]), finished
    assert slow.requests <= 1 + web.RETRIES
