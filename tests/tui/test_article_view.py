"""ArticleView: offsets <-> locations, mention spans in get_line, ] / [ and enter."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.message import Message

from reader.model import Article, Mention
from reader.tui.app import ThemedApp
from reader.tui.widgets.article_view import ArticleView, LineIndex

BODY = "Rebels entered Aleppo.\n\nHTS said Aleppo airport\u2028was shut.\r\nEnd."


def _mention(text: str, start: int, entity: str, kind: str) -> Mention:
    return Mention(start, start + len(text), text, entity, text, kind, "x")


MENTIONS = [
    _mention("Aleppo", BODY.index("Aleppo"), "aleppo", "place"),
    _mention("HTS", BODY.index("HTS"), "hts", "actor"),
    _mention("Aleppo", BODY.index("Aleppo", 30), "aleppo", "place"),
]


class ViewApp(ThemedApp):
    """Harness: one ArticleView, recording its messages."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[Message] = []

    def compose(self) -> ComposeResult:
        yield ArticleView(id="view")

    def on_mount(self) -> None:
        article = Article("a", Path("a.txt"), "a.txt", "T", BODY, "h")
        self.query_one(ArticleView).show(article, MENTIONS)
        self.query_one(ArticleView).focus()

    def on_article_view_mention_focused(self, event: ArticleView.MentionFocused) -> None:
        self.seen.append(event)

    def on_article_view_mention_chosen(self, event: ArticleView.MentionChosen) -> None:
        self.seen.append(event)


def test_line_index_round_trips_every_offset_with_odd_separators() -> None:
    index = LineIndex(BODY)
    for offset in range(len(BODY) + 1):
        row, col = index.location(offset)
        assert 0 <= col <= index.lengths[row]
    for mention in MENTIONS:
        assert index.offset(index.location(mention.start)) == mention.start
    # \u2028 splits rows exactly like Textual's Document (str.splitlines)
    assert len(index.starts) == len(BODY.splitlines())


def test_spans_by_row_splits_a_span_over_two_rows() -> None:
    index = LineIndex("ab\ncd")
    assert index.spans_by_row([(1, 4, "x")]) == {0: [(1, 2, "x")], 1: [(0, 1, "x")]}


async def test_step_mention_goes_through_mentions_in_order() -> None:
    app = ViewApp()
    async with app.run_test() as pilot:
        view = app.query_one(ArticleView)
        assert view.step_mention(1) == MENTIONS[0]
        assert view.current_mention == MENTIONS[0]
        assert view.selected_text == "Aleppo"
        view.step_mention(1)
        view.step_mention(1)
        assert view.current_mention == MENTIONS[2]
        assert view.step_mention(1) is None  # at the end: stays
        assert view.current_mention == MENTIONS[2]
        view.step_mention(-1)
        assert view.current_mention == MENTIONS[1]
        await pilot.pause()
        focused = [m for m in app.seen if isinstance(m, ArticleView.MentionFocused)]
        assert focused[-1].mention == MENTIONS[1]


async def test_get_line_styles_mentions_by_kind_from_theme_variables() -> None:
    app = ViewApp()
    async with app.run_test() as pilot:
        view = app.query_one(ArticleView)
        row, col = LineIndex(BODY).location(MENTIONS[0].start)
        line = view.get_line(row)
        place = view.get_component_rich_style("article-view--mention-place", partial=True)
        styles = [span.style for span in line.spans if span.start == col]
        assert place in styles and place.bgcolor is not None
        actor = view.get_component_rich_style("article-view--mention-actor", partial=True)
        assert actor.bgcolor != place.bgcolor
        before = place.bgcolor
        app.theme = "reader-light"
        await pilot.pause()
        after = view.get_component_rich_style("article-view--mention-place", partial=True).bgcolor
        assert after != before


async def test_enter_on_a_mention_asks_for_its_entity() -> None:
    app = ViewApp()
    async with app.run_test() as pilot:
        view = app.query_one(ArticleView)
        view.step_mention(1)
        view.step_mention(1)
        await pilot.press("enter")
        await pilot.pause()
        chosen = [m for m in app.seen if isinstance(m, ArticleView.MentionChosen)]
        assert [m.mention.entity for m in chosen] == ["hts"]


async def test_followed_entity_and_matches_are_drawn() -> None:
    app = ViewApp()
    async with app.run_test():
        view = app.query_one(ArticleView)
        view.set_followed("hts")
        row, col = LineIndex(BODY).location(MENTIONS[1].start)
        followed = view.get_component_rich_style("article-view--mention-followed", partial=True)
        assert any(s.style == followed for s in view.get_line(row).spans)
        view.set_matches([(0, 6)])
        match = view.get_component_rich_style("article-view--match", partial=True)
        assert any(s.style == match and (s.start, s.end) == (0, 6) for s in view.get_line(0).spans)
