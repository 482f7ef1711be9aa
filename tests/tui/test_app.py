"""App behaviour: corrections with undo, themes, help, palette, keymap, NO_COLOR, CLI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.command import CommandPalette

from reader.cli.tui_cmd import open_tui
from reader.config import load_config
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.main import MainScreen
from reader.tui.screens.pickers import EntityPicker, TextPrompt

from .helpers import screen_text, settle


async def _to_first_hts(pilot) -> MainScreen:  # type: ignore[no-untyped-def]
    screen: MainScreen = pilot.app.screen
    await settle(pilot)
    screen.article_list.move_to(screen.article_list.index_of("a0"))
    await settle(pilot)
    screen.article_view.focus()
    await pilot.press("right_square_bracket")
    assert screen.article_view.current_mention.entity == "hts"
    return screen


async def test_rename_then_undo_updates_every_view(make_app, library) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await _to_first_hts(pilot)
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*["backspace"] * 3, *"Tahrir", "enter")
        await pilot.pause()
        await settle(pilot)
        assert library.entities_table["hts"][0] == "Tahrir"
        assert screen.article_view.current_mention.name == "Tahrir"
        names = [row.name for row in screen.entity_pane.items]
        assert "Tahrir" in names
        await pilot.press("u")
        await settle(pilot)
        assert library.entities_table["hts"][0] == "HTS"
        names = [row.name for row in screen.entity_pane.items]
        assert "HTS" in names and "Tahrir" not in names


async def test_not_an_entity_removes_the_mention(make_app, library) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await _to_first_hts(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert screen.article_view.current_mention.text == "HTS"
        await pilot.press("X")
        await settle(pilot)
        assert "HTS" in library.ignored
        assert all(m.text != "HTS" for m in screen.article_view.mentions)


async def test_merge_uses_a_fuzzy_picker(make_app, library) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await _to_first_hts(pilot)
        for _ in range(4):
            await pilot.press("right_square_bracket")
        assert screen.article_view.current_mention.entity == "russia", (
            screen.article_view.current_mention
        )
        await pilot.press("M")
        await pilot.pause()
        assert isinstance(app.screen, EntityPicker)
        await pilot.press(*"idl")
        await pilot.pause(0.2)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await settle(pilot)
        assert "russia" not in library.entities_table
        assert any(m.text == "Russia" and m.entity == "idlib" for m in screen.article_view.mentions)


async def test_theme_switch_persists_and_restyles(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        view = app.screen.article_view
        before = view.get_component_rich_style("article-view--mention-place", partial=True)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert app.theme == "reader-high-contrast"
        assert load_config().theme == "reader-high-contrast"
        after = view.get_component_rich_style("article-view--mention-place", partial=True)
        assert after.bgcolor != before.bgcolor
    app2 = make_app(theme=load_config().theme)
    async with app2.run_test(size=(80, 24)):
        assert app2.theme == "reader-high-contrast"


async def test_unknown_theme_falls_back_and_user_themes_load(make_app, reader_home: Path) -> None:
    themes = reader_home / "config" / "themes"
    themes.mkdir(parents=True)
    (themes / "mine.yaml").write_text(
        "name: mine\nprimary: '#123456'\nvariables:\n  mention-place: '#ff0000'\n"
    )
    (themes / "broken.yaml").write_text("name: [\n")
    app = make_app(theme="nope")
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == "reader-dark"
        assert "mine" in app.available_themes
        assert any("broken.yaml" in p for p in app.theme_problems)
        app.theme = "mine"
        await pilot.pause()
        assert app.theme_variables["mention-place"].lower() == "#ff0000"


async def test_help_lists_every_binding_with_remapped_keys(make_app) -> None:
    app = make_app(keymap={"next-mention": "l"})
    async with app.run_test(size=(120, 45)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Next mention of any entity in this article" in text
        assert re.search(r"\sl\s+Next mention of any entity", text)  # remapped key shown
        assert not re.search(r"\]\s+Next mention of any entity", text)
        assert "Undo the last" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_keymap_remaps_a_binding_by_id(make_app) -> None:
    app = make_app(keymap={"next-mention": "l"})
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await _to_first_hts_with_key(pilot, "l")
        assert screen.article_view.current_mention.entity == "hts"


async def _to_first_hts_with_key(pilot, key: str) -> MainScreen:  # type: ignore[no-untyped-def]
    screen: MainScreen = pilot.app.screen
    await settle(pilot)
    screen.article_list.move_to(screen.article_list.index_of("a0"))
    await settle(pilot)
    screen.article_view.focus()
    await pilot.press(key)
    return screen


async def test_palette_offers_reader_commands(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("Search", "Follow", "Merge", "Undo", "Help", "Next theme"):
            assert title in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"side panes")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.has_class("-side-hidden")


async def test_no_color_keeps_mentions_visible(make_app, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.no_color
        style = app.screen.article_view.get_component_rich_style(
            "article-view--mention-place", partial=True
        )
        assert style.underline


def test_cli_missing_path_is_a_one_line_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert open_tui([str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such file or folder" in err
    assert open_tui(["--help"]) == 0
    assert "PATH" in capsys.readouterr().out
