"""The entity view opens without reading every context line, and descriptions come later.

The fake library's ``entity_view`` is wrapped: contexts become a long sequence that records
which lines are read (and fails if iterated), and the descriptions pass can be held open.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import replace

from reader.analysis.entity_view import Framing
from reader.tui import messages as msg
from reader.tui.screens.main import MainScreen
from reader.tui.widgets.kwic_list import KwicList

from .helpers import screen_text, settle

LINES = 5000


class CountingLines(Sequence):
    """``total`` context lines made from one, recording each index read."""

    def __init__(self, line, total: int) -> None:  # type: ignore[no-untyped-def]
        self.line = line
        self.total = total
        self.read: set[int] = set()

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        if isinstance(index, slice) or not 0 <= index < self.total:
            raise IndexError(index)
        self.read.add(index)
        return replace(self.line, left=f"  line   {index}\n ")

    def __iter__(self):  # type: ignore[no-untyped-def]
        raise AssertionError("every context line was read")


async def _until(pilot, predicate, rounds: int = 200) -> None:  # type: ignore[no-untyped-def]
    for _ in range(rounds):
        if predicate():
            return
        await pilot.pause(0.02)
    raise AssertionError("condition not reached")


def _screen(app) -> MainScreen:  # type: ignore[no-untyped-def]
    assert isinstance(app.screen, MainScreen)
    return app.screen


async def test_view_shows_without_reading_every_line(make_app, library) -> None:
    built: list[CountingLines] = []
    original = library.entity_view

    def entity_view(entity_id: str):  # type: ignore[no-untyped-def]
        view = original(entity_id)
        view.contexts = CountingLines(view.contexts[0], LINES)
        built.append(view.contexts)
        return view

    library.entity_view = entity_view
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        screen = _screen(app)
        screen.show_entity("hts")
        await settle(pilot)
        details = screen.entity_view.details
        assert details is not None and details.entity.id == "hts"
        lines = built[0]  # the view shown (the descriptions pass builds its own)
        kwic = screen.query_one(KwicList)
        assert kwic.item_count == LINES
        assert f"{LINES} mentions" in screen_text(app)
        assert " line 0 " in screen_text(app)  # flattened when read
        assert 0 < len(lines.read) < 60  # the lines on screen, not 5,000
        kwic.focus()
        await pilot.press("end")
        await settle(pilot)
        assert kwic.cursor == LINES - 1
        assert kwic.current is not None and kwic.current.left == f" line {LINES - 1} "
        assert len(lines.read) < 120
        assert LINES - 1 in lines.read and LINES // 2 not in lines.read


async def test_descriptions_arrive_later_and_stale_ones_are_dropped(make_app, library) -> None:
    gates = {"hts": threading.Event(), "aleppo": threading.Event()}
    original = library.entity_view

    def entity_view(entity_id: str):  # type: ignore[no-untyped-def]
        view = original(entity_id)

        def framing() -> Framing:
            gates[view.entity.id].wait(10)
            return Framing(descriptions=[(f"said of {view.entity.id}", 3)])

        view.framing = framing
        return view

    library.entity_view = entity_view
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        screen = _screen(app)
        pane = screen.entity_view
        try:
            screen.show_entity("hts")
            await _until(pilot, lambda: pane.details is not None)
            hts = pane.details
            assert hts.entity.id == "hts" and hts.pending
            await pilot.pause()
            assert "described as: …" in screen_text(app)

            screen.show_entity("aleppo")  # before hts's descriptions are ready
            await _until(pilot, lambda: pane.details is not hts)
            aleppo = pane.details
            assert aleppo.entity.id == "aleppo" and aleppo.pending
            gates["hts"].set()  # the older pass finishes first
            await pilot.pause(0.2)
            assert pane.details is aleppo and aleppo.pending
            assert "said of hts" not in screen_text(app)

            gates["aleppo"].set()
            await _until(pilot, lambda: not aleppo.pending)
            await pilot.pause()
            assert aleppo.descriptions == [("said of aleppo", 3)]
            assert "described as: said of aleppo (3)" in screen_text(app)

            screen.post_message(msg.EntityDescribed(hts, [("late", 9)]))  # a stale message
            await pilot.pause()
            await pilot.pause()
            assert pane.details is aleppo and aleppo.descriptions == [("said of aleppo", 3)]
            assert "late (9)" not in screen_text(app)
            assert hts.descriptions == [] and hts.pending
        finally:
            for gate in gates.values():
                gate.set()
        await settle(pilot)
