"""Writing one update into the index: new and changed files in, removed ones out.

Either here, through one Whoosh writer (small updates), or in build worker processes that
write whole segments (large ones, see ``segment_workers``). Both commit in batches and save
the manifest after every commit, so the manifest always lists exactly what the committed
index holds; an interrupted update leaves an older but consistent index behind.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from whoosh.index import TOC

from reader.gc_pause import gc_paused
from reader.index import checksums
from reader.index.manifest import Analyses, Manifest
from reader.index.prepare import AnalyserFactory, Job, document, prepare, set_analyser
from reader.index.schema import make_codec
from reader.index.segment_workers import LIMIT_MB, TEMP_GLOB, Finished, SegmentWorkers

Progress = Callable[[int, int, str], None]
BATCH = 5000
"""Documents per commit (per segment when workers write them)."""
LAST_BATCH = 1000
"""The final commit, which nothing overlaps, covers at most about this many documents
(per worker)."""
CHUNK = 64
"""Files per message to a worker process."""


class UpdateRun:
    """The writing part of one update of index ``ix``."""

    def __init__(self, ix: Any, manifest: Manifest, analyses: Analyses, progress: Progress,
                 fresh: bool) -> None:
        self.ix = ix
        self.folder = Path(ix.storage.folder)
        self.manifest = manifest
        self.analyses = analyses
        self.progress = progress
        self.fresh = fresh
        """The index was empty before this update."""
        self.total = 0
        self.merge = False
        """Fold small segments together at the end (so a corpus edited daily does not end
        up in hundreds of segments); a big build keeps its large batches."""
        self.added = self.updated = 0
        self.skipped: list[tuple[str, str]] = []

    def write(self, jobs: list[Job], removed_ids: list[str], analyser: AnalyserFactory | None,
              workers: int) -> None:
        """Index ``jobs`` and remove ``removed_ids``, in ``workers`` processes (0: here)."""
        self.total = len(jobs)
        self.merge = not self.fresh and len(jobs) < BATCH
        pool = None
        if workers:
            try:
                pool = SegmentWorkers(str(self.folder), analyser, workers, BATCH, LAST_BATCH)
            except OSError:
                pool = None  # no worker processes here: index in this process
        if pool is None:
            set_analyser(analyser)
            self.here(jobs, removed_ids)
            return
        # This process waits while the workers run: meanwhile make its own analyser (a
        # cached factory), whose lists the entity linking after the update needs.
        warm = threading.Thread(target=analyser, name="warm-analyser", daemon=True) if analyser else None
        try:
            with pool:
                if warm is not None:
                    warm.start()
                with gc_paused():  # what arrives is kept to the end: nothing to collect
                    self.in_workers(pool, jobs, removed_ids)
        finally:
            if warm is not None and warm.is_alive():
                warm.join()
            for leftover in self.folder.glob(TEMP_GLOB):  # from a worker that was stopped
                shutil.rmtree(leftover, ignore_errors=True)

    def here(self, jobs: list[Job], removed_ids: list[str]) -> None:
        """Read, analyse and index ``jobs`` in this process, then remove ``removed_ids``."""
        writer = self._writer()
        try:
            for article_id in removed_ids:
                writer.delete_by_term("id", article_id)
            committed = 0
            for done, job in enumerate(jobs, 1):
                self.progress(done, self.total, Path(job.path).name)
                prepared = prepare(job)
                old = self.manifest.entries.get(job.path)
                if prepared.article is None:
                    self._skip(job.path, prepared.error)
                    if old:
                        writer.delete_by_term("id", old.id)
                    continue
                doc = document(prepared.article)
                writer.update_document(**doc) if old else writer.add_document(**doc)
                if old and old.id != job.id:
                    writer.delete_by_term("id", old.id)
                self._count(job.path, prepared.entry(), prepared.analysis)
                pending = self.added + self.updated - committed
                last = len(jobs) - done == LAST_BATCH and pending > LAST_BATCH
                if done < len(jobs) and (pending >= BATCH or last):
                    # Commit in batches: the article list shows what is committed so far.
                    writer.commit(merge=False)
                    self._committed()
                    committed = self.added + self.updated
                    writer = self._writer()
            self.progress(self.total, self.total, "committing")
            writer.commit(merge=self.merge)
        except BaseException:
            if not writer.is_closed:  # a failure after a commit leaves nothing to cancel
                writer.cancel()
            raise
        self._committed()

    def in_workers(self, workers: SegmentWorkers, jobs: list[Job], removed_ids: list[str]) -> None:
        """Index ``jobs`` in worker processes; file each segment as it is finished."""
        waiting: dict[str, tuple[Any, object]] = {}
        deletions = list(removed_ids)
        done = 0
        for item in workers.run(jobs, CHUNK):
            if isinstance(item, Finished):
                for path in item.paths:
                    old = self.manifest.entries.get(path)
                    if old:
                        deletions.append(old.id)
                    self._count(path, *waiting.pop(path))
                self._file([item.segment], deletions, final=False)
                deletions = []
                continue
            for outcome in item:
                done += 1
                self.progress(done, self.total, Path(outcome.path).name)
                if outcome.entry is None:
                    old = self.manifest.entries.get(outcome.path)
                    self._skip(outcome.path, outcome.error)
                    if old:
                        deletions.append(old.id)
                else:
                    waiting[outcome.path] = (outcome.entry, outcome.analysis)
        self.progress(self.total, self.total, "committing")
        self._file([], deletions, final=True)

    def _file(self, segments: list[Any], deletions: list[str], final: bool) -> None:
        """Commit: list ``segments`` (written by workers) and delete ``deletions`` (ids).

        What Whoosh's ``MpWriter`` does with ``multisegment=True``. Only the final commit
        removes files no segment uses: before it, those include segments the workers are
        still writing.
        """
        writer = self._writer()
        try:
            for article_id in deletions:
                writer.delete_by_term("id", article_id)
            kept = writer._merge_segments(None, None, final and self.merge)  # noqa: SLF001
            if writer._added:  # noqa: SLF001 - small segments merged into a new one
                kept.append(writer._finalize_segment())  # noqa: SLF001
            else:
                writer._close_segment()  # noqa: SLF001
            if final:
                writer._commit_toc(kept + segments)  # noqa: SLF001
            else:
                toc = TOC(writer.schema, kept + segments, writer.generation)
                toc.write(writer.storage, writer.indexname)
        except BaseException:
            writer._cleanup_on_error()  # noqa: SLF001 - releases Whoosh's lock
            raise
        writer._finish()  # noqa: SLF001
        self._committed()

    def _writer(self) -> Any:
        """A Whoosh writer for this process (the same settings as the workers')."""
        return self.ix.writer(limitmb=LIMIT_MB, compound=False, codec=make_codec())

    def _count(self, path: str, entry: Any, analysis: object) -> None:
        old = self.manifest.entries.get(path)
        self.manifest.entries[path] = entry
        if analysis is not None:
            self.analyses.items[entry.id] = (entry.content_hash, analysis)
        if old:
            self.updated += 1
        else:
            self.added += 1

    def _skip(self, path: str, error: str | None) -> None:
        self.skipped.append((path, error or "unreadable"))
        old = self.manifest.entries.pop(path, None)
        if old:
            self.analyses.items.pop(old.id, None)

    def _committed(self) -> None:
        checksums.record(self.ix)
        self.manifest.save(self.folder)
