"""The notes pane: this article / all notes, filter (words, #tag, @entity), enter jumps, orphans."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from reader.tui.widgets.notes_pane import parse_note_filter

from .helpers import screen_text, settle
from .notes_support import SIZE, add_note, make_app, notes_library, open_article


@pytest.fixture
def library(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Fake corpus with notes on a0 (two) and a1 (one)."""
    lib = notes_library(tmp_path)
    add_note(lib, "a0", "Russia sent jets.", comment="**Air power** matters", tags=["air"])
    add_note(lib, "a0", "Rebels led by Hayat Tahrir al-Sham", tags=["siege"], color="pink")
    add_note(
        lib,
        "a1",
        "HTS said it controls Idlib.",
        comment="claim",
        tags=["siege", "claims"],
        color="green",
    )
    return lib


def listed(main) -> list[str]:  # type: ignore[no-untyped-def]
    return [n.quote.exact for n in main.notes_pane.notes]


async def test_pane_lists_this_articles_notes_then_all_and_enter_jumps(library) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_article(pilot, "a0")
        await pilot.press("6")
        await settle(pilot)
        assert listed(main) == ["Rebels led by Hayat Tahrir al-Sham", "Russia sent jets."]
        text = screen_text(app)
        assert "Notes · this article · 2" in text
        assert "“Russia sent jets.”" in text and "#air" in text
        await pilot.press("t")
        await settle(pilot)
        assert len(main.notes_pane.notes) == 3
        assert "Notes · all notes · 3" in screen_text(app)
        main.notes_pane.select_note(
            main.notes_pane.notes[[n.article_id for n in main.notes_pane.notes].index("a1")].id
        )
        main.notes_pane.option_list.focus()
        await pilot.press("enter")
        await settle(pilot)
        view = main.article_view
        assert view.article.id == "a1"
        assert view.has_focus
        assert view.selected_text == "HTS said it controls Idlib."
        assert view.note_spans and view.note_spans[0][2] == "green"
        # the list keeps the whole corpus and the cursor on the chosen note
        assert len(main.notes_pane.notes) == 3
        assert main.notes_pane.highlighted_note.article_id == "a1"


async def test_enter_in_this_article_scope_selects_the_passage(library) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_article(pilot, "a0")
        await pilot.press("6")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert main.article_view.selected_text == "Russia sent jets."


async def test_filter_by_words_tag_and_entity(library) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_article(pilot, "a0")
        await pilot.press("t", "number_sign")
        await settle(pilot)
        assert main.query_one("#notes-filter").has_focus
        await pilot.press("number_sign", *"siege")
        await settle(pilot)
        assert sorted(listed(main)) == [
            "HTS said it controls Idlib.",
            "Rebels led by Hayat Tahrir al-Sham",
        ]
        assert "(filtered)" in screen_text(app)
        main.query_one("#notes-filter").value = "@Idlib"
        await settle(pilot)
        assert listed(main) == ["HTS said it controls Idlib."]
        main.query_one("#notes-filter").value = "power #air"
        await settle(pilot)
        assert listed(main) == ["Russia sent jets."]
        main.query_one("#notes-filter").value = "#siege @hts"
        await settle(pilot)
        assert sorted(listed(main)) == [
            "HTS said it controls Idlib.",
            "Rebels led by Hayat Tahrir al-Sham",
        ]
        main.query_one("#notes-filter").value = "nothing-like-this"
        await settle(pilot)
        assert listed(main) == []
        assert "No notes match." in screen_text(app)


def test_filter_parsing() -> None:
    f = parse_note_filter("airport closed #siege #air @Bashar al-Assad")
    assert (f.text, f.tags, f.entities) == ("airport closed", ["siege", "air"], ["Bashar al-Assad"])
    f = parse_note_filter("#siege later words")
    assert (f.text, f.tags, f.entities) == ("later words", ["siege"], [])
    assert parse_note_filter("  ").empty
    assert parse_note_filter("C#").text == "C#"  # a # inside a word is text


