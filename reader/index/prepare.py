"""Turning one file into what the index stores: the article, its entity analysis, its
manifest entry and its Whoosh document. Runs in build worker processes and in-process."""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from reader.corpus import ArticleError, article_id_for, load_article, relative_path
from reader.corpus.load import content_hash
from reader.index.manifest import Entry
from reader.model import Article

AnalyserFactory = Callable[[], Callable[[str], object]]


class Job(NamedTuple):
    """One file to index, with the article id it will get."""

    root: str
    path: str
    size: int
    mtime_ns: int
    id: str


@dataclass
class Prepared:
    """A file read and analysed (``article`` is None and ``error`` says why when it failed)."""

    job: Job
    article: Article | None = None
    analysis: object = None
    error: str | None = None

    @property
    def path(self) -> str:
        return self.job.path

    def entry(self) -> Entry:
        """The manifest entry of the article."""
        job, article = self.job, self.article
        assert article is not None
        return Entry(id=article.id, path=job.path, relpath=article.relpath, root=job.root,
                     size=job.size, mtime_ns=job.mtime_ns, content_hash=article.content_hash,
                     title=article.title, date=article.date_text, source=article.source)


def assign_ids(files: list[tuple[str, str, int, int]], taken: dict[str, str]) -> list[Job]:
    """Jobs for ``(root, path, size, mtime_ns)`` files with their article ids.

    The id comes from the corpus-relative path; when that id already belongs to another
    path (``taken``: id -> path, updated here), e.g. the same relative path under two
    corpus roots, the id comes from the absolute path instead.
    """
    jobs = []
    for root, path, size, mtime_ns in files:
        article_id = article_id_for(relative_path(Path(root), Path(path).absolute()))
        if taken.get(article_id, path) != path:
            article_id = content_hash(path.encode("utf-8", "surrogatepass"))
        taken[article_id] = path
        jobs.append(Job(root, path, size, mtime_ns, article_id))
    return jobs


_analyse: Callable[[str], object] | None = None


def set_analyser(factory: AnalyserFactory | None) -> None:
    """Make the entity analyser ``prepare`` uses in this process (None: no entities)."""
    global _analyse
    _analyse = factory() if factory else None


def start_worker_process(factory: AnalyserFactory | None) -> None:
    """Set up a build worker process (never the app's own process)."""
    set_analyser(factory)
    # The shipped lists make a large, long-lived object graph: exempt it from the cyclic
    # collector, which would otherwise walk it at every full collection.
    gc.freeze()


def prepare(job: Job) -> Prepared:
    """Read ``job``'s file and analyse it; a broken file gives ``error``, never an exception."""
    prepared = Prepared(job)
    try:
        article = load_article(Path(job.root), Path(job.path))
    except ArticleError as exc:
        prepared.error = str(exc)
        return prepared
    except Exception as exc:  # noqa: BLE001 - a broken file must never stop the run
        prepared.error = f"unreadable ({type(exc).__name__}: {exc})"
        return prepared
    article.raw = ""  # not needed by the index; keeps what crosses processes small
    article.id = job.id
    if _analyse is not None:
        try:
            prepared.analysis = _analyse(article.body)
        except Exception as exc:  # noqa: BLE001
            prepared.error = f"entity extraction failed ({type(exc).__name__}: {exc})"
            return prepared
    prepared.article = article
    return prepared


def document(article: Article) -> dict[str, object]:
    """The Whoosh fields of ``article``."""
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
    if article.date:
        doc["date"] = datetime(article.date.year, article.date.month, article.date.day)
    return doc
