"""Shared by the notes TUI tests: a fake library with a real NoteStore, opening, waiting."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from reader.config import Config
from reader.notes import NoteStore, new_note
from reader.tui.app import ReaderApp
from reader.tui.screens.main import MainScreen

from .fakes import FakeLibrary
from .helpers import settle

SIZE = (160, 45)
"""Terminal size of the notes tests."""


def notes_library(tmp_path: Path) -> FakeLibrary:
    """The fake corpus with a real note store in ``tmp_path``."""
    library = FakeLibrary(tmp_path / "corpus")
    library.notes = NoteStore(tmp_path / "notes")  # type: ignore[attr-defined]
    return library


def make_app(library: FakeLibrary, **settings: object) -> ReaderApp:
    """The app on ``library`` (nothing saved between tests)."""
    return ReaderApp(library, Config(**settings), persist=False)  # type: ignore[arg-type]


def screen(app: ReaderApp) -> MainScreen:
    """The reading screen."""
    assert isinstance(app.screen, MainScreen)
    return app.screen


async def open_article(pilot: Pilot, article_id: str) -> MainScreen:  # type: ignore[type-arg]
    """Open an article from the list and focus its text."""
    await settle(pilot)
    main = screen(pilot.app)
    main.article_list.focus()
    main.article_list.move_to(main.article_list.index_of(article_id))
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert main.article_view.article.id == article_id
    assert main.article_view.has_focus
    return main


async def wait_modal(pilot: Pilot) -> None:  # type: ignore[type-arg]
    """Let a modal opened by a ``@work`` action appear."""
    for _ in range(3):
        await pilot.pause()


def add_note(library: FakeLibrary, article_id: str, phrase: str, **fields: object):  # type: ignore[no-untyped-def]
    """Store a note on the first occurrence of ``phrase`` in an article."""
    article = library.article(article_id)
    start = article.body.index(phrase)
    note = new_note(
        article, start, start + len(phrase), mentions=library.mentions(article_id), **fields
    )  # type: ignore[arg-type]
    return library.notes.add(note)  # type: ignore[attr-defined]