async def test_comment_is_markdown_and_article_text_is_never_markup(library) -> None:
    add_note(library, "a1", "Aleppo airport shut down.", comment="see *this*")
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot, "a0")
        await pilot.press("6")
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)
        text = screen_text(app)
        assert "Air power matters" in text  # **Air power** rendered as Markdown
        assert "**Air power**" not in text
        await pilot.press("t")
        await settle(pilot)
        # a1's title holds "[bold]…[/bold]": shown literally
        assert "shut as [bold]fighting[/" in screen_text(app)


async def test_orphans_are_listed_marked_and_explain_on_enter(library) -> None:
    article = library._articles["a0"]
    library._articles["a0"] = replace(
        article,
        body=article.body.replace("Russia sent jets.", "Turkey said nothing."),
        content_hash="a0-v2",
    )
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_article(pilot, "a0")
        await pilot.press("6")
        await settle(pilot)
        notes = main.notes_pane.notes
        assert [n.state for n in notes] == ["anchored", "orphan"]  # orphans last
        assert len(main.article_view.note_spans) == 1  # the orphan is not drawn
        text = screen_text(app)
        assert "orphan" in text and "Russia sent jets." in text
        await pilot.press("down", "enter")
        await settle(pilot)
        assert main.article_view.selected_text == ""
        [warning] = [n for n in app._notifications if n.title == "Orphan note"]
        assert "cannot be placed" in warning.message and "Russia sent jets." in warning.message
        assert len(library.notes.all()) == 3  # never dropped


