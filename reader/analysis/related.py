"""Related articles: other coverage of the same story, each with the reason it is related.

The score of a candidate ``b`` for the open article ``a`` blends

- ``E``: cosine of the articles' entity vectors, entities weighted by rarity (IDF over articles,
  after alias linking), see :mod:`reader.analysis.entitysim`;
- ``T``: Whoosh "more like this" on the key terms of ``a``'s body, BM25, relative to ``a``'s own
  score (1.0 = as close as ``a`` is to itself), see :mod:`reader.analysis.textsim`;
- ``D``: closeness in date, ``0.5 ** (days apart / half-life)``, when both are dated;

as ``score = (w_e * E + w_t * T) * (1 - w_d + w_d * D)`` (``D = 0.5`` when a date is missing,
so dates never decide between undated articles). Candidates are every article sharing an
entity or a key term. Near-duplicates (the same wire copy in two files) are collapsed: copies
of the open article become one entry marked ``duplicate``; copies of a result are attached to
it as ``duplicates``. Everything per corpus is precomputed once per index state in
``Library.derived``; a query then costs a few milliseconds.
"""

from __future__ import annotations

import heapq
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.analysis.doctable import DocTable, build_doc_table
from reader.analysis.duplicates import (
    content_pairs,
    cosine,
    near_duplicate,
    shingles,
    specifics,
    words_of,
)
from reader.analysis.entitysim import EntityModel
from reader.analysis.textsim import TextModel
from reader.index.postings import LruDict
from reader.model import ArticleSummary

FINGERPRINTS_KEPT = 512
"""Articles whose fingerprints are kept (~15 KB each: 4,096 cost ~60 MB more RSS at 19k
articles for ~3 ms less per repeated query; 512 leaves room for the term table)."""
TERMS_CACHE = "terms.pickle"
"""The text model's term table, kept in the index folder between runs."""


@dataclass
class Related:
    """One related article and why it is related."""

    summary: ArticleSummary
    score: float
    """Blended score (higher is closer); comparable within one article's list."""
    shared_entities: list[str] = field(default_factory=list)
    """Names of the shared entities that weighed most, heaviest first."""
    text_score: float = 0.0
    """More-like-this text score relative to the open article's own (0..1)."""
    duplicate: bool = False
    """True when this entry stands for near-duplicate copies: it is a copy of the open article,
    or other copies of it were collapsed into it (see ``duplicates``)."""
    reason: str = ""
    """One line, e.g. "shares HTS, Aleppo, Russia · text 0.42 · 2 days apart"."""
    duplicates: list[ArticleSummary] = field(default_factory=list)
    """Other copies of this entry's article collapsed into it."""
    entity_score: float = 0.0
    """Cosine of the IDF-weighted entity vectors (0..1)."""
    days_apart: int | None = None
    """Days between the two articles' dates (None when either is undated)."""
    copy_of_open: bool = False
    """True when this article is a near-copy of the open article itself."""


@dataclass(frozen=True)
class RelatedSettings:
    """Weights and limits of the related-articles ranking."""

    entity_weight: float = 0.5
    text_weight: float = 0.5
    date_weight: float = 0.3
    """How much being far apart in time can lower a score (0 = dates ignored)."""
    half_life_days: float = 7.0
    """Days apart at which the date part is halved."""
    numterms: int = 30
    """Key terms of the open article's body used for more-like-this."""
    max_df_fraction: float = 0.2
    """Key terms in more than this share of the articles are ignored."""
    phrase_weight: float = 1.0
    """Weight of shared phrasing (adjacent content-word pairs) when re-ranking the best
    candidates (0 = off)."""
    number_weight: float = 0.25
    """Weight of shared numbers and weekday/month names (tolls, magnitudes, times, "Sunday") in
    the same re-ranking."""
    phrase_window: int = 30
    """How many of the best candidates are re-ranked with shared phrasing."""
    use_title: bool = False
    """Take key terms from the title as well as the body."""
    collapse: bool = True
    """Collapse near-duplicates."""
    shared_limit: int = 5
    """How many shared entities each result names."""


