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

    for package in ("briefings", "tui"):
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
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, close_fds=True,
                            env={**os.environ, "TERM": "xterm-256color", **(env or {})},
                            start_new_session=True)
    os.close(slave)
    seen = b""
    needle = marker.encode()
    try:
        while time.perf_counter() - started < timeout:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    break
                seen += chunk
                if needle in seen:
                    return time.perf_counter() - started, resident_bytes(proc.pid)
            elif proc.poll() is not None:
                break
        raise RuntimeError(f"{argv[0]}: {marker!r} never appeared; output ended with {seen[-300:]!r}")
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        os.close(master)


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
