"""Export every note of the corpus: Markdown, or Web Annotation JSON-LD for ``.json``."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.screen import Screen

from reader.atomic import write_atomic
from reader.tui.screens.notes.messages import NotesExported
from reader.tui.screens.pickers import TextPrompt

if TYPE_CHECKING:  # the notes package is imported when exporting, not at start-up
    from reader.notes import Note

DEFAULT_EXPORT_PATH = "~/reader-notes.md"
"""Offered by "Export notes…" (a ``.json`` name writes Web Annotation JSON-LD)."""
JSON_SUFFIXES = (".json", ".jsonld")
"""Export file names that mean JSON-LD."""


def export_text(notes: list[Note], articles: dict, path: Path) -> str:
    """The export document for ``path``: JSON-LD for ``.json``/``.jsonld``, else Markdown."""
    from reader.notes.export import json_export, markdown_export

    if path.suffix.lower() in JSON_SUFFIXES:
        return json.dumps(json_export(notes, articles), ensure_ascii=False, indent=2) + "\n"
    return markdown_export(notes, articles)


class NotesExportMixin(Screen[None]):
    """Action: E (export every note)."""

    library: Any
    note_store: Any
    _notes_lock: threading.Lock

    @work
    async def action_export_notes(self) -> None:
        """Ask for a path and export every note (.md Markdown, .json Web Annotation JSON-LD)."""
        if self.note_store is None:
            self.notify("Notes are not available for this corpus.", severity="warning")
            return
        answer = await self.app.push_screen_wait(
            TextPrompt(
                "Export every note to (.md: Markdown, .json: Web Annotation JSON-LD)",
                DEFAULT_EXPORT_PATH,
            )
        )
        if answer:
            self.export_notes(answer)

    @work(thread=True, exclusive=True, group="notes-export")
    def export_notes(self, where: str) -> None:
        """Write the export file (atomically) and report where."""
        from reader.notes import StoreError
        from reader.notes.resolve import reanchor_all

        path = Path(where).expanduser()
        try:
            if path.is_dir():
                raise ValueError(f"{path} is a folder: name a file (…/notes.md or …/notes.json)")
            with self._notes_lock:
                self.note_store.reload()
                notes = self.note_store.all()
            notes, articles = reanchor_all(notes, self.library.article)
            write_atomic(path, export_text(notes, articles, path))
        except (OSError, ValueError, StoreError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.post_message(NotesExported(path, 0, f"Cannot export to {path}: {reason}"))
            return
        self.post_message(NotesExported(path, len(notes)))

    @on(NotesExported)
    def _notes_exported(self, event: NotesExported) -> None:
        if event.error:
            self.notify(event.error, title="Export", severity="error")
        else:
            self.notify(f"Exported {event.count} note(s) to {event.path}", title="Export")
