"""One facade over a corpus, shared by the CLI and the TUI.

open corpus -> index (incremental) -> search -> article -> entities -> mentions -> related -> notes.
Everything returns plain dataclasses. Methods are safe to call from one worker thread
at a time per kind of work; the Whoosh searcher is reopened when the index changed.
"""

from __future__ import annotations

import functools
import os
import pickle
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader import paths
from reader.atomic import write_atomic
from reader.config import Config, load_config
from reader.corpus import ArticleError, load_article
from reader.fingerprint import entities_version
from reader.gc_pause import gc_paused
from reader.index import Indexer
from reader.index.facets import filter_query
from reader.index.manifest import Analyses, Entry, Manifest
from reader.index.search import run_search
from reader.model import Article, ArticleSummary, Entity, IndexReport, Mention, SearchResult

Progress = Callable[[int, int, str], None]


@functools.lru_cache(maxsize=1)
def entity_analyser() -> Callable[[str], object]:
    """Factory of the per-article entity analyser (top level so worker processes can use it).

    Analysis does not depend on user corrections (they apply at link time), so one
    engine per process serves every corpus.
    """
    from reader.entities import EntityEngine

    return EntityEngine().analyse


class ArticleMissing(LookupError):
    """No article with that id or path in this corpus (or it can no longer be read)."""


