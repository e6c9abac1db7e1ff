"""Start a terminal program in a real pty and wait for its first full screen: the time
it took, and its resident memory then."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

MINIMAL_APP = Path(__file__).with_name("minimal_app.py")
CHECKOUT = Path(__file__).resolve().parent.parent
# The library's title counts the briefings once their rows are in: the first full screen.
FULL_LIBRARY = "briefings ·"


def compile_bytecode() -> None:
    """Compile our modules as an install does. Where PYTHONDONTWRITEBYTECODE is set
    (as on these machines) an editable checkout would otherwise be compiled from
    source at every start, a cost no installed copy pays (Textual's files are)."""
    import compileall

    for package in ("briefings", "tui", "cli"):
        compileall.compile_dir(CHECKOUT / package, quiet=1)


def time_to_screen(argv: list[str], marker: str, **options) -> float:
    """Seconds from spawning ``argv`` until ``marker`` has been drawn (then the app is killed)."""
    return until_screen(argv, marker, **options)[0]


def rss_at_screen(argv: list[str], marker: str, **options) -> float:
    """Resident memory (bytes) of ``argv`` once ``marker`` has been drawn."""
    return until_screen(argv, marker, **options)[1]


def until_screen(argv: list[str], marker: str, *, env: dict[str, str] | None = None,
                 size: tuple[int, int] = (120, 40), timeout: float = 30.0) -> tuple[float, int]:
    """(seconds, resident bytes) from spawning ``argv`` until ``marker`` has been drawn."""
    with Terminal(argv, env=env, size=size) as term:
        term.wait_for(marker, timeout)
        return time.perf_counter() - term.started, resident_bytes(term.proc.pid)


def rss_after_keys(argv: list[str], ready: str, keys: str, *, settle: float = 3.0, timeout: float = 60.0,
                   size: tuple[int, int] = (120, 40)) -> int:
    """Resident bytes of ``argv`` once ``ready`` is drawn, ``keys`` typed and ``settle`` seconds passed."""
    with Terminal(argv, size=size) as term:
        term.wait_for(ready, timeout)
        term.type(keys)
        term.drain(settle)
        return resident_bytes(term.proc.pid)


class Terminal:
    """A program running in a pseudo-terminal, killed on leaving."""

    def __init__(self, argv: list[str], *, env: dict[str, str] | None = None, size: tuple[int, int] = (120, 40)):
        self.argv = argv
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, close_fds=True,
                                     env={**os.environ, "TERM": "xterm-256color", **(env or {})},
                                     start_new_session=True)
        os.close(slave)
        self.seen = b""

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        os.close(self.master)

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def _read(self, wait: float) -> bool:
        ready = _readable(self.master, wait)
        if not ready:
            return self.proc.poll() is None
        try:
            self.seen += os.read(self.master, 65536)
        except OSError:
            return False
        return True

    def drain(self, seconds: float) -> None:
        """Read what it draws for ``seconds``."""
        until = time.perf_counter() + seconds
        while time.perf_counter() < until and self._read(0.02):
            pass

    def wait_for(self, marker: str, timeout: float) -> float:
        """Seconds until ``marker`` is drawn (from now; only what is drawn from now counts)."""
        started, needle = time.perf_counter(), marker.encode()
        self.seen = b""
        while time.perf_counter() - started < timeout:
            if not self._read(0.02):
                break
            if needle in self.seen:
                return time.perf_counter() - started
        raise RuntimeError(f"{self.argv[0]}: {marker!r} never appeared; output ended with {self.seen[-300:]!r}")


def _readable(fd: int, wait: float) -> bool:
    """Whether ``fd`` has something to read within ``wait`` seconds (poll: any descriptor
    number, where select stops at 1024, which a long test run passes)."""
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return bool(poller.poll(wait * 1000))


def resident_bytes(pid: int) -> int:
    """VmRSS of a running process, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def minimal_app_argv() -> list[str]:
    return [sys.executable, str(MINIMAL_APP)]


def briefing_argv(store: Path) -> list[str]:
    """The installed ``briefing`` command of this checkout's venv, on ``store``."""
    return [str(Path(sys.executable).with_name("briefing")), "--store", str(store)]
