"""EntityPane: groups with headings the cursor passes over, counts, choosing, keeping the
highlighted entity when another article's entities are shown."""

from __future__ import annotations

from textual.app import ComposeResult

from reader.model import Mention
from reader.tui.app import ThemedApp
from reader.tui.widgets.entity_pane import EntityPane, entity_rows

from .helpers import screen_text


def _mention(entity: str, name: str, kind: str, type_: str, start: int = 0) -> Mention:
    return Mention(start, start + len(name), name, entity, name, kind, type_)


MENTIONS = [
    _mention("aleppo", "Aleppo", "place", "city"),
    _mention("aleppo", "Aleppo", "place", "city", 40),
    _mention("russia", "Russia", "place", "country", 10),
    _mention("hts", "[bold]HTS[/bold]", "actor", "armed-group", 20),
]


class PaneApp(ThemedApp):
    """Harness: one EntityPane, recording the entities chosen."""

    def __init__(self) -> None:
        super().__init__()
        self.chosen: list[str] = []

    def compose(self) -> ComposeResult:
        yield EntityPane(id="pane")

    def on_mount(self) -> None:
        pane = self.query_one(EntityPane)
        pane.show_mentions(MENTIONS)
        pane.focus()

    def on_entity_pane_entity_chosen(self, event: EntityPane.EntityChosen) -> None:
        self.chosen.append(event.entity_id)


def test_rows_are_grouped_by_kind_most_mentioned_first() -> None:
    rows = entity_rows(MENTIONS)
    assert [(r.text, r.heading, r.count) for r in rows] == [
        ("Places (2)", True, 0),
        ("Aleppo", False, 2),
        ("Russia", False, 1),
        ("Actors (1)", True, 0),
        ("[bold]HTS[/bold]", False, 1),
    ]


async def test_the_cursor_passes_over_headings() -> None:
    app = PaneApp()
    async with app.run_test(size=(40, 10)) as pilot:
        pane = app.query_one(EntityPane)
        assert pane.highlighted_entity == "aleppo"  # the first entity, not the heading
        await pilot.press("down", "down")  # Russia, then over "Actors (1)" to HTS
        assert pane.highlighted_entity == "hts"
        await pilot.press("up")
        assert pane.highlighted_entity == "russia"
        await pilot.press("home")
        assert pane.highlighted_entity == "aleppo"
        await pilot.press("end", "enter")
        assert app.chosen == ["hts"]


async def test_clicks_choose_entities_and_ignore_headings() -> None:
    app = PaneApp()
    async with app.run_test(size=(40, 10)) as pilot:
        pane = app.query_one(EntityPane)
        await pilot.click(EntityPane, offset=(3, 3))  # "Actors (1)"
        assert app.chosen == [] and pane.highlighted_entity == "aleppo"
        await pilot.click(EntityPane, offset=(3, 2))  # Russia
        assert app.chosen == ["russia"]


async def test_counts_and_types_are_shown_and_names_are_not_markup() -> None:
    app = PaneApp()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Places (2)" in text and "Aleppo  2×  city" in text
        assert "[bold]HTS[/bold]  1×  armed-group" in text


async def test_the_highlighted_entity_stays_when_the_article_changes() -> None:
    app = PaneApp()
    async with app.run_test(size=(40, 10)) as pilot:
        pane = app.query_one(EntityPane)
        pane.select_entity("russia")
        pane.show_mentions(MENTIONS[2:])  # another article that mentions Russia too
        assert pane.highlighted_entity == "russia"
        pane.show_mentions(MENTIONS[3:])  # and one that does not
        assert pane.highlighted_entity == "hts"
        pane.select_entity("nowhere")
        assert pane.highlighted_entity == "hts"
        pane.show_waiting()
        await pilot.pause()
        assert pane.highlighted_entity is None
        assert "Finding places and actors…" in screen_text(app)
        await pilot.press("enter", "down")
        pane.show_mentions([])
        await pilot.pause()
        assert "No places or actors found." in screen_text(app)
        assert app.chosen == []
