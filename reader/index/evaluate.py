"""Running parsed queries over in-memory posting lists: sets for matching, BM25F for ranking.

Whoosh's matchers walk postings one Python call at a time, which costs 50-150 ms for a
broad query over 19k articles. Here each term's postings are read once, a block at a
time, into arrays kept in a bounded cache; a query's matching documents are built with
set operations (C speed) and only the matching documents are scored, with the same
per-term BM25F formula, idf and quantised field lengths Whoosh uses. Phrases are checked
against stored positions for the candidate documents only. Node types this module does
not know are handed to Whoosh, so every query Whoosh can parse still runs.
"""

from __future__ import annotations

import heapq
import threading
from array import array
from typing import Any

from whoosh import query
from whoosh.reading import TermNotFound
from whoosh.scoring import bm25
from whoosh.util.numeric import byte_to_length

from reader.index.postings import LruDict, read_postings

MAX_EXPANSION = 5000
"""Most words a ``prefix*`` may expand to (in one field) before the query is refused."""
POSTINGS_BUDGET = 2_000_000
"""Most postings kept in memory (about 16 MB) before the cache starts over."""
UNDATED = 2**64 - 1
"""The raw date column value of an undated article."""

Scores = dict[int, float]


class TooBroad(ValueError):
    """A prefix expands to more words than can be searched quickly."""


