"""What keeps the screen quick on a large corpus: related articles fetched alongside the
article and kept per article (prefetching is in ``test_related_prefetch.py``), full garbage
collections kept off the long-lived corpus data, and a first screen that does not import
the notes or analysis packages."""

from __future__ import annotations

import gc
import subprocess
import sys
import threading
from pathlib import Path

from reader.tui import heap
from reader.tui.heap import HeapGuard
from reader.tui.navigation import Position
from reader.tui.screens.main import MainScreen

from .helpers import settle


def _related_ids(screen: MainScreen) -> list[str]:
    return screen.related_pane.article_ids


async def test_related_articles_are_found_while_the_article_loads(make_app, library) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # the Related pane is on screen
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        release = threading.Event()
        read_article = library.article

        def slow_article(article_id: str):  # type: ignore[no-untyped-def]
            if article_id == "a2":
                release.wait(5)
            return read_article(article_id)

        library.article = slow_article
        assert not screen.has_related("a2")  # not a neighbour of the open a4 in the list
        screen.open_at(Position("a2"))
        for _ in range(100):  # the related worker runs although the article is not read yet
            await pilot.pause(0.01)
            if "a2" in library.related_asked:
                break
        assert library.related_asked.count("a2") == 1
        assert screen.article_view.article.id != "a2"
        release.set()
        await settle(pilot)
        assert screen.article_view.article.id == "a2"
        assert _related_ids(screen) == [r.summary.id for r in library.related("a2")]