async def test_a_backlink_start_position_opens_at_the_passage(library) -> None:
    from reader.notes import NoteStore, parse_backlink
    from reader.notes.export import backlink_for
    from reader.tui.app import ReaderApp
    from reader.tui.navigation import Position

    note = library.notes.search(tag="air")[0]
    link = parse_backlink(backlink_for(note))
    app = ReaderApp(library, start=Position(link.article_id, link.start, link.end), persist=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.screen.article_view
        assert view.article.id == "a0"
        assert view.selected_text == "Russia sent jets."
        assert view.has_focus
    assert isinstance(library.notes, NoteStore)


async def test_unreadable_note_files_are_reported_and_left_alone(library) -> None:
    bad = library.notes.folder / "01ZZZZZZZZZZZZZZZZZZZZZZZZ.yaml"
    bad.write_text("version: 1\nid: [not, an, id\n", encoding="utf-8")
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_article(pilot, "a0")
        assert len(main.notes_pane.notes) == 2  # the others still load
        [warning] = [n for n in app._notifications if n.title == "Notes"]
        assert bad.name in warning.message and "left untouched" in warning.message
    assert bad.read_text(encoding="utf-8") == "version: 1\nid: [not, an, id\n"


async def test_an_edit_made_by_another_reader_is_not_overwritten(library) -> None:
    from reader.notes import NoteStore

    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_article(pilot, "a0")
        other = NoteStore(library.notes.folder)  # a second reader on the same notes
        mine = other.search(tag="air")[0]
        other.update(mine.with_changes(comment="changed elsewhere"))
        main.article_view.go_to_offset(mine.position.start)
        await pilot.press("e")
        await pilot.pause()
        await pilot.pause()
        await pilot.press("x", "ctrl+s")
        await settle(pilot)
        assert any("another reader" in n.message for n in app._notifications)
        other.reload()
        assert other.get(mine.id).comment == "changed elsewhere"
        # the pane now shows the other reader's version
        assert any(n.comment == "changed elsewhere" for n in main.notes_pane.notes)


async def test_moving_onto_a_highlight_picks_its_note_in_the_pane(library) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_article(pilot, "a0")
        await pilot.press("6")
        await settle(pilot)
        assert main.notes_pane.highlighted_note.quote.exact.startswith("Rebels")
        main.article_view.focus()
        body = main.article_view.article.body
        main.article_view.go_to_offset(body.index("sent jets"))
        await pilot.pause()
        assert main.notes_pane.highlighted_note.quote.exact == "Russia sent jets."


async def test_an_edited_word_is_placed_approximately_and_marked(library) -> None:
    article = library._articles["a1"]
    library._articles["a1"] = replace(
        article, body=article.body.replace("controls Idlib", "controlled Idlib")
    )
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_article(pilot, "a1")
        await pilot.press("6")
        await settle(pilot)
        [note] = main.notes_pane.notes
        assert note.state == "fuzzy"
        assert main.article_view.note_spans  # still highlighted
        assert "≈" in screen_text(app) and "approximate match" in screen_text(app)


async def test_on_a_narrow_terminal_enter_shows_the_article_again(library) -> None:
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        main = await open_article(pilot, "a0")
        await pilot.press("6")
        await settle(pilot)
        assert main.has_class("-narrow", "-side-open")
        assert not main.query_one("#article-pane").display or not main.article_view.region
        await pilot.press("enter")
        await settle(pilot)
        assert not main.has_class("-side-open")
        assert main.article_view.region and main.article_view.has_focus
        assert main.article_view.selected_text == main.notes_pane.highlighted_note.quote.exact


async def test_notes_added_by_another_reader_appear(library, monkeypatch) -> None:
    from reader.notes import NoteStore, new_note
    from reader.tui.screens.notes import listing as notes

    monkeypatch.setattr(notes, "POLL_SECONDS", 0.05)
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_article(pilot, "a0")
        assert len(main.article_view.note_spans) == 2
        other = NoteStore(library.notes.folder)
        article = library.article("a0")
        start = article.body.index("Assad vowed")
        other.add(new_note(article, start, start + 11, color="purple"))
        for _ in range(40):  # the poll timer notices within a few ticks
            await pilot.pause(0.05)
            if len(main.article_view.note_spans) == 3:
                break
        assert (start, start + 11, "purple") in main.article_view.note_spans
        assert len(main.notes_pane.notes) == 3


async def test_control_characters_in_a_hand_edited_note_never_reach_the_terminal(library) -> None:
    import re

    from reader.notes import NoteEntity, TextQuoteSelector

    note = library.notes.search(tag="air")[0]
    hostile = replace(
        note,
        comment="\x1b]0;pwned\x07**bold** \x1b[31mred\x9b2J [x](file:///etc/passwd)",
        tags=("air", "x\x1b[2J"),
        entities=(NoteEntity("e", "Evil\x1b[5m"),),
        article_title="T\x1b[1mitle",
        modified="2099-01-01T00:00:00.000000Z",
    )
    library.notes.update(hostile, force=True)
    orphan = replace(note, quote=TextQuoteSelector("gone\x1b[41m quote"))
    library.notes.add(
        replace(orphan, id="01ZZZZZZZZZZZZZZZZZZZZZZZY", created="", modified="", anchor=None)
    )
    app = make_app(library)
    unsafe = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
    async with app.run_test(size=SIZE) as pilot:
        main = await open_article(pilot, "a0")
        await pilot.press("t", "6")
        await settle(pilot)
        for _ in range(len(main.notes_pane.notes)):
            texts = [s.text for strip in app.screen._compositor.render_strips() for s in strip]
            assert not any(unsafe.search(t) for t in texts)
            await pilot.press("down")
            await settle(pilot)
        assert any(n.id == note.id for n in main.notes_pane.notes)


async def test_keys_move_between_filter_and_list_and_remap_by_id(library) -> None:
    from reader.tui.screens.note_editor import NoteEditor

    app = make_app(library, keymap={"annotate": "ctrl+n", "focus-notes": "9"})
    async with app.run_test(size=SIZE) as pilot:
        main = await open_article(pilot, "a0")
        await pilot.press("9")
        await settle(pilot)
        notes_list = main.notes_pane.option_list
        assert notes_list.has_focus
        await pilot.press("up")  # from the first note up into the filter
        assert main.query_one("#notes-filter").has_focus
        await pilot.press("down")
        assert notes_list.has_focus
        main.article_view.focus()
        await pilot.press("a")  # remapped away: nothing opens
        await pilot.pause()
        assert not isinstance(app.screen, NoteEditor)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
