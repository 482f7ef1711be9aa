"""Pure helpers over lists of notes: filtering (words, #tags, @entities) and hit-testing.

The notes package is imported on first use (in a worker or on a cursor move), so
drawing the first screen does not wait for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.notes import Note
    from reader.tui.widgets.notes_pane import NoteFilter


def filter_notes(store: Any, flt: NoteFilter, article_id: str | None) -> list[Note]:
    """Notes of ``store`` matching every part of ``flt`` (through ``NoteStore.search``)."""
    from reader.notes.store import searchable_text

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
    from reader.notes import ORPHAN

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
