"""The entity view pane: one entity across the corpus.

Shows its name, kind and aliases, a timeline sparkline, co-occurring entities,
sources, how sources describe it, and every mention as keyword-in-context lines.
Context lines are read from the details' lazy sequence only as they are drawn, and the
descriptions (slow to gather) arrive later through :meth:`EntityViewPane.show_descriptions`.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from reader.tui.entity_data import EntityDetails, sparkline
from reader.tui.widgets.kwic_list import KwicList


def _counted(values: list[tuple[str, int]], limit: int = 6) -> str:
    return ", ".join(f"{name} ({count})" for name, count in values[:limit])


def describe(details: EntityDetails) -> Text:
    """The summary block above the context lines (plain text, never markup)."""
    entity = details.entity
    text = Text.assemble((entity.name, "bold"))
    text.append(f"  {entity.kind}" + (f" · {entity.type}" if entity.type else ""), "italic")
    mentions = len(details.contexts) if details.complete else entity.mention_count
    articles = details.articles or entity.article_count
    text.append(f"\n{mentions} mentions in {articles} articles")
    aliases = [a for a in entity.aliases if a != entity.name]
    if aliases:
        text.append("\nalso: ", "dim")
        text.append(", ".join(aliases[:8]))
    if details.timeline:
        counts = [c for _, c in details.timeline]
        text.append("\n")
        text.append(details.timeline[0][0], "dim")
        text.append(f" {sparkline(counts)} ")
        text.append(details.timeline[-1][0], "dim")
    for label, values in (
        ("with", details.cooccurring),
        ("sources", details.sources),
        ("described as", details.descriptions),
    ):
        if values:
            text.append(f"\n{label}: ", "dim")
            text.append(_counted(values))
    if details.pending:
        text.append("\ndescribed as: ", "dim")
        text.append("…", "dim")
    return text


class EntityViewPane(Vertical):
    """Summary of one entity above its keyword-in-context list."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.details: EntityDetails | None = None
        """What is shown (None before an entity is chosen)."""

    def compose(self) -> ComposeResult:
        """Summary on top, contexts below."""
        yield Static(
            Text("Press enter on a mention (or * then v) to see an entity here.", "italic"),
            id="entity-summary",
        )
        yield KwicList(id="kwic-list")

    def show_details(self, details: EntityDetails) -> None:
        """Display one entity."""
        self.details = details
        self.query_one("#entity-summary", Static).update(describe(details))
        kwic = self.query_one(KwicList)
        kwic.set_items(details.contexts, keep_cursor=False, lazy=True)

    def show_descriptions(self, details: EntityDetails, descriptions: list[tuple[str, int]]) -> bool:
        """Fill in the descriptions gathered for ``details``; False (and nothing changes)
        when another view has been shown since (a stale result)."""
        if self.details is not details:
            return False
        details.descriptions = descriptions
        details.pending = False
        self.query_one("#entity-summary", Static).update(describe(details))
        return True
