"""Editing and deleting notes from the reading screen, and u undoing the last change."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import TextArea

from reader.tui.screens.note_editor import NoteEditor

from .helpers import settle
from .notes_support import SIZE, add_note, make_app, notes_library, open_article, wait_modal


@pytest.fixture
def library(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Fake corpus with a real note store."""
    return notes_library(tmp_path)


async def test_e_on_a_highlight_edits_its_note_prefilled(library) -> None:
    note = add_note(library, "a0", "Russia sent jets.", comment="first", tags=["air"], color="blue")
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_article(pilot, "a0")
        main.article_view.go_to_offset(note.position.start + 3)
        await pilot.press("e")
        await wait_modal(pilot)
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        comment = editor.query_one("#note-comment", TextArea)
        assert comment.text == "first"
        assert editor.chosen_color == "blue"
        comment.text = "second\n\n- a list"
        await pilot.press("ctrl+s")
        await settle(pilot)
        [stored] = library.notes.all()
        assert stored.id == note.id
        assert stored.comment == "second\n\n- a list"
        assert stored.tags == ("air",) and stored.color == "blue"
        assert stored.modified > note.modified


async def test_e_elsewhere_explains_what_to_do(library) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot, "a0")
        await pilot.press("e")
        await wait_modal(pilot)
        assert not isinstance(app.screen, NoteEditor)
        assert any("highlight" in n.message for n in app._notifications)


async def test_d_deletes_and_u_restores(library) -> None:
    note = add_note(library, "a0", "Russia sent jets.", comment="keep me")
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_article(pilot, "a0")
        assert main.article_view.note_spans == [(note.position.start, note.position.end, "yellow")]
        main.article_view.go_to_offset(note.position.start)
        await pilot.press("d")
        await settle(pilot)
        assert library.notes.all() == []
        assert main.article_view.note_spans == []
        assert len(library.notes.trashed()) == 1
        await pilot.press("u")
        await settle(pilot)
        [restored] = library.notes.all()
        assert restored.id == note.id and restored.comment == "keep me"
        assert main.article_view.note_spans == [(note.position.start, note.position.end, "yellow")]


async def test_d_in_the_notes_pane_deletes_the_highlighted_note(library) -> None:
    add_note(library, "a0", "Rebels led")
    second = add_note(library, "a0", "Russia sent jets.")
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_article(pilot, "a0")
        await pilot.press("6")
        await settle(pilot)
        assert main.notes_pane.option_list.has_focus
        await pilot.press("down")
        assert main.notes_pane.highlighted_note.id == second.id
        await pilot.press("d")
        await settle(pilot)
        assert [n.quote.exact for n in library.notes.all()] == ["Rebels led"]


async def test_u_undoes_the_last_change_whether_note_or_correction(library) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_article(pilot, "a0")
        await pilot.press("a")  # a note on the first sentence
        await wait_modal(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert len(library.notes.all()) == 1
        await pilot.press("right_square_bracket")  # "Hayat Tahrir al-Sham"
        await pilot.press("X")  # correction after the note: not an entity
        await settle(pilot)
        assert "Hayat Tahrir al-Sham" in library.ignored
        await pilot.press("u")  # undoes the correction, keeps the note
        await settle(pilot)
        assert "Hayat Tahrir al-Sham" not in library.ignored
        assert len(library.notes.all()) == 1
        await pilot.press("u")  # then the note
        await settle(pilot)
        assert library.notes.all() == []
        assert main.change_log == []
