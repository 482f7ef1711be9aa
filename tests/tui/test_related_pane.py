"""RelatedPane: wrapped rows per article, keyboard and mouse, notes, and the Drawn message."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.message import Message

from reader.model import ArticleSummary
from reader.tui.app import ThemedApp
from reader.tui.widgets.related_pane import RelatedPane
from reader.tui.widgets.related_rows import related_reason, wrap_related

from .fakes import FakeRelated
from .helpers import screen_text


def _related(n: int, title: str = "Story {i}") -> list[FakeRelated]:
    return [
        FakeRelated(
            ArticleSummary(f"id{i}", f"/c/{i}.txt", title.format(i=i), "1987-03-01", "Reuters"),
            float(n - i),
            ["Japan", "OPEC"],
            reason=f"shares Japan, OPEC · text 0.{i}",
        )
        for i in range(n)
    ]


class PaneApp(ThemedApp):
    """Harness: one RelatedPane, recording what it posts."""

    def __init__(self, items: list[FakeRelated], note: str | None = None) -> None:
        super().__init__()
        self.items = items
        self.note = note
        self.posted: list[Message] = []

    def compose(self) -> ComposeResult:
        yield RelatedPane(id="pane")

    def on_mount(self) -> None:
        pane = self.query_one(RelatedPane)
        pane.show_related("open", self.items, self.note)
        pane.focus()

    def on_related_pane_article_chosen(self, event: RelatedPane.ArticleChosen) -> None:
        self.posted.append(event)

    def on_related_pane_drawn(self, event: RelatedPane.Drawn) -> None:
        self.posted.append(event)


def _chosen(app: PaneApp) -> list[str]:
    return [m.article_id for m in app.posted if isinstance(m, RelatedPane.ArticleChosen)]


async def test_each_article_shows_title_date_source_and_reason() -> None:
    app = PaneApp(_related(3))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        pane = app.query_one(RelatedPane)
        assert pane.article_ids == ["id0", "id1", "id2"]
        text = screen_text(app)
        for i in range(3):
            assert f"Story {i}" in text
            assert f"shares Japan, OPEC · text 0.{i}" in text
        assert text.count("1987-03-01 · Reuters") == 3
        assert "─" * 20 in text  # a rule between two articles


async def test_keys_move_between_articles_and_enter_opens_one() -> None:
    app = PaneApp(_related(4))
    async with app.run_test(size=(60, 30)) as pilot:
        pane = app.query_one(RelatedPane)
        await pilot.press("enter")
        assert _chosen(app) == ["id0"]
        await pilot.press("down", "down")
        assert pane.cursor == 2
        await pilot.press("up")
        assert pane.cursor == 1
        await pilot.press("enter")
        await pilot.press("end", "down")  # stays on the last one
        assert pane.cursor == 3
        await pilot.press("home", "up")  # and on the first
        assert pane.cursor == 0
        await pilot.press("j", "j", "k", "enter")
        assert _chosen(app) == ["id0", "id1", "id1"]


async def test_clicking_any_row_of_an_article_opens_it() -> None:
    app = PaneApp(_related(3))
    async with app.run_test(size=(60, 20)) as pilot:
        pane = app.query_one(RelatedPane)
        rows = wrap_related(pane.items, 58, app.console)  # padding 0 1
        reason_of_second = next(i for i, r in enumerate(rows) if r.item == 1 and r.kind == "reason")
        await pilot.click(RelatedPane, offset=(3, reason_of_second))
        assert pane.cursor == 1
        assert _chosen(app) == ["id1"]
        separator = next(i for i, r in enumerate(rows) if r.item is None)
        await pilot.click(RelatedPane, offset=(3, separator))
        assert _chosen(app) == ["id1"]  # a rule is no article


async def test_long_titles_wrap_and_are_not_markup() -> None:
    title = "A very long [bold]headline[/bold] about {i} oil ministers meeting in Vienna"
    app = PaneApp(_related(2, title))
    async with app.run_test(size=(30, 20)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "[bold]headline[/bold]" in text
        assert "Vienna" in text  # wrapped onto another row, not cut off
        rows = wrap_related(app.query_one(RelatedPane).items, 28, app.console)
        assert sum(1 for r in rows if r.item == 0 and r.kind == "title") > 1


async def test_the_cursor_article_scrolls_into_view() -> None:
    app = PaneApp(_related(10))
    async with app.run_test(size=(40, 12)) as pilot:
        pane = app.query_one(RelatedPane)
        await pilot.press("end")
        await pilot.pause()
        assert pane.scroll_offset.y > 0
        assert "Story 9" in screen_text(app)
        await pilot.press("pageup")
        assert 0 < pane.cursor < 9
        await pilot.press("home")
        await pilot.pause()
        assert pane.scroll_offset.y == 0


async def test_a_note_when_there_are_none_and_while_finding() -> None:
    app = PaneApp([], "Related failed: boom")
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        pane = app.query_one(RelatedPane)
        assert "Related failed: boom" in screen_text(app)
        await pilot.press("enter", "down")
        assert _chosen(app) == []
        pane.show_finding("other")
        await pilot.pause()
        assert pane.pending and pane.article_id == "other"
        assert "Finding other coverage…" in screen_text(app)
        pane.show_related("other", [])
        await pilot.pause()
        assert not pane.pending
        assert "No related articles." in screen_text(app)


async def test_drawn_is_posted_once_per_list_after_it_is_on_screen() -> None:
    app = PaneApp(_related(2))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        pane = app.query_one(RelatedPane)

        def drawn() -> list[str]:
            return [m.article_id for m in app.posted if isinstance(m, RelatedPane.Drawn)]

        assert drawn() == ["open"]
        await pilot.press("down")  # redrawing the same list says nothing
        await pilot.pause()
        assert drawn() == ["open"]
        pane.show_finding("next")  # a note is not a list
        await pilot.pause()
        assert drawn() == ["open"]
        pane.show_related("next", _related(1))
        await pilot.pause()
        assert drawn() == ["open", "next"]


def test_reason_falls_back_to_shared_entities_and_marks_duplicates() -> None:
    [item] = _related(1)
    item.reason = ""
    assert related_reason(item) == "shares Japan, OPEC"
    item.duplicate = True
    item.shared_entities = []
    assert related_reason(item) == "duplicate · similar wording"


async def test_a_theme_change_redraws_the_pane_in_the_new_colours(make_app) -> None:
    from .helpers import settle

    app = make_app(theme="reader-dark")
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        pane = app.screen.query_one(RelatedPane)
        assert pane.article_ids

        def row_colours() -> set[object]:
            strip = pane.render_lines(pane.size.region)[0]
            return {seg.style.bgcolor for seg in strip if seg.style}

        dark = row_colours()
        app.theme = "reader-light"
        await settle(pilot)
        await pilot.pause(0.1)
        assert row_colours() != dark
