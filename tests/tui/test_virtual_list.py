"""VirtualList/ArticleList: 20,000 rows stay instant; keys, clicks, snippets, escaping."""

from __future__ import annotations

import time

from textual.app import ComposeResult

from reader.model import HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN, ArticleSummary, SearchHit
from reader.tui.app import ThemedApp
from reader.tui.widgets.article_list import ArticleList, snippet_text


def _summaries(n: int) -> list[ArticleSummary]:
    return [
        ArticleSummary(f"id{i}", f"/c/{i}.txt", f"Title [b]{i}[/b]", "1987-03-01", "Reuters")
        for i in range(n)
    ]


class ListApp(ThemedApp):
    """Harness: one ArticleList."""

    def __init__(self, n: int) -> None:
        super().__init__()
        self.n = n
        self.selected: list[str] = []

    def compose(self) -> ComposeResult:
        yield ArticleList(id="list")

    def on_mount(self) -> None:
        self.query_one(ArticleList).show_summaries(_summaries(self.n))
        self.query_one(ArticleList).focus()

    def on_virtual_list_selected(self, event: ArticleList.Selected) -> None:
        self.selected.append(event.item.id)


async def test_twenty_thousand_rows_paint_and_move_fast() -> None:
    start = time.perf_counter()
    app = ListApp(20_000)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert time.perf_counter() - start < 1.5
        lst = app.query_one(ArticleList)
        t = time.perf_counter()
        await pilot.press("end")
        await pilot.pause()
        assert lst.cursor == 19_999
        assert lst.scroll_offset.y > 19_000
        await pilot.press("k", "k", "g")
        assert lst.cursor == 0
        assert time.perf_counter() - t < 1.0


async def test_titles_are_not_markup_and_rows_click() -> None:
    app = ListApp(5)
    async with app.run_test(size=(80, 10)) as pilot:
        lst = app.query_one(ArticleList)
        assert "[b]0[/b]" in "".join(seg.text for seg in lst.render_line(0))
        await pilot.click(ArticleList, offset=(3, 2))
        await pilot.pause()
        assert lst.cursor == 2
        assert app.selected == ["id2"]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.selected == ["id2", "id3"]


def test_snippet_markers_become_styles_not_text() -> None:
    text = snippet_text(f"the {HIGHLIGHT_OPEN}[red]airport{HIGHLIGHT_CLOSE} closed", "bold")
    assert text.plain == "the [red]airport closed"
    assert [(s.start, s.end) for s in text.spans] == [(4, 16)]


async def test_hits_take_two_rows() -> None:
    app = ListApp(0)
    async with app.run_test(size=(80, 10)) as pilot:
        lst = app.query_one(ArticleList)
        hit = SearchHit(
            "x", "/x", "Title", "2024-01-01", "BBC", 1.0, f"a {HIGHLIGHT_OPEN}b{HIGHLIGHT_CLOSE}"
        )
        lst.show_hits([hit, hit])
        await pilot.pause()
        assert lst.virtual_size.height == 4
        assert "a b" in "".join(seg.text for seg in lst.render_line(1))


def test_long_snippets_are_cut_so_the_match_shows() -> None:
    from rich.text import Text as RichText

    lst = ArticleList()
    lst.style_for = lambda component: RichText().style  # no app needed for styles
    hit = SearchHit(
        "x", "/x", "T", "", "", 1.0, "word " * 40 + f"{HIGHLIGHT_OPEN}airport{HIGHLIGHT_CLOSE} shut"
    )
    row = lst.render_item(hit, 0, 60)[1]
    row.truncate(60)
    assert "airport" in row.plain and "…" in row.plain


async def test_a_held_cursor_move_is_drawn_on_request_or_after_the_delay() -> None:
    app = ListApp(10)
    async with app.run_test(size=(80, 10)) as pilot:
        lst = app.query_one(ArticleList)
        await pilot.pause()
        lst.paint_delay = 5.0  # held: drawn when asked
        drawn: list[int] = []
        refresh_lines = lst.refresh_lines

        def record(y: int, height: int = 1):  # type: ignore[no-untyped-def]
            drawn.append(y)
            return refresh_lines(y, height)

        lst.refresh_lines = record  # type: ignore[method-assign]
        await pilot.press("down")
        assert lst.cursor == 1 and drawn == []  # announced, not drawn yet
        lst.paint_cursor()  # what the owner does once the opened article is shown
        assert sorted(drawn) == [0, 1]
        drawn.clear()
        lst.paint_delay = 1.0
        await pilot.press("down", "down")
        assert drawn == []
        await pilot.pause(1.5)  # nobody drew it: the list does, after the delay
        assert sorted(set(drawn)) == [1, 2, 3]
        drawn.clear()
        lst.paint_cursor()
        assert drawn == []  # nothing held
