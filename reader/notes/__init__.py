"""Notes (annotations): model, anchoring, durable store, export, backlinks. No Textual here.

The TUI and CLI mostly need::

    from reader.notes import NoteStore, new_note, reanchor, format_backlink, parse_backlink
"""

from reader.notes.anchor import anchor, make_selectors, new_note, reanchor, rebase, sentence_bounds
from reader.notes.backlink import Backlink, BacklinkError, format_backlink, parse_backlink
from reader.notes.model import (
    ANCHORED,
    COLORS,
    DEFAULT_COLOR,
    FUZZY,
    MOVED,
    ORPHAN,
    Anchor,
    Note,
    NoteEntity,
    NoteError,
    TextPositionSelector,
    TextQuoteSelector,
)
from reader.notes.store import NoteConflict, NoteNotFound, NoteStore, StoreError

__all__ = [
    "ANCHORED", "COLORS", "DEFAULT_COLOR", "FUZZY", "MOVED", "ORPHAN", "Anchor", "Backlink",
    "BacklinkError", "Note", "NoteConflict", "NoteEntity", "NoteError", "NoteNotFound",
    "NoteStore", "StoreError", "TextPositionSelector", "TextQuoteSelector", "anchor",
    "format_backlink", "make_selectors", "new_note", "parse_backlink", "reanchor", "rebase",
    "sentence_bounds",
]