class RelatedModel:
    """The precomputed structures of one index state plus the ranking itself."""

    def __init__(self, table: DocTable, entities: EntityModel, summary: Any,
                 settings: RelatedSettings | None = None, terms_cache: Path | None = None) -> None:
        self.settings = settings or RelatedSettings()
        self.table = table
        self.entities = entities
        self.text = TextModel(table, numterms=self.settings.numterms,
                              max_df_fraction=self.settings.max_df_fraction, cache=terms_cache)
        self._summary = summary
        self._fingerprints = LruDict(capacity=FINGERPRINTS_KEPT)
        """Fingerprints of recently ranked articles (~15 KB each)."""
        self._lock = table.lock

    # -- scoring ------------------------------------------------------------------------
    def scores(self, docnum: int, depth: int = 300) -> tuple[dict[int, float], dict[int, float],
                                                             dict[int, float]]:
        """(blended, entity, text) scores of the best candidates for the article ``docnum``.

        Only the ``depth`` best candidates by entities and by text are blended (a candidate
        outside both lists cannot beat the ones inside unless scores are nearly tied).
        """
        s = self.settings
        stored = self.table.stored(docnum)
        text_of = stored.get("body", "") or ""
        if s.use_title:
            text_of = f"{stored.get('title', '')}\n\n{text_of}"
        raw_text, own = self.text.similar(docnum, text_of)
        ent = self.entities.similar(docnum)
        pool = set(heapq.nlargest(depth, raw_text, key=raw_text.__getitem__))
        pool.update(heapq.nlargest(depth, ent, key=ent.__getitem__))
        pool.discard(docnum)
        text = {doc: min(1.0, raw_text[doc] / own) for doc in pool if doc in raw_text}
        day = self.table.days[docnum]
        days = self.table.days
        ids = self.table.ids
        blended: dict[int, float] = {}
        for doc in pool:
            if ids[doc] is None:
                continue
            base = s.entity_weight * ent.get(doc, 0.0) + s.text_weight * text.get(doc, 0.0)
            if base <= 0:
                continue
            other = days[doc]
            closeness = 0.5 if day is None or other is None else \
                0.5 ** (abs(day - other) / s.half_life_days)
            blended[doc] = base * (1.0 - s.date_weight + s.date_weight * closeness)
        if s.phrase_weight > 0:
            own_pairs = self._pairs(docnum)
            own_numbers = self._fingerprint(docnum)[2]
            window = heapq.nlargest(s.phrase_window, blended, key=blended.__getitem__)
            for doc in window:
                other = days[doc]
                closeness = 0.5 if day is None or other is None else \
                    0.5 ** (abs(day - other) / s.half_life_days)
                bonus = s.phrase_weight * cosine(own_pairs, self._pairs(doc))
                if s.number_weight:
                    bonus += s.number_weight * cosine(own_numbers, self._fingerprint(doc)[2])
                blended[doc] += bonus * (1.0 - s.date_weight + s.date_weight * closeness)
        return blended, ent, text

    def _pairs(self, docnum: int) -> frozenset[int]:
        return self._fingerprint(docnum)[1]

    def related(self, article_id: str, limit: int = 10) -> list[Related]:
        """Up to ``limit`` related articles of ``article_id``, best first (see module docstring)."""
        docnum = self.table.docnum.get(article_id)
        if docnum is None or limit <= 0:
            return []
        with self._lock:
            blended, ent, text = self.scores(docnum)
            size = limit * 2 + 10 if self.settings.collapse else limit
            ids = self.table.ids
            window = heapq.nsmallest(size, blended, key=lambda d: (-blended[d], ids[d]))
            groups = self._collapse(docnum, window) if self.settings.collapse else \
                [(d, [], False) for d in window]
            out = []
            for doc, copies, copy_of_open in groups:
                if len(out) == limit:
                    break
                try:
                    out.append(self._explain(docnum, doc, copies, copy_of_open, blended, ent,
                                             text))
                except LookupError:  # removed from the corpus since this index state
                    continue
            return out

    # -- duplicates ---------------------------------------------------------------------
    def _fingerprint(self, docnum: int) -> tuple[frozenset, frozenset, frozenset]:
        """(shingles, content-word pairs, numbers and weekday/month names) of a document's body
        (cached)."""
        cached = self._fingerprints.get(docnum)
        if cached is None:
            body = self.table.body(docnum)
            words = words_of(body)
            cached = (shingles(words), content_pairs(words), specifics(body, words))
            self._fingerprints.put(docnum, cached)
        return cached

    def _shingles(self, docnum: int) -> frozenset[int]:
        return self._fingerprint(docnum)[0]

    def _collapse(self, docnum: int, window: list[int]) -> list[tuple[int, list[int], bool]]:
        """Group the ranked window: [(leader, copies, leader is a copy of the open article)]."""
        lengths = self.table.lengths
        own_length = lengths[docnum]
        groups: list[tuple[int, list[int], bool]] = []
        leaders: list[tuple[int, frozenset[int], list[int]]] = []  # (length, shingles, copies)
        open_copies: list[int] = []
        own = None
        for doc in window:
            length = lengths[doc]
            if min(length, own_length) >= 0.5 * max(length, own_length):
                if own is None:
                    own = self._shingles(docnum)
                if near_duplicate(own, self._shingles(doc)):
                    open_copies.append(doc)
                    continue
            mine = None
            for other_length, other, copies in leaders:
                if min(length, other_length) < 0.5 * max(length, other_length):
                    continue
                if mine is None:
                    mine = self._shingles(doc)
                if near_duplicate(other, mine):
                    copies.append(doc)
                    break
            else:
                copies = []
                groups.append((doc, copies, False))
                leaders.append((length, mine if mine is not None else self._shingles(doc),
                                copies))
        if open_copies:
            first = open_copies[0]
            position = next((i for i, (leader, _, _) in enumerate(groups)
                             if window.index(leader) > window.index(first)), len(groups))
            groups.insert(position, (first, open_copies[1:], True))
        return groups

    # -- explanation --------------------------------------------------------------------
    def _explain(self, docnum: int, doc: int, copies: list[int], copy_of_open: bool,
                 blended: dict[int, float], ent: dict[int, float],
                 text: dict[int, float]) -> Related:
        shared = [self.entities.name(eid) for eid, _ in
                  self.entities.shared(docnum, doc, limit=self.settings.shared_limit)]
        day, other = self.table.days[docnum], self.table.days[doc]
        days_apart = None if day is None or other is None else abs(day - other)
        text_score = round(text.get(doc, 0.0), 3)
        parts = []
        if copy_of_open:
            parts.append("same wire copy as this article")
        if shared:
            parts.append("shares " + ", ".join(shared[:3]))
        parts.append(f"text {text_score:.2f}")
        figures = sorted((n for n in self._fingerprint(docnum)[2] & self._fingerprint(doc)[2]
                          if n[0].isdigit()), key=lambda n: (-len(n), n))[:3]
        if figures and self.settings.number_weight:
            parts.append("figures " + ", ".join(figures))
        if days_apart is not None:
            parts.append("same day" if days_apart == 0 else
                         f"{days_apart} day{'s' if days_apart != 1 else ''} apart")
        if copies:
            parts.append(f"+{len(copies)} cop{'ies' if len(copies) > 1 else 'y'}")
        return Related(
            summary=self._summary(self.table.ids[doc]),
            score=round(blended[doc], 4),
            shared_entities=shared,
            text_score=text_score,
            duplicate=copy_of_open or bool(copies),
            reason=" · ".join(parts),
            duplicates=[self._summary(self.table.ids[c]) for c in copies],
            entity_score=round(ent.get(doc, 0.0), 3),
            days_apart=days_apart,
            copy_of_open=copy_of_open,
        )


