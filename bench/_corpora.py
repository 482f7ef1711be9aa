"""Locating and unpacking the shared corpora for benchmarks (never copied into the repo)."""

from __future__ import annotations

import os
import resource
import tarfile
import tempfile
from pathlib import Path

SHARED = Path(os.environ.get("READER_SHARED", Path(__file__).resolve().parents[2] / "shared"))
DATA = SHARED / "data"


def unpack(name: str, target: Path | None = None) -> Path:
    """Unpack ``corpora/<name>.tar.gz`` (once per target) and return the ``corpus_*`` folder."""
    archive = DATA / "corpora" / f"{name}.tar.gz"
    if not archive.exists():
        raise SystemExit(f"missing {archive}: benchmarks need ../shared/data")
    target = target or Path(tempfile.gettempdir()) / "reader-bench-corpora"
    folder = target / f"corpus_{name}"
    if not (folder / "articles").is_dir():
        target.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive) as tar:
            tar.extractall(target, filter="data")
    return folder


def peak_rss_mb() -> float:
    """Peak resident memory of this process (MB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) of values (nearest rank)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[rank]


def bare_build(articles: Path, folder: Path) -> float:
    """The ratio's anchor: seconds for a bare Whoosh index of title + body (one writer).

    Reads every ``*.txt`` under ``articles`` (line 1 the title, the rest the body).
    """
    import time

    from whoosh import fields, index

    folder.mkdir(parents=True, exist_ok=True)
    ix = index.create_in(str(folder), fields.Schema(title=fields.TEXT(stored=True), body=fields.TEXT()))
    started = time.perf_counter()
    writer = ix.writer(limitmb=256)
    for path in sorted(articles.rglob("*.txt")):
        title, _, body = path.read_text(encoding="utf-8", errors="replace").partition("\n")
        writer.add_document(title=title, body=body)
    writer.commit()
    return time.perf_counter() - started
