"""The main screen, the entity view and the Related pane at 80x24 and 160x45, in a dark and
a light theme.

Each SVG was looked at before it was accepted (``pytest --snapshot-update``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from tui.fakes import FakeLibrary

from reader.config import Config
from reader.tui.app import ReaderApp
from reader.tui.screens.main import MainScreen

SIZES = [(80, 24), (160, 45)]
THEMES = ["reader-dark", "reader-light"]


def _app(theme: str) -> ReaderApp:
    return ReaderApp(FakeLibrary(Path("/corpus")), Config(theme=theme), persist=False)


async def _settle(pilot: Pilot) -> None:  # type: ignore[type-arg]
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def _open_a0_and_follow_hts(pilot: Pilot) -> None:  # type: ignore[type-arg]
    await _settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, MainScreen)
    screen.article_list.move_to(screen.article_list.index_of("a0"))
    await _settle(pilot)
    await pilot.press("enter")
    await _settle(pilot)
    await pilot.press("right_square_bracket", "asterisk")
    await _settle(pilot)
    await pilot.press("right_square_bracket")
    await _settle(pilot)
    await pilot.pause(0.2)  # the entities pane follows a jump after a short delay


class TestMainScreen:
    """Reading an article with a followed entity and a focused mention."""

    @pytest.mark.parametrize("theme", THEMES)
    @pytest.mark.parametrize("size", SIZES)
    def test_main_screen(self, snap_compare, theme: str, size: tuple[int, int]) -> None:
        assert snap_compare(_app(theme), terminal_size=size, run_before=_open_a0_and_follow_hts)


class TestEntityView:
    """Enter on a mention: the entity view with contexts, timeline and co-occurring entities."""

    @pytest.mark.parametrize("theme", THEMES)
    @pytest.mark.parametrize("size", SIZES)
    def test_entity_view(self, snap_compare, theme: str, size: tuple[int, int]) -> None:
        async def run_before(pilot: Pilot) -> None:  # type: ignore[type-arg]
            await _open_a0_and_follow_hts(pilot)
            await pilot.press("left_square_bracket", "enter")
            await _settle(pilot)

        assert snap_compare(_app(theme), terminal_size=size, run_before=run_before)


class TestRelatedPane:
    """The Related pane focused, the second related article highlighted (title, date and
    source, reason; wrapped titles)."""

    @pytest.mark.parametrize("theme", THEMES)
    @pytest.mark.parametrize("size", SIZES)
    def test_related_pane(self, snap_compare, theme: str, size: tuple[int, int]) -> None:
        async def run_before(pilot: Pilot) -> None:  # type: ignore[type-arg]
            await _settle(pilot)
            await pilot.press("4")
            await _settle(pilot)
            await pilot.press("down")
            await _settle(pilot)

        assert snap_compare(_app(theme), terminal_size=size, run_before=run_before)
