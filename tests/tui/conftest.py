"""Fixtures for TUI tests: READER_HOME in tmp_path, a fake library, an app factory."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reader.config import Config
from reader.tui.app import ReaderApp

from .fakes import FakeLibrary


@pytest.fixture(autouse=True)
def reader_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own config/data/cache folders; ~ is never touched."""
    home = tmp_path / "home"
    monkeypatch.setenv("READER_HOME", str(home))
    monkeypatch.delenv("READER_CONFIG_FILE", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


@pytest.fixture
def library(tmp_path: Path) -> FakeLibrary:
    """The five-article fake corpus."""
    return FakeLibrary(tmp_path / "corpus")


@pytest.fixture
def make_app(library: FakeLibrary) -> Callable[..., ReaderApp]:
    """Build a ReaderApp on the fake library (settings overridable)."""

    def factory(**settings: object) -> ReaderApp:
        persist = bool(settings.pop("persist", True))
        config = Config(**settings)  # type: ignore[arg-type]
        return ReaderApp(library, config, persist=persist)

    return factory