class _Slot:
    """A value built at most once, under its own lock (not the library's)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.value: Any = None


def cached(library: Any, key: str, build: Any) -> Any:
    """``build()`` once per index state, kept in ``Library.derived``.

    The library's lock is held only to fetch the slot; the (seconds-long, at 19k articles)
    build runs under the slot's own lock, so other library calls are not blocked meanwhile.
    """
    slot = library.derived(key, _Slot)
    with slot.lock:
        if slot.value is None:
            slot.value = build()
        return slot.value


def doc_table(library: Any) -> DocTable:
    """The library's DocTable for its current index state (cached).

    It reads through a searcher of its own, so analysis work in one thread never shares file
    positions with searches the library runs in another.
    """
    searcher = library.searcher()

    def build() -> DocTable:
        try:
            own = library.indexer.open().searcher()
        except Exception:  # noqa: BLE001 - e.g. a library without its own indexer: share
            own = searcher
        return build_doc_table(own)

    return cached(library, f"analysis.doctable.{id(searcher)}", build)


def entity_model(library: Any) -> EntityModel:
    """The library's EntityModel for the current index and linking (cached)."""
    linking = library.linking  # first: computing it clears the derived cache
    table = doc_table(library)
    return cached(library, f"analysis.entities.{id(table.searcher)}.{id(linking)}",
                           lambda: EntityModel(linking, table.docnum))


def related_model(library: Any, settings: RelatedSettings | None = None) -> RelatedModel:
    """The library's RelatedModel (cached per index state and settings)."""
    entities = entity_model(library)
    table = doc_table(library)
    settings = settings or RelatedSettings()
    key = f"analysis.related.{id(table.searcher)}.{id(entities)}.{hash(settings)}"
    indexer = getattr(library, "indexer", None)
    terms_cache = indexer.folder / TERMS_CACHE if indexer is not None else None
    return library.derived(key, lambda: RelatedModel(table, entities, library.summary, settings,
                                                     terms_cache))


def related_articles(library: Any, article_id: str, limit: int = 10,
                     settings: RelatedSettings | None = None) -> list[Related]:
    """Related articles of ``article_id`` in ``library`` (see the module docstring)."""
    return related_model(library, settings).related(article_id, limit)
