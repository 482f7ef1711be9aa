"""Search as you type: results, stale results dropped, did-you-mean, facets, n/N over hits."""

from __future__ import annotations

from reader.model import SearchResult
from reader.tui import messages as msg
from reader.tui.screens.main import MainScreen
from reader.tui.screens.pickers import ChoicePicker

from .helpers import settle


async def test_results_update_as_you_type(make_app, library) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        screen: MainScreen = app.screen  # type: ignore[assignment]
        await pilot.press("slash")
        assert screen.query_one("#search-input").has_focus
        await pilot.press(*"aleppo")
        await settle(pilot)
        ids = [h.article_id for h in screen.article_list.items]
        assert set(ids) == {"a0", "a1", "a4"}
        await pilot.press("space", *"airport")
        await settle(pilot)
        assert sorted(h.article_id for h in screen.article_list.items) == ["a0", "a1"]
        info = str(screen.query_one("#search-info").render())
        assert "2 matches" in info
        assert library.calls["search"] >= 2


async def test_stale_results_are_dropped(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        screen: MainScreen = app.screen  # type: ignore[assignment]
        await pilot.press("slash", *"idlib")
        await settle(pilot)
        before = list(screen.article_list.items)
        # a late answer for an older query must not replace the list
        screen.post_message(msg.SearchFinished("aleppo", {}, SearchResult("aleppo", [], 0)))
        await settle(pilot)
        assert list(screen.article_list.items) == before and before


async def test_did_you_mean_and_errors_are_shown(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        screen: MainScreen = app.screen  # type: ignore[assignment]
        await pilot.press("slash", *"aleppoo")
        await settle(pilot)
        assert "did you mean aleppo" in str(screen.query_one("#search-info").render())
        await pilot.press("space", "quotation_mark")
        await settle(pilot)
        assert "unbalanced quote" in str(screen.query_one("#search-info").render())


async def test_enter_opens_first_hit_and_n_steps_through_matches(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        screen: MainScreen = app.screen  # type: ignore[assignment]
        await pilot.press("slash", *"airport", "enter")
        await settle(pilot)
        first = screen.article_view.article.id
        assert screen.article_view.selected_text.lower() == "airport"
        assert screen.article_view.matches  # terms highlighted in the text
        assert screen.status.trail.startswith("/airport · match 1/1 · hit 1/2")
        await pilot.press("n")
        await settle(pilot)
        assert screen.article_view.article.id != first
        assert screen.article_view.selected_text.lower() == "airport"
        await pilot.press("N")
        await settle(pilot)
        assert screen.article_view.article.id == first
        await pilot.press("escape")
        await settle(pilot)
        assert screen.article_list.item_count == 5  # back to every article


async def test_facet_filter_narrows_results(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        screen: MainScreen = app.screen  # type: ignore[assignment]
        await pilot.press("slash", *"aleppo")
        await settle(pilot)
        screen.article_list.focus()
        await pilot.press("f")
        await pilot.pause()  # (a modal is open: its worker waits for the answer)
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, ChoicePicker)
        labels = [c.label for c in picker.choices]
        assert "source: Reuters (1)" in labels
        index = labels.index("source: Reuters (1)")
        for _ in range(index):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        await settle(pilot)
        assert [h.article_id for h in screen.article_list.items] == ["a4"]
        assert "source: Reuters" in str(screen.query_one("#search-info").render())
        await pilot.press("F")
        await settle(pilot)
        assert screen.article_list.item_count == 3
