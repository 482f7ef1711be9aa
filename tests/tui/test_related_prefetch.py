"""Related lists of the open article's list neighbours are computed ahead of time; a
prefetched list is shown with its own article only, and never after a correction.

The fake corpus in list order (newest first): a4, a3, a1, a0, a2.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from reader.tui.navigation import Position
from reader.tui.screens.main import MainScreen
from reader.tui.widgets.article_list import item_article_id

from .helpers import settle


def _screen(app: Any) -> MainScreen:
    assert isinstance(app.screen, MainScreen)
    return app.screen


def _watch_the_pane(screen: MainScreen) -> list[tuple[str, str, str | None]]:
    """Record every list or note put in the Related pane, with the article open then."""
    pane = screen.related_pane
    shown: list[tuple[str, str, str | None]] = []
    show_related, show_finding = pane.show_related, pane.show_finding

    def open_id() -> str | None:
        article = screen.article_view.article
        return article.id if article else None

    def related(article_id: str, items: list[Any], note: str | None = None) -> None:
        shown.append(("list", article_id, open_id()))
        show_related(article_id, items, note)

    def finding(article_id: str) -> None:
        shown.append(("finding", article_id, open_id()))
        show_finding(article_id)

    pane.show_related = related  # type: ignore[method-assign]
    pane.show_finding = finding  # type: ignore[method-assign]
    return shown


async def test_the_next_articles_list_is_ready_when_it_is_opened(make_app, library) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # the Related pane is on screen
        await settle(pilot)
        screen = _screen(app)
        assert screen.article_view.article.id == "a4"
        assert screen.has_related("a3") and screen.has_related("a1")  # rows +1 and +2
        assert library.related_asked.count("a3") == 1
        shown = _watch_the_pane(screen)
        await pilot.press("1", "down")  # the reader moves to the next article in the list
        await settle(pilot)
        assert screen.article_view.article.id == "a3"
        assert library.related_asked.count("a3") == 1  # not computed again
        assert shown[0] == ("list", "a3", "a3")  # filled with the article: no "finding…" first
        assert screen.related_pane.article_id == "a3"
        assert screen.related_pane.article_ids == [r.summary.id for r in library.related("a3")]
        # and the neighbours of a3 are fetched in turn: a0 (two rows down) is new
        assert screen.has_related("a0")


async def test_no_prefetch_while_the_related_pane_is_hidden(make_app, library) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("down", "down")
        await settle(pilot)
        assert library.related_asked == []


async def test_a_prefetched_list_is_never_shown_for_another_article(make_app, library) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        screen = _screen(app)
        started, release = threading.Event(), threading.Event()
        related = library.related

        def slow_related(article_id: str, limit: int = 10):  # type: ignore[no-untyped-def]
            if article_id == "a1":
                started.set()
                release.wait(5)  # the prefetch of a1 is still running when a2 is opened
            return related(article_id, limit)

        library.related = slow_related
        shown = _watch_the_pane(screen)
        await pilot.press("4")
        for _ in range(100):
            await pilot.pause(0.01)
            if started.is_set():
                break
        assert started.is_set()  # a1 (a4's row +2) is being prefetched
        screen.open_at(Position("a2"))  # far from a4 in the list
        for _ in range(20):
            await pilot.pause(0.01)
        assert screen.article_view.article.id == "a2"
        assert screen.related_pane.article_id == "a2" and screen.related_pane.pending
        release.set()
        await settle(pilot)
        assert screen.related_pane.article_id == "a2" and not screen.related_pane.pending
        assert screen.related_pane.article_ids == [r.summary.id for r in related("a2")]
        assert screen.has_related("a1")  # kept for when a1 is opened
        assert all(shown_for == open_id for _, shown_for, open_id in shown), shown


async def test_lists_computed_before_a_correction_are_dropped(make_app, library) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        screen = _screen(app)
        started, release = threading.Event(), threading.Event()
        related = library.related

        def slow_related(article_id: str, limit: int = 10):  # type: ignore[no-untyped-def]
            if article_id == "a3":
                started.set()
                release.wait(5)
            return related(article_id, limit)

        library.related = slow_related
        await pilot.press("4")
        for _ in range(100):
            await pilot.pause(0.01)
            if started.is_set():
                break
        assert started.is_set()  # a3 (a4's row +1) is being prefetched
        screen.forget_related()  # what a correction or a re-index does
        release.set()
        await settle(pilot)
        assert not screen.has_related("a3")
        assert screen.related_pane.article_id == "a4"


async def test_the_prefetch_follows_the_search_hits_order(make_app, library) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        screen = _screen(app)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("slash", *"aleppo", "enter")
        await settle(pilot)
        hits = [item_article_id(h) for h in screen.article_list.items]
        opened = screen.article_view.article.id
        index = hits.index(opened)
        for neighbour in hits[index + 1 : index + 3]:
            assert screen.has_related(neighbour)


async def test_the_related_article_under_the_cursor_is_ready_when_chosen(make_app, library) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # the pane has focus: enter would open its first article
        await settle(pilot)
        screen = _screen(app)
        pane = screen.related_pane
        assert pane.article_ids == ["a0", "a1", "a2"]  # a0 and a2 are not list neighbours
        assert screen.has_related("a0")
        assert not screen.has_related("a2")
        await pilot.press("down", "down")
        await settle(pilot)
        assert screen.has_related("a2")
        asked = library.related_asked.count("a2")
        shown = _watch_the_pane(screen)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.article_view.article.id == "a2"
        assert shown[0] == ("list", "a2", "a2")  # no "finding…" first
        assert library.related_asked.count("a2") == asked


@asynccontextmanager
async def _related_pane_shown(make_app: Any) -> AsyncIterator[tuple[Any, MainScreen]]:
    """The app with the Related pane on screen (a4 open, its list drawn)."""
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        yield pilot, _screen(app)


async def test_a_cold_list_ready_soon_is_drawn_with_its_article(make_app, library) -> None:
    async with _related_pane_shown(make_app) as (pilot, screen):
        assert not screen.has_related("a2")  # far from a4 in the list: not prefetched
        shown = _watch_the_pane(screen)
        screen.open_at(Position("a2"))
        await settle(pilot)
        assert shown == [("list", "a2", "a2")]  # with the article: no "finding…" first
        assert library.related_asked.count("a2") == 1


async def test_a_slow_list_does_not_hold_its_article_back(make_app, library) -> None:
    async with _related_pane_shown(make_app) as (pilot, screen):
        release = threading.Event()
        related = library.related

        def slow_related(article_id: str, limit: int = 10):  # type: ignore[no-untyped-def]
            if article_id == "a2":
                release.wait(5)
            return related(article_id, limit)

        library.related = slow_related
        shown = _watch_the_pane(screen)
        screen.open_at(Position("a2"))
        for _ in range(50):
            await pilot.pause(0.01)
            if screen.article_view.article.id == "a2":
                break
        assert screen.article_view.article.id == "a2"  # shown after the short wait
        assert screen.related_pane.pending
        release.set()
        await settle(pilot)
        assert [kind for kind, _, _ in shown] == ["finding", "list"]
        assert all(shown_for == open_id == "a2" for _, shown_for, open_id in shown), shown


async def test_the_lists_where_n_and_N_lead_are_ready(make_app, library) -> None:
    async with _related_pane_shown(make_app) as (pilot, screen):
        screen.open_at(Position("a0"), focus_view=True)
        await settle(pilot)
        screen.forget_related()  # a4's list (the first article's) is computed again if wanted
        await pilot.press("right_square_bracket", "asterisk")  # follow HTS
        await settle(pilot)
        trail = screen.trail
        assert trail is not None and trail.entity_id == "hts"
        await pilot.press("n", "n")  # past a0's second mention: a1
        await settle(pilot)
        assert screen.article_view.article.id == "a1"
        at = trail.article_ids.index("a1")
        after = trail.article_ids[at + 1]
        rows = [item_article_id(item) for item in screen.article_list.items]
        assert abs(rows.index(after) - rows.index("a1")) > 1  # not a list neighbour
        assert screen.has_related(after)  # where n leads next
        asked = library.related_asked.count(after)
        shown = _watch_the_pane(screen)
        await pilot.press("n", "n")
        await settle(pilot)
        assert screen.article_view.article.id == after
        assert shown[0] == ("list", after, after)  # kept: filled with the article
        assert library.related_asked.count(after) == asked  # not computed again
