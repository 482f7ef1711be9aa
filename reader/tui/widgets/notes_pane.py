"""The notes pane: notes of the open article (or of the whole corpus), a filter, and details.

The list shows each note's quote excerpt, the first line of its comment, its tags
and an *orphan* marker; below it the highlighted note is shown in full: the quote
as plain text (article text is never read as markup) and the comment rendered as
Markdown with Textual's ``Markdown`` widget.

The pane only shows what it is given (``show_notes``) and posts messages up:
``FilterChanged`` when the filter text changes, ``NoteChosen`` on enter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from markdown_it import MarkdownIt
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Input, Label, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from reader.corpus.sanitize import sanitize

if TYPE_CHECKING:  # the notes package is imported when notes are shown, not at start-up
    from reader.notes import Note

EXCERPT_CHARS = 90
"""Characters of the quote shown in the list."""
DETAIL_QUOTE_CHARS = 600
"""Characters of the quote shown in the details."""


@dataclass
class NoteFilter:
    """A parsed filter: free text, ``#tags`` and ``@entities`` (all must match)."""

    text: str = ""
    """Words that must appear (as one substring) in the quote, comment, tags, entities or title."""
    tags: list[str] = field(default_factory=list)
    """Each must be one of the note's tags."""
    entities: list[str] = field(default_factory=list)
    """Each must be an entity id or name inside the quote."""

    @property
    def empty(self) -> bool:
        """True when nothing is filtered."""
        return not (self.text or self.tags or self.entities)


_TOKEN = re.compile(r"(?:^|(?<=\s))([#@])")


def parse_note_filter(value: str) -> NoteFilter:
    """Split a filter like ``siege #idlib @Bashar al-Assad`` into text, tags and entities.

    ``#tag`` is one word. ``@entity`` runs up to the next ``#``/``@`` token (names have
    spaces), so put free text first: ``airport @Aleppo``.
    """
    result = NoteFilter()
    pieces = _TOKEN.split(value)
    text_parts = [pieces[0]]
    for i in range(1, len(pieces) - 1, 2):
        marker, rest = pieces[i], pieces[i + 1]
        if marker == "#":
            word, _, tail = rest.strip().partition(" ")
            if word:
                result.tags.append(word)
            text_parts.append(tail)
        else:
            name = " ".join(rest.split())
            if name:
                result.entities.append(name)
    result.text = " ".join(" ".join(text_parts).split())
    return result


