"""Large builds run in worker processes: the index they make equals an in-process build."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from reader.index import build
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


def test_worker_build_equals_in_process_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_corpus(corpus, 40)
    monkeypatch.setenv("READER_HOME", str(tmp_path / "home-a"))
    in_process = Library([corpus])
    assert in_process.update_index().added == 40

    monkeypatch.setenv("READER_HOME", str(tmp_path / "home-b"))
    monkeypatch.setattr(build, "POOL_THRESHOLD", 1)
    monkeypatch.setattr(build, "CHUNK", 3)  # several tasks in flight, results kept in order
    monkeypatch.setattr(build, "AHEAD", 2)
    from_workers = []
    original = build._bounded_map

    def counted(*args):  # type: ignore[no-untyped-def]
        for prepared in original(*args):
            from_workers.append(prepared.path)
            yield prepared

    monkeypatch.setattr(build, "_bounded_map", counted)
    pooled = Library([corpus])
    pooled.indexer.workers = 2
    assert pooled.update_index().added == 40
    assert len(from_workers) == 40  # every article came through the worker processes

    assert snapshot(pooled) == snapshot(in_process)
    for text in ("aleppo", '"russian jets"', "talk*", "entity:aleppo", "idlib NOT turkey"):
        ours = [(h.article_id, h.score) for h in pooled.search(text).hits]
        assert ours == [(h.article_id, h.score) for h in in_process.search(text).hits], text
