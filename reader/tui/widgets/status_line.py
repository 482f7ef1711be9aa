"""The status line: corpus, article count, index state and where n/N will go.

One widget that draws itself (no child widgets), so updating it on every
mention jump repaints one row and never triggers a relayout.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

BAR_WIDTH = 20
"""Cells of the indexing progress bar."""


def progress_bar(done: int, total: int, width: int = BAR_WIDTH) -> str:
    """A text progress bar such as ``▰▰▰▱▱▱ 50%`` (empty when there is no total)."""
    if total <= 0:
        return ""
    filled = round(width * min(done, total) / total)
    return "▰" * filled + "▱" * (width - filled) + f" {100 * min(done, total) // total}%"


class StatusLine(Widget):
    """Left: corpus · N articles · index state (+ progress bar); right: the trail position
    ("HTS · mention 3/7 · article 2/3")."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"status-line--trail", "status-line--corpus"}

    corpus: reactive[str] = reactive("")
    """Display name of the corpus."""
    count: reactive[int] = reactive(0)
    """Articles listed."""
    index_state: reactive[str] = reactive("")
    """What the index is doing ("indexing 120/5000", "index up to date" ...)."""
    trail: reactive[str] = reactive("")
    """Position on the followed trail (entity or search)."""
    bar: reactive[str] = reactive("")
    """Indexing progress bar text (empty when idle)."""

    def render(self) -> Text:
        """Draw the whole line from the reactive fields."""
        width = self.content_region.width or self.size.width
        left = Text.assemble(
            (self.corpus, self.get_component_rich_style("status-line--corpus", partial=True))
        )
        left.append(f" · {self.count} articles")
        if self.index_state:
            left.append(f" · {self.index_state}")
        if self.bar:
            left.append(f"  {self.bar}")
        right = Text(self.trail, self.get_component_rich_style("status-line--trail", partial=True))
        gap = width - left.cell_len - right.cell_len
        if gap < 2:
            left.truncate(max(0, width - right.cell_len - 2), overflow="ellipsis")
            gap = max(2, width - left.cell_len - right.cell_len)
        left.append(" " * gap)
        left.append_text(right)
        left.truncate(width, overflow="ellipsis")
        return left

    def progress(self, done: int, total: int) -> None:
        """Show indexing progress (hidden when ``total`` is 0 or indexing is done)."""
        self.bar = progress_bar(done, total) if total > 0 and done < total else ""