class QueryRunner:
    """Tables and posting cache of one Whoosh searcher (numbers change with the index)."""

    def __init__(self, searcher: Any) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.total = self.reader.doc_count_all()
        self.live = frozenset(self.reader.all_doc_ids())
        """Document numbers that are not deleted."""
        self.lock = threading.RLock()
        """Held around reads through the searcher (Whoosh readers are not thread-safe)."""
        self._leaves = list(self.reader.leaf_readers())
        self._postings = LruDict(capacity=50_000)
        self._cached = 0
        self._lengths: dict[str, list[int]] = {}
        self._columns: dict[str, list[Any]] = {}
        self._ids: dict[str, int] | None = None
        self._dates: list[int] | None = None

    # -- tables -----------------------------------------------------------------------------
    def docnum_of(self, article_id: str) -> int | None:
        """The document number of an article id (None when not indexed)."""
        if self._ids is None:
            column = read_column(self.reader, "id", "")
            self._ids = {value: n for n, value in enumerate(column) if n in self.live}
        return self._ids.get(article_id)

    def length(self, field: str) -> list[int]:
        """docnum -> the (quantised) number of terms of ``field``, as Whoosh scores it."""
        lengths = self._lengths.get(field)
        if lengths is None:
            with self.lock:  # also called from other threads (related's document table)
                lengths = []
                for leaf, _ in self._leaves:
                    lengths += _leaf_lengths(leaf, field)
                self._lengths[field] = lengths
        return lengths

    def column(self, field: str) -> list[Any]:
        """docnum -> the field's column value ("" where a document has none), read once."""
        values = self._columns.get(field)
        if values is None:
            with self.lock:
                values = self._columns[field] = read_column(self.reader, field, "")
        return values

    def warm(self) -> None:
        """Build every table now (about 0.15 s at 19k articles), not on the first query."""
        if not self.live:
            return
        for field in ("title", "body"):
            self.length(field)
        self.docnum_of("")
        self.newest_first({next(iter(self.live))})

    def newest_first(self, docs: set[int]) -> list[int]:
        """``docs`` sorted by date, newest first, undated last (then by document number)."""
        if not docs:
            return []
        if self._dates is None:
            self._dates = read_column(self.reader, "date", UNDATED, translate=False)
        dates = self._dates
        return sorted(docs, key=lambda d: (dates[d] == UNDATED, -dates[d], d))

    # -- postings ---------------------------------------------------------------------------
    def postings(self, field: str, text: str) -> tuple[array, array]:
        """(document numbers, weights) of a term, deleted documents included (cached)."""
        key = (field, text)
        cached = self._postings.get(key)
        if cached is not None:
            return cached
        ids, weights = array("i"), array("f")
        for leaf, offset in self._leaves:
            try:
                matcher = leaf.postings(field, text)
            except TermNotFound:
                continue
            read_postings(matcher, offset, ids, weights)
        self._cached += len(ids)
        if self._cached > POSTINGS_BUDGET:
            self._postings.items.clear()
            self._cached = len(ids)
        self._postings.put(key, (ids, weights))
        return ids, weights

    def expand(self, field: str, prefix: str) -> list[str]:
        """The indexed words of ``field`` starting with ``prefix``."""
        words = []
        for word in self.reader.expand_prefix(field, prefix):
            words.append(word.decode("utf-8") if isinstance(word, bytes) else word)
            if len(words) > MAX_EXPANSION:
                raise TooBroad(f"{prefix}* matches more than {MAX_EXPANSION} words; type more letters")
        return words

    # -- matching ---------------------------------------------------------------------------
    def matches(self, q: query.Query) -> set[int]:
        """Live documents matching ``q``."""
        if not self.live:
            return set()  # an empty index has no columns to read
        return self._match(q) & self.live

    def _match(self, q: query.Query) -> set[int]:
        if isinstance(q, query.Term):
            if q.fieldname == "id":
                number = self.docnum_of(str(q.text))
                return set() if number is None else {number}
            return set(self.postings(q.fieldname, _text(q))[0])
        if isinstance(q, query.Prefix):
            found: set[int] = set()
            for word in self.expand(q.fieldname, _text(q)):
                found.update(self.postings(q.fieldname, word)[0])
            return found
        if isinstance(q, query.Phrase):
            return self._phrase(q)
        if isinstance(q, query.And):
            return self._all_of(q.subqueries)
        if isinstance(q, query.Or):
            found = set()
            for child in q.subqueries:
                found |= self._match(child)
            return found
        if isinstance(q, query.AndNot):
            return self._match(q.a) - self._match(q.b)
        if isinstance(q, (query.AndMaybe,)):
            return self._match(q.a)
        if isinstance(q, query.Require):
            return self._match(q.a) & self._match(q.b)
        if isinstance(q, query.Not):
            return set(self.live) - self._match(q.query)
        if isinstance(q, query.Every):
            return set(self.live)
        if q is query.NullQuery or isinstance(q, type(query.NullQuery)):
            return set()
        with self.lock:  # anything else (ranges, ...): Whoosh's own matcher
            return set(self.searcher.docs_for_query(q))

    def _all_of(self, children: list[query.Query]) -> set[int]:
        positive = [c for c in children if not isinstance(c, query.Not)]
        negative = [c.query for c in children if isinstance(c, query.Not)]
        if not positive:
            found = set(self.live)
        else:
            sets = sorted((self._match(c) for c in positive), key=len)
            found = sets[0].intersection(*sets[1:]) if len(sets) > 1 else sets[0]
        for child in negative:
            if not found:
                break
            found -= self._match(child)
        return found

    def _phrase(self, q: query.Phrase) -> set[int]:
        words = [str(w) for w in q.words]
        if not words:
            return set()
        candidates = self._all_of([query.Term(q.fieldname, w) for w in words])
        if len(words) == 1 or not candidates:
            return candidates
        found = set()
        with self.lock:
            for leaf, offset in self._leaves:
                local = sorted(d - offset for d in candidates if offset <= d < offset + leaf.doc_count_all())
                if not local:
                    continue
                positions = [_positions(leaf, q.fieldname, w, local) for w in words]
                for doc in local:
                    if _in_sequence([p.get(doc, ()) for p in positions], q.slop):
                        found.add(doc + offset)
        return found

    # -- scoring ----------------------------------------------------------------------------
    def scores(self, q: query.Query, docs: set[int]) -> Scores:
        """BM25F score of each of ``docs`` for ``q`` (documents without scoring terms get 0)."""
        out: Scores = dict.fromkeys(docs, 0.0)
        self._score(q, docs, out, 1.0)
        return out

    def _score(self, q: query.Query, docs: set[int], out: Scores, boost: float) -> None:
        boost *= getattr(q, "boost", 1.0)
        if isinstance(q, query.Term):
            if q.fieldname != "id":
                self._score_term(q.fieldname, _text(q), docs, out, boost)
        elif isinstance(q, query.Prefix):
            for word in self.expand(q.fieldname, _text(q)):
                self._score_term(q.fieldname, word, docs, out, boost)
        elif isinstance(q, query.Phrase):
            for word in q.words:
                self._score_term(q.fieldname, str(word), docs, out, boost)
        elif isinstance(q, (query.And, query.Or)):
            for child in q.subqueries:
                if not isinstance(child, query.Not):
                    self._score(child, docs, out, boost)
        elif isinstance(q, (query.AndNot, query.Require)):
            self._score(q.a, docs, out, boost)
        elif isinstance(q, query.AndMaybe):
            self._score(q.a, docs, out, boost)
            self._score(q.b, docs, out, boost)

    def _score_term(self, field: str, text: str, docs: set[int], out: Scores, boost: float) -> None:
        ids, weights = self.postings(field, text)
        if not ids:
            return
        with self.lock:
            idf = self.searcher.idf(field, text)
            average = self.searcher.avg_field_length(field) or 1
        lengths = self.length(field)
        for doc, weight in zip(ids, weights):
            if doc in docs:
                out[doc] += boost * bm25(idf, weight, lengths[doc], average, 0.75, 1.2)

    def top(self, scores: Scores, limit: int) -> list[tuple[int, float]]:
        """The ``limit`` best (document, score) pairs, ties in document order."""
        return heapq.nsmallest(limit, ((-s, d) for d, s in scores.items()))


