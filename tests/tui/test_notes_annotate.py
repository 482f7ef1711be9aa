"""Annotating: select (keyboard or mouse) or take the sentence under the cursor, a, save."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from reader.tui.screens.note_editor import NoteEditor, TagSuggester

from .helpers import settle
from .notes_support import SIZE, add_note, make_app, notes_library, open_article, wait_modal


@pytest.fixture
def library(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Fake corpus with a real note store."""
    return notes_library(tmp_path)


async def test_select_with_keys_then_a_saves_a_note_and_highlights_it(library) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_article(pilot, "a0")
        view = main.article_view
        await pilot.press(*["shift+right"] * 6)
        assert view.selected_text == "Rebels"
        await pilot.press("a")
        await wait_modal(pilot)
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"Who *leads*?")
        await pilot.press("tab", "right", "enter")  # colour: yellow -> green
        await pilot.press("tab", *"leaders")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is main
        [note] = library.notes.all()
        assert note.quote.exact == "Rebels"
        assert (note.position.start, note.position.end) == (0, 6)
        assert note.comment == "Who *leads*?"
        assert note.color == "green"
        assert note.tags == ("leaders",)
        assert view.note_spans == [(0, 6, "green")]
        assert (0, 6, "article-view--note-green") in view._rows[0]
        green = app.theme_variables["note-green"].lower()
        styles = [
            span.style for span in view.get_line(0).spans if span.start == 0 and span.end == 6
        ]
        assert any(getattr(s, "bgcolor", None) and s.bgcolor.triplet.hex == green for s in styles)
        # the pane lists it with its comment
        assert main.notes_pane.notes[0].id == note.id


async def test_no_selection_takes_the_sentence_under_the_cursor(library) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_article(pilot, "a0")
        await pilot.press("down", "down", "right", "right", "right")  # inside "HTS fighters said …"
        assert main.article_view.selected_text == ""
        await pilot.press("a")
        await wait_modal(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        [note] = library.notes.all()
        assert note.quote.exact == "HTS fighters said Aleppo airport was closed."
        assert {e.id for e in note.entities} == {"hts", "aleppo"}
        assert note.color == "yellow" and note.comment == "" and note.tags == ()
        start = library.article("a0").body.index("HTS fighters")
        assert main.article_view.note_spans == [(start, start + len(note.quote.exact), "yellow")]


async def test_mouse_drag_selects_a_passage_to_annotate(library) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_article(pilot, "a0")
        view = main.article_view
        # the text starts at column 1 (padding); "Rebels led" is columns 1..10 of row 0
        await pilot.mouse_down(view, offset=(1, 0))
        await pilot.hover(view, offset=(11, 0))
        await pilot.mouse_up(view, offset=(11, 0))
        await pilot.pause()
        assert view.selected_text == "Rebels led"
        await pilot.press("a")
        await wait_modal(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [n.quote.exact for n in library.notes.all()] == ["Rebels led"]


async def test_escape_cancels_and_stores_nothing(library) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_article(pilot, "a0")
        await pilot.press("a")
        await wait_modal(pilot)
        await pilot.press(*"draft", "escape")
        await settle(pilot)
        assert app.screen is main
        assert library.notes.all() == []
        assert main.article_view.note_spans == []


async def test_tags_complete_from_existing_tags_and_bad_tags_are_refused(library) -> None:
    add_note(library, "a1", "Aleppo airport shut down.", tags=["siege", "airports"])
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot, "a0")
        await pilot.press("a")
        await wait_modal(pilot)
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        tags = editor.query_one("#note-tags", Input)
        tags.focus()
        await pilot.press(*"news si")
        await pilot.pause()
        await pilot.press("right")  # accept the suggestion
        assert tags.value == "news siege"
        await pilot.press(" ", "#")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is editor  # refused: "#" alone is not a tag
        assert "bad tag" in str(editor.query_one("#note-error").render())
        await pilot.press("backspace", "ctrl+s")
        await settle(pilot)
        new = [n for n in library.notes.all() if n.article_id == "a0"]
        assert [n.tags for n in new] == [("news", "siege")]


async def test_tag_suggester_completes_the_last_word_case_insensitively() -> None:
    suggester = TagSuggester(["Siege", "sieges", "aleppo"])
    assert await suggester.get_suggestion("x si") == "x Siege"
    assert await suggester.get_suggestion("Siege si") == "Siege sieges"
    assert await suggester.get_suggestion("#al") == "#aleppo"
    assert await suggester.get_suggestion("aleppo") is None
    assert await suggester.get_suggestion("") is None
