"""Annotate, edit and delete notes, and ``u``: undo the last change of either kind.

Part of :class:`reader.tui.screens.notes.NotesMixin`. Dialogs are
``await app.push_screen_wait(...)`` inside ``@work`` actions; store writes run in a
thread worker behind the notes lock and post :class:`NoteChanged`.

``u`` undoes the last change, whichever it was: a note added, edited or deleted
(``NoteStore.undo``) or an entity correction. The screen keeps the order of both
kinds of change in ``change_log``.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.screen import Screen

from reader.tui import messages as msg
from reader.tui.screens.notes.messages import NoteChanged
from reader.tui.screens.notes.queries import note_covering
from reader.tui.widgets.notes_pane import one_line

if TYPE_CHECKING:  # the notes package and the editor are imported on first use
    from reader.notes import Note
    from reader.tui.screens.note_editor import NoteDraft


class NotesEditingMixin(Screen[None]):
    """Actions: a e d and u (undo the last change)."""

    library: Any
    article_view: Any
    article_notes: list[Note]
    change_log: list[str]
    _undoing_correction: bool
    _notes_lock: threading.Lock
    note_store: Any
    notes_pane: Any

    def _known_tags(self) -> list[str]:
        with self._notes_lock:
            return list(self.note_store.tags())

    def _passage(self) -> tuple[int, int] | None:
        """The selection, or the sentence under the cursor; None (with a hint) if empty."""
        from reader.notes import sentence_bounds

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
        from reader.notes import NoteError, new_note
        from reader.tui.screens.note_editor import NoteEditor

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
        from reader.tui.screens.note_editor import NoteEditor

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
        from reader.notes import NoteError, StoreError

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
