"""Messages the notes workers post to the reading screen."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from reader.notes import Note


@dataclass
class NotesLoaded(Message):
    """Notes of the open article (for highlights) and the pane's listing are ready."""

    article_id: str | None
    highlights: list[Note]
    listing: list[Note]
    all_notes: bool
    filter_value: str
    errors: list[tuple[Path, str]] = field(default_factory=list)
    keep: str | None = None
    """Note id the pane's cursor should stay on."""


@dataclass
class NoteChanged(Message):
    """A note was added, updated, deleted, or a change undone (``error`` when it failed)."""

    action: str
    note_id: str | None
    description: str
    error: str | None = None


@dataclass
class NotesExported(Message):
    """An export finished (``error`` is one line when it failed)."""

    path: Path
    count: int
    error: str | None = None


class NotesChangedOnDisk(Message):
    """Another running reader added, changed or deleted notes."""
