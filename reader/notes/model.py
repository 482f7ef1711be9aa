"""The note (annotation) model, after the W3C Web Annotation data model.

A :class:`Note` targets one article (its stable id plus the content hash the
note was made against) through two selectors: a :class:`TextQuoteSelector`
(the exact quote with about 32 characters of context either side) and a
:class:`TextPositionSelector` (start/end offsets into ``Article.body``).
The body of the annotation is a Markdown comment plus tags; the entities named
inside the quote and a highlight colour complete it.

``Note.anchor`` is *not* stored: it is the result of re-anchoring the note
against the article as it is now (see :mod:`reader.notes.anchor`).
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

# --- highlight colours ---------------------------------------------------------------

COLORS: dict[str, str] = {
    "yellow": "highlight",
    "green": "key fact",
    "blue": "background",
    "pink": "question",
    "purple": "follow up",
}
"""The fixed set of highlight colours, each with the meaning label shown to the user."""

COLOR_HEX: dict[str, str] = {
    "yellow": "#ffd400",
    "green": "#5fb236",
    "blue": "#2ea8e5",
    "pink": "#e56eee",
    "purple": "#a28ae5",
}
"""Reference RGB values (used in exports; the TUI takes its colours from the theme)."""

DEFAULT_COLOR = "yellow"

# --- anchoring states ----------------------------------------------------------------

ANCHORED = "anchored"
"""The quote is still at its recorded position."""
MOVED = "moved"
"""The exact quote was found elsewhere (e.g. a paragraph was inserted before it)."""
FUZZY = "fuzzy"
"""Only an approximate match was found (the quoted words were edited)."""
ORPHAN = "orphan"
"""The quote could not be placed in the current article; the note is kept and shown as such."""
STATES = (ANCHORED, MOVED, FUZZY, ORPHAN)

CONTEXT_CHARS = 32
"""How many characters of prefix/suffix a TextQuoteSelector keeps."""


class NoteError(ValueError):
    """A note (or a value for one) is invalid."""


@dataclass(frozen=True)
class TextQuoteSelector:
    """The quoted text plus a little context either side (W3C ``TextQuoteSelector``)."""

    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class TextPositionSelector:
    """Offsets ``[start, end)`` into ``Article.body`` (W3C ``TextPositionSelector``)."""

    start: int
    end: int


@dataclass(frozen=True)
class NoteEntity:
    """An entity mentioned inside the quote: its stable id and canonical name."""

    id: str
    name: str


@dataclass(frozen=True)
class Anchor:
    """Where a note sits in the current text of its article.

    ``start``/``end`` are offsets into the current ``Article.body``; for an
    orphan they are the note's recorded position (clamped to the body) and
    ``text`` is empty. ``score`` is 100 for exact matches and the rapidfuzz
    similarity (0-100) for fuzzy ones.
    """

    state: str
    start: int
    end: int
    text: str = ""
    score: float = 100.0

    @property
    def placed(self) -> bool:
        """True unless the note is an orphan."""
        return self.state != ORPHAN


@dataclass(frozen=True)
class NoteTarget:
    """The W3C ``target`` of a note: which article (and version) and which passage."""

    article_id: str
    content_hash: str
    quote: TextQuoteSelector
    position: TextPositionSelector


@dataclass
class Note:
    """One annotation: a highlighted passage of an article with a comment, tags and a colour."""

    id: str
    article_id: str
    content_hash: str
    """Content hash of the article when the selectors were made."""
    quote: TextQuoteSelector
    position: TextPositionSelector
    comment: str = ""
    """Markdown."""
    tags: tuple[str, ...] = ()
    entities: tuple[NoteEntity, ...] = ()
    color: str = DEFAULT_COLOR
    created: str = ""
    """UTC ISO-8601 timestamp (microseconds)."""
    modified: str = ""
    """UTC ISO-8601 timestamp (microseconds); also the version stamp for conflict checks."""
    article_path: str = ""
    """Corpus-relative path of the article when the note was made (for people and exports)."""
    article_title: str = ""
    anchor: Anchor | None = field(default=None, compare=False)
    """Result of the last re-anchoring (not stored)."""

    @property
    def target(self) -> NoteTarget:
        """The note's target grouped as in the Web Annotation model."""
        return NoteTarget(self.article_id, self.content_hash, self.quote, self.position)

    @property
    def state(self) -> str:
        """Anchoring state after re-anchoring (``anchored`` if never re-anchored)."""
        return self.anchor.state if self.anchor else ANCHORED

    @property
    def start(self) -> int:
        """Current start offset (re-anchored if known, else as recorded)."""
        return self.anchor.start if self.anchor else self.position.start

    @property
    def end(self) -> int:
        """Current end offset (re-anchored if known, else as recorded)."""
        return self.anchor.end if self.anchor else self.position.end

    @property
    def color_label(self) -> str:
        """The meaning label of the note's colour."""
        return COLORS.get(self.color, self.color)

    @property
    def entity_names(self) -> list[str]:
        """Names of the entities inside the quote."""
        return [e.name for e in self.entities]

    def with_changes(self, **changes) -> Note:
        """A copy with fields replaced (validated)."""
        note = replace(self, **changes)
        note.validate()
        return note

    def validate(self) -> None:
        """Raise :class:`NoteError` if a field has an impossible value."""
        if not NOTE_ID_RE.fullmatch(self.id):
            raise NoteError(f"bad note id {self.id!r}")
        if not self.article_id:
            raise NoteError("a note needs an article id")
        if self.color not in COLORS:
            raise NoteError(f"unknown colour {self.color!r} (choose from {', '.join(COLORS)})")
        if not (0 <= self.position.start <= self.position.end):
            raise NoteError(f"bad position {self.position.start}-{self.position.end}")
        for tag in self.tags:
            check_tag(tag)


# --- ids, timestamps, tags -------------------------------------------------------------

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
NOTE_ID_RE = re.compile(r"[0-9A-HJKMNP-TV-Z]{26}")
"""Note ids are ULIDs: 26 Crockford base32 characters, sortable by creation time."""


def new_note_id(now_ms: int | None = None) -> str:
    """A fresh ULID: 48 bits of milliseconds since the epoch, then 80 random bits."""
    ms = int(time.time() * 1000) if now_ms is None else now_ms
    value = (ms << 80) | int.from_bytes(os.urandom(10), "big")
    chars = []
    for _ in range(26):
        chars.append(_CROCKFORD[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def utc_now() -> str:
    """The current UTC time as ISO-8601 with microseconds, e.g. ``2026-01-02T03:04:05.123456Z``."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


_TAG_RE = re.compile(r"[^\s,#][^\s,]*")


def check_tag(tag: str) -> str:
    """Return ``tag`` if it is a valid tag (no spaces or commas, not starting with ``#``)."""
    if not isinstance(tag, str) or not _TAG_RE.fullmatch(tag):
        raise NoteError(f"bad tag {tag!r}: tags are single words without spaces, commas or '#'")
    return tag


def normalise_tags(tags) -> tuple[str, ...]:
    """Validated tags, leading ``#`` removed, duplicates (case-insensitive) dropped, order kept."""
    seen: set[str] = set()
    out: list[str] = []
    for raw in tags or ():
        tag = check_tag(str(raw).strip().lstrip("#"))
        if tag.casefold() not in seen:
            seen.add(tag.casefold())
            out.append(tag)
    return tuple(out)
