"""The notes pane beside an annotated article: highlights in three colours, an orphan, the details.

Each SVG was looked at before it was accepted (``pytest --snapshot-update``).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.pilot import Pilot
from tui.fakes import FakeLibrary

from reader.config import Config
from reader.notes import NoteStore, new_note
from reader.tui.app import ReaderApp
from reader.tui.screens.main import MainScreen

THEMES = ["reader-dark", "reader-light", "reader-high-contrast"]


def _library(tmp_path: Path) -> FakeLibrary:
    library = FakeLibrary(Path("/corpus"))
    store = NoteStore(tmp_path / "notes")
    library.notes = store  # type: ignore[attr-defined]

    def add(phrase: str, **fields: object) -> None:
        article = library.article("a0")
        start = article.body.index(phrase)
        store.add(
            new_note(article, start, start + len(phrase), mentions=library.mentions("a0"), **fields)
        )  # type: ignore[arg-type]

    add(
        "Rebels led by Hayat Tahrir al-Sham entered Aleppo on Friday.",
        comment="**Start** of the offensive",
        tags=["offensive"],
        color="green",
    )
    add(
        "Aleppo airport was closed",
        comment="Check *when* it reopened",
        tags=["airport", "follow"],
        color="pink",
    )
    add("Russia sent jets.", comment="Air support", color="blue")
    add("Assad vowed", color="purple")
    # the article is edited after the notes were made: the note on "Russia sent jets."
    # stays, as an orphan
    article = library._articles["a0"]
    library._articles["a0"] = replace(
        article, body=article.body.replace("Russia sent jets.", "Jets were seen.")
    )
    return library


async def _open_notes(pilot: Pilot) -> None:  # type: ignore[type-arg]
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, MainScreen)
    screen.article_list.move_to(screen.article_list.index_of("a0"))
    await pilot.press("enter")
    await pilot.press("6")
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    await pilot.press("down")
    await pilot.pause()


class TestNotesPane:
    """Notes of one article, with highlights in the text and the second note's details."""

    @pytest.mark.parametrize("theme", THEMES)
    def test_notes_pane(self, snap_compare, tmp_path: Path, theme: str) -> None:
        app = ReaderApp(_library(tmp_path), Config(theme=theme), persist=False)
        assert snap_compare(app, terminal_size=(160, 45), run_before=_open_notes)
