"""The note editor: a modal to write a note's Markdown comment, pick its colour and tags.

Used as ``draft = await app.push_screen_wait(NoteEditor(...))`` inside a ``@work``
action; it returns a :class:`NoteDraft` (save) or None (cancel). The quote is shown
as plain text, never read as markup. Tags complete from the tags already in use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static, TextArea

from reader.corpus.sanitize import sanitize
from reader.notes import COLORS, DEFAULT_COLOR, NoteError
from reader.notes.model import normalise_tags

QUOTE_PREVIEW_CHARS = 400
"""Characters of the quote shown at the top of the editor."""


@dataclass(frozen=True)
class NoteDraft:
    """What the editor returns on save."""

    comment: str
    """Markdown comment (may be empty)."""
    tags: tuple[str, ...]
    """Validated tags (leading ``#`` removed, duplicates dropped)."""
    color: str
    """One of :data:`reader.notes.COLORS`."""


def split_tags(value: str) -> list[str]:
    """Tags typed in the field: separated by spaces or commas."""
    return [t for t in re.split(r"[\s,]+", value) if t]


class TagSuggester(Suggester):
    """Completes the tag being typed (the last word) from the tags already in use."""

    def __init__(self, tags: Iterable[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.tags = list(tags)
        """Known tags, most used first."""

    async def get_suggestion(self, value: str) -> str | None:
        """The value with its last word completed to a known tag (case-insensitive)."""
        match = re.search(r"#?([^\s,#]+)$", value)
        if not match:
            return None
        typed = match.group(1)
        already = {t.lstrip("#").casefold() for t in split_tags(value[: match.start()])}
        for tag in self.tags:
            folded = tag.casefold()
            if (
                folded.startswith(typed.casefold())
                and folded != typed.casefold()
                and folded not in already
            ):
                return value[: match.start(1)] + tag
        return None


class NoteEditor(ModalScreen[NoteDraft | None]):
    """Write or edit a note: comment (multi-line Markdown), colour, tags; save or cancel."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="note-editor-cancel"),
        Binding("ctrl+s", "save", "Save", id="note-editor-save"),
    ]

    def __init__(
        self,
        quote: str,
        *,
        heading: str = "New note",
        comment: str = "",
        tags: Iterable[str] = (),
        color: str = DEFAULT_COLOR,
        known_tags: Iterable[str] = (),
    ) -> None:
        super().__init__(classes="picker", id="note-editor")
        self.quote = quote
        """The passage being annotated (shown, not edited)."""
        self.heading = heading
        """Title of the dialog."""
        self.comment = sanitize(comment)
        """Initial comment (control characters of a hand-edited file removed)."""
        self.tags = tuple(sanitize(t) for t in tags)
        """Initial tags."""
        self.color = color if color in COLORS else DEFAULT_COLOR
        """Initial colour."""
        self.known_tags = list(known_tags)
        """Tags offered for completion."""

    def compose(self) -> ComposeResult:
        """Quote, comment, colours, tags, buttons."""
        quote = " ".join(sanitize(self.quote).split())
        if len(quote) > QUOTE_PREVIEW_CHARS:
            quote = quote[: QUOTE_PREVIEW_CHARS - 1] + "…"
        with VerticalScroll(classes="picker-box", id="note-editor-box"):
            yield Label(Text(self.heading, "bold"))
            yield Static(Text(f"“{quote}”", "italic"), id="note-quote")
            yield Label("Comment (Markdown)", classes="note-field-label")
            yield TextArea(
                self.comment,
                soft_wrap=True,
                show_line_numbers=False,
                tab_behavior="focus",
                id="note-comment",
            )
            yield Label("Colour", classes="note-field-label")
            with RadioSet(id="note-color"):
                for name, label in COLORS.items():
                    yield RadioButton(
                        f"{name} · {label}",
                        value=name == self.color,
                        id=f"color-{name}",
                        classes=f"note-swatch note-swatch-{name}",
                    )
            yield Label("Tags (spaces between; → accepts a suggestion)", classes="note-field-label")
            yield Input(
                " ".join(self.tags),
                placeholder="e.g. siege aleppo",
                suggester=TagSuggester(self.known_tags),
                select_on_focus=False,
                id="note-tags",
            )
            yield Static("", id="note-error")
            with Horizontal(id="note-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", compact=True, id="note-save")
                yield Button("Cancel (esc)", compact=True, id="note-cancel")

    def on_mount(self) -> None:
        """Start in the comment field."""
        self.query_one("#note-comment", TextArea).focus()

    @property
    def chosen_color(self) -> str:
        """The colour picked in the radio set."""
        pressed = self.query_one("#note-color", RadioSet).pressed_button
        if pressed is None or not pressed.id:
            return self.color
        return pressed.id.removeprefix("color-")

    def action_save(self) -> None:
        """Check the fields and return the draft."""
        comment = self.query_one("#note-comment", TextArea).text
        try:
            tags = normalise_tags(split_tags(self.query_one("#note-tags", Input).value))
        except NoteError as exc:
            error = self.query_one("#note-error", Static)
            error.update(Text(str(exc)))
            error.add_class("-shown")
            self.query_one("#note-tags", Input).focus()
            return
        self.dismiss(NoteDraft(comment.strip("\n"), tags, self.chosen_color))

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)

    @on(Input.Submitted, "#note-tags")
    def _tags_submitted(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#note-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#note-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
