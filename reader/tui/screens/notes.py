"""Notes on the reading screen: annotate, highlights, notes pane, edit, delete, undo, export.

A mixin of :class:`reader.tui.screens.main.MainScreen`. Store reads and writes run in
thread workers (behind one lock, so a reload never races a write) and post the
messages below; the handlers update the article highlights and the notes pane.
Dialogs are ``await app.push_screen_wait(...)`` inside ``@work`` actions.

``u`` undoes the last change, whichever it was: a note added, edited or deleted
(``NoteStore.undo``) or an entity correction. The screen keeps the order of both
kinds of change in ``change_log``.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual import events, on, work
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, TextArea
from textual.worker import get_current_worker

from reader.atomic import write_atomic
from reader.notes import ORPHAN, Note, NoteError, StoreError, new_note, sentence_bounds
from reader.notes.export import json_export, markdown_export
from reader.notes.resolve import reanchor_all
from reader.notes.store import searchable_text
from reader.tui import messages as msg
from reader.tui.navigation import Position
from reader.tui.screens.note_editor import NoteDraft, NoteEditor
from reader.tui.screens.pickers import TextPrompt
from reader.tui.widgets.notes_pane import NoteFilter, NotesPane, one_line, parse_note_filter

DEFAULT_EXPORT_PATH = "~/reader-notes.md"
"""Offered by "Export notes…" (a ``.json`` name writes Web Annotation JSON-LD)."""
JSON_SUFFIXES = (".json", ".jsonld")
"""Export file names that mean JSON-LD."""
POLL_SECONDS = 4.0
"""How often the notes folder is checked for changes made by another running reader."""


# --- messages ------------------------------------------------------------------------


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


# --- pure helpers --------------------------------------------------------------------


def filter_notes(store: Any, flt: NoteFilter, article_id: str | None) -> list[Note]:
    """Notes of ``store`` matching every part of ``flt`` (through ``NoteStore.search``)."""
    words = flt.text.split()
    notes = store.search(
        text=words[0] if words else None,
        tag=flt.tags[0] if flt.tags else None,
        entity=flt.entities[0] if flt.entities else None,
        article_id=article_id,
    )
    for word in words[1:]:
        notes = [n for n in notes if word.casefold() in searchable_text(n).casefold()]
    for tag in flt.tags[1:]:
        key = tag.lstrip("#").casefold()
        notes = [n for n in notes if key in (t.casefold() for t in n.tags)]
    for entity in flt.entities[1:]:
        key = entity.casefold()
        notes = [
            n for n in notes if any(key in (e.id.casefold(), e.name.casefold()) for e in n.entities)
        ]
    return notes


def note_covering(notes: list[Note], start: int, end: int) -> Note | None:
    """The shortest placed note that covers ``start`` (or overlaps ``[start, end)``)."""
    best: Note | None = None
    for note in notes:
        if note.state == ORPHAN:
            continue
        hit = (
            note.start <= start < note.end
            if end <= start
            else note.start < end and start < note.end
        )
        if hit and (best is None or note.end - note.start < best.end - best.start):
            best = note
    return best


def export_text(notes: list[Note], articles: dict, path: Path) -> str:
    """The export document for ``path``: JSON-LD for ``.json``/``.jsonld``, else Markdown."""
    if path.suffix.lower() in JSON_SUFFIXES:
        return json.dumps(json_export(notes, articles), ensure_ascii=False, indent=2) + "\n"
    return markdown_export(notes, articles)


class NotesMixin(Screen[None]):
    """Actions: a e d t # 6 E and u (undo the last change)."""

    library: Any
    article_view: Any
    _pending: Position | None

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

    @on(events.Mount)
    def _start_notes_poll(self) -> None:
        """Notice notes written by another running reader (one scandir + stats per check)."""
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

    # -- annotate / edit / delete / undo ----------------------------------------------

    def _known_tags(self) -> list[str]:
        with self._notes_lock:
            return list(self.note_store.tags())

    def _passage(self) -> tuple[int, int] | None:
        """The selection, or the sentence under the cursor; None (with a hint) if empty."""
        view = self.article_view
        article = view.article
        if article is None:
            self.notify("Open an article first.", severity="warning")
            return None
        start, end = sorted((view.anchor_offset, view.cursor_offset))
        if start == end or not article.body[start:end].strip():
            start, end = sentence_bounds(article.body, view.cursor_offset)
        else:  # trim white space at the edges of a selection
            text = article.body[start:end]
            start += len(text) - len(text.lstrip())
            end -= len(text) - len(text.rstrip())
        if start >= end:
            self.notify("Nothing to annotate here: select some text first.", severity="warning")
            return None
        return start, end

    @work
    async def action_annotate(self) -> None:
        """Annotate the selection (or the sentence under the cursor)."""
        if self.note_store is None:
            self.notify("Notes are not available for this corpus.", severity="warning")
            return
        passage = self._passage()
        if passage is None:
            return
        start, end = passage
        article = self.article_view.article
        mentions = list(self.article_view.mentions)
        self.article_view.select_span(start, end, center=False)
        draft = await self.app.push_screen_wait(
            NoteEditor(article.body[start:end], heading="New note", known_tags=self._known_tags())
        )
        if draft is None:
            return
        try:
            note = new_note(
                article,
                start,
                end,
                comment=draft.comment,
                tags=draft.tags,
                color=draft.color,
                mentions=mentions,
            )
        except NoteError as exc:
            self.notify(str(exc), severity="error")
            return
        self.change_note("add", note)

    def _target_note(self) -> Note | None:
        """The note to edit or delete.

        The pane's highlighted note when the pane has focus, else the one under the cursor.
        """
        focused = self.focused
        pane = self.notes_pane
        if focused is not None and pane in focused.ancestors_with_self:
            note = pane.highlighted_note
            if note is not None:
                return note
        view = self.article_view
        if view.article is not None:
            start, end = sorted((view.anchor_offset, view.cursor_offset))
            note = note_covering(self.article_notes, start, end)
            if note is not None:
                return note
        self.notify(
            "Put the cursor on a highlight, or pick a note in the notes pane (6).",
            severity="warning",
        )
        return None

    @work
    async def action_edit_note(self) -> None:
        """Edit the comment, colour and tags of a note."""
        if self.note_store is None:
            return
        note = self._target_note()
        if note is None:
            return
        draft: NoteDraft | None = await self.app.push_screen_wait(
            NoteEditor(
                note.quote.exact,
                heading="Edit note",
                comment=note.comment,
                tags=note.tags,
                color=note.color,
                known_tags=self._known_tags(),
            )
        )
        if draft is None:
            return
        if (draft.comment, draft.tags, draft.color) == (note.comment, note.tags, note.color):
            self.notify("Nothing changed.")
            return
        self.change_note(
            "update", note.with_changes(comment=draft.comment, tags=draft.tags, color=draft.color)
        )

    def action_delete_note(self) -> None:
        """Delete a note (u brings it back)."""
        if self.note_store is None:
            return
        note = self._target_note()
        if note is not None:
            self.change_note("delete", note)

    def action_undo_last(self) -> None:
        """Undo the last change of this session: a note change or an entity correction."""
        if self.change_log and self.change_log[-1] == "note":
            self.change_log.pop()
            self.change_note("undo")
            return
        if self.change_log:
            self.change_log.pop()
        self._undoing_correction = True
        self.action_undo_correction()  # type: ignore[attr-defined]

    @on(msg.CorrectionDone)
    def _note_correction_logged(self, event: msg.CorrectionDone) -> None:
        """Remember corrections in ``change_log`` (their undo is not a new change)."""
        if self._undoing_correction:
            self._undoing_correction = False
            return
        if not event.error:
            self.change_log.append("correction")

    @work(thread=True, group="notes-write")
    def change_note(self, action: str, note: Note | None = None) -> None:
        """Add, update or delete a note, or undo the last note change (in a thread)."""
        store = self.note_store
        try:
            with self._notes_lock:
                if action == "add" and note is not None:
                    stored = store.add(note)
                    self.post_message(
                        NoteChanged(action, stored.id, "Note added (e edits, d deletes, u undoes).")
                    )
                elif action == "update" and note is not None:
                    stored = store.update(note)
                    self.post_message(NoteChanged(action, stored.id, "Note saved."))
                elif action == "delete" and note is not None:
                    store.delete(note.id)
                    excerpt = one_line(note.quote.exact, 40)
                    self.post_message(
                        NoteChanged(action, None, f"Deleted the note on “{excerpt}” (u to undo).")
                    )
                elif action == "undo":
                    description = store.undo()
                    if description is None:
                        self.post_message(NoteChanged(action, None, "", "Nothing to undo."))
                    else:
                        note_id = description.rsplit(" ", 1)[-1]
                        self.post_message(NoteChanged(action, note_id, f"Undone: {description}."))
        except (StoreError, NoteError, OSError) as exc:
            self.post_message(NoteChanged(action, None, "", str(exc)))

    @on(NoteChanged)
    def _note_changed(self, event: NoteChanged) -> None:
        if event.error:
            self.notify(event.error, title="Notes", severity="warning")
        else:
            if event.action != "undo":
                self.change_log.append("note")
            if event.action == "add" and self.article_view.selected_text:
                view = self.article_view  # collapse the selection so the new highlight shows
                view.move_cursor(view.selection.end)
            self.notify(event.description, title="Notes")
        self.refresh_notes(keep=event.note_id)

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

    # -- export ---------------------------------------------------------------------------

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
