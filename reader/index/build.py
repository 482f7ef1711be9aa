"""Incremental index build: only new, changed and deleted files are touched.

A file is unchanged when its size and mtime match the manifest; when they differ
the content hash decides. The index is rebuilt from scratch when it is missing,
corrupt, from another schema version, or out of step with its manifest. One
process writes at a time (a file lock). Large builds parse and extract entities
in worker processes (one per core) while this process feeds the single Whoosh writer:
on 2 cores that measured faster than Whoosh's own multi-process writer, whose
workers compete with the parsing for the same cores.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import shutil
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from whoosh import index as whoosh_index

from reader.atomic import write_atomic
from reader.corpus import ArticleError, discover, load_article
from reader.corpus.load import content_hash
from reader.fingerprint import corpus_reading_version, entities_version
from reader.index import checksums
from reader.index.manifest import Analyses, Entry, Manifest
from reader.index.schema import POSTED_FIELDS, SCHEMA_VERSION, Postings, make_schema
from reader.locking import LockTimeout, file_lock
from reader.model import Article, IndexReport

Progress = Callable[[int, int, str], None]
AnalyserFactory = Callable[[], Callable[[str], object]]
POOL_THRESHOLD = 400
"""Updates touching at least this many files parse and analyse them in worker processes."""
BATCH = 5000
"""Documents per commit during large updates."""
LAST_BATCH = 1000
"""The final commit, which nothing overlaps, covers at most about this many documents."""
CHUNK = 64
"""Files per task sent to a worker process."""
AHEAD = 24
"""Tasks in flight per worker: enough to keep workers busy while the writer commits a
batch (a few seconds), few enough that finished articles never pile up in memory."""


class IndexLocked(RuntimeError):
    """Another process is writing this index."""


@dataclass
class _Prepared:
    path: str
    root: str
    size: int
    mtime_ns: int
    article: Article | None = None
    analysis: object = None
    postings: dict[str, Postings] | None = None
    """Title and body postings, so the writer does not analyse text itself."""
    error: str | None = None


_worker_analyse: Callable[[str], object] | None = None
_SCHEMA = make_schema()


def _init_worker(factory: AnalyserFactory | None) -> None:
    global _worker_analyse
    _worker_analyse = factory() if factory else None


def _start_worker_process(factory: AnalyserFactory | None) -> None:
    _init_worker(factory)
    # The shipped lists make a large, long-lived object graph: exempt it from the cyclic
    # collector, which would otherwise walk it at every full collection.
    gc.freeze()


def _prepare(job: tuple[str, str, int, int]) -> _Prepared:
    root, path, size, mtime_ns = job
    prepared = _Prepared(path, root, size, mtime_ns)
    try:
        prepared.article = load_article(Path(root), Path(path))
    except ArticleError as exc:
        prepared.error = str(exc)
        return prepared
    except Exception as exc:  # noqa: BLE001 - a broken file must never stop the run
        prepared.error = f"unreadable ({type(exc).__name__}: {exc})"
        return prepared
    prepared.article.raw = ""  # not needed by the writer; keeps pickles small
    prepared.postings = {name: _SCHEMA[name].postings(getattr(prepared.article, name))
                         for name in POSTED_FIELDS}
    if _worker_analyse is not None:
        try:
            prepared.analysis = _worker_analyse(prepared.article.body)
        except Exception as exc:  # noqa: BLE001
            prepared.article = None
            prepared.error = f"entity extraction failed ({type(exc).__name__}: {exc})"
    return prepared


class Indexer:
    """Builds and updates the index of one corpus in ``folder``."""

    META = "meta.json"
    LOCK = "write.lock"

    def __init__(self, folder: Path, roots: list[Path], analyser: AnalyserFactory | None = None,
                 workers: int = 0) -> None:
        self.folder = Path(folder)
        """The index folder (a cache; may be deleted at any time)."""
        self.roots = [Path(r).absolute() for r in roots]
        """Corpus roots."""
        self.analyser = analyser
        """Factory of the per-article entity analyser (run in worker processes)."""
        self.workers = workers or max(1, min(4, os.cpu_count() or 1))
        """Worker processes for large builds (parsing, entity extraction, postings): one per
        core. The writer is busy only part of the time, so on 2 cores two workers beside it
        measured faster (37-40 s for Reuters) than one (45-49 s)."""
        self._written: tuple[tuple[int, int] | None, Analyses] | None = None

    # -- state ---------------------------------------------------------------------------
    def problem(self) -> str | None:
        """Why the index cannot be used as it is (None when it is fine)."""
        meta_path = self.folder / self.META
        if not meta_path.exists():
            return "no index yet"
        try:
            if not whoosh_index.exists_in(str(self.folder)):
                return "no index yet"
        except Exception as exc:  # noqa: BLE001 - an unreadable table of contents
            return f"index corrupt ({type(exc).__name__})"
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return "index metadata unreadable"
        if meta.get("schema_version") != SCHEMA_VERSION:
            return f"index from an older version (schema {meta.get('schema_version')})"
        if meta.get("corpus_version") != corpus_reading_version():
            return "article reading rules changed since the index was built"
        manifest = Manifest.load(self.folder)
        if manifest is None:
            return "index manifest missing or corrupt"
        try:
            ix = whoosh_index.open_dir(str(self.folder))
            with ix.reader() as reader:
                count = reader.doc_count()
            damaged = checksums.problem(ix)
        except Exception as exc:  # noqa: BLE001 - any failure to open means corrupt
            return f"index corrupt ({type(exc).__name__})"
        if damaged:
            return f"index corrupt ({damaged})"
        if count != len(manifest.entries):
            return f"index out of step with its manifest ({count} vs {len(manifest.entries)})"
        return None

    def open(self):  # -> whoosh.index.Index
        """Open the Whoosh index for reading."""
        return whoosh_index.open_dir(str(self.folder))

    # -- update --------------------------------------------------------------------------
    def update(self, progress: Progress | None = None, rebuild: bool = False,
               lock_timeout: float = 60.0) -> IndexReport:
        """Bring the index in line with the files; returns what changed."""
        started = time.perf_counter()
        progress = progress or (lambda done, total, message="": None)
        try:
            with file_lock(self.folder.parent / f"{self.folder.name}.{self.LOCK}", timeout=lock_timeout):
                report = self._update_locked(progress, rebuild)
        except LockTimeout as exc:
            raise IndexLocked(str(exc)) from None
        return IndexReport(**{**report.__dict__, "seconds": time.perf_counter() - started})

    def _update_locked(self, progress: Progress, rebuild: bool) -> IndexReport:
        reason = "rebuild requested" if rebuild else self.problem()
        fresh = reason is not None
        if fresh:
            self._reset()
            manifest = Manifest()
        else:
            manifest = Manifest.load(self.folder) or Manifest()
        jobs, unchanged, touched = self._scan(manifest, progress)
        seen = {path for _, path, _, _ in jobs} | unchanged
        removed = [p for p in manifest.entries if p not in seen]
        if not jobs and not removed:
            # Nothing to index: stay cheap (no Whoosh writer, no loading of analyses)
            # unless the analyses cache was lost.
            if touched:
                manifest.save(self.folder)
            if self.analyser is not None and (not (self.folder / Analyses.FILE).exists()
                                              or self._meta().get("entities_version") != entities_version()):
                analyses = Analyses()  # lost, or made by another version of the extractor
                self._missing_analyses(manifest, analyses)
                analyses.save(self.folder)
                self._write_meta()
            return IndexReport(unchanged=len(unchanged))
        stale = self._meta().get("entities_version") != entities_version()
        analyses = Analyses() if fresh or stale else Analyses.load(self.folder)
        ix = self.open()
        writer = ix.writer(limitmb=256, compound=False)
        added = updated = committed = 0
        skipped: list[tuple[str, str]] = []
        try:
            for path in removed:
                entry = manifest.entries.pop(path)
                writer.delete_by_term("id", entry.id)
                analyses.items.pop(entry.id, None)
            ids = {e.id: p for p, e in manifest.entries.items()}
            for done, prepared in enumerate(self._prepare_all(jobs), 1):
                progress(done, len(jobs), Path(prepared.path).name)
                old = manifest.entries.get(prepared.path)
                if prepared.error or prepared.article is None:
                    skipped.append((prepared.path, prepared.error or "unreadable"))
                    if old:
                        manifest.entries.pop(prepared.path)
                        writer.delete_by_term("id", old.id)
                        analyses.items.pop(old.id, None)
                    continue
                article = prepared.article
                if article.id in ids and ids[article.id] != prepared.path:
                    article.id = content_hash(prepared.path.encode("utf-8", "surrogatepass"))
                ids[article.id] = prepared.path
                document = _document(article, prepared.postings)
                writer.update_document(**document) if old else writer.add_document(**document)
                if old and old.id != article.id:
                    writer.delete_by_term("id", old.id)
                manifest.entries[prepared.path] = _entry(prepared, article)
                if prepared.analysis is not None:
                    analyses.items[article.id] = (article.content_hash, prepared.analysis)
                added, updated = (added, updated + 1) if old else (added + 1, updated)
                pending = added + updated - committed
                if done < len(jobs) and (pending >= BATCH
                                         or (len(jobs) - done == LAST_BATCH and pending > LAST_BATCH)):
                    # Commit in batches: the segment is written while the workers keep
                    # parsing, and the article list can show what is committed so far.
                    writer.commit(merge=False)
                    checksums.record(ix)
                    committed = added + updated
                    manifest.save(self.folder)
                    writer = ix.writer(limitmb=256, compound=False)
            progress(len(jobs), len(jobs), "committing")
            # Small updates fold small segments together (so a corpus edited daily does
            # not end up in hundreds of segments); a big build keeps its large batches.
            writer.commit(merge=not fresh and len(jobs) < BATCH)
        except BaseException:
            if not writer.is_closed:  # a failure after a commit leaves nothing to cancel
                writer.cancel()
            raise
        checksums.record(ix)
        self._write_meta()
        manifest.save(self.folder)
        self._missing_analyses(manifest, analyses)
        analyses.save(self.folder)
        self._written = (_stamp(self.folder / Analyses.FILE), analyses)
        return IndexReport(added=added, updated=updated, removed=len(removed),
                           unchanged=len(unchanged), skipped=tuple(skipped),
                           rebuilt_reason=reason if fresh and reason != "no index yet" else None)

    def _scan(self, manifest: Manifest, progress: Progress
              ) -> tuple[list[tuple[str, str, int, int]], set[str], bool]:
        jobs: list[tuple[str, str, int, int]] = []
        unchanged: set[str] = set()
        touched = False
        for root, path in discover(self.roots):
            key = str(path)
            try:
                stat = path.stat()
            except OSError:
                continue
            entry = manifest.entries.get(key)
            if entry and entry.size == stat.st_size and entry.mtime_ns == stat.st_mtime_ns:
                unchanged.add(key)
                continue
            if entry and entry.size == stat.st_size:
                try:
                    same = content_hash(path.read_bytes()) == entry.content_hash
                except OSError:
                    same = False
                if same:
                    entry.mtime_ns = stat.st_mtime_ns
                    unchanged.add(key)
                    touched = True
                    continue
            jobs.append((str(root), key, stat.st_size, stat.st_mtime_ns))
        return jobs, unchanged, touched

    def _prepare_all(self, jobs: list[tuple[str, str, int, int]]) -> Iterator[_Prepared]:
        """Parse and analyse files: in worker processes for large builds, else here."""
        if len(jobs) >= POOL_THRESHOLD and self.workers > 0:
            done = 0
            try:
                context = multiprocessing.get_context("forkserver")
                with ProcessPoolExecutor(self.workers, mp_context=context,
                                         initializer=_start_worker_process,
                                         initargs=(self.analyser,)) as pool:
                    for prepared in _bounded_map(pool, jobs, self.workers * AHEAD):
                        done += 1
                        yield prepared
                return
            except (BrokenProcessPool, OSError):
                jobs = jobs[done:]  # no worker processes here: finish in this process
        _init_worker(self.analyser)
        for job in jobs:
            yield _prepare(job)

    def take_analyses(self) -> Analyses | None:
        """The analyses the last update wrote, if the file still holds them (then forgotten).

        Saves reading back what was just written when linking follows an update.
        """
        written, self._written = self._written, None
        if written is None or written[0] != _stamp(self.folder / Analyses.FILE):
            return None
        return written[1]

    def repair_analyses(self, lock_timeout: float = 60.0) -> Analyses:
        """Re-analyse articles whose cached analysis is missing or unreadable; returns the analyses.

        A no-change update does not read the analyses cache (to stay cheap), so a damaged
        cache file is only noticed when it is loaded: the caller then asks for this repair.
        """
        try:
            with file_lock(self.folder.parent / f"{self.folder.name}.{self.LOCK}", timeout=lock_timeout):
                manifest = Manifest.load(self.folder) or Manifest()
                analyses = Analyses.load(self.folder)
                if self._missing_analyses(manifest, analyses):
                    analyses.save(self.folder)
                return analyses
        except LockTimeout as exc:
            raise IndexLocked(str(exc)) from None

    def _missing_analyses(self, manifest: Manifest, analyses: Analyses) -> bool:
        """Analyse articles whose analysis is missing or stale (e.g. a lost cache file)."""
        if self.analyser is None:
            return False
        wanted = {e.id: e for e in manifest.entries.values()}
        for stale in [i for i in analyses.items if i not in wanted]:
            del analyses.items[stale]
        todo = [e for e in wanted.values()
                if analyses.items.get(e.id, ("",))[0] != e.content_hash]
        if not todo:
            return False
        analyse = self.analyser()
        for entry in todo:
            try:
                article = load_article(Path(entry.root), Path(entry.path))
                analyses.items[entry.id] = (entry.content_hash, analyse(article.body))
            except Exception:  # noqa: BLE001 - file changed or vanished; next update fixes it
                continue
        return True

    def _reset(self) -> None:
        if self.folder.exists():
            shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True, exist_ok=True)
        checksums.record(whoosh_index.create_in(str(self.folder), make_schema()))
        self._write_meta()

    def _meta(self) -> dict[str, object]:
        try:
            data = json.loads((self.folder / self.META).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _write_meta(self) -> None:
        write_atomic(self.folder / self.META, json.dumps({
            "schema_version": SCHEMA_VERSION, "corpus_version": corpus_reading_version(),
            "entities_version": entities_version() if self.analyser else None,
            "roots": [str(r) for r in self.roots]}))


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def _prepare_chunk(jobs: list[tuple[str, str, int, int]]) -> list[_Prepared]:
    return [_prepare(job) for job in jobs]


def _bounded_map(pool: ProcessPoolExecutor, jobs: list[tuple[str, str, int, int]],
                 in_flight: int) -> Iterator[_Prepared]:
    """``_prepare`` over ``jobs`` in order, with at most ``in_flight`` chunks queued."""
    chunks = [jobs[i:i + CHUNK] for i in range(0, len(jobs), CHUNK)]
    pending: deque[Future[list[_Prepared]]] = deque()
    for chunk in chunks:
        pending.append(pool.submit(_prepare_chunk, chunk))
        if len(pending) >= in_flight:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def _entry(prepared: _Prepared, article: Article) -> Entry:
    return Entry(id=article.id, path=prepared.path, relpath=article.relpath, root=prepared.root,
                 size=prepared.size, mtime_ns=prepared.mtime_ns, content_hash=article.content_hash,
                 title=article.title, date=article.date_text, source=article.source)


def _document(article: Article, postings: dict[str, Postings] | None = None) -> dict[str, object]:
    """The Whoosh fields of ``article`` (with ready postings for title and body, if given)."""
    doc: dict[str, object] = {
        "id": article.id,
        "path": str(article.path),
        "relpath": article.relpath,
        "title": article.title,
        "body": article.body,
        "source": article.source,
        "source_facet": article.source or "(unknown)",
        "year": str(article.date.year) if article.date else "(undated)",
        "tags": ",".join(article.tags),
    }
    for name, ready in (postings or {}).items():
        doc[f"_stored_{name}"] = doc[name]
        doc[name] = ready
    if article.date:
        doc["date"] = datetime(article.date.year, article.date.month, article.date.day)
    return doc

