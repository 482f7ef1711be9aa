"""Keyword-in-context lines: every mention of one entity across the corpus."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from reader.tui.widgets.virtual_list import VirtualList

if TYPE_CHECKING:  # reader.analysis is imported on first use, not at start-up
    from reader.analysis.kwic import KwicLine


class KwicList(VirtualList["KwicLine"]):
    """One row per mention: date, left context, the alias used (highlighted), right context."""

    empty_text = "No mentions."

    def item_key(self, item: KwicLine) -> object:
        """A line is identified by its article and offset."""
        return (item.summary.id, item.mention.start)

    def render_item(self, item: KwicLine, index: int, width: int) -> list[Text]:
        """Centre the match: left context is cut from the left, right from the right."""
        dim = self.style_for("virtual-list--dim")
        date = (item.summary.date or "")[:10]
        text = Text(f"{date:<10} ", dim)
        room = max(0, width - len(text.plain) - len(item.match))
        left_room = room // 2
        left = item.left[-left_room:] if left_room else ""
        text.append(f"{left:>{left_room}}")
        text.append(item.match, self.style_for("virtual-list--match"))
        text.append(item.right)
        return [text]
