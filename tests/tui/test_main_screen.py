"""The reading screen on the fake corpus: open, ] [, follow with n/N, history, entity view."""

from __future__ import annotations

from reader.config import load_state
from reader.tui.screens.main import MainScreen
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.kwic_list import KwicList

from .helpers import settle


def _screen(app) -> MainScreen:  # type: ignore[no-untyped-def]
    assert isinstance(app.screen, MainScreen)
    return app.screen


async def _open(pilot, article_id: str) -> None:  # type: ignore[no-untyped-def]
    """Select ``article_id`` in the list and press enter."""
    screen = _screen(pilot.app)
    screen.article_list.focus()
    index = screen.article_list.index_of(article_id)
    assert index is not None
    screen.article_list.move_to(index)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def test_first_screen_lists_articles_and_opens_the_newest(make_app, library) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        screen = _screen(app)
        assert screen.article_list.item_count == 5
        assert screen.status.count == 5
        assert screen.status.index_state == "index up to date"
        assert screen.article_view.article.id == "a4"
        assert "Aleppo after the offensive" in str(screen.header.render())


async def test_opening_an_article_from_the_list(make_app, library) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await _open(pilot, "a1")
        screen = _screen(app)
        assert screen.article_view.article.id == "a1"
        assert screen.article_view.has_focus
        # the title holds "[bold]" and is shown literally, not as markup
        assert "[bold]fighting[/bold]" in str(screen.header.render())
        assert screen.entity_pane.item_count > 0
        assert library.calls["related"] == 0  # not computed while its pane is hidden
        await pilot.press("4")
        await settle(pilot)
        assert screen.related_pane.article_id == "a1"
        assert "a0" in screen.related_pane.article_ids


