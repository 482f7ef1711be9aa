"""Snapshot fixtures: READER_HOME in tmp_path, no NO_COLOR."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def reader_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every snapshot runs with its own config/data/cache folders."""
    home = tmp_path / "home"
    monkeypatch.setenv("READER_HOME", str(home))
    monkeypatch.delenv("READER_CONFIG_FILE", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home
