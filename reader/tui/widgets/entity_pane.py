"""Entities of the open article, grouped by kind, with mention counts."""

from __future__ import annotations

from collections import Counter
from contextlib import suppress
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from reader.model import Mention

KIND_TITLES = {"place": "Places", "actor": "Actors"}
"""Group headings per kind."""


class EntityOption(Option):
    """One entity of the article."""

    def __init__(self, entity_id: str, name: str, kind: str, type_: str, count: int) -> None:
        prompt = Text(" ")
        prompt.append(name)
        prompt.append(f"  {count}×", "dim")
        if type_:
            prompt.append(f"  {type_}", "dim italic")
        super().__init__(prompt, id=f"entity-{entity_id}")
        self.entity_id = entity_id
        """The entity's id."""
        self.name = name
        """Its canonical name."""
        self.kind = kind
        """place or actor."""


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


class EntityPane(OptionList):
    """Who and where the article is about; choosing one follows it."""

    @dataclass
    class EntityChosen(Message):
        """An entity was chosen in the pane."""

        pane: EntityPane
        entity_id: str

        @property
        def control(self) -> EntityPane:
            """The pane that sent this message."""
            return self.pane

    def show_mentions(self, mentions: list[Mention]) -> None:
        """Rebuild the list from an article's mentions (keeps the highlighted entity)."""
        current = self.highlighted_entity
        options: list[Option | None] = []
        groups = group_mentions(mentions)
        kinds = [k for k in KIND_TITLES if k in groups] + sorted(set(groups) - set(KIND_TITLES))
        for kind in kinds:
            rows = groups[kind]
            title = KIND_TITLES.get(kind, kind.title())
            options.append(Option(Text(f"{title} ({len(rows)})", "bold"), disabled=True))
            options.extend(EntityOption(eid, name, kind, type_, n) for eid, name, type_, n in rows)
        self.clear_options()
        self.add_options(options)
        if not options:
            self.add_option(Option(Text("No places or actors found.", "dim italic"), disabled=True))
        if current is not None:
            self.select_entity(current)
        if self.highlighted is None:
            first = next((i for i, o in enumerate(options) if isinstance(o, EntityOption)), None)
            if first is not None:
                self.highlighted = first

    def show_waiting(self) -> None:
        """Say that the article's entities are being found."""
        self.clear_options()
        self.add_option(Option(Text("Finding places and actors…", "dim italic"), disabled=True))

    @property
    def highlighted_entity(self) -> str | None:
        """Entity id of the highlighted row."""
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        return option.entity_id if isinstance(option, EntityOption) else None

    def select_entity(self, entity_id: str) -> None:
        """Highlight an entity's row if present."""
        with suppress(OptionDoesNotExist):  # the entity is not in this article
            self.highlighted = self.get_option_index(f"entity-{entity_id}")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if isinstance(event.option, EntityOption):
            self.post_message(self.EntityChosen(self, event.option.entity_id))
