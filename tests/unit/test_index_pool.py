"""Large builds run in worker processes: the index they make equals an in-process build."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from reader.index import build, update_run
from reader.index.segment_workers import Finished, SegmentWorkers
from reader.library import Library

WORDS = ["Aleppo", "airport", "rebels", "Damascus", "talks", "ceasefire", "the", "of", "Russian",
         "jets", "bomb", "Idlib", "province", "Turkey", "said", "on", "Monday", "oil", "prices"]


def write_corpus(folder: Path, count: int) -> None:
    rng = random.Random(11)
    for n in range(count):
        sentences = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 14))) + "."
                     for _ in range(rng.randint(1, 6))]
        (folder / f"{n:03}.txt").write_text(
            f"{' '.join(rng.sample(WORDS, 4)).title()}\n\n" + "\n\n".join(sentences) + "\n",
            encoding="utf-8")


def snapshot(library: Library) -> dict[str, object]:
    """What the index holds, keyed by article id (document numbers may differ)."""
    searcher = library.searcher()
    reader = searcher.reader()
    ids = {n: fields["id"] for n, fields in reader.iter_docs()}
    postings = {(field, term): _all(reader.postings(field, term), ids)
                for field in ("title", "body") for term in reader.lexicon(field)}
    stored = {fields["id"]: fields for _, fields in reader.iter_docs()}
    mentions = {i: [(m.start, m.end, m.entity) for m in library.mentions(i)] for i in stored}
    return {"postings": postings, "stored": stored, "mentions": mentions}


def _all(matcher, ids) -> list[tuple[str, float, tuple[int, ...]]]:  # type: ignore[no-untyped-def]
    out = []
    while matcher.is_active():
        out.append((ids[matcher.id()], round(matcher.weight(), 4),
                    tuple(matcher.value_as("positions"))))
        matcher.next()
    return sorted(out)


def ranked(library: Library, text: str) -> list[tuple[float, str]]:
    """Hits by score; equal scores by id (their order follows document numbers, which differ)."""
    return sorted((-round(h.score, 4), h.article_id) for h in library.search(text).hits)


def test_worker_build_equals_in_process_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_corpus(corpus, 40)
    monkeypatch.setenv("READER_HOME", str(tmp_path / "home-a"))
    in_process = Library([corpus])
    assert in_process.update_index().added == 40

    monkeypatch.setenv("READER_HOME", str(tmp_path / "home-b"))
    monkeypatch.setattr(build, "POOL_THRESHOLD", 1)
    monkeypatch.setattr(update_run, "CHUNK", 3)  # many messages, several in flight per worker
    monkeypatch.setattr(update_run, "BATCH", 7)  # several segments per worker
    monkeypatch.setattr(update_run, "LAST_BATCH", 2)
    from_workers: list[str] = []
    original = SegmentWorkers.run

    def counted(self, *args):  # type: ignore[no-untyped-def]
        for item in original(self, *args):
            if not isinstance(item, Finished):
                from_workers.extend(outcome.path for outcome in item)
            yield item

    monkeypatch.setattr(SegmentWorkers, "run", counted)
    pooled = Library([corpus])
    pooled.indexer.workers = 2
    assert pooled.update_index().added == 40
    assert sorted(from_workers) == sorted(str(p) for p in corpus.glob("*.txt"))
    assert len(pooled.searcher().reader().leaf_readers()) >= 4  # segments written by workers

    assert snapshot(pooled) == snapshot(in_process)
    for text in ("aleppo", '"russian jets"', "talk*", "entity:aleppo", "idlib NOT turkey"):
        ours = ranked(pooled, text)
        assert ours and ours == ranked(in_process, text), text
