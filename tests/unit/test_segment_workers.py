"""Build workers that fail: the update stops with a clear error and the index stays usable.

Worker processes write their own segments; the parent lists each finished segment
together with the manifest entries of its files. A worker that raises or dies mid-build
must leave a consistent index (committed segments match the manifest) that the next
update completes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import worker_helpers

from reader.index import build, update_run
from reader.index.build import Indexer
from reader.index.segment_workers import WorkerFailed


def write_corpus(folder: Path, count: int, broken: int | None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        marker = worker_helpers.MARKER if n == broken else ""
        (folder / f"{n:03}.txt").write_text(
            f"Title {n}\n\nAleppo talks number {n} went on. {marker}\n", encoding="utf-8")


@pytest.fixture
def pooled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build, "POOL_THRESHOLD", 1)
    monkeypatch.setattr(update_run, "CHUNK", 2)
    monkeypatch.setattr(update_run, "BATCH", 6)
    monkeypatch.setattr(update_run, "LAST_BATCH", 2)


def consistent(indexer: Indexer, corpus: Path) -> set[str]:
    """The indexed paths, checked against the index (no problem, same count)."""
    assert indexer.problem() is None
    with indexer.open().searcher() as searcher:
        paths = {fields["path"] for fields in searcher.all_stored_fields()}
    assert all(Path(p).parent == corpus for p in paths)
    return paths


@pytest.mark.parametrize(("factory", "error"), [(worker_helpers.interrupting, "KeyboardInterrupt"),
                                                  (worker_helpers.dying, "died")])
def test_failed_worker_leaves_a_consistent_index(tmp_path: Path, pooled: None, factory, error) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 60, broken=45)
    indexer = Indexer(tmp_path / "index", [corpus], analyser=factory, workers=2)
    with pytest.raises(WorkerFailed, match=error):
        indexer.update()
    assert len(consistent(indexer, corpus)) < 60
    assert not list((tmp_path / "index").glob("*.worker-*.tmp"))  # no temporary files left

    write_corpus(corpus, 60, broken=None)
    indexer = Indexer(tmp_path / "index", [corpus], analyser=worker_helpers.counting, workers=2)
    report = indexer.update()
    assert len(consistent(indexer, corpus)) == 60
    assert report.added + report.updated >= 1


def test_workers_apply_edits_and_deletions(tmp_path: Path, pooled: None) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 30, broken=None)
    indexer = Indexer(tmp_path / "index", [corpus], analyser=worker_helpers.counting, workers=2)
    assert indexer.update().added == 30
    edited, deleted = set(range(0, 30, 3)) - {15}, set(range(1, 30, 7))
    for n in edited:
        (corpus / f"{n:03}.txt").write_text(f"Edited {n}\n\nDamascus now.\n", encoding="utf-8")
    for n in deleted:
        (corpus / f"{n:03}.txt").unlink()
    (corpus / "bad.txt").write_bytes(b"\x00\x01\x02" * 50)
    report = indexer.update()
    assert (report.updated, report.removed, len(report.skipped)) == (len(edited - deleted), 5, 1)
    assert len(consistent(indexer, corpus)) == 25
    with indexer.open().searcher() as searcher:
        titles = {f["title"] for f in searcher.all_stored_fields()}
    assert {f"Edited {n}" for n in edited} <= titles and "Title 0" not in titles
