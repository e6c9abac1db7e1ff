"""Time a terminal program from process start to its first full screen, in a real pty."""

from __future__ import annotations

import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import fcntl
import time
from pathlib import Path

MINIMAL_APP = Path(__file__).with_name("minimal_app.py")


def time_to_screen(argv: list[str], marker: str, *, env: dict[str, str] | None = None,
                   size: tuple[int, int] = (120, 40), timeout: float = 30.0) -> float:
    """Seconds from spawning ``argv`` until ``marker`` has been drawn (then the app is killed)."""
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
                    return time.perf_counter() - started
            elif proc.poll() is not None:
                break
        raise RuntimeError(f"{argv[0]}: {marker!r} never appeared; output ended with {seen[-300:]!r}")
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        os.close(master)


def minimal_app_argv() -> list[str]:
    return [sys.executable, str(MINIMAL_APP)]