def one_line(text: str, width: int) -> str:
    """``text`` on one line, without control characters, cut to ``width`` with an ellipsis.

    Note files can be edited by hand (or come from someone else): nothing read from
    them reaches the terminal before :func:`reader.corpus.sanitize.sanitize`.
    """
    flat = " ".join(sanitize(text).split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def first_line(text: str) -> str:
    """The first non-empty line of ``text`` (stripped)."""
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


@cache
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark")


_BLOCK_MARKER = re.compile(r"^\s{0,3}(?:#{1,6}\s+|[-*+]\s+|\d{1,9}[.)]\s+|>\s?)+")
"""A heading, list or quote marker at the start of a line (dropped from the one-line preview)."""


def markdown_line(source: str, width: int) -> Text:
    """One line of Markdown as styled text (bold, italic, code; links show their text).

    Parsed with markdown-it-py, so ``**x**`` shows as bold x; nothing is read as Rich markup.
    """
    text = Text()
    styles: list[str] = []
    source = _BLOCK_MARKER.sub("", sanitize(source), count=1)
    for token in _markdown().parseInline(source)[0].children or []:
        kind = token.type
        if kind in ("strong_open", "em_open"):
            styles.append("bold" if kind == "strong_open" else "italic")
        elif kind in ("strong_close", "em_close") and styles:
            styles.pop()
        elif kind == "code_inline":
            text.append(token.content, "reverse")
        elif kind in ("text", "html_inline"):
            text.append(token.content, " ".join(styles))
        elif kind in ("softbreak", "hardbreak"):
            text.append(" ")
        elif kind == "image":
            text.append(token.content or "image", "italic")
    if len(text.plain) > width:
        text.truncate(width - 1)
        text.append("…")
    return text


def swatch_style(app: Any, color: str) -> str:
    """A Rich style drawing the swatch of a note colour from the theme variables."""
    value = app.theme_variables.get(f"note-{color}") if app is not None else None
    return f"on {value}" if value else "reverse"


class NoteOption(Option):
    """One note in the list (carries the note)."""

    def __init__(self, note: Note, *, show_title: bool = False, swatch: str = "reverse") -> None:
        from reader.notes import FUZZY, ORPHAN

        prompt = Text()
        prompt.append("  ", swatch)
        prompt.append(" ")
        prompt.append(f"“{one_line(note.quote.exact, EXCERPT_CHARS)}”", "italic")
        comment = first_line(note.comment)
        if comment:
            prompt.append("\n   ")
            prompt.append(markdown_line(comment, EXCERPT_CHARS))
        meta = [note.color_label]
        meta.extend(f"#{one_line(t, 40)}" for t in note.tags)
        if show_title:
            meta.append(one_line(note.article_title or note.article_path or note.article_id, 40))
        prompt.append("\n   ")
        if note.state == ORPHAN:
            prompt.append("orphan", "bold reverse")
            prompt.append(" ")
        elif note.state == FUZZY:
            prompt.append("≈", "bold")
            prompt.append(" ")
        prompt.append(" · ".join(meta), "dim")
        super().__init__(prompt, id=f"note-{note.id}")
        self.note: Note = note
        """The note shown."""


class NotesList(OptionList):
    """The notes as a list; up at the top goes back to the filter."""

    BINDINGS = [Binding("up", "cursor_up_or_filter", "Up", show=False, id="notes-list-up")]

    def action_cursor_up_or_filter(self) -> None:
        """Move up, or into the filter field from the first note."""
        if self.highlighted in (None, 0):
            self.screen.query_one("#notes-filter", Input).focus()
        else:
            self.action_cursor_up()


class NotesPane(Vertical):
    """Filter field, list of notes and the highlighted note in full."""

    BINDINGS = [Binding("down", "to_list", "List", show=False, id="notes-filter-down")]

    @dataclass
    class FilterChanged(Message):
        """The filter text changed."""

        pane: NotesPane
        value: str

        @property
        def control(self) -> NotesPane:
            """The pane that sent this message."""
            return self.pane

        def can_replace(self, message: Message) -> bool:
            """Only the newest filter matters."""
            return isinstance(message, NotesPane.FilterChanged)

    @dataclass
    class NoteChosen(Message):
        """Enter (or a click) on a note: jump to its passage."""

        pane: NotesPane
        note: Note

        @property
        def control(self) -> NotesPane:
            """The pane that sent this message."""
            return self.pane

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.notes: list[Note] = []
        """The notes listed."""
        self.all_notes = False
        """Listing the whole corpus (True) or the open article (False)."""
        self._shown_detail: tuple[str, str, str, bool] | None = None
        """(note id, modified, state, all notes) of the note in the detail area."""

    def compose(self) -> ComposeResult:
        """Title, filter, list, details."""
        yield Label("Notes", id="notes-title")
        yield Input(placeholder="filter: words, #tag, @entity", id="notes-filter")
        yield NotesList(id="notes-list")
        with VerticalScroll(id="notes-detail"):
            yield Static(id="notes-detail-quote")
            yield Markdown(id="notes-detail-comment", open_links=False)

    def on_mount(self) -> None:
        """Redraw swatches when the theme changes."""
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._rebuild())

    # -- content -----------------------------------------------------------------

    @property
    def filter_value(self) -> str:
        """The filter text as typed."""
        return self.query_one("#notes-filter", Input).value

    @property
    def option_list(self) -> NotesList:
        """The list of notes."""
        return self.query_one(NotesList)

    @property
    def highlighted_note(self) -> Note | None:
        """The note under the list cursor."""
        options = self.option_list
        if options.highlighted is None or not options.option_count:
            return None
        option = options.get_option_at_index(options.highlighted)
        return option.note if isinstance(option, NoteOption) else None

    def show_notes(
        self, notes: list[Note], *, all_notes: bool, title: str, keep: str | None = None
    ) -> None:
        """List ``notes``; the cursor stays on note ``keep`` (or the one highlighted before)."""
        previous = self.highlighted_note
        keep = keep or (previous.id if previous else None)
        self.notes = list(notes)
        self.all_notes = all_notes
        # fixed size (app.tcss): no layout, so a new title repaints only itself
        self.query_one("#notes-title", Label).update(Text(title, "bold"), layout=False)
        self._rebuild(keep)

    def _rebuild(self, keep: str | None = None) -> None:
        options = self.option_list
        if keep is None and self.highlighted_note is not None:
            keep = self.highlighted_note.id
        options.clear_options()
        if not self.notes:
            empty = (
                "No notes match."
                if self.filter_value.strip()
                else (
                    "No notes yet. Select text (or put the cursor in a sentence) and press a."
                    if not self.all_notes
                    else "No notes in this corpus yet."
                )
            )
            options.add_option(Option(Text(empty, "dim italic"), disabled=True))
            self._show_detail(None)
            return
        items: list[Option | None] = []
        for note in self.notes:
            items.extend(
                [
                    NoteOption(
                        note, show_title=self.all_notes, swatch=swatch_style(self.app, note.color)
                    ),
                    None,
                ]
            )
        items.pop()
        options.add_options(items)
        index = 0
        if keep is not None:
            index = next((i for i, n in enumerate(self.notes) if n.id == keep), 0)
        options.highlighted = options.get_option_index(f"note-{self.notes[index].id}")
        self._show_detail(self.notes[index])

    def select_note(self, note_id: str) -> None:
        """Put the list cursor on a note (if listed)."""
        try:
            index = self.option_list.get_option_index(f"note-{note_id}")
        except Exception:  # not listed
            return
        self.option_list.highlighted = index

    def _show_detail(self, note: Note | None) -> None:
        from reader.notes import COLORS, FUZZY, MOVED, ORPHAN

        quote = self.query_one("#notes-detail-quote", Static)
        comment = self.query_one("#notes-detail-comment", Markdown)
        key = (note.id, note.modified, note.state, self.all_notes) if note else None
        if key == self._shown_detail:
            return
        self._shown_detail = key
        if note is None:
            quote.update("")
            comment.update("")
            return
        text = Text()
        if note.state == ORPHAN:
            text.append("orphan", "bold reverse")
            text.append(" this passage is no longer in the article; the quote was:\n", "italic")
        text.append(one_line(note.quote.exact, DETAIL_QUOTE_CHARS), "italic")
        meta = [f"{note.color} · {COLORS.get(note.color, '')}"]
        if note.tags:
            meta.append(" ".join(f"#{one_line(t, 40)}" for t in note.tags))
        if note.entity_names:
            meta.append("@ " + ", ".join(one_line(name, 60) for name in note.entity_names))
        if note.state in (FUZZY, MOVED):
            meta.append(
                "placed by "
                + ("an approximate match" if note.state == FUZZY else "its quote (moved)")
            )
        if self.all_notes and note.article_title:
            meta.append(one_line(note.article_title, 60))
        text.append("\n" + "\n".join(meta), "dim")
        quote.update(text)
        comment.update(sanitize(note.comment) or "*(no comment)*")

    # -- events -----------------------------------------------------------------

    @on(Input.Changed, "#notes-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.FilterChanged(self, event.value))

    @on(Input.Submitted, "#notes-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.option_list.focus()

    @on(OptionList.OptionHighlighted, "#notes-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if isinstance(event.option, NoteOption):
            self._show_detail(event.option.note)

    @on(OptionList.OptionSelected, "#notes-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if isinstance(event.option, NoteOption):
            self.post_message(self.NoteChosen(self, event.option.note))

    def action_to_list(self) -> None:
        """From the filter field down into the list."""
        self.option_list.focus()
