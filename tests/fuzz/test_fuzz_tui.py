"""Fuzz: what the TUI draws for hostile articles holds no control characters; markup is literal.

A real ``Library`` indexes a few hostile files; the real ``ReaderApp`` opens each article
under ``App.run_test()`` and every segment the compositor would send to the terminal is
checked (the terminal interprets any ESC, C0 or C1 byte in them).
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

import pytest
from fuzz_strategies import UNSAFE, article_bytes, file_name
from fuzz_support import bounded, examples
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.config import Config
from reader.library import Library

pytestmark = pytest.mark.slow

MARKUP_TITLE = "[bold]Rebels[/] take [link=http://evil.example]Aleppo[/link] [@click=app.quit]x[/]"
MARKUP_FILE = (f"---\ntitle: '{MARKUP_TITLE}'\nsource: '[red]Wire[/red]'\n---\n"
               "Body with [b]markup[/b] and \\[escaped\\] brackets near Aleppo.\n").encode()


def screen_segments(app) -> list[str]:
    """Text of every segment of the composed screen."""
    return [segment.text for strip in app.screen._compositor.render_strips() for segment in strip]


def check_screen(app, where: str) -> str:
    texts = screen_segments(app)
    for text in texts:
        found = UNSAFE.search(text)
        assert found is None, f"{where}: the screen would print {found.group()!r} in {text!r}"
    return "".join(texts)


async def _walk_articles(library: Library) -> list[str]:
    from reader.tui.app import ReaderApp
    from reader.tui.screens.main import MainScreen

    app = ReaderApp(library, Config(), persist=False)
    screens = []
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(8):
            await app.workers.wait_for_complete()
            await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screens.append(check_screen(app, "first paint"))
        for index in range(screen.article_list.item_count):
            screen.article_list.focus()
            screen.article_list.move_to(index)
            await pilot.pause()
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            screens.append(check_screen(app, f"article {index}"))
            await pilot.press("G")  # the end of the article too
            await pilot.pause()
            screens.append(check_screen(app, f"article {index} (end)"))
    return screens


@settings(max_examples=examples(25))
@given(st.lists(st.tuples(article_bytes(), st.data()), min_size=1, max_size=3))
def test_hostile_articles_render_without_control_characters(files) -> None:
    with tempfile.TemporaryDirectory() as home, tempfile.TemporaryDirectory() as folder:
        os.environ["READER_HOME"] = home
        corpus = Path(folder)
        (corpus / "markup.md").write_bytes(MARKUP_FILE)
        for (suffix, payload), data in files:
            name = data.draw(file_name(suffix))
            if name != "markup.md":
                (corpus / name).write_bytes(payload[:20_000])  # big files: tests/fuzz corpus suites
        with bounded("tui.render", 90):
            library = Library([corpus])
            library.update_index()
            try:
                screens = asyncio.run(_walk_articles(library))
            finally:
                library.close()
        # Titles are shown as text, never parsed as Rich/Textual markup.
        assert any("[bold]Rebels[/]" in s for s in screens), "markup in a title was interpreted"
