"""Large builds: worker processes that read, analyse and index files into their own segments.

Each worker owns a Whoosh ``SegmentWriter`` (without Whoosh's write lock: the parent
holds it) and writes complete segments, the way Whoosh's ``MpWriter`` does with
``multisegment=True``. The parent only hands out files and files the finished segments
in the table of contents, so the costly part of indexing (tokenising, postings, segment
writing) runs on every core and nothing but small results crosses processes.

Messages on each worker's pipe, parent -> worker: ``("files", [Job])``, ``("flush", None)``
(finish the current segment now), ``("stop", None)``. Worker -> parent: ``("files",
[Outcome])``, ``("segment", Finished)``, ``("stopped", None)``, ``("failed", (errno,
message))``. A worker whose parent disappears sees the pipe close and exits.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait

from reader.index.manifest import Entry
from reader.index.prepare import AnalyserFactory, Job, document, prepare, start_worker_process
from reader.index.schema import make_codec

LIMIT_MB = 256
"""Memory for a writer's posting pool before Whoosh spills it to disk."""
IN_FLIGHT = 2
"""Chunks queued per worker: enough that it never waits for the parent, few enough that a
pipe's buffer always holds them (so neither side can block the other)."""


@dataclass
class Outcome:
    """What became of one file (small: only this crosses back to the parent)."""

    path: str
    entry: Entry | None = None
    analysis: object = None
    error: str | None = None


@dataclass
class Finished:
    """A segment a worker has written, and the files whose documents it holds."""

    segment: object
    paths: list[str] = field(default_factory=list)


class WorkerFailed(RuntimeError):
    """A worker process stopped with an error, or died."""


TEMP_GLOB = "*.worker-*.tmp"
"""Workers' temporary folders inside the index folder (removed when a worker finishes)."""


def _worker_storage(folder: str):  # type: ignore[no-untyped-def] # -> whoosh FileStorage
    """The index folder as a worker's storage: its temporary files kept apart.

    Every Whoosh writer of an index shares one temporary folder, which each removes when
    it finishes; the parent's commits would remove it from under the workers.
    """
    from whoosh.filedb.filestore import FileStorage

    class WorkerStorage(FileStorage):
        def temp_storage(self, name=None):  # type: ignore[no-untyped-def]
            return super().temp_storage(f"{name or 'pool'}.worker-{os.getpid()}.tmp")

    return WorkerStorage(folder)


def _serve(conn: Connection, folder: str, factory: AnalyserFactory | None, segment_docs: int,
           tail_docs: int) -> None:
    """A worker's life: index the files it is sent into segments of ``segment_docs``; on
    "flush", finish the current segment if it holds more than ``tail_docs``."""
    from whoosh.writing import SegmentWriter

    start_worker_process(factory)
    ix = _worker_storage(folder).open_index()
    writer: SegmentWriter | None = None
    paths: list[str] = []

    def finish() -> None:
        nonlocal writer, paths
        if writer is not None:
            segment = writer._finalize_segment()
            writer._finish()
            conn.send(("segment", Finished(segment, paths)))
        writer, paths = None, []

    try:
        while True:
            try:
                kind, payload = conn.recv()
            except EOFError:  # the parent is gone: leave the unfinished segment unlisted
                return
            if kind == "files":
                outcomes = []
                for job in payload:
                    prepared = prepare(job)
                    if prepared.article is None:
                        outcomes.append(Outcome(job.path, error=prepared.error or "unreadable"))
                        continue
                    if writer is None:
                        writer = SegmentWriter(ix, _lk=False, limitmb=LIMIT_MB, compound=False, codec=make_codec())
                    writer.add_document(**document(prepared.article))
                    paths.append(job.path)
                    outcomes.append(Outcome(job.path, prepared.entry(), prepared.analysis))
                conn.send(("files", outcomes))
                if len(paths) >= segment_docs:
                    finish()
            elif kind == "flush":
                if len(paths) > tail_docs:
                    finish()
            else:
                finish()
                conn.send(("stopped", None))
                return
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises
        if writer is not None:
            with contextlib.suppress(Exception):  # the original error is what matters
                writer.cancel()
        with contextlib.suppress(OSError, ValueError):  # the parent may be gone
            conn.send(("failed", (getattr(exc, "errno", None), f"{type(exc).__name__}: {exc}")))


def _send(conn: Connection, message: tuple[str, object]) -> None:
    """Send to a worker; one that has stopped is noticed when its pipe is read."""
    with contextlib.suppress(OSError):
        conn.send(message)


class SegmentWorkers:
    """Worker processes indexing ``folder``'s new documents; iterate ``run`` for results."""

    def __init__(self, folder: str, factory: AnalyserFactory | None, count: int,
                 segment_docs: int, tail_docs: int) -> None:
        context = multiprocessing.get_context("forkserver")
        self._conns: list[Connection] = []
        self._procs: list[multiprocessing.process.BaseProcess] = []
        self._flush_at = count * tail_docs
        try:
            for _ in range(count):
                parent_end, child_end = context.Pipe()
                proc = context.Process(target=_serve, args=(child_end, folder, factory, segment_docs, tail_docs),
                                       daemon=True)
                proc.start()
                child_end.close()
                self._conns.append(parent_end)
                self._procs.append(proc)
        except BaseException:
            self.close()
            raise

    def run(self, jobs: list[Job], chunk: int) -> Iterator[list[Outcome] | Finished]:
        """Index ``jobs``: yields each chunk's outcomes and each finished segment.

        Once only about ``tail_docs`` files per worker are left to hand out, every worker
        finishes a large current segment, so the segments written after the last file
        (which nothing overlaps) stay small.
        """
        flush_at = self._flush_at
        todo = deque(jobs[i:i + chunk] for i in range(0, len(jobs), chunk))
        left = len(jobs)
        queued = dict.fromkeys(self._conns, 0)
        flushed = False
        stopping: set[Connection] = set()
        stopped: set[Connection] = set()

        def feed(conn: Connection) -> None:
            nonlocal left, flushed
            while todo and queued[conn] < IN_FLIGHT:
                files = todo.popleft()
                _send(conn, ("files", files))
                queued[conn] += 1
                left -= len(files)
            if not flushed and left <= flush_at:
                flushed = True
                for other in self._conns:
                    _send(other, ("flush", None))
            if not todo and queued[conn] == 0 and conn not in stopping:
                stopping.add(conn)
                _send(conn, ("stop", None))

        for conn in self._conns:
            feed(conn)
        while len(stopped) < len(self._conns):
            for conn in wait([c for c in self._conns if c not in stopped]):
                try:
                    kind, payload = conn.recv()  # type: ignore[union-attr]
                except (EOFError, OSError):
                    raise WorkerFailed("an indexing worker process died") from None
                if kind == "files":
                    queued[conn] -= 1  # type: ignore[index]
                    yield payload
                    feed(conn)  # type: ignore[arg-type]
                elif kind == "segment":
                    yield payload
                elif kind == "stopped":
                    stopped.add(conn)  # type: ignore[arg-type]
                else:
                    errno, message = payload
                    if errno:
                        raise OSError(errno, f"indexing worker: {message}")
                    raise WorkerFailed(f"indexing worker: {message}")

    def close(self) -> None:
        """Stop every worker (killing any that does not stop within a few seconds)."""
        for conn in self._conns:
            conn.close()
        for proc in self._procs:
            proc.join(timeout=5)
            if proc.is_alive():
                proc.kill()
                proc.join()

    def __enter__(self) -> SegmentWorkers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