def _text(q: query.Query) -> str:
    text = q.text
    return text.decode("utf-8") if isinstance(text, bytes) else str(text)


def read_column(reader: Any, field: str, default: Any, translate: bool = True) -> list[Any]:
    """docnum -> the field's column value, ``default`` where a segment has none.

    A segment in which no document has a value may have no column at all, and Whoosh's
    multi-segment column reader then yields fewer values than there are documents.
    """
    values: list[Any] = []
    for leaf, offset in reader.leaf_readers():
        count = leaf.doc_count_all()
        values += [default] * (offset - len(values))
        if leaf.has_column(field):
            values += list(leaf.column_reader(field, translate=translate))[:count]
        values += [default] * (offset + count - len(values))
    return values


def _leaf_lengths(leaf: Any, field: str) -> list[int]:
    """The quantised field lengths of one segment, read in one go where the codec allows."""
    count = leaf.doc_count_all()
    try:
        from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield

        column = leaf._perdoc.column_reader(_lenfield(field), LENGTHS_COLUMN)  # noqa: SLF001
        raw = column._dbfile.get(column._basepos, column._count)  # noqa: SLF001 - one byte per doc
        lengths = [byte_to_length(b) for b in raw]
        return lengths + [0] * (count - len(lengths))
    except Exception:  # noqa: BLE001 - another codec, or no lengths: ask document by document
        return [leaf.doc_field_length(n, field) or 0 for n in range(count)]


def _positions(leaf: Any, field: str, word: str, docs: list[int]) -> dict[int, list[int]]:
    """Positions of ``word`` in each of ``docs`` (leaf-local numbers, ascending)."""
    out: dict[int, list[int]] = {}
    try:
        matcher = leaf.postings(field, word)
    except TermNotFound:
        return out
    for doc in docs:
        if not matcher.is_active():
            break
        if matcher.id() < doc:
            matcher.skip_to(doc)
            if not matcher.is_active():
                break
        if matcher.id() == doc:
            out[doc] = matcher.value_as("positions")
    return out


def _in_sequence(positions: list[Any], slop: int) -> bool:
    """True when each word follows the previous one within ``slop`` positions."""
    if any(not p for p in positions):
        return False
    current = set(positions[0])
    steps = range(1, max(1, slop) + 1)
    for following in positions[1:]:
        current = {p for p in following if any(p - step in current for step in steps)}
        if not current:
            return False
    return True
