"""Export notes from the TUI (palette command / E): Markdown or JSON-LD, errors as one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from textual.widgets import Input

from reader.notes.export import read_markdown_export, split_front_matter
from reader.tui.commands import all_commands
from reader.tui.screens.help import help_table
from reader.tui.screens.pickers import TextPrompt

from .helpers import settle
from .notes_support import SIZE, add_note, make_app, notes_library, open_article, wait_modal


@pytest.fixture
def library(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Fake corpus with two notes."""
    lib = notes_library(tmp_path)
    add_note(lib, "a0", "Russia sent jets.", comment="*why* now?", tags=["air"])
    add_note(lib, "a1", "HTS said it controls Idlib.", color="green")
    return lib


async def _export_to(pilot, where: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("E")
    await wait_modal(pilot)
    prompt = pilot.app.screen
    assert isinstance(prompt, TextPrompt)
    field = prompt.query_one(Input)
    assert field.value == "~/reader-notes.md"
    field.value = where
    await pilot.press("enter")
    await settle(pilot)


async def test_export_markdown_writes_a_parseable_file(library, tmp_path: Path) -> None:
    target = tmp_path / "out" / "my-notes.md"
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot, "a0")
        await _export_to(pilot, str(target))
        assert any(str(target) in n.message and "2 note" in n.message for n in app._notifications)
    text = target.read_text(encoding="utf-8")
    front, _ = split_front_matter(text)
    assert yaml.safe_load(text.split("---\n")[1])["notes"] == 2
    assert front["notes"] == 2
    _, notes = read_markdown_export(text)
    assert sorted(n["quote"] for n in notes) == ["HTS said it controls Idlib.", "Russia sent jets."]
    assert all(n["link"].startswith("reader://") for n in notes)


async def test_export_json_writes_web_annotation_json_ld(library, tmp_path: Path) -> None:
    target = tmp_path / "notes.json"
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot, "a0")
        await _export_to(pilot, str(target))
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["type"] == "AnnotationCollection" and data["total"] == 2
    exacts = [
        s["exact"]
        for item in data["first"]["items"]
        for s in item["target"]["selector"]
        if s["type"] == "TextQuoteSelector"
    ]
    assert sorted(exacts) == ["HTS said it controls Idlib.", "Russia sent jets."]


async def test_export_to_a_folder_is_a_one_line_error(library, tmp_path: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot, "a0")
        await _export_to(pilot, str(tmp_path))
        [error] = [n for n in app._notifications if n.severity == "error"]
        assert "is a folder" in error.message and "\n" not in error.message


async def test_notes_commands_are_in_the_palette_and_help(library) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        main = await open_article(pilot, "a0")
        titles = [c.title for c in app.get_system_commands(main)]
        for title in (
            "Annotate",
            "Edit note",
            "Delete note",
            "Notes",
            "All notes",
            "Filter notes",
            "Export notes…",
        ):
            assert title in titles
        ids = {b.id for b in main._bindings.key_to_bindings.get("a", [])}
        assert "annotate" in ids
    table = help_table(list(all_commands()), {"annotate": "ctrl+a"})
    rows = [str(cell) for column in table.columns for cell in column._cells]
    assert "ctrl+a" in rows and any("Annotate the selection" in r for r in rows)
