"""Reading article files: refuse what cannot be an article, before anything is stored."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import BriefingError

MAX_BYTES = 5_000_000  # far above any news article; a larger file is not one
MAX_LINE = 200_000


def read_article(name: str) -> str:
    """The text of a plain-text or Markdown article, or ``-`` for standard input."""
    if name == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        label = "standard input"
    else:
        label = name
        data = read_file_bytes(name)
    return decode_article(data, label)


def read_file_bytes(name: str) -> bytes:
    """A local file's bytes, up to one byte past MAX_BYTES (so callers can tell it is too large)."""
    path = Path(name)
    if path.is_dir():
        raise BriefingError(f"{name}: is a folder, not an article file")
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise BriefingError(f"{name}: no such file") from None
    except OSError as exc:
        raise BriefingError(f"{name}: cannot read ({exc.strerror or exc})") from None


def decode_article(data: bytes, label: str) -> str:
    if len(data) > MAX_BYTES:
        raise BriefingError(f"{label}: too large for an article (over {MAX_BYTES // 1_000_000} MB)")
    if not data.strip():
        raise BriefingError(f"{label}: empty file, no article text")
    if b"\x00" in data:
        raise BriefingError(f"{label}: binary file, not an article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BriefingError(f"{label}: not UTF-8 text (bad byte at offset {exc.start})") from None
    if max(map(len, text.splitlines()), default=0) > MAX_LINE:
        raise BriefingError(f"{label}: a line of over {MAX_LINE:,} characters, not an article")
    return text
