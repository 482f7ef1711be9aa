"""Entities of the open article, grouped by kind, with mention counts.

A ``VirtualList`` (line API) rather than an ``OptionList``: it is redrawn on every article
open, and the ``OptionList`` cost 5–15 ms of each open's frame at 19k articles (measuring
and rendering every option through Textual's ``Content``); rows here are plain ``Text``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import on
from textual.message import Message

from reader.model import Mention
from reader.tui.widgets.virtual_list import VirtualList

KIND_TITLES = {"place": "Places", "actor": "Actors"}
"""Group headings per kind."""


@dataclass(frozen=True)
class EntityRow:
    """One row of the pane: an entity of the article, a group heading or a note."""

    text: str
    """The entity's canonical name, or the heading's or note's text."""
    entity_id: str | None = None
    """The entity's id (None for headings and notes)."""
    kind: str = ""
    """place or actor (the group an entity row is in)."""
    type: str = ""
    """What sort of place or actor (``country``, ``person``…)."""
    count: int = 0
    """Mentions of the entity in the article."""
    heading: bool = False
    """A group heading (``Places (3)``) rather than a note."""

    @property
    def name(self) -> str:
        """The entity's canonical name."""
        return self.text


def group_mentions(mentions: list[Mention]) -> dict[str, list[tuple[str, str, str, int]]]:
    """kind -> [(entity id, name, type, count)] ordered by count then name."""
    counts: Counter[str] = Counter(m.entity for m in mentions)
    first: dict[str, Mention] = {}
    for m in mentions:
        first.setdefault(m.entity, m)
    groups: dict[str, list[tuple[str, str, str, int]]] = {}
    for entity_id, count in counts.items():
        m = first[entity_id]
        groups.setdefault(m.kind, []).append((entity_id, m.name, m.type, count))
    for rows in groups.values():
        rows.sort(key=lambda r: (-r[3], r[1].casefold()))
    return groups


def entity_rows(mentions: list[Mention]) -> list[EntityRow]:
    """Places, then actors (then any other kind), each under a heading with its size."""
    groups = group_mentions(mentions)
    kinds = [k for k in KIND_TITLES if k in groups] + sorted(set(groups) - set(KIND_TITLES))
    rows: list[EntityRow] = []
    for kind in kinds:
        title = KIND_TITLES.get(kind, kind.title())
        rows.append(EntityRow(f"{title} ({len(groups[kind])})", heading=True))
        rows.extend(
            EntityRow(name, entity_id, kind, type_, count)
            for entity_id, name, type_, count in groups[kind]
        )
    return rows


class EntityPane(VirtualList[EntityRow]):
    """Who and where the article is about; choosing one follows it."""

    DEFAULT_CSS = """
    EntityPane { padding: 0 1; }
    EntityPane:focus { background-tint: $foreground 5%; }
    EntityPane > .virtual-list--cursor {
        color: $foreground;
        background: $block-cursor-blurred-background;
        text-style: $block-cursor-blurred-text-style;
    }
    EntityPane > .entity-pane--heading { color: $text-disabled; text-style: bold; }
    EntityPane > .entity-pane--count { text-style: dim; }
    EntityPane > .entity-pane--type { text-style: dim italic; }
    EntityPane > .entity-pane--note { color: $text-disabled; text-style: dim italic; }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = VirtualList.COMPONENT_CLASSES | {
        "entity-pane--heading",
        "entity-pane--count",
        "entity-pane--type",
        "entity-pane--note",
    }

    @dataclass
    class EntityChosen(Message):
        """An entity was chosen in the pane."""

        pane: EntityPane
        entity_id: str

        @property
        def control(self) -> EntityPane:
            """The pane that sent this message."""
            return self.pane

    def item_key(self, item: EntityRow) -> object:
        """An entity row is its entity; headings and notes their text."""
        return item.entity_id or ("row", item.text)

    def can_highlight(self, item: EntityRow) -> bool:
        """Only entities, not headings or notes."""
        return item.entity_id is not None

    def show_mentions(self, mentions: list[Mention]) -> None:
        """Rebuild the list from an article's mentions (keeps the highlighted entity)."""
        rows = entity_rows(mentions) or [EntityRow("No places or actors found.")]
        self.set_items(rows)
        if self.highlighted_entity is None:  # the entity is not in this article: the first
            self.move_to(0, announce=False)

    def show_waiting(self) -> None:
        """Say that the article's entities are being found."""
        self.set_items([EntityRow("Finding places and actors…")])

    @property
    def highlighted_entity(self) -> str | None:
        """Entity id of the highlighted row."""
        item = self.current
        return item.entity_id if item is not None else None

    def select_entity(self, entity_id: str) -> None:
        """Highlight an entity's row if present."""
        index = self.position_of(entity_id)
        if index is not None:
            self.move_to(index, announce=False)

    def _part(self, component: str) -> Style:
        """Colour and text attributes of a part of a row (the row keeps its background)."""
        full = self.get_component_rich_style(component)
        partial = self.get_component_rich_style(component, partial=True)
        return Style(
            color=full.color if partial.color else None,
            bold=partial.bold,
            dim=partial.dim,
            italic=partial.italic,
        )

    def render_item(self, item: EntityRow, index: int, width: int) -> list[Text]:
        """`` Name  3×  type`` for an entity; headings and notes as they are."""
        if item.entity_id is None:
            component = "entity-pane--heading" if item.heading else "entity-pane--note"
            text = Text(item.text)
            text.stylize(self._part(component))  # a span: it goes over the row's own style
            return [text]
        text = Text(" ")
        text.append(item.text)
        text.append(f"  {item.count}×", self._part("entity-pane--count"))
        if item.type:
            text.append(f"  {item.type}", self._part("entity-pane--type"))
        return [text]

    @on(VirtualList.Selected)
    def _chosen(self, event: VirtualList.Selected) -> None:
        event.stop()
        if event.item.entity_id is not None:
            self.post_message(self.EntityChosen(self, event.item.entity_id))

    @on(VirtualList.Highlighted)
    def _highlighted(self, event: VirtualList.Highlighted) -> None:
        event.stop()  # the screen asks ``highlighted_entity`` when it needs it
