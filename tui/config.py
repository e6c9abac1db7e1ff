"""The app's own files: the reader's keymap and settings, in the config folder.

``$BRIEFING_CONFIG``, else the platform's user config folder (``~/.config/briefing``
on Linux), holds ``keymap.toml`` (``"entry.star" = "S"``: a binding id and its
keys) and ``settings.toml`` (the theme last chosen). Settings are written
atomically: a temporary file renamed over the old one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def config_dir() -> Path:
    if env := os.environ.get("BRIEFING_CONFIG"):
        return Path(env)
    from platformdirs import user_config_path

    return user_config_path("briefing", appauthor=False)


def keymap_path() -> Path:
    return config_dir() / "keymap.toml"


def settings_path() -> Path:
    return config_dir() / "settings.toml"


def read_settings() -> dict[str, object]:
    """The settings kept, {} when there are none or they cannot be read (the defaults then)."""
    path = settings_path()
    if not path.exists():
        return {}
    import tomllib  # only when there are settings: start-up stays lean

    try:
        return tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}


def write_setting(name: str, value: str) -> None:
    """Keep one text setting (others kept as they are); OSError when the folder cannot be written."""
    settings = {k: v for k, v in read_settings().items() if isinstance(v, str)}
    settings[name] = value
    folder = config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    text = "".join(f"{key} = {_toml_string(v)}\n" for key, v in sorted(settings.items()))
    fd, tmp = tempfile.mkstemp(prefix=".settings-", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, settings_path())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
