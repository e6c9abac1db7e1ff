"""What a fetch may reach, and for how long: the address rule and the fetch's one deadline.

**The address rule.** A feed on the public internet must not make the
reader's machine request its own loopback or private network (a router's
admin page, a cloud's metadata service): its items, and the redirects they
take, may only lead to public addresses. A feed that is itself on such an
address (an intranet, a local server) may point anywhere. The rule is decided
on the addresses a host name resolves to, just before connecting, and the
connection is made to the very address checked, so a name that resolves to
a private address is caught, and so is a redirect, or a name that changes its
answer between two look-ups. ``is_public`` is the rule on one address.

**The deadline.** Per-read timeouts do not bound a fetch: a server sending
one byte every two seconds never trips them. ``reaching`` gives one fetch a
total deadline covering connecting, headers, body, redirects and retries; when
it passes, every socket the fetch opened or reused is shut, which ends any read
in progress, and no new connection is made.

urllib3 makes its connections through ``connection_classes``, whose
``_new_conn`` applies both while a ``reaching`` block is open in that thread.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit


class AddressRefused(Exception):
    """A private or loopback address where only public ones are allowed (never retried)."""


class DeadlinePassed(Exception):
    """The fetch's deadline passed before a new connection (never retried)."""


def is_public(address: str) -> bool:
    """True for a global unicast address; False for loopback, private, link-local, shared
    (carrier NAT), reserved, multicast and unspecified ones, IPv4 written as IPv6 included."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def addresses_of(host: str, port: int = 80) -> list[str]:
    """The addresses a host name resolves to (an address is itself); socket.gaierror if none."""
    return list(dict.fromkeys(info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)))


def on_private_network(url: str) -> bool:
    """Whether a URL's host is on loopback or a private network (any of its addresses);
    a host that does not resolve counts as public, the stricter reading."""
    parts = urlsplit(url)
    try:
        return not all(map(is_public, addresses_of(parts.hostname or "", parts.port or 80)))
    except (OSError, ValueError):
        return False


class Reach:
    """One fetch's limits: whether private addresses may be reached, and its deadline."""

    def __init__(self, private: bool, seconds: float) -> None:
        self.private = private
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()

    def remaining(self) -> float:
        return max(0.0, self.deadline - time.monotonic())

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)

    def allowed(self, host: str, addresses: list[str]) -> list[str]:
        if self.private:
            return addresses
        refused = [a for a in addresses if not is_public(a)]
        if refused:
            where = "" if host in refused else f" ({refused[0]})"
            raise AddressRefused(f"{host}{where} is a private or loopback address, not fetched "
                                 f"for a feed on the public internet")
        return addresses


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)  # ends a read blocked in another thread
    except OSError:
        pass


_local = threading.local()


def current() -> Reach | None:
    return getattr(_local, "reach", None)


@contextmanager
def reaching(*, private: bool, seconds: float) -> Iterator[Reach]:
    """Within this block, this thread's fetch reaches private addresses only if ``private``,
    and ends by ``seconds`` from now."""
    reach, outer = Reach(private, seconds), current()
    timer = threading.Timer(seconds, reach.expire)
    timer.daemon = True
    _local.reach = reach
    timer.start()
    try:
        yield reach
    finally:
        timer.cancel()
        _local.reach = outer


def connection_classes() -> tuple[type, type]:
    """urllib3's HTTP and HTTPS connections, guarded by the rule and the deadline."""
    from urllib3.connection import HTTPConnection, HTTPSConnection
    from urllib3.exceptions import NameResolutionError

    class Guarded:
        def _new_conn(self: Any) -> socket.socket:
            reach = current()
            if reach is None:
                return super()._new_conn()  # type: ignore[misc]
            if reach.expired:
                raise DeadlinePassed()
            try:
                found = addresses_of(self._dns_host, self.port)
            except socket.gaierror as exc:
                raise NameResolutionError(self.host, self, exc) from exc
            host, error = self._dns_host, None
            for address in reach.allowed(self.host, found):
                self._dns_host = address  # connect to the address checked, not a second look-up
                try:
                    sock = super()._new_conn()  # type: ignore[misc]
                except OSError as exc:  # urllib3's connection errors are OSErrors
                    error = exc
                    continue
                finally:
                    self._dns_host = host  # TLS names the host, not the address
                reach.watch(sock)
                return sock
            raise error or OSError(f"{host}: no address to connect to")

        def request(self: Any, *args: Any, **kwargs: Any) -> Any:
            reach = current()
            if reach is not None and self.sock is not None:  # a kept-alive connection: watched too
                reach.watch(self.sock)
            return super().request(*args, **kwargs)  # type: ignore[misc]

    class GuardedHTTP(Guarded, HTTPConnection):
        pass

    class GuardedHTTPS(Guarded, HTTPSConnection):
        pass

    return GuardedHTTP, GuardedHTTPS
