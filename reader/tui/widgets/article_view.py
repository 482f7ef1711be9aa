"""The article body: a read-only TextArea with every mention highlighted by kind.

Spans are added in :meth:`ArticleView.get_line` from a per-row index built once
per article (STYLE.md rule 5). The current mention is the TextArea selection, so
moving between mentions only re-renders the lines on screen. Colours come from
component classes backed by theme variables (``$mention-place`` ...).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import TextArea
from textual.widgets.text_area import Selection

from reader.model import Article, Mention

RowSpans = dict[int, list[tuple[int, int, str]]]
"""Row -> [(start column, end column, component class)]."""

NOTE_COLORS = ("yellow", "green", "blue", "pink", "purple")
"""The note highlight colours (``reader.notes.COLORS``; named here so that drawing the
first screen does not import the notes package; a test keeps the two in step)."""
KIND_CLASSES = {"place": "article-view--mention-place", "actor": "article-view--mention-actor"}
"""Component class per mention kind (unknown kinds draw as actors)."""


class LineIndex:
    """Converts string offsets into TextArea (row, column) locations and back.

    Rows follow ``str.splitlines`` exactly as Textual's Document does, so any line
    separator in the body keeps offsets aligned.
    """

    def __init__(self, text: str) -> None:
        parts = text.splitlines(keepends=True) or [""]
        self.starts: list[int] = []
        """Offset of the first character of each row."""
        self.lengths: list[int] = []
        """Length of each row without its line ending."""
        offset = 0
        for part in parts:
            self.starts.append(offset)
            self.lengths.append(len(part.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")))
            offset += len(part)
        self.size = offset
        """Length of the whole text."""

    def location(self, offset: int) -> tuple[int, int]:
        """(row, column) of a string offset (clamped into the text)."""
        offset = max(0, min(offset, self.size))
        row = max(0, bisect_right(self.starts, offset) - 1)
        return row, min(offset - self.starts[row], self.lengths[row])

    def offset(self, location: tuple[int, int]) -> int:
        """String offset of a (row, column) location."""
        row, column = location
        row = max(0, min(row, len(self.starts) - 1))
        return self.starts[row] + min(column, self.lengths[row])

    def spans_by_row(self, spans: list[tuple[int, int, str]]) -> RowSpans:
        """Split offset spans into per-row column spans."""
        rows: RowSpans = {}
        for start, end, label in spans:
            row, col = self.location(start)
            end_row, end_col = self.location(end)
            while row <= end_row:
                stop = end_col if row == end_row else self.lengths[row]
                if stop > col:
                    rows.setdefault(row, []).append((col, stop, label))
                row, col = row + 1, 0
        return rows


class ArticleView(TextArea):
    """Read-only article text with entity mentions highlighted."""

    COMPONENT_CLASSES: ClassVar[set[str]] = TextArea.COMPONENT_CLASSES | {
        "article-view--mention-place",
        "article-view--mention-actor",
        "article-view--mention-followed",
        "article-view--match",
        *(f"article-view--note-{color}" for color in NOTE_COLORS),
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("space", "cursor_page_down", "Page down", show=False),
        Binding("g", "top", "Top", show=False),
        Binding("G", "bottom", "Bottom", show=False),
        Binding("enter", "open_mention", "Entity view", show=False),
    ]

    @dataclass
    class MentionFocused(Message):
        """The cursor moved onto a mention."""

        view: ArticleView
        mention: Mention
        index: int

        @property
        def control(self) -> ArticleView:
            """The view that sent this message."""
            return self.view

        def can_replace(self, message: Message) -> bool:
            """Only the newest focus matters."""
            return isinstance(message, ArticleView.MentionFocused)

    @dataclass
    class MentionChosen(Message):
        """Enter (or a click) on a mention: show its entity."""

        view: ArticleView
        mention: Mention

        @property
        def control(self) -> ArticleView:
            """The view that sent this message."""
            return self.view

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(
            "",
            read_only=True,
            soft_wrap=True,
            show_line_numbers=False,
            highlight_cursor_line=False,
            id=id,
            classes=classes,
        )
        self.cursor_blink = False  # a reading cursor that blinks only distracts
        self.article: Article | None = None
        """The article shown."""
        self.mentions: list[Mention] = []
        """Its mentions, sorted by start."""
        self._starts: list[int] = []
        """Start offsets of ``mentions`` (for bisecting)."""
        self.followed: str | None = None
        """Entity id whose mentions get the "followed" colour."""
        self.matches: list[tuple[int, int]] = []
        """Search-term spans (offsets) highlighted in the text."""
        self._lines = LineIndex("")
        """Offset <-> location converter for the current body."""
        self._rows: RowSpans = {}
        """Per-row spans drawn by ``get_line``."""
        self._styles: dict[str, Style] = {}
        """Component class -> resolved Rich style (cleared when styles change)."""
        self.note_spans: list[tuple[int, int, str]] = []
        """Note highlights: (start, end, colour), drawn underneath mentions."""

    # -- content ----------------------------------------------------------------

    def show(self, article: Article, mentions: list[Mention]) -> None:
        """Display an article and its mentions (cursor at the top)."""
        self.article = article
        self.load_text(article.body)
        self._lines = LineIndex(article.body)
        self.matches = []
        self.set_mentions(mentions)
        self.move_cursor((0, 0))
        self.scroll_home(animate=False, immediate=True)

    def clear_article(self) -> None:
        """Show nothing."""
        self.article = None
        self.load_text("")
        self._lines = LineIndex("")
        self.matches = []
        self.set_mentions([])

    def set_mentions(self, mentions: list[Mention]) -> None:
        """Replace the mentions (after a correction) and redraw."""
        self.mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self._starts = [m.start for m in self.mentions]
        self._reindex()

    def set_followed(self, entity_id: str | None) -> None:
        """Give one entity's mentions the "followed" colour."""
        if entity_id != self.followed:
            self.followed = entity_id
            self._reindex()

    def set_matches(self, spans: list[tuple[int, int]]) -> None:
        """Highlight search-term spans."""
        self.matches = list(spans)
        self._reindex()

    def set_notes(self, spans: list[tuple[int, int, str]]) -> None:
        """Highlight notes: ``(start, end, colour)`` offsets, colour one of ``NOTE_COLORS``."""
        note_spans = [(s, e, c if c in NOTE_COLORS else "yellow") for s, e, c in spans]
        if note_spans != self.note_spans:  # unchanged (e.g. no notes): no redraw
            self.note_spans = note_spans
            self._reindex()

    def _reindex(self) -> None:
        spans: list[tuple[int, int, str]] = [
            (s, e, f"article-view--note-{c}") for s, e, c in self.note_spans
        ]
        for m in self.mentions:
            label = KIND_CLASSES.get(m.kind, "article-view--mention-actor")
            spans.append((m.start, m.end, label))
            if self.followed is not None and m.entity == self.followed:
                spans.append((m.start, m.end, "article-view--mention-followed"))
        spans.extend((s, e, "article-view--match") for s, e in self.matches)
        self._rows = self._lines.spans_by_row(spans)
        self.notify_style_update()
        self.refresh()

    def get_line(self, line_index: int) -> Text:
        """The document line with mention and match spans applied."""
        line = super().get_line(line_index)
        spans = self._rows.get(line_index)
        if spans:
            styles = self._styles
            for start, end, label in spans:
                style = styles.get(label)
                if style is None:
                    style = styles[label] = self.get_component_rich_style(label, partial=True)
                line.stylize(style, start, end)
        return line

    def notify_style_update(self) -> None:
        """Theme or CSS changed: forget resolved span styles and cached lines."""
        styles = getattr(self, "_styles", None)  # also called during construction
        if styles:
            styles.clear()
        super().notify_style_update()

    # -- positions --------------------------------------------------------------

    @property
    def cursor_offset(self) -> int:
        """String offset of the cursor in the body."""
        return self._lines.offset(self.selection.end)

    @property
    def anchor_offset(self) -> int:
        """String offset of the other end of the selection."""
        return self._lines.offset(self.selection.start)

    def select_span(self, start: int, end: int, *, center: bool = True) -> None:
        """Select ``[start, end)`` and scroll it into view (cursor at ``start``)."""
        self.selection = Selection(self._lines.location(end), self._lines.location(start))
        self.scroll_cursor_visible(center=center)

    def go_to_offset(self, offset: int) -> None:
        """Put the cursor at an offset (no selection)."""
        self.selection = Selection.cursor(self._lines.location(offset))
        self.scroll_cursor_visible(center=True)

    def mention_at(self, offset: int) -> int | None:
        """Index of the mention covering ``offset`` (or starting right there)."""
        i = bisect_right(self._starts, offset) - 1
        if 0 <= i < len(self.mentions) and self.mentions[i].start <= offset < self.mentions[i].end:
            return i
        return None

    @property
    def current_mention(self) -> Mention | None:
        """The mention under the cursor, if any."""
        i = self.mention_at(self.cursor_offset)
        return self.mentions[i] if i is not None else None

    def focus_mention(self, index: int) -> Mention:
        """Select mention ``index`` and announce it."""
        mention = self.mentions[index]
        self.select_span(mention.start, mention.end)
        self.post_message(self.MentionFocused(self, mention, index))
        return mention

    def step_mention(self, direction: int) -> Mention | None:
        """Move to the next (1) or previous (-1) mention of any entity; None at the end."""
        if not self.mentions:
            return None
        here = self.cursor_offset
        if direction > 0:
            i = bisect_right(self._starts, here)
        else:
            i = bisect_left(self._starts, here) - 1
        if not 0 <= i < len(self.mentions):
            return None
        return self.focus_mention(i)

    # -- actions ----------------------------------------------------------------

    def action_top(self) -> None:
        """Go to the start of the article."""
        self.go_to_offset(0)

    def action_bottom(self) -> None:
        """Go to the end of the article."""
        self.go_to_offset(self._lines.size)

    def action_open_mention(self) -> None:
        """Ask for the entity view of the mention under the cursor."""
        mention = self.current_mention
        if mention is not None:
            self.post_message(self.MentionChosen(self, mention))
        else:
            self.app.bell()

    async def _on_click(self, event: events.Click) -> None:
        """Clicking a mention focuses it and opens its entity view."""
        if event.chain > 1:
            return
        i = self.mention_at(self.cursor_offset)
        if i is not None and not self.selected_text.strip():
            mention = self.focus_mention(i)
            self.post_message(self.MentionChosen(self, mention))
