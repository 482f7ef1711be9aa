"""Loading and listing notes: highlights of the open article, the notes pane, its filter.

Part of :class:`reader.tui.screens.notes.NotesMixin`. Store reads run in a thread
worker behind the notes lock (so a reload never races a write); another running
reader's changes are noticed by polling the notes folder.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, on, work
from textual.screen import Screen
from textual.widgets import Input, TextArea
from textual.worker import get_current_worker

from reader.tui.navigation import Position
from reader.tui.screens.notes.messages import NotesChangedOnDisk, NotesLoaded
from reader.tui.screens.notes.queries import filter_notes, note_covering
from reader.tui.widgets.notes_pane import NotesPane, one_line, parse_note_filter

if TYPE_CHECKING:  # the notes package is imported by the workers, not at start-up
    from reader.notes import Note

POLL_SECONDS = 4.0
"""How often the notes folder is checked for changes made by another running reader."""


class NotesListingMixin(Screen[None]):
    """Highlights and the notes pane; actions 6 (scope) and # (filter)."""

    library: Any
    article_view: Any
    notes_all: bool
    notes_filter: str
    article_notes: list[Note]
    _notes_lock: threading.Lock
    _reported_errors: set[Path]

    @on(events.Mount)
    def _start_notes_poll(self) -> None:
        """Notice notes written by another running reader (one scandir + stats per check).

        Starts after the first frame: opening the note store imports the notes package.
        """
        self.call_after_refresh(self._begin_notes_poll)

    def _begin_notes_poll(self) -> None:
        if self.note_store is not None:
            self.set_interval(POLL_SECONDS, self.poll_notes)

    @work(thread=True, exclusive=True, group="notes-poll")
    def poll_notes(self) -> None:
        """Re-read the notes folder; reload the views if another reader changed it."""
        if not self._notes_lock.acquire(blocking=False):
            return  # a load or write is running; it re-reads the folder anyway
        try:
            changed = self.note_store.reload()
        finally:
            self._notes_lock.release()
        if changed:
            self.post_message(NotesChangedOnDisk())

    @on(NotesChangedOnDisk)
    def _notes_changed_on_disk(self) -> None:
        self.refresh_notes()

    @property
    def notes_pane(self) -> NotesPane:
        """The notes side pane."""
        return self.query_one(NotesPane)

    @property
    def note_store(self) -> Any:
        """The library's note store (None when the library has none)."""
        return getattr(self.library, "notes", None)

    # -- loading ------------------------------------------------------------------------

    def notes_article_shown(self, article: Any) -> None:
        """An article was just shown: clear the old highlights and load this one's notes."""
        self.article_notes = []
        if self.article_view.note_spans:
            self.article_view.set_notes([])
        self.refresh_notes()

    def refresh_notes(self, keep: str | None = None) -> None:
        """Reload highlights and the notes pane (in a thread)."""
        if self.note_store is None:
            return
        self.load_notes(self.article_view.article, self.notes_all, self.notes_filter, keep)

    @work(thread=True, exclusive=True, group="notes")
    def load_notes(
        self, article: Any, all_notes: bool, filter_value: str, keep: str | None = None
    ) -> None:
        """Re-anchor the open article's notes and list the notes the pane asks for."""
        from reader.notes import ORPHAN
        from reader.notes.resolve import reanchor_all

        store = self.note_store
        flt = parse_note_filter(filter_value)
        with self._notes_lock:
            store.reload()
            highlights = store.anchored(article) if article is not None else []
            scope = None if all_notes or article is None else article.id
            found = filter_notes(store, flt, scope) if (all_notes or article is not None) else []
            errors = list(store.errors)
        placed = {n.id: n for n in highlights}
        others = [n for n in found if n.id not in placed]
        reanchored, _ = reanchor_all(others, self.library.article) if others else ([], {})
        by_id = {n.id: n for n in reanchored} | placed
        listing = [by_id[n.id] for n in found]
        if all_notes:
            listing.sort(
                key=lambda n: (
                    (n.article_title or n.article_path).casefold(),
                    n.article_id,
                    n.state == ORPHAN,
                    n.start,
                    n.id,
                )
            )
        else:
            listing.sort(key=lambda n: (n.state == ORPHAN, n.start, n.end, n.id))
        if not get_current_worker().is_cancelled:
            self.post_message(
                NotesLoaded(
                    article.id if article else None,
                    highlights,
                    listing,
                    all_notes,
                    filter_value,
                    errors,
                    keep,
                )
            )

    @on(NotesLoaded)
    def _notes_loaded(self, event: NotesLoaded) -> None:
        from reader.notes import ORPHAN

        article = self.article_view.article
        if (
            article.id if article else None
        ) != event.article_id or event.filter_value != self.notes_filter:
            return  # the reader moved on
        self.article_notes = event.highlights
        self.article_view.set_notes(
            [(n.start, n.end, n.color) for n in event.highlights if n.state != ORPHAN]
        )
        scope = "all notes" if event.all_notes else "this article"
        title = f"Notes · {scope} · {len(event.listing)}"
        if event.filter_value.strip():
            title += " (filtered)"
        self.notes_pane.show_notes(
            event.listing, all_notes=event.all_notes, title=title, keep=event.keep
        )
        new = [(p, r) for p, r in event.errors if p not in self._reported_errors]
        if new:
            self._reported_errors.update(p for p, _ in new)
            lines = "\n".join(f"{p.name}: {r}" for p, r in new[:3])
            more = f"\n… and {len(new) - 3} more" if len(new) > 3 else ""
            self.notify(
                f"{len(new)} note file(s) could not be loaded and were left untouched:"
                f"\n{lines}{more}",
                title="Notes",
                severity="warning",
                timeout=10,
            )

    @on(TextArea.SelectionChanged, "#article-view")
    def _note_under_cursor(self, event: TextArea.SelectionChanged) -> None:
        """Moving onto a highlight puts the notes pane's cursor on its note."""
        if not self.article_notes:
            return
        offset = self.article_view.cursor_offset
        note = note_covering(self.article_notes, offset, offset)
        if note is not None and not self.notes_pane.has_focus_within:
            self.notes_pane.select_note(note.id)

    @on(NotesPane.FilterChanged)
    def _notes_filter_changed(self, event: NotesPane.FilterChanged) -> None:
        self.notes_filter = event.value
        self.refresh_notes()

    # -- the pane -----------------------------------------------------------------------

    def action_toggle_notes_scope(self) -> None:
        """Notes pane: the open article's notes, or every note of the corpus."""
        self.notes_all = not self.notes_all
        self._show_tab("notes")  # type: ignore[attr-defined]
        self.refresh_notes()

    def action_filter_notes(self) -> None:
        """Show the notes pane and type a filter (words, #tag, @entity)."""
        self._show_tab("notes")  # type: ignore[attr-defined]
        field_ = self.query_one("#notes-filter", Input)
        self.call_after_refresh(field_.focus)

    @on(NotesPane.NoteChosen)
    def _note_chosen(self, event: NotesPane.NoteChosen) -> None:
        from reader.notes import ORPHAN

        note = event.note
        current = self.article_view.article
        if note.state == ORPHAN:
            self.notify(
                f"This note cannot be placed: its passage is no longer in the article. "
                f"The quote was: “{one_line(note.quote.exact, 160)}”",
                title="Orphan note",
                severity="warning",
                timeout=10,
            )
            if current is None or current.id != note.article_id:
                self.open_at(Position(note.article_id))  # type: ignore[attr-defined]
            return
        self.remove_class("-side-open")  # narrow terminals: show the article instead of the pane
        self.open_at(Position(note.article_id, note.start, note.end), focus_view=True)  # type: ignore[attr-defined]
