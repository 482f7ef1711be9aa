"""The search bar: a query field, the "did you mean" line and active facet filters."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static


def filters_text(filters: dict[str, list[str]], labels: dict[str, str] | None = None) -> Text:
    """Active filters as "source: Reuters · year: 2024" (plain text)."""
    labels = labels or {}
    text = Text()
    for key, values in filters.items():
        for value in values:
            if text:
                text.append(" · ")
            text.append(f"{key}: ", "dim")
            text.append(labels.get(value, value))
    return text


class SearchBar(Vertical):
    """Query input plus an info line (suggestion, error, counts, filters)."""

    @dataclass
    class QueryChanged(Message):
        """The query text changed (search as you type)."""

        bar: SearchBar
        query: str

        @property
        def control(self) -> SearchBar:
            """The bar that sent this message."""
            return self.bar

    def compose(self) -> ComposeResult:
        """Input on top, info line below."""
        yield Input(
            placeholder='search: words, "phrases", source:, entity:, place:…', id="search-input"
        )
        yield Static(id="search-info")

    @property
    def query(self) -> str:
        """The current query text."""
        return self.query_one(Input).value

    def on_input_changed(self, event: Input.Changed) -> None:
        """Re-post as our own message."""
        event.stop()
        self.post_message(self.QueryChanged(self, event.value))

    def show_info(self, text: Text) -> None:
        """Replace the info line."""
        self.query_one("#search-info", Static).update(text)

    def focus_input(self) -> None:
        """Put the cursor in the query field."""
        self.query_one(Input).focus()