class Library:
    """A corpus of article files with its index, entities, related articles and notes."""

    def __init__(self, roots: list[Path] | None = None, config: Config | None = None) -> None:
        self.roots: list[Path] = [Path(r).expanduser().absolute() for r in (roots or [paths.seeds_dir()])]
        """Folders/files that make up the corpus."""
        self.config: Config = config or load_config()
        """User settings."""
        self.name: str = ", ".join(r.name for r in self.roots)
        """Display name of the corpus."""
        self.indexer = Indexer(paths.index_dir(self.roots), self.roots, analyser=entity_analyser,
                               workers=self.config.workers)
        """The index builder/opener."""
        self.data_dir: Path = paths.corpus_data_dir(self.roots)
        """Per-corpus user data folder (notes, corrections, UI state)."""
        self._lock = threading.RLock()
        self._ix: Any = None
        self._searcher: Any = None
        self._checked_stamp: int | None = None
        """The index folder's modification time when the searcher was last found current."""
        self._manifest: Manifest | None = None
        self._manifest_stamp: int | None = None
        self._by_id: dict[str, Entry] = {}
        self._linking: Any = None
        self._engine: Any = None
        self._corrections: Any = None
        self._notes: Any = None
        self._articles: OrderedDict[str, Article] = OrderedDict()
        self._derived: dict[str, Any] = {}

    # -- index ---------------------------------------------------------------------------
    def update_index(self, progress: Progress | None = None, rebuild: bool = False) -> IndexReport:
        """Build or update the index (blocking); afterwards every query sees the new state."""
        report = self.indexer.update(progress=progress, rebuild=rebuild)
        if report.added or report.updated or report.removed or report.rebuilt_reason or rebuild:
            self._invalidate()
            if progress:
                progress(1, 1, "linking entities")
            _ = self.linking  # link now (and cache on disk), not on the first click
        elif self._manifest is None:
            self._load_manifest()
        return report

    def warm(self) -> None:
        """Build what the first search, article and related list need (off the UI thread).

        About 1.5 s at 19k articles, once per index state; each step is also done lazily.
        """
        from reader.analysis.related import related_model
        from reader.index.search import warm_search

        warm_search(self.searcher())
        _ = self.linking
        related_model(self)

    def index_ready(self) -> bool:
        """True when an index exists that can be listed and searched now."""
        return self._load_manifest() is not None and self.indexer.problem() is None

    def _invalidate(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
            self._ix = self._searcher = self._manifest = self._linking = None
            self._by_id = {}
            self._articles.clear()
            self._derived.clear()

    def _load_manifest(self) -> Manifest | None:
        """The manifest, re-read when the file changed (an update commits in batches)."""
        try:
            stamp = (self.indexer.folder / Manifest.FILE).stat().st_mtime_ns
        except OSError:
            stamp = None
        with self._lock:
            if self._manifest is None or stamp != self._manifest_stamp:
                self._manifest = Manifest.load(self.indexer.folder)
                self._manifest_stamp = stamp
                self._by_id = self._manifest.by_id() if self._manifest else {}
            return self._manifest

    def searcher(self):  # -> whoosh.searching.Searcher
        """A current Whoosh searcher (a new one whenever the index changed on disk)."""
        with self._lock:
            if self._ix is None:
                self._ix = self.indexer.open()
            if self._searcher is None or not self._searcher_current():
                if self._searcher is not None:
                    # The index changed on disk (this or another process wrote it):
                    # everything derived from the old state goes with it.
                    self._searcher.close()
                    self._manifest = None
                    self._linking = None
                    self._articles.clear()
                    self._derived.clear()
                    self._load_manifest()
                self._searcher = self._ix.searcher()
                self._checked_stamp = None
            return self._searcher

    SETTLED_NS = 2_000_000_000
    """A folder changed longer ago than this has a trustworthy modification time (file
    systems with coarse timestamps cannot hide a later change behind it)."""

    def _searcher_current(self) -> bool:
        """The searcher still shows the latest commit (lock held).

        Whoosh's ``up_to_date`` lists the index folder (~1 ms; a related list asks twice);
        a commit always adds a table-of-contents file, so while the folder's modification
        time is the one seen at the last full check, and old enough to be exact, nothing
        was committed since.
        """
        try:
            stamp = os.stat(self.indexer.folder).st_mtime_ns
        except OSError:
            stamp = None
        if stamp is not None and stamp == self._checked_stamp \
                and time.time_ns() - stamp > self.SETTLED_NS:
            return True
        current = self._searcher.up_to_date()
        self._checked_stamp = stamp if current else None
        return current

    def close(self) -> None:
        """Release the searcher and index files."""
        self._invalidate()

    # -- articles ------------------------------------------------------------------------
    def summaries(self, sort: str = "date") -> list[ArticleSummary]:
        """Every indexed article: newest first (undated last), or by title."""
        manifest = self._load_manifest()
        if manifest is None:
            return []
        items = [_summary(e) for e in manifest.entries.values()]
        if sort == "title":
            items.sort(key=lambda s: (s.title.casefold(), s.path))
        else:
            items.sort(key=lambda s: (s.date == "", s.date, s.title.casefold()), reverse=False)
            dated = [s for s in items if s.date]
            dated.sort(key=lambda s: s.date, reverse=True)
            items = dated + [s for s in items if not s.date]
        return items

    def summary(self, article_id: str) -> ArticleSummary:
        """List data of one article."""
        self._load_manifest()
        entry = self._by_id.get(article_id)
        if entry is None:
            raise ArticleMissing(f"no article {article_id!r} in this corpus")
        return _summary(entry)

    def article(self, article_id: str) -> Article:
        """The full article (read and parsed from its file; cached)."""
        with self._lock:
            cached = self._articles.get(article_id)
            if cached is not None:
                self._articles.move_to_end(article_id)
                return cached
        self._load_manifest()
        entry = self._by_id.get(article_id)
        if entry is None:
            raise ArticleMissing(f"no article {article_id!r} in this corpus")
        try:
            article = load_article(Path(entry.root), Path(entry.path))
        except ArticleError as exc:
            raise ArticleMissing(f"{entry.relpath}: {exc}") from None
        article.id = entry.id
        with self._lock:
            self._articles[article_id] = article
            while len(self._articles) > 64:
                self._articles.popitem(last=False)
        return article

    def article_by_path(self, path: str | Path) -> Article:
        """The article stored at ``path`` (absolute, or relative to the working directory)."""
        manifest = self._load_manifest()
        key = str(Path(path).expanduser().absolute())
        entry = manifest.entries.get(key) if manifest else None
        if entry is None:
            raise ArticleMissing(f"{path} is not an article of this corpus")
        return self.article(entry.id)

    # -- search --------------------------------------------------------------------------
    def search(self, text: str, limit: int = 50, filters: dict[str, list[str]] | None = None,
               sort: str = "relevance") -> SearchResult:
        """Run a query (Whoosh syntax plus entity:/place:/actor:/note:) with optional facet filters."""
        try:
            searcher = self.searcher()
        except Exception as exc:  # noqa: BLE001 - no index yet or unreadable
            return SearchResult(query=text, hits=[], total=0, error=f"index not available ({exc})")
        filt, error = filter_query(self.resolve_field, filters or {})
        if error:
            return SearchResult(query=text, hits=[], total=0, error=error)
        return run_search(searcher, text, limit=limit, resolve=self.resolve_field, filter_query=filt,
                          sort=sort)

    def resolve_field(self, field: str, value: str) -> set[str] | str:
        """Article ids for ``entity:``/``place:``/``actor:``/``note:`` values, or an error message."""
        if field == "note":
            return {n.target.article_id for n in self.notes.search(text=value)}
        kind = {"place": "place", "actor": "actor"}.get(field)
        entity = self.entity(value, kind=kind)
        if entity is None:
            what = kind or "entity"
            return f"no {what} called {value!r} in this corpus"
        return set(self.linking.articles_of(entity.id))

    # -- entities ------------------------------------------------------------------------
    @property
    def engine(self):  # -> reader.entities.EntityEngine
        """The entity engine with this corpus's corrections."""
        if self._engine is None:
            from reader.entities import EntityEngine

            self._engine = EntityEngine(self.corrections)
        return self._engine

    @property
    def corrections(self):  # -> reader.entities.Corrections
        """User corrections of entities for this corpus."""
        if self._corrections is None:
            from reader.entities import Corrections

            self._corrections = Corrections(self.data_dir / "corrections.yaml")
        return self._corrections

    @property
    def linking(self):  # -> reader.entities.Linking
        """Entities and mentions of the whole corpus (computed once per index state)."""
        with self._lock:
            if self._linking is None:
                key = self._linking_key()
                self._linking = self._cached_linking(key)
                if self._linking is None:
                    manifest = self._load_manifest()
                    analyses = self.indexer.take_analyses() or Analyses.load(self.indexer.folder)
                    if manifest and manifest.entries and not analyses.items:
                        analyses = self.indexer.repair_analyses()  # cache file lost or damaged
                    wanted = {e.id for e in manifest.entries.values()} if manifest else set()
                    docs = {i: a for i, (_, a) in analyses.items.items() if i in wanted}
                    with gc_paused():  # builds large tables, no garbage cycles
                        self._linking = self.engine.link(docs)
                    self._save_linking(key, self._linking)
                self._derived.clear()
            return self._linking

    LINKING_CACHE = "linking.pickle"

    def _linking_key(self) -> tuple[object, ...]:
        """What the linking depends on: the analyses file and the user's corrections file."""
        def stamp(path: Path) -> tuple[int, int]:
            try:
                stat = path.stat()
            except OSError:
                return (0, 0)
            return (stat.st_mtime_ns, stat.st_size)

        return (stamp(self.indexer.folder / Analyses.FILE), stamp(self.data_dir / "corrections.yaml"),
                entities_version())

    def _cached_linking(self, key: tuple[object, ...]) -> Any:
        try:
            with open(self.indexer.folder / self.LINKING_CACHE, "rb") as handle:
                if pickle.load(handle) != key:  # the key comes first: a stale cache is not read
                    return None
                with gc_paused():
                    return pickle.load(handle)
        except Exception:  # noqa: BLE001 - a missing or stale cache is simply recomputed
            return None

    def _save_linking(self, key: tuple[object, ...], linking: Any) -> None:
        try:
            write_atomic(self.indexer.folder / self.LINKING_CACHE,
                         pickle.dumps(key, protocol=pickle.HIGHEST_PROTOCOL)
                         + pickle.dumps(linking, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass  # a cache; the next start recomputes it

    def relink(self) -> None:
        """Recompute linking (after a correction), so every view sees it at once."""
        with self._lock:
            self._linking = None
            self._engine = None
            self._derived.clear()
            if self._corrections is not None and hasattr(self._corrections, "reload"):
                self._corrections.reload()
        _ = self.linking

    def mentions(self, article_id: str) -> list[Mention]:
        """Mentions in one article (offsets into ``Article.body``), sorted by start."""
        return list(self.linking.mentions(article_id))

    def entities(self) -> list[Entity]:
        """Every entity of the corpus, most mentioned first."""
        return sorted(self.linking.entities.values(),
                      key=lambda e: (-e.article_count, -e.mention_count, e.name.casefold()))

    def entity(self, name_or_id: str, kind: str | None = None) -> Entity | None:
        """An entity by id or any alias (case, diacritics, hyphens ignored)."""
        return self.linking.resolve(name_or_id, kind=kind)

    def search_entities(self, text: str, limit: int = 20) -> list[Entity]:
        """Entities whose names resemble ``text`` (fuzzy), for pickers."""
        return self.linking.search_names(text, limit=limit)

    def articles_mentioning(self, entity_id: str) -> list[ArticleSummary]:
        """Articles that mention an entity, oldest first (undated last, then by title)."""
        self._load_manifest()
        items = [_summary(self._by_id[i]) for i in self.linking.articles_of(entity_id) if i in self._by_id]
        return sorted(items, key=lambda s: (s.date == "", s.date, s.title.casefold(), s.id))

    def entity_articles(self, entity_id: str) -> list[tuple[ArticleSummary, int]]:
        """Articles that mention an entity with the number of its mentions there, in the order
        of ``articles_mentioning`` (no article text is read)."""
        manifest = self._load_manifest()
        rank = self.derived(f"library.article_rank.{id(manifest)}", self._article_rank)
        counts = self.linking.articles_of(entity_id)
        found = sorted((rank[i], i) for i in counts if i in rank)
        return [(_summary(self._by_id[i]), counts[i]) for _, i in found]

    def _article_rank(self) -> dict[str, int]:
        """article id -> position in the ``articles_mentioning`` order (oldest first)."""
        items = [_summary(e) for e in self._by_id.values()]
        items.sort(key=lambda s: (s.date == "", s.date, s.title.casefold(), s.id))
        return {s.id: n for n, s in enumerate(items)}

    def entities_in(self, article_ids: list[str]) -> list[list[str]]:
        """Ids of the entities each article mentions (from a table built once per index state)."""
        from reader.analysis.related import entity_model

        model = entity_model(self)
        out = []
        for article_id in article_ids:
            docnum = model.docnum.get(article_id)
            out.append(model.present.get(docnum, []) if docnum is not None else
                       list({m.entity for m in self.linking.mentions(article_id)}))
        return out

    def entity_mentions(self, entity_id: str) -> list[tuple[ArticleSummary, Mention]]:
        """Every mention of an entity across the corpus, by article date then position."""
        result = []
        for summary in self.articles_mentioning(entity_id):
            result.extend((summary, m) for m in self.linking.mentions(summary.id) if m.entity == entity_id)
        return result

    def correct(self, action: str, *args: str) -> str:
        """Apply a user correction (merge/split/rename/kind/ignore/alias) and relink; returns a description."""
        methods = {"merge": "merge", "split": "split", "rename": "rename", "kind": "set_kind",
                   "ignore": "ignore", "alias": "add_alias"}
        if action not in methods:
            raise ValueError(f"unknown correction {action!r} (one of {', '.join(methods)})")
        description = getattr(self.corrections, methods[action])(*args)
        self.relink()
        return str(description or f"{action} {' '.join(args)}")

    def undo_correction(self) -> str | None:
        """Undo the last correction; returns its description (None when nothing to undo)."""
        description = self.corrections.undo()
        self.relink()
        return description

    # -- notes ---------------------------------------------------------------------------
    @property
    def notes(self):  # -> reader.notes.NoteStore
        """Notes (annotations) of this corpus."""
        if self._notes is None:
            from reader.notes import NoteStore

            self._notes = NoteStore(self.data_dir / "notes")
        return self._notes

    # -- derived views (issue 4) ---------------------------------------------------------
    def derived(self, key: str, build: Callable[[], Any]) -> Any:
        """A value computed once per index/linking state (cleared on re-index or relink)."""
        with self._lock:
            if key not in self._derived:
                self._derived[key] = build()
            return self._derived[key]

    def related(self, article_id: str, limit: int = 10) -> list:  # -> list[Related]
        """Other coverage of the same story, best first, each with its reason (issue 4)."""
        from reader.analysis.related import related_articles

        return related_articles(self, article_id, limit=limit)

    def entity_view(self, entity_id: str):  # -> EntityView | None
        """Contexts, timeline, co-occurring entities, sources and descriptions of an entity."""
        from reader.analysis.entity_view import build_entity_view

        return build_entity_view(self, entity_id)

    def facet_counts(self, filters: dict[str, list[str]] | None = None, text: str = "") -> dict:
        """Articles per entity, source and year among those matching ``filters`` and ``text``."""
        from reader.analysis.facets import facet_counts

        return facet_counts(self, filters, text=text)


def _summary(entry: Entry) -> ArticleSummary:
    return ArticleSummary(id=entry.id, path=entry.path, title=entry.title, date=entry.date,
                          source=entry.source)
