"""The core is usable without the UI: importing it never pulls in Textual."""

from __future__ import annotations

import subprocess
import sys

CORE_MODULES = ["briefings.cli", "briefings.store", "briefings.model", "briefings.importer",
                "briefings.history", "briefings.markdown", "briefings.sample", "briefings.articles"]


def test_core_never_imports_textual() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in CORE_MODULES)
        + "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'tui')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
