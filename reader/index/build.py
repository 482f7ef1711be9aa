"""Incremental index build: only new, changed and deleted files are touched.

A file is unchanged when its size and mtime match the manifest; when they differ
the content hash decides. The index is rebuilt from scratch when it is missing,
corrupt, from another schema version, or out of step with its manifest. One
process writes at a time (a file lock). Large updates run in worker processes (one
per core) that read, analyse and index files into their own segments, which this
process files in the table of contents (see ``segment_workers``); small ones run here.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

from whoosh import index as whoosh_index

from reader.atomic import write_atomic
from reader.corpus import discover, load_article
from reader.corpus.load import content_hash
from reader.fingerprint import corpus_reading_version, entities_version
from reader.index import checksums
from reader.index.manifest import Analyses, Manifest
from reader.index.prepare import AnalyserFactory, assign_ids
from reader.index.schema import SCHEMA_VERSION, make_schema
from reader.index.update_run import Progress, UpdateRun
from reader.locking import LockTimeout, file_lock
from reader.model import IndexReport

POOL_THRESHOLD = 400
"""Updates touching at least this many files are indexed by worker processes."""


class IndexLocked(RuntimeError):
    """Another process is writing this index."""


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
        """Worker processes for large updates, one per core: each reads, analyses and
        indexes its share of the files into its own segments."""
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
        files, unchanged, touched = self._scan(manifest, progress)
        seen = {path for _, path, _, _ in files} | unchanged
        removed = [manifest.entries.pop(p) for p in list(manifest.entries) if p not in seen]
        if not files and not removed:
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
        for entry in removed:
            analyses.items.pop(entry.id, None)
        jobs = assign_ids(files, {e.id: p for p, e in manifest.entries.items()})
        run = UpdateRun(self.open(), manifest, analyses, progress, fresh)
        pooled = len(jobs) >= POOL_THRESHOLD
        run.write(jobs, [e.id for e in removed], self.analyser, self.workers if pooled else 0)
        self._write_meta()
        manifest.save(self.folder)
        self._missing_analyses(manifest, analyses)
        analyses.save(self.folder)
        self._written = (_stamp(self.folder / Analyses.FILE), analyses)
        return IndexReport(added=run.added, updated=run.updated, removed=len(removed),
                           unchanged=len(unchanged), skipped=tuple(run.skipped),
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
