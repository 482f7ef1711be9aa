"""A keyboard- and mouse-driven list that renders only the rows on screen.

``OptionList`` measures every option when options are added (1.5 s for 20,000
headlines here), so long lists (articles, search hits, keyword-in-context lines)
use this line-API ``ScrollView`` instead: rows have a fixed height, rendering is
O(rows visible) and rendered strips are cached. Item text is always plain
``rich.text.Text`` built by subclasses: nothing from an article is parsed as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

ItemT = TypeVar("ItemT")


class VirtualList(ScrollView, Generic[ItemT], can_focus=True):
    """A list of items with a cursor; subclasses say how an item is drawn."""

    DEFAULT_CSS = """
    VirtualList {
        overflow-x: hidden;
        overflow-y: auto;
        background: $surface;
    }
    VirtualList > .virtual-list--cursor { background: $block-cursor-blurred-background; }
    VirtualList:focus > .virtual-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    VirtualList > .virtual-list--dim { color: $text-muted; }
    VirtualList > .virtual-list--match { background: $search-match 60%; text-style: bold; }
    VirtualList > .virtual-list--empty { color: $text-muted; text-style: italic; }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "virtual-list--cursor",
        "virtual-list--dim",
        "virtual-list--match",
        "virtual-list--empty",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown,space", "page_down", "Page down", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    cursor: reactive[int] = reactive(0, repaint=False, init=False)
    """Index of the highlighted item (0 when empty)."""

    row_height: int = 1
    """Terminal rows per item."""

    empty_text: str = "Nothing here."
    """Shown when there are no items."""

    paint_delay: float = 0.0
    """Seconds an announced cursor move waits to be drawn unless :meth:`paint_cursor` is
    called sooner: the owner draws it with what the move opens, in one frame (docs/tui.md)."""

    @dataclass
    class Highlighted(Message):
        """The cursor moved to an item."""

        list: VirtualList[Any]
        index: int
        item: Any

        @property
        def control(self) -> VirtualList[Any]:
            """The list that sent this message."""
            return self.list

        def can_replace(self, message: Message) -> bool:
            """Only the newest highlight of one list matters."""
            return isinstance(message, VirtualList.Highlighted) and message.list is self.list

    @dataclass
    class Selected(Message):
        """An item was chosen (enter or click)."""

        list: VirtualList[Any]
        index: int
        item: Any

        @property
        def control(self) -> VirtualList[Any]:
            """The list that sent this message."""
            return self.list

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._items: Sequence[ItemT] = []
        """The items, in display order (a copy unless set with ``lazy``)."""
        self._lazy = False
        """``_items`` is the caller's sequence, read only by index."""
        self._cache: LRUCache[tuple[Any, ...], Strip] = LRUCache(1024)
        """Rendered strips keyed by everything that affects them."""
        self._generation = 0
        """Bumped whenever items or styles change (part of the cache key)."""
        self._width = 0
        """Content width measured at the start of the current render."""
        self._base: Style | None = None
        """The list's own style, resolved at the start of the current render."""
        self._positions: dict[object, int] = {}
        """``item_key`` -> index of its first item."""
        self._unpainted: set[int] = set()
        """Items whose rows still show an old cursor position (see ``paint_delay``)."""
        self._paint_timer: Timer | None = None
        """Draws a held cursor move when its owner has not drawn it in time."""

    # -- data -----------------------------------------------------------------

    @property
    def items(self) -> Sequence[ItemT]:
        """The items shown (read-only view)."""
        return self._items

    @property
    def item_count(self) -> int:
        """How many items are shown."""
        return len(self._items)

    @property
    def current(self) -> ItemT | None:
        """The highlighted item, if any."""
        if 0 <= self.cursor < len(self._items):
            return self._items[self.cursor]
        return None

    def item_key(self, item: ItemT) -> object:
        """Identity of an item, used to keep the cursor in place across updates."""
        return item

    def set_items(
        self,
        items: Sequence[ItemT],
        *,
        keep_cursor: bool = True,
        announce: bool = False,
        lazy: bool = False,
    ) -> None:
        """Replace the items; keep the cursor on the same item when it is still there.

        ``items`` is copied, unless ``lazy``: then it is kept and only indexed (``len`` and
        the rows drawn or under the cursor), so a sequence that makes items on access makes
        only those; it must not change afterwards, and the cursor starts at the top.
        """
        old = self.current
        self._lazy = lazy
        self._items = items if lazy else list(items)
        self._positions = {}
        index = 0
        if not lazy:
            for i, it in enumerate(self._items):
                self._positions.setdefault(self.item_key(it), i)
            if keep_cursor and old is not None:
                index = self._positions.get(self.item_key(old), 0)
        self._generation += 1
        self._cache.clear()
        self._unpainted.clear()  # every row is drawn again
        self._update_virtual_size()
        self.set_reactive(VirtualList.cursor, min(index, max(len(self._items) - 1, 0)))
        self._scroll_cursor_visible()
        self.refresh()
        if announce and self._items:
            self._post_highlight()

    def position_of(self, key: object) -> int | None:
        """Index of the first item whose ``item_key`` is ``key`` (constant time; a lazy
        list reads every item the first time)."""
        if self._lazy and not self._positions and self._items:
            for i, it in enumerate(self._items):
                self._positions.setdefault(self.item_key(it), i)
        return self._positions.get(key)

    def find(self, predicate: Callable[[ItemT], bool]) -> int | None:
        """Index of the first item matching ``predicate``."""
        return next((i for i, it in enumerate(self._items) if predicate(it)), None)

    def can_highlight(self, item: ItemT) -> bool:
        """Whether the cursor may rest on ``item`` (subclasses skip headings, notes)."""
        return True

    def _highlightable(self, index: int, step: int) -> int | None:
        """``index`` or the nearest item the cursor may rest on (``step``'s way first)."""
        count = len(self._items)
        for direction in (step, -step):
            i = index
            while 0 <= i < count:
                if self.can_highlight(self._items[i]):
                    return i
                i += direction
        return None

    def move_to(self, index: int, *, announce: bool = True) -> None:
        """Put the cursor on ``index`` (clamped; an item it cannot rest on is passed over
        in the direction of the move) and scroll it into view."""
        if not self._items:
            return
        index = max(0, min(index, len(self._items) - 1))
        found = self._highlightable(index, 1 if index >= self.cursor else -1)
        if found is None:
            return
        index = found
        if announce:
            self.cursor = index
        else:
            old = self.cursor
            self.set_reactive(VirtualList.cursor, index)
            self._unpainted.update((old, index))
            self.paint_cursor()

    def restyle(self) -> None:
        """Drop cached rows (after a theme change or a change in how items draw)."""
        self._generation += 1
        self._cache.clear()
        self.refresh()

    # -- drawing ----------------------------------------------------------------

    def render_item(self, item: ItemT, index: int, width: int) -> list[Text]:
        """``row_height`` lines of plain Text for one item; subclasses override."""
        return [Text(str(item))]

    def _update_virtual_size(self) -> None:
        self.virtual_size = Size(0, len(self._items) * self.row_height)

    def on_resize(self, event: events.Resize) -> None:
        """Widths changed: cached rows are stale."""
        self._cache.clear()
        self._update_virtual_size()

    def notify_style_update(self) -> None:
        """CSS changed (theme switch): re-render rows."""
        super().notify_style_update()
        self._cache.clear()

    def style_for(self, component: str) -> Style:
        """The Rich style of a component class, for use inside a row.

        Colours are resolved against the list's background (``auto 60%`` needs one);
        the dim style keeps only its colour so the cursor row's background shows.
        """
        style = self.get_component_rich_style(component)
        if component == "virtual-list--dim":
            return Style(color=style.color, italic=style.italic)
        return style

    def render_lines(self, crop: Region) -> list[Strip]:
        """Measure the width and resolve the base style once per batch of rows (both walk
        the DOM, too costly to repeat for every row)."""
        self._width = self.scrollable_content_region.width
        self._base = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._base = None

    def render_line(self, y: int) -> Strip:
        """Draw one terminal row (only rows on screen are ever asked for)."""
        _, scroll_y = self.scroll_offset
        width = self._width or self.scrollable_content_region.width
        base = self._base if self._base is not None else self.rich_style
        if not self._items:
            if y == 0:
                text = Text(self.empty_text, style=self.style_for("virtual-list--empty"))
                text.truncate(width, overflow="ellipsis")
                return (
                    Strip(text.render(self.app.console, end=""))
                    .crop_extend(0, width, base)
                    .apply_style(base)
                )
            return Strip.blank(width, base)
        index, sub = divmod(y + scroll_y, self.row_height)
        if index >= len(self._items):
            return Strip.blank(width, base)
        is_cursor = index == self.cursor
        key = (index, sub, width, is_cursor, self.has_focus, self._generation)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        lines = self.render_item(self._items[index], index, width)
        text = lines[sub] if sub < len(lines) else Text("")
        text.no_wrap = True
        text.truncate(width, overflow="ellipsis", pad=True)
        style = base
        if is_cursor:
            style = base + self.get_component_rich_style("virtual-list--cursor")
        text.stylize_before(style)
        strip = (
            Strip(text.render(self.app.console, end=""))
            .crop_extend(0, width, style)
            .apply_style(style)
        )
        self._cache[key] = strip
        return strip

    # -- cursor -----------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        """Announce the new item; redraw the two rows involved and scroll (at once, or
        with what the move opens when the list has a ``paint_delay``)."""
        if self.paint_delay <= 0:
            self._redraw_rows(old, new)
            self._scroll_cursor_visible()
        else:
            self._unpainted.update((old, new))
            if self._paint_timer is None:  # from the first held move: a held key still shows
                self._paint_timer = self.set_timer(self.paint_delay, self.paint_cursor)
        self._post_highlight()

    def paint_cursor(self) -> None:
        """Draw a cursor move held back by ``paint_delay`` (nothing when none is held)."""
        if self._paint_timer is not None:
            self._paint_timer.stop()
            self._paint_timer = None
        if self._unpainted:
            self._redraw_rows(*self._unpainted)
            self._unpainted.clear()
            self._scroll_cursor_visible()

    def _redraw_rows(self, *indexes: int) -> None:
        """Repaint only these items' rows (a scroll, if any, repaints the rest)."""
        for index in indexes:
            self.refresh_lines(index * self.row_height, self.row_height)

    def _post_highlight(self) -> None:
        item = self.current
        if item is not None:
            self.post_message(self.Highlighted(self, self.cursor, item))

    def _scroll_cursor_visible(self) -> None:
        height = self.scrollable_content_region.height
        if not height:
            return
        top = self.cursor * self.row_height
        self.scroll_to_region(
            Region(0, top, 1, self.row_height), animate=False, immediate=True, force=True
        )

    def on_focus(self) -> None:
        """Focus changes the cursor colour."""
        self.refresh()

    def on_blur(self) -> None:
        """Focus changes the cursor colour."""
        self.refresh()

    def action_cursor_up(self) -> None:
        """Move up one item."""
        self.move_to(self.cursor - 1)

    def action_cursor_down(self) -> None:
        """Move down one item."""
        self.move_to(self.cursor + 1)

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height // self.row_height - 1)

    def action_page_up(self) -> None:
        """Move up one screenful."""
        self.move_to(self.cursor - self._page())

    def action_page_down(self) -> None:
        """Move down one screenful."""
        self.move_to(self.cursor + self._page())

    def action_first(self) -> None:
        """Go to the first item."""
        self.move_to(0)

    def action_last(self) -> None:
        """Go to the last item."""
        self.move_to(len(self._items) - 1)

    def action_select(self) -> None:
        """Choose the highlighted item."""
        item = self.current
        if item is not None:
            self.post_message(self.Selected(self, self.cursor, item))

    def on_click(self, event: events.Click) -> None:
        """Clicking a row highlights and chooses it."""
        offset = event.get_content_offset(self)
        if offset is None or not self._items:
            return
        index = (offset.y + self.scroll_offset.y) // self.row_height
        if 0 <= index < len(self._items) and self.can_highlight(self._items[index]):
            event.stop()
            self.move_to(index)
            self.action_select()
