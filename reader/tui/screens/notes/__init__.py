"""Notes on the reading screen: annotate, highlights, notes pane, edit, delete, undo, export.

:class:`NotesMixin` is a mixin of :class:`reader.tui.screens.main.MainScreen`, put
together from one module per concern:

- ``listing``: load the open article's highlights and the pane's listing (thread
  worker), the pane's scope and filter, notice other readers' changes;
- ``editing``: annotate, edit, delete, and ``u`` (undo the last note change or correction);
- ``export``: write every note as Markdown or Web Annotation JSON-LD;
- ``messages`` (what the workers post) and ``queries`` (pure helpers over notes).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from reader.tui.screens.notes.editing import NotesEditingMixin
from reader.tui.screens.notes.export import NotesExportMixin
from reader.tui.screens.notes.listing import NotesListingMixin

if TYPE_CHECKING:  # the notes package is imported on first use, not at start-up
    from reader.notes import Note

__all__ = ["NotesMixin"]


class NotesMixin(NotesListingMixin, NotesEditingMixin, NotesExportMixin):
    """Actions: a e d t # 6 E and u (undo the last change)."""

    def init_notes(self) -> None:
        """Declare the notes state (called from ``MainScreen.__init__``)."""
        self.notes_all = False
        """The notes pane lists the whole corpus (else the open article)."""
        self.notes_filter = ""
        """Filter typed in the notes pane."""
        self.article_notes: list[Note] = []
        """Notes of the open article, re-anchored (highlights, note under the cursor)."""
        self.change_log: list[str] = []
        """Order of this session's changes: "note" or "correction" (what ``u`` undoes)."""
        self._undoing_correction = False
        """A correction undo started by ``u`` is running."""
        self._notes_lock = threading.Lock()
        """Serialises store reads and writes of the thread workers."""
        self._reported_errors: set[Path] = set()
        """Unreadable note files already reported."""