async def test_brackets_move_between_mentions(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await _open(pilot, "a0")
        view = _screen(app).article_view
        await pilot.press("right_square_bracket")
        assert view.selected_text == "Hayat Tahrir al-Sham"
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert view.selected_text == "HTS"
        await pilot.press("left_square_bracket")
        assert view.selected_text == "Aleppo"


async def test_follow_then_n_and_N_cross_articles_by_date(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await _open(pilot, "a0")
        screen = _screen(app)
        await pilot.press("right_square_bracket", "asterisk")
        await settle(pilot)
        assert screen.status.trail == "HTS · mention 1/2 · article 2/4"
        await pilot.press("n")
        await settle(pilot)
        assert screen.article_view.selected_text == "HTS"
        assert screen.status.trail == "HTS · mention 2/2 · article 2/4"
        await pilot.press("n")
        await settle(pilot)
        assert screen.article_view.article.id == "a1"
        assert screen.article_view.selected_text == "HTS"
        assert screen.status.trail == "HTS · mention 1/2 · article 3/4"
        await pilot.press("n", "n")
        await settle(pilot)
        assert screen.article_view.article.id == "a4"
        await pilot.press("N")
        await settle(pilot)
        assert screen.article_view.article.id == "a1"
        assert screen.article_view.selected_text == "Hayat Tahrir al Sham"
        # the followed entity is drawn in its own colour
        assert screen.article_view.followed == "hts"


async def test_jump_history_back_and_forward(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await _open(pilot, "a0")
        screen = _screen(app)
        await pilot.press("right_square_bracket", "asterisk")
        await settle(pilot)
        await pilot.press("n", "n")
        await settle(pilot)
        assert screen.article_view.article.id == "a1"
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert screen.article_view.article.id == "a0"
        assert screen.article_view.selected_text == "HTS"
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert screen.article_view.selected_text == "Hayat Tahrir al-Sham"
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert screen.article_view.article.id == "a4"  # where the list started
        for _ in range(3):
            await pilot.press("ctrl+i")
            await settle(pilot)
        assert screen.article_view.article.id == "a1"
        assert screen.article_view.selected_text == "HTS"


async def test_enter_on_mention_opens_entity_view_and_enter_on_context_opens_article(
    make_app,
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await _open(pilot, "a0")
        screen = _screen(app)
        await pilot.press("right_square_bracket", "enter")
        await settle(pilot)
        assert screen.side.active == "tab-entity"
        details = screen.entity_view.details
        assert details is not None and details.entity.id == "hts"
        kwic = screen.query_one(KwicList)
        assert [k.summary.id for k in kwic.items] == ["a2", "a0", "a0", "a1", "a1", "a4"]
        assert "Hayat Tahrir al Sham" in [k.match for k in kwic.items]
        kwic.focus()
        await pilot.press("down", "down", "down", "enter")
        await settle(pilot)
        assert screen.article_view.article.id == "a1"
        assert screen.article_view.selected_text == "HTS"
        assert screen.article_view.has_focus
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert screen.article_view.article.id == "a0"


async def test_choosing_in_entities_pane_highlights_and_moves_to_first(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await _open(pilot, "a0")
        screen = _screen(app)
        await pilot.press("3")
        await settle(pilot)
        pane = screen.entity_pane
        assert pane.has_focus
        pane.select_entity("assad")
        await pilot.press("enter")
        await settle(pilot)
        assert screen.article_view.followed == "assad"
        assert screen.article_view.selected_text == "Assad"
        assert screen.status.trail.startswith("Bashar al-Assad · mention 1/1")


async def test_position_and_layout_are_remembered(make_app, library) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await _open(pilot, "a1")
        await pilot.press("right_square_bracket", "right_square_bracket", "p")
        offset = _screen(app).article_view.cursor_offset
        await pilot.press("q")
    state = load_state(library.roots)
    assert state["article"] == "a1" and state["offset"] == offset and state["side"] is False
    app2 = make_app()
    async with app2.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        screen = _screen(app2)
        assert screen.article_view.article.id == "a1"
        assert screen.article_view.cursor_offset == offset
        assert screen.has_class("-side-hidden")


async def test_narrow_terminal_turns_side_panes_into_a_switchable_tab(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = _screen(app)
        assert screen.has_class("-narrow")
        assert not screen.side.display or screen.side.region.width == 0
        await pilot.press("3")
        await settle(pilot)
        assert screen.side.region.width > 40
        assert screen.query_one("#article-pane").region.width == 0
        await pilot.press("escape")
        await settle(pilot)
        assert screen.query_one("#article-pane").region.width > 40


async def test_mouse_click_on_a_list_row_opens_it(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.click(ArticleList, offset=(2, 3))
        await settle(pilot)
        assert _screen(app).article_view.article.id == "a0"


async def test_slow_mentions_show_the_text_first(make_app, library, monkeypatch) -> None:
    import time

    from reader.tui import messages as msg

    fast = library.mentions

    def slow(article_id: str):  # type: ignore[no-untyped-def]
        time.sleep(0.3)  # like the first call, which links the whole corpus
        return fast(article_id)

    monkeypatch.setattr(library, "mentions", slow)
    seen: list[object] = []
    app = make_app()
    async with app.run_test(size=(160, 45), message_hook=seen.append) as pilot:
        await settle(pilot)
        screen = _screen(app)
        loaded = [m for m in seen if isinstance(m, msg.ArticleLoaded)]
        assert loaded and loaded[0].mentions is None  # text shown without waiting
        assert any(isinstance(m, msg.MentionsLoaded) for m in seen)
        assert screen.article_view.mentions and screen.entity_pane.item_count > 2


async def test_enter_in_related_pane_opens_the_first_related_article(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        screen = _screen(app)
        assert screen.related_pane.has_focus
        await pilot.press("enter")
        await settle(pilot)
        assert screen.article_view.article.id != "a4"
        assert screen.article_view.has_focus
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert screen.article_view.article.id == "a4"


async def test_start_position_opens_that_passage(library) -> None:
    from reader.config import Config
    from reader.tui.app import ReaderApp
    from reader.tui.navigation import Position

    body = library.article("a1").body
    start = body.index("Idlib")
    app = ReaderApp(library, Config(), start=Position("a1", start, start + 5), persist=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = _screen(app).article_view
        assert view.article.id == "a1"
        assert view.selected_text == "Idlib"
        assert view.has_focus


async def test_clicking_a_mention_opens_its_entity_view(make_app) -> None:
    from reader.tui.widgets.article_view import ArticleView

    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await _open(pilot, "a0")
        screen = _screen(app)
        column = screen.article_view.article.body.index("Hayat") + 3
        await pilot.click(ArticleView, offset=(1 + column, 0))  # padding 1
        await settle(pilot)
        assert screen.side.active == "tab-entity"
        assert screen.entity_view.details.entity.id == "hts"


async def test_list_fills_in_while_a_new_corpus_is_indexed(library, monkeypatch) -> None:
    import time

    from reader.config import Config
    from reader.tui import messages as msg
    from reader.tui.app import ReaderApp
    from reader.tui.screens import main as main_module

    monkeypatch.setattr(main_module, "LIST_REFRESH_SECONDS", 0.0)
    committed: list[str] = []
    all_summaries = library.summaries

    def update_index(progress=None, rebuild=False):  # type: ignore[no-untyped-def]
        ids = [s.id for s in all_summaries()]
        for done, article_id in enumerate(ids, 1):
            time.sleep(0.05)
            committed.append(article_id)  # like an index that commits as it goes
            if progress:
                progress(done, len(ids), article_id)
        library.indexed = True
        from reader.model import IndexReport

        return IndexReport(added=len(ids))

    monkeypatch.setattr(library, "update_index", update_index)
    monkeypatch.setattr(
        library,
        "summaries",
        lambda sort="date": [s for s in all_summaries(sort) if s.id in committed],
    )
    seen: list[object] = []
    app = ReaderApp(library, Config(), persist=False)
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        await settle(pilot)
        counts = [len(m.summaries) for m in seen if isinstance(m, msg.SummariesLoaded)]
        assert any(0 < n < 5 for n in counts), counts  # partial lists were shown
        assert counts[-1] == 5
        assert _screen(app).article_view.article is not None


async def test_a_move_in_the_list_is_drawn_with_the_article_it_opens(make_app, library) -> None:
    import threading

    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        screen = _screen(app)
        lst = screen.article_list
        lst.focus()
        events: list[str] = []
        refresh_lines, show = lst.refresh_lines, screen.article_view.show

        def rows(y: int, height: int = 1):  # type: ignore[no-untyped-def]
            events.append("list row")
            return refresh_lines(y, height)

        def shown(article, mentions):  # type: ignore[no-untyped-def]
            events.append(f"article {article.id}")
            return show(article, mentions)

        lst.refresh_lines = rows  # type: ignore[method-assign]
        screen.article_view.show = shown  # type: ignore[method-assign]
        release = threading.Event()
        read_article = library.article

        def slow_article(article_id: str):  # type: ignore[no-untyped-def]
            if article_id in ("a3", "a1"):
                release.wait(5)
            return read_article(article_id)

        library.article = slow_article
        lst.paint_delay = 5.0  # (longer than any test machine's hiccup)
        await pilot.press("down")
        await pilot.pause(0.1)
        assert lst.cursor == 1 and events == []  # the move waits for its article
        release.set()
        await settle(pilot)
        assert sorted(events) == ["article a3", "list row", "list row"]  # drawn together
        release.clear()
        lst.paint_delay = 0.3
        events.clear()
        await pilot.press("down")
        await pilot.pause(0.6)  # the article is slow: the list shows the move anyway
        assert events and set(events) == {"list row"}
        release.set()
        await settle(pilot)
        assert "article a1" in events
