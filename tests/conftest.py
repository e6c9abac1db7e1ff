"""Fixtures for every test: no test touches the user's own store or config; a fresh
store; a local web site (``support.web_site``). ``../shared`` beside the checkout
holds the corpus the tests read (``support.corpus``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.web_site import extract_ready, site  # noqa: F401 - fixtures for the web, feed and app tests

from briefings.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "store")


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the user's real store or config."""
    monkeypatch.setenv("BRIEFING_STORE", str(tmp_path / "default-store"))
    monkeypatch.setenv("BRIEFING_CONFIG", str(tmp_path / "config"))
