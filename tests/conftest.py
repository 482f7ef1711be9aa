"""Shared fixtures: every test runs with READER_HOME in a temporary folder (never touches ~)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture(autouse=True)
def reader_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private READER_HOME for each test."""
    home = tmp_path_factory.mktemp("reader-home")
    monkeypatch.setenv("READER_HOME", str(home))
    monkeypatch.delenv("READER_CONFIG_FILE", raising=False)
    from reader.corpus.boilerplate import load_rules

    load_rules.cache_clear()
    return home


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """A writable copy of the seed articles."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target
