"""Other coverage of the story: related articles with the reason they are related.

A line-API ``ScrollView`` like ``VirtualList``, except that an article takes as many rows
as its wrapped title, date/source and reason need (``related_rows.py``). Showing a list
wraps those texts once per width (plain text: nothing from an article is parsed as markup)
and only the rows on screen are drawn, one style per row; an ``OptionList`` measured and
rendered every option through Textual's ``Content`` (≈ 16 ms per list on the reading
screen). It looks the same as that ``OptionList`` did (the snapshots were made with it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.tui.widgets.related_rows import KINDS, SEPARATOR, RelatedRow, wrap_related


@dataclass(frozen=True)
class _Paint:
    """Styles resolved once per batch of rows drawn."""

    width: int
    base: Style
    cursor: Style
    kinds: dict[str, Style]


def _strip(plain: str, style: Style, width: int) -> Strip:
    """One row of ``width`` cells: ``plain`` (cut or padded) in one style."""
    return Strip([Segment(set_cell_size(plain, width), style)], width)


class RelatedPane(ScrollView, can_focus=True):
    """Related articles of one article; up/down move between them, enter opens one."""

    DEFAULT_CSS = """
    RelatedPane {
        overflow-x: hidden;
        overflow-y: auto;
        padding: 0 1;
        background: $surface;
    }
    RelatedPane > .related-pane--cursor {
        color: $foreground;
        background: $block-cursor-blurred-background;
        text-style: $block-cursor-blurred-text-style;
    }
    RelatedPane:focus > .related-pane--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    RelatedPane > .related-pane--title { text-style: bold; }
    RelatedPane:focus { background-tint: $foreground 5%; }
    RelatedPane > .related-pane--meta { text-style: dim; }
    RelatedPane > .related-pane--reason { text-style: italic; }
    RelatedPane > .related-pane--separator { color: $foreground 15%; }
    RelatedPane > .related-pane--note { text-style: dim italic; }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "related-pane--cursor",
        "related-pane--title",
        "related-pane--meta",
        "related-pane--reason",
        "related-pane--separator",
        "related-pane--note",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    @dataclass
    class ArticleChosen(Message):
        """A related article was chosen."""

        pane: RelatedPane
        article_id: str

        @property
        def control(self) -> RelatedPane:
            """The pane that sent this message."""
            return self.pane

    @dataclass
    class Highlighted(Message):
        """The cursor moved to another related article (the one enter would open)."""

        pane: RelatedPane
        article_id: str

        @property
        def control(self) -> RelatedPane:
            """The pane that sent this message."""
            return self.pane

        def can_replace(self, message: Message) -> bool:
            """Only the newest highlight matters."""
            return isinstance(message, RelatedPane.Highlighted) and message.pane is self.pane

    @dataclass
    class Drawn(Message):
        """The related list of ``article_id`` is on screen (drawn for the first time)."""

        pane: RelatedPane
        article_id: str

        @property
        def control(self) -> RelatedPane:
            """The pane that sent this message."""
            return self.pane

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article_id: str | None = None
        """The article whose related articles are shown (or being found)."""
        self.items: list[Any] = []
        """The related articles (``reader.analysis.related.Related``), best first."""
        self.note = "No related articles."
        """Shown when there are no items."""
        self.pending = False
        """The list is still being found (the note says so)."""
        self.cursor = 0
        """Index of the highlighted article."""
        self._rows: list[RelatedRow] = []
        """The rows at ``_width`` (laid out when the width is known)."""
        self._first_row: list[int] = []
        """Row of each article's first line."""
        self._width = 0
        """Content width the rows were wrapped to (0: not laid out)."""
        self._strips: LRUCache[tuple[int, bool, bool], Strip] = LRUCache(256)
        """Drawn rows keyed by (row, under the cursor, focused); cleared on any change."""
        self._paint: _Paint | None = None
        """Styles of the batch of rows being drawn."""
        self._paints: dict[tuple[int, bool], _Paint] = {}
        """Resolved styles by (width, focused): resolving walks the DOM (~1 ms a list);
        cleared when the CSS changes."""
        self._announced = False
        """``Drawn`` was posted for the list shown."""

    # -- content --------------------------------------------------------------------

    @property
    def article_ids(self) -> list[str]:
        """Ids of the related articles, in the order shown."""
        return [item.summary.id for item in self.items]

    @property
    def current(self) -> Any | None:
        """The highlighted related article, if any."""
        return self.items[self.cursor] if 0 <= self.cursor < len(self.items) else None

    def show_related(self, article_id: str, items: list[Any], note: str | None = None) -> None:
        """Show the related articles of ``article_id`` (or ``note`` when there are none)."""
        self.article_id = article_id
        self.items = list(items)
        self.note = note or "No related articles."
        self.pending = False
        self._announced = False
        self._reset()

    def show_finding(self, article_id: str) -> None:
        """Say that the related articles of ``article_id`` are being found."""
        self.article_id = article_id
        self.items = []
        self.note = "Finding other coverage…"
        self.pending = True
        self._announced = True  # nothing to announce until the list itself is shown
        self._reset()

    def _reset(self) -> None:
        self.cursor = 0
        self._rows, self._first_row, self._width = [], [], 0
        self._strips.clear()
        self._layout()
        self.scroll_to(0, 0, animate=False, immediate=True, force=True)
        self.refresh()

    def _layout(self) -> None:
        """Wrap the rows to the content width (when the pane has one) and size the view."""
        width = self.scrollable_content_region.width
        if width <= 0 or width == self._width:
            return
        self._width = width
        self._rows = wrap_related(self.items, width, self.app.console)
        self._first_row = [0] * len(self.items)
        for row_index in range(len(self._rows) - 1, -1, -1):
            item = self._rows[row_index].item
            if item is not None:
                self._first_row[item] = row_index
        self._strips.clear()
        self.virtual_size = Size(0, len(self._rows) if self.items else 1)

    def on_resize(self, event: events.Resize) -> None:
        """Re-wrap at the new width."""
        self._layout()
        self._strips.clear()

    def notify_style_update(self) -> None:
        """CSS changed (theme switch): draw the rows again."""
        super().notify_style_update()
        self._strips.clear()
        self._paints.clear()

    # -- drawing ----------------------------------------------------------------------

    def _kind_style(self, kind: str) -> Style:
        """Colour and text style of a kind of row, on whatever background the row has."""
        full = self.get_component_rich_style(f"related-pane--{kind}")
        partial = self.get_component_rich_style(f"related-pane--{kind}", partial=True)
        return Style(
            color=full.color if partial.color else None,
            bold=partial.bold,
            dim=partial.dim,
            italic=partial.italic,
        )

    def _resolve_paint(self) -> _Paint:
        width = self._width or self.scrollable_content_region.width
        key = (width, self.has_focus)
        paint = self._paints.get(key)
        if paint is None:
            paint = self._paints[key] = _Paint(
                width,
                self.rich_style,
                self.get_component_rich_style("related-pane--cursor"),
                {kind: self._kind_style(kind) for kind in KINDS},
            )
        return paint

    def render_lines(self, crop: Region) -> list[Strip]:
        """Re-wrap if the width changed without a resize (a scrollbar came or went), and
        resolve the styles once for the batch of rows (they walk the DOM)."""
        self._layout()
        self._paint = self._resolve_paint()
        try:
            return super().render_lines(crop)
        finally:
            self._paint = None
            if not self._announced and self.article_id is not None and self._width:
                self._announced = True
                # after this frame, from the pane's own queue (a message made here would
                # have the screen, which is drawing, as its sender and stop there)
                self.call_later(self._announce_drawn, self.article_id)

    def _announce_drawn(self, article_id: str) -> None:
        if article_id == self.article_id and not self.pending:
            self.post_message(self.Drawn(self, article_id))

    def render_line(self, y: int) -> Strip:
        """Draw one terminal row (only rows on screen are ever asked for)."""
        paint = self._paint or self._resolve_paint()
        width, base = paint.width, paint.base
        row_index = y + self.scroll_offset.y
        if not self.items:
            if row_index != 0:
                return Strip.blank(width, base)
            return _strip(self.note, base + paint.kinds["note"], width)
        if not 0 <= row_index < len(self._rows):
            return Strip.blank(width, base)
        row = self._rows[row_index]
        under_cursor = row.item is not None and row.item == self.cursor
        key = (row_index, under_cursor, self.has_focus)
        strip = self._strips.get(key)
        if strip is None:
            style = base + paint.cursor if under_cursor else base
            plain = "─" * width if row.kind == SEPARATOR else row.text
            strip = _strip(plain, style + paint.kinds[row.kind], width)
            self._strips[key] = strip
        return strip

    # -- cursor -----------------------------------------------------------------------

    def move_to(self, index: int) -> None:
        """Highlight the article at ``index`` (clamped) and scroll it into view."""
        if not self.items:
            return
        index = max(0, min(index, len(self.items) - 1))
        old, self.cursor = self.cursor, index
        if index != old:
            self.post_message(self.Highlighted(self, self.items[index].summary.id))
        self._layout()
        for item in {old, index}:
            first, count = self._item_rows(item)
            self.refresh_lines(first, count)
        first, count = self._item_rows(index)
        if count and self.scrollable_content_region.height:
            self.scroll_to_region(
                Region(0, first, 1, count), animate=False, immediate=True, force=True
            )

    def _item_rows(self, item: int) -> tuple[int, int]:
        """(first row, number of rows) of an article (0, 0 before the first layout)."""
        if not self._width or not 0 <= item < len(self._first_row):
            return 0, 0
        first = self._first_row[item]
        end = first
        while end < len(self._rows) and self._rows[end].item == item:
            end += 1
        return first, end - first

    def on_focus(self) -> None:
        """Focus changes the cursor colour."""
        self.refresh()

    def on_blur(self) -> None:
        """Focus changes the cursor colour."""
        self.refresh()

    def action_cursor_up(self) -> None:
        """Highlight the previous article."""
        self.move_to(self.cursor - 1)

    def action_cursor_down(self) -> None:
        """Highlight the next article."""
        self.move_to(self.cursor + 1)

    def action_page_up(self) -> None:
        """Move up by about a screenful."""
        self.move_to(self.cursor - self._page())

    def action_page_down(self) -> None:
        """Move down by about a screenful."""
        self.move_to(self.cursor + self._page())

    def _page(self) -> int:
        rows = max(1, len(self._rows) // max(1, len(self.items)))
        return max(1, self.scrollable_content_region.height // rows)

    def action_first(self) -> None:
        """Highlight the first article."""
        self.move_to(0)

    def action_last(self) -> None:
        """Highlight the last article."""
        self.move_to(len(self.items) - 1)

    def action_select(self) -> None:
        """Open the highlighted article."""
        item = self.current
        if item is not None:
            self.post_message(self.ArticleChosen(self, item.summary.id))

    def on_click(self, event: events.Click) -> None:
        """Clicking an article highlights and opens it."""
        offset = event.get_content_offset(self)
        if offset is None or not self.items:
            return
        row_index = offset.y + self.scroll_offset.y
        if 0 <= row_index < len(self._rows) and self._rows[row_index].item is not None:
            event.stop()
            self.move_to(self._rows[row_index].item)  # type: ignore[arg-type]
            self.action_select()
