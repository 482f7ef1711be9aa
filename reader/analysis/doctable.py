"""Per-index tables keyed by Whoosh document number: ids, dates, body lengths.

Built once per index state (one pass over the stored fields) and kept in ``Library.derived``.
"""

from __future__ import annotations

import re
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
    """docnum -> date as a proleptic ordinal (``date.toordinal()``), None when undated. An
    article without a date of its own gets the first full date stated in its opening lines
    (see :func:`stated_date`)."""
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


_MONTHS = {name: number for number, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")], start=1) for name in names}
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?" \
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_STATED = re.compile(
    rf"\b{_MONTH}\s?\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\s?,?\s+((?:19|20)\d\d)\b"
    rf"|\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s?\.?\s?,?\s+((?:19|20)\d\d)\b"
    r"|\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b", re.IGNORECASE)
LEAD = 300
"""Characters at the start of a body searched for a stated date."""


def stated_date(text: str) -> Date | None:
    """The first full date written in the opening ``LEAD`` characters of ``text`` ("Thursday,
    March 14, 2013", "14 March 2013", "2013-03-14"), spacing before punctuation tolerated."""
    for match in _STATED.finditer(text[:LEAD]):
        g = match.groups()
        if g[0]:
            year, month, day = g[2], _MONTHS[g[0].lower()], g[1]
        elif g[4]:
            year, month, day = g[5], _MONTHS[g[4].lower()], g[3]
        else:
            year, month, day = g[6], int(g[7]), g[8]
        try:
            return Date(int(year), month, int(day))
        except ValueError:
            continue
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
        if days[number] is None:
            stated = stated_date(stored.get(field_name, "") or "")
            days[number] = stated.toordinal() if stated else None
        sources[number] = stored.get("source", "") or ""
    from reader.index.search import query_runner

    # the same quantised lengths search scores with, read once per searcher for both
    field_lengths = query_runner(searcher).length(field_name)
    lengths = [field_lengths[n] if ids[n] else 0 for n in range(total)]
    return DocTable(searcher=searcher, ids=ids, docnum=docnum, days=days, sources=sources,
                    lengths=lengths)
