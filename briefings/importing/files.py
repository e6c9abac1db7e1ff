"""Reading local files and standard input: refuse what cannot be an article, before anything is stored.

A path must name a regular file: a FIFO would block the read forever and a
device never ends, so both are refused before they are opened. Text is UTF-8,
or UTF-16/32 when a byte-order mark says so.
"""

from __future__ import annotations

import codecs
import os
import stat
import sys

from ..errors import BriefingError

MAX_BYTES = 5_000_000  # far above any news article; a larger file is not one
MAX_LINE = 200_000

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))  # UTF-32 LE starts like UTF-16 LE


def read_article(name: str) -> str:
    """The text of a plain-text or Markdown article, or ``-`` for standard input."""
    return decode_article(read_input(name), "standard input" if name == "-" else name)


def read_input(name: str, limit: int = MAX_BYTES, purpose: str = "for an article") -> bytes:
    """A file's bytes (``-``: standard input's); BriefingError past ``limit``."""
    if name != "-":
        return read_file_bytes(name, limit, purpose)
    if sys.stdin is None:  # started with standard input closed (<&-)
        raise BriefingError("standard input is closed; give a file name instead of -")
    try:
        data = sys.stdin.buffer.read(limit + 1)
    except (OSError, ValueError) as exc:
        raise BriefingError(f"standard input: cannot read ({getattr(exc, 'strerror', None) or exc})") from None
    if len(data) > limit:
        raise BriefingError(f"standard input: too large {purpose} (over {limit // 1_000_000} MB)")
    return data


def read_file_bytes(name: str, limit: int = MAX_BYTES, purpose: str = "for an article") -> bytes:
    """A local regular file's bytes; BriefingError for anything else or past ``limit``."""
    try:
        _regular(name, os.stat(name).st_mode)
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK)  # never waits, should it have become a FIFO since
    except FileNotFoundError:
        raise BriefingError(f"{name}: no such file") from None
    except OSError as exc:
        raise BriefingError(f"{name}: cannot read ({exc.strerror or exc})") from None
    try:
        _regular(name, os.fstat(fd).st_mode)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise BriefingError(f"{name}: cannot read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise BriefingError(f"{name}: too large {purpose} (over {limit // 1_000_000} MB)")
    return data


def _regular(name: str, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise BriefingError(f"{name}: is a folder, not a file")
    if not stat.S_ISREG(mode):
        kind = "a FIFO" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) \
            else "a socket" if stat.S_ISSOCK(mode) else "not a file"
        raise BriefingError(f"{name}: not a regular file ({kind})")


def decode_text(data: bytes, label: str, what: str = "text") -> str:
    """Bytes as text: UTF-8, or the encoding a byte-order mark names; BriefingError otherwise."""
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if encoding is None and b"\x00" in data:
        raise BriefingError(f"{label}: binary file, not {what}")
    try:
        return data.decode(encoding or "utf-8")
    except UnicodeDecodeError as exc:
        raise BriefingError(f"{label}: not {(encoding or 'UTF-8').upper()} text "
                            f"(bad byte at offset {exc.start})") from None


def decode_article(data: bytes, label: str) -> str:
    text = decode_text(data, label, "an article")
    if not text.strip():
        raise BriefingError(f"{label}: empty file, no article text")
    if "\x00" in text:
        raise BriefingError(f"{label}: binary file, not an article")
    if max(map(len, text.splitlines()), default=0) > MAX_LINE:
        raise BriefingError(f"{label}: a line of over {MAX_LINE:,} characters, not an article")
    return text