async def test_going_back_shows_the_related_articles_without_computing_them_again(
    make_app, library
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.open_at(Position("a1"))
        await settle(pilot)
        first = _related_ids(screen)
        assert first
        screen.open_at(Position("a2"))
        await settle(pilot)
        assert _related_ids(screen) != first
        asked = library.related_asked.count("a1")
        screen.open_at(Position("a1"))
        await settle(pilot)
        assert _related_ids(screen) == first
        assert library.related_asked.count("a1") == asked  # kept, not recomputed


async def test_a_correction_forgets_the_kept_related_lists(make_app, library) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.has_related("a4")
        asked = library.related_asked.count("a4")
        screen.apply_correction("rename", "hts", "HTS (renamed)")
        await settle(pilot)
        assert library.related_asked.count("a4") == asked + 1  # the open article's, again
        assert screen.related_pane.article_id == "a4" and not screen.related_pane.pending


def test_heap_guard_freezes_survivors_of_full_collections_and_gives_them_back() -> None:
    guard = HeapGuard()
    try:
        guard.install()
        assert gc.get_freeze_count() > 0
        frozen = guard.freezes
        gc.collect()  # a full collection: its survivors are frozen
        assert guard.freezes == frozen + 1
        gc.collect(0)  # a young collection freezes nothing
        assert guard.freezes == frozen + 1
    finally:
        guard.remove()
    assert gc.get_freeze_count() == 0
    assert not guard.installed
    gc.collect()
    assert guard.freezes == frozen + 1  # removed: no longer called


def _garbage(count: int) -> None:
    """Leave ``count`` garbage cycles (reference counting cannot free them: only the
    collector can)."""
    for _ in range(count):
        cycle: list = []
        cycle.append(cycle)


def test_heap_guard_runs_full_passes_when_the_reader_pauses(monkeypatch) -> None:
    clock = [100.0]
    monkeypatch.setattr(heap.time, "monotonic", lambda: clock[0])
    thresholds = gc.get_threshold()
    guard = HeapGuard()
    try:
        guard.install()
        assert gc.isenabled()
        assert gc.get_threshold()[:2] == thresholds[:2]  # young and middle passes as usual
        assert gc.get_threshold()[2] >= heap.NEVER  # full ones: by tick()
        counts = [0, 0, 0]
        monkeypatch.setattr(gc, "get_count", lambda: tuple(counts))
        guard.touch()
        assert guard.tick() is None  # no middle pass yet: nothing owed
        counts[2] = thresholds[2]  # a full pass is owed ...
        assert guard.tick() is None  # ... but the reader just acted
        clock[0] += heap.IDLE_AFTER / 2
        assert guard.tick() is None  # still acting
        clock[0] += heap.IDLE_AFTER / 2
        frozen = guard.freezes
        assert guard.tick() == 2  # paused: the full pass, and its survivors are frozen
        assert guard.freezes == frozen + 1
        guard.touch()
        counts[2] = heap.BUSY_LIMIT * thresholds[2] - 1
        assert guard.tick() is None
        counts[2] += 1
        assert guard.tick() == 2  # busy for too long: collected anyway
        assert guard.collections == [0, 0, 2]
    finally:
        guard.remove()
    assert gc.get_threshold() == thresholds  # given back as they were
    assert guard.tick() is None  # removed: does nothing


def test_heap_guard_really_collects_garbage_cycles(monkeypatch) -> None:
    clock = [100.0]
    monkeypatch.setattr(heap.time, "monotonic", lambda: clock[0])
    limit0, limit1, limit2 = gc.get_threshold()
    guard = HeapGuard()
    try:
        guard.install()
        gc.collect()
        for _ in range(limit0 * limit1 * limit2 * 2):  # enough for two middle passes' worth
            _garbage(1)
        assert gc.get_count()[2] >= limit2  # a full pass is owed, and was not run
        assert gc.get_freeze_count() > 0
        clock[0] += heap.IDLE_AFTER
        assert guard.tick() == 2
        assert gc.get_count()[2] == 0
    finally:
        guard.remove()


async def test_the_app_guards_the_heap_while_it_runs(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        assert app.heap.installed
        gc.collect()  # a full collection while the app runs: its survivors are frozen
        assert gc.get_freeze_count() > 0
        limit0, limit1, limit2 = heap.gc.get_threshold()
        _garbage(limit0 * limit1 * 10 * 2)  # full passes owed: the collector leaves them
        before = sum(app.heap.collections)
        await pilot.pause(heap.IDLE_AFTER + 3 * heap.CHECK_EVERY)
        assert sum(app.heap.collections) > before  # collected while nothing happened
    assert not app.heap.installed
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold()[2] < heap.NEVER


def test_the_first_screen_does_not_import_notes_or_analysis() -> None:
    code = (
        "import sys, reader.library, reader.tui.app\n"
        "print(sorted(m for m in sys.modules if m.startswith(('reader.notes', 'reader.analysis'))))"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert out.stdout.strip() == "[]"


def test_the_article_view_knows_every_note_colour() -> None:
    from reader.notes import COLORS
    from reader.tui.widgets.article_view import NOTE_COLORS

    assert set(NOTE_COLORS) == set(COLORS)


async def test_the_list_follows_a_jump_once_the_article_is_drawn(make_app, monkeypatch) -> None:
    from reader.tui.screens import reading
    from reader.tui.widgets.article_list import item_article_id

    monkeypatch.setattr(reading, "LIST_SYNC_DELAY", 1.0)
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.article_list.focus()
        screen.open_at(Position("a1"))  # a jump (n, a link, ctrl+o), not a move in the list
        for _ in range(100):
            await pilot.pause(0.01)
            if screen.article_view.article.id == "a1":
                break
        assert screen.article_view.article.id == "a1"
        assert item_article_id(screen.article_list.current) != "a1"  # not yet
        await pilot.pause(1.3)
        assert item_article_id(screen.article_list.current) == "a1"


async def test_keys_typed_during_a_search_run_only_the_newest_query(make_app, library) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        release = threading.Event()
        asked: list[str] = []
        search = library.search

        def slow_search(text: str, *args, **kwargs):  # type: ignore[no-untyped-def]
            asked.append(text)
            if text == "a":
                release.wait(5)
            return search(text, *args, **kwargs)

        library.search = slow_search
        await pilot.press("slash", "a")  # "" first (the bar opened), then "a" blocks
        for _ in range(100):
            await pilot.pause(0.01)
            if asked and asked[-1] == "a":
                break
        await pilot.press(*"leppo")  # five keys while "a" is running
        await pilot.pause(0.1)
        assert asked[-1] == "a"
        release.set()
        await settle(pilot)
        assert asked[asked.index("a") + 1 :] == ["aleppo"]  # not a, al, ale, alep, alepp
        assert {h.article_id for h in screen.article_list.items} == {"a0", "a1", "a4"}


async def test_library_is_warmed_after_start_up_and_a_failure_is_harmless(make_app, library) -> None:
    def broken_warm() -> None:
        library.calls["warm"] += 1
        raise OSError("index files vanished")

    library.warm = broken_warm
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        assert library.calls["warm"] == 1
        assert isinstance(app.screen, MainScreen) and app.screen.summaries  # still usable
