"""Per-index tables keyed by Whoosh document number: ids, dates, body lengths.

Built once per index state (one pass over the stored fields) and kept in ``Library.derived``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import datetime
from typing import Any


@dataclass
class DocTable:
    """Document numbers of one Whoosh searcher mapped to article ids and list metadata."""

    searcher: Any
    """The searcher the numbers belong to (numbers change when the index changes)."""
    ids: list[str | None]
    """docnum -> article id (None for deleted documents)."""
    docnum: dict[str, int]
    """article id -> docnum."""
    days: list[int | None]
    """docnum -> date as a proleptic ordinal (``date.toordinal()``), None when undated."""
    sources: list[str]
    """docnum -> source ("" when unknown)."""
    lengths: list[int]
    """docnum -> number of terms in the body field (as Whoosh stores it)."""
    lock: threading.RLock = field(default_factory=threading.RLock)
    """Held around every read through ``searcher`` (Whoosh readers are not thread-safe)."""

    @property
    def count(self) -> int:
        """Number of live documents."""
        return len(self.docnum)

    def stored(self, docnum: int) -> dict:
        """The stored fields of a document."""
        with self.lock:
            return self.searcher.stored_fields(docnum)

    def body(self, docnum: int) -> str:
        """The stored body text (what mention offsets index into)."""
        return self.stored(docnum).get("body", "") or ""

    def title(self, docnum: int) -> str:
        """The stored title."""
        return self.stored(docnum).get("title", "") or ""


def _day(value: Any) -> int | None:
    if isinstance(value, datetime):
        return value.date().toordinal()
    if isinstance(value, Date):
        return value.toordinal()
    if isinstance(value, str) and len(value) >= 10:
        try:
            return Date.fromisoformat(value[:10]).toordinal()
        except ValueError:
            return None
    return None


def build_doc_table(searcher: Any, field_name: str = "body") -> DocTable:
    """Read every stored document once and tabulate what ranking needs."""
    reader = searcher.reader()
    total = reader.doc_count_all()
    ids: list[str | None] = [None] * total
    days: list[int | None] = [None] * total
    sources = [""] * total
    docnum: dict[str, int] = {}
    for number, stored in reader.iter_docs():
        article_id = stored.get("id")
        if not article_id:
            continue
        ids[number] = article_id
        docnum[article_id] = number
        days[number] = _day(stored.get("date"))
        sources[number] = stored.get("source", "") or ""
    lengths = [reader.doc_field_length(n, field_name) if ids[n] else 0 for n in range(total)]
    return DocTable(searcher=searcher, ids=ids, docnum=docnum, days=days, sources=sources,
                    lengths=lengths)


@dataclass
class LruDict:
    """A small least-recently-used cache (plain dict, insertion order)."""

    capacity: int
    items: dict = field(default_factory=dict)

    def get(self, key: Any) -> Any:
        """The cached value or None (marks it recently used)."""
        value = self.items.pop(key, None)
        if value is not None:
            self.items[key] = value
        return value

    def put(self, key: Any, value: Any) -> None:
        """Store a value, evicting the oldest beyond capacity."""
        self.items.pop(key, None)
        self.items[key] = value
        while len(self.items) > self.capacity:
            self.items.pop(next(iter(self.items)))
