"""What the index holds, per file: size, mtime, content hash, id and list metadata.

Kept beside the Whoosh index so a no-change update only stats files, and so
article lists are built without opening Whoosh. Written atomically after each commit.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from pathlib import Path

from reader.atomic import write_atomic
from reader.gc_pause import gc_paused


@dataclass
class Entry:
    """One indexed file."""

    id: str
    path: str
    relpath: str
    root: str
    size: int
    mtime_ns: int
    content_hash: str
    title: str
    date: str
    source: str


class Manifest:
    """Path -> Entry, plus the per-article entity analyses."""

    FILE = "manifest.pickle"

    def __init__(self, entries: dict[str, Entry] | None = None) -> None:
        self.entries: dict[str, Entry] = entries or {}
        """Absolute path -> entry."""

    @classmethod
    def load(cls, folder: Path) -> Manifest | None:
        """The saved manifest, or None when missing or unreadable."""
        try:
            with open(folder / cls.FILE, "rb") as handle, gc_paused():
                data = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError, TypeError):
            return None
        return cls(data) if isinstance(data, dict) else None

    def save(self, folder: Path) -> None:
        """Write atomically."""
        write_atomic(folder / self.FILE, pickle.dumps(self.entries, protocol=pickle.HIGHEST_PROTOCOL))

    def by_id(self) -> dict[str, Entry]:
        """Article id -> entry."""
        return {entry.id: entry for entry in self.entries.values()}


class Analyses:
    """Article id -> (content hash, entity analysis), saved beside the index."""

    FILE = "analyses.pickle"

    def __init__(self, items: dict[str, tuple[str, object]] | None = None) -> None:
        self.items: dict[str, tuple[str, object]] = items or {}

    @classmethod
    def load(cls, folder: Path) -> Analyses:
        """The saved analyses ({} when missing or unreadable: they are recomputed)."""
        try:
            with open(folder / cls.FILE, "rb") as handle, gc_paused():
                data = pickle.load(handle)
        except Exception:  # noqa: BLE001 - any unreadable cache is simply rebuilt
            return cls()
        return cls(data) if isinstance(data, dict) else cls()

    def save(self, folder: Path) -> None:
        """Write atomically."""
        write_atomic(folder / self.FILE, pickle.dumps(self.items, protocol=pickle.HIGHEST_PROTOCOL))
