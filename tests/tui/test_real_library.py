"""The reading screen on the real Library over the bundled seeds (index built by the app)."""

from __future__ import annotations

from reader.config import Config
from reader.library import Library
from reader.tui.app import ReaderApp
from reader.tui.navigation import Position
from reader.tui.screens.main import MainScreen

from .helpers import settle


async def _until(pilot, predicate, rounds: int = 200) -> None:  # type: ignore[no-untyped-def]
    for _ in range(rounds):
        if predicate():
            return
        await pilot.pause(0.05)
    raise AssertionError("condition not reached")


async def test_seeds_open_and_hts_is_followed_across_articles() -> None:
    library = Library()
    app = ReaderApp(library, Config(), persist=False)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await _until(
            pilot, lambda: screen.article_list.item_count == 5 and screen.article_view.mentions
        )
        await settle(pilot)
        hts = library.entity("HTS")
        assert hts is not None
        first = library.articles_mentioning(hts.id)[0].id
        screen.open_at(Position(first))
        await _until(
            pilot, lambda: screen.article_view.article.id == first and screen.article_view.mentions
        )
        await settle(pilot)
        view = screen.article_view
        index = next(i for i, m in enumerate(view.mentions) if m.entity == hts.id)
        view.focus_mention(index)
        await pilot.press("asterisk")
        await settle(pilot)
        assert screen.status.trail.startswith(f"{hts.name} · mention 1/")
        visited = {first}
        for _ in range(hts.mention_count):
            await pilot.press("n")
            await settle(pilot)
            visited.add(view.article.id)
            assert view.current_mention is not None and view.current_mention.entity == hts.id
        assert len(visited) == hts.article_count >= 3
        await pilot.press("slash", *"aleppo airport")
        await _until(
            pilot,
            lambda: screen.last_result is not None and screen.last_result.query == "aleppo airport",
        )
        assert screen.article_list.item_count >= 1
    library.close()
