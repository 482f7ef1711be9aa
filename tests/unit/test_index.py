"""The index: incremental updates, rebuild on corruption/version change, skipped files, search."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import pytest

from reader.index import Indexer, IndexLocked
from reader.library import Library


def seeds_library(seed_copy: Path) -> Library:
    library = Library([seed_copy])
    library.update_index()
    return library


def hit_names(result) -> list[str]:
    return [Path(h.path).name[:3] for h in result.hits]


def test_seeds_index_and_search(seed_copy: Path) -> None:
    library = seeds_library(seed_copy)
    assert sorted(hit_names(library.search('"Hayat Tahrir"'))) == ["000", "001", "004"]
    assert hit_names(library.search('"Aleppo airport"')) == ["000"]
    assert hit_names(library.search("title:Russia")) == ["003"]
    result = library.search("aleppo NOT damascus")
    assert result.total >= 1 and "001" not in hit_names(result)
    assert hit_names(library.search("date:[2020-01-01 to 2020-12-31]")) == ["004"]
    assert "000" in hit_names(library.search("offens*"))


def test_misspelling_gets_a_suggestion(seed_copy: Path) -> None:
    library = seeds_library(seed_copy)
    assert library.search("Alepo airprt").suggestion == "aleppo airport"
    assert library.search("aleppo airport").suggestion is None


def test_syntax_errors_are_one_line(seed_copy: Path) -> None:
    library = seeds_library(seed_copy)
    for text in ['"unclosed', "aleppo AND (", "nosuchfield:x", "date:[garbage to x]", ")"]:
        result = library.search(text)
        assert result.error and "\n" not in result.error and not result.hits, text


def test_snippets_highlight_terms(seed_copy: Path) -> None:
    from reader.model import HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN

    library = seeds_library(seed_copy)
    hit = library.search("airport").hits[0]
    assert f"{HIGHLIGHT_OPEN}airport{HIGHLIGHT_CLOSE}" in hit.snippet


def test_facets_and_filters(seed_copy: Path) -> None:
    library = seeds_library(seed_copy)
    result = library.search("aleppo")
    assert result.facets["year"] == {"(undated)": 4, "2020": 1}
    filtered = library.search("aleppo", filters={"year": ["2020"]})
    assert hit_names(filtered) == ["004"]


def test_incremental_update_edit_add_delete(seed_copy: Path) -> None:
    library = seeds_library(seed_copy)
    report = library.update_index()
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 0, 0, 5)
    # touch without change: mtime differs, hash confirms nothing changed
    target = next(seed_copy.glob("003_*.txt"))
    os.utime(target, (time.time() + 10, time.time() + 10))
    assert library.update_index().unchanged == 5
    # edit, add, delete
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("Meanwhile, Ankara", "Meanwhile, quokkas and Ankara"), encoding="utf-8")
    (seed_copy / "new.md").write_text("---\ntitle: Fresh\n---\n\nQuokkas again in Aleppo.\n", encoding="utf-8")
    next(seed_copy.glob("002_*.txt")).unlink()
    report = library.update_index()
    assert (report.added, report.updated, report.removed, report.unchanged) == (1, 1, 1, 3)
    assert sorted(hit_names(library.search("quokkas"))) == ["003", "new"]
    assert library.search('"second stage of their offensive"').total == 0
    assert len(library.summaries()) == 5


def test_corrupt_index_is_rebuilt(seed_copy: Path) -> None:
    library = seeds_library(seed_copy)
    folder = library.indexer.folder
    for segment in folder.glob("*.seg"):
        segment.write_bytes(b"garbage")
    for toc in folder.glob("_MAIN_*.toc"):
        toc.write_bytes(b"\x00" * 10)
    library.close()
    fresh = Library([seed_copy])
    report = fresh.update_index()
    assert report.rebuilt_reason and "corrupt" in report.rebuilt_reason
    assert report.added == 5
    assert fresh.search("aleppo").total == 5


def test_old_schema_version_is_rebuilt(seed_copy: Path) -> None:
    library = seeds_library(seed_copy)
    meta = library.indexer.folder / "meta.json"
    meta.write_text(json.dumps({"schema_version": 0}), encoding="utf-8")
    report = Library([seed_copy]).update_index()
    assert report.rebuilt_reason and "older version" in report.rebuilt_reason


def test_bad_files_are_skipped_with_reasons(seed_copy: Path) -> None:
    (seed_copy / "empty.txt").write_bytes(b"")
    (seed_copy / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (seed_copy / "latin.txt").write_bytes(b"Caf\xe9 story\n\nThe caf\xe9 in Aleppo.")
    (seed_copy / "ctrl.txt").write_bytes(b"Evil \x1b[2J title\n\nText \x1b]0;x\x07 here.")
    (seed_copy / "front.md").write_text("---\ntitle: [broken\n---\n\nFine body.\n", encoding="utf-8")
    (seed_copy / "long.txt").write_text("Long\n\n" + "aleppo " * 3_000_000, encoding="utf-8")
    report = Library([seed_copy]).update_index()
    reasons = {Path(p).name: r for p, r in report.skipped}
    assert set(reasons) == {"empty.txt", "binary.txt"}
    assert "empty" in reasons["empty.txt"] and "binary" in reasons["binary.txt"]
    assert report.added == 5 + 4


def test_lock_prevents_concurrent_writers(seed_copy: Path) -> None:
    from reader import paths
    from reader.locking import file_lock

    library = Library([seed_copy])
    folder = library.indexer.folder
    lock = folder.parent / f"{folder.name}.{Indexer.LOCK}"
    held = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with file_lock(lock):
            held.set()
            release.wait(5)

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait(5)
    try:
        with pytest.raises(IndexLocked):
            library.indexer.update(lock_timeout=0.2)
    finally:
        release.set()
        thread.join()
    assert paths.index_dir([seed_copy]) == folder
    assert library.update_index().added == 5


def test_progress_callback_is_called(seed_copy: Path) -> None:
    calls = []
    Library([seed_copy]).update_index(progress=lambda done, total, msg: calls.append((done, total, msg)))
    assert (5, 5, "committing") in calls
    assert calls[-1] == (1, 1, "linking entities")


def test_user_boilerplate_rule_triggers_reparse(seed_copy: Path) -> None:
    from reader import paths
    from reader.corpus.boilerplate import load_rules

    library = seeds_library(seed_copy)
    assert library.search('"Russian Aerospace Forces support"').total == 1
    rules = paths.config_dir() / "boilerplate.yaml"
    rules.parent.mkdir(parents=True, exist_ok=True)
    rules.write_text("rules:\n  - name: mine\n    match: '^Syrian rebels went on a large-scale'\n",
                     encoding="utf-8")
    load_rules.cache_clear()
    report = Library([seed_copy]).update_index()
    assert report.rebuilt_reason and "reading rules changed" in report.rebuilt_reason
    assert Library([seed_copy]).search('"Russian Aerospace Forces support"').total == 0


def test_new_extractor_version_reanalyses_without_reindexing(seed_copy: Path, monkeypatch) -> None:
    import reader.index.build as build

    library = seeds_library(seed_copy)
    monkeypatch.setattr(build, "entities_version", lambda: "a-newer-extractor")
    report = Library([seed_copy]).update_index()
    assert report.unchanged == 5 and not report.rebuilt_reason
    meta = json.loads((library.indexer.folder / "meta.json").read_text(encoding="utf-8"))
    assert meta["entities_version"] == "a-newer-extractor"


def test_empty_corpus_searches_cleanly(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    library = Library([tmp_path])
    report = library.update_index()
    assert report.added == 0 and len(report.skipped) == 1
    for text in ("", "aleppo", "date:2020"):
        result = library.search(text)
        assert result.error is None and result.total == 0 and result.hits == []
        assert result.facets == {"source": {}, "year": {}}


def test_linking_after_update_reuses_the_analyses_in_memory(seed_copy: Path, monkeypatch) -> None:
    from reader.index import manifest

    library = Library([seed_copy])
    library.update_index()
    loads = []
    original = manifest.Analyses.load.__func__

    def counted(cls, folder):
        loads.append(folder)
        return original(cls, folder)

    monkeypatch.setattr(manifest.Analyses, "load", classmethod(counted))
    (seed_copy / "extra.txt").write_text("Aleppo\n\nFighting near Aleppo airport.\n", encoding="utf-8")
    library.update_index()
    assert len(loads) == 1  # the update read the old analyses; linking used the new ones in memory
    extra = next(s for s in library.summaries() if s.path.endswith("extra.txt"))
    assert any(m.text == "Aleppo" for m in library.mentions(extra.id))


def test_taken_analyses_are_refused_when_the_file_changed(seed_copy: Path) -> None:
    library = Library([seed_copy])
    library.update_index()
    library.indexer._written = None
    (seed_copy / "extra.txt").write_text("Aleppo\n\nFighting near Aleppo airport.\n", encoding="utf-8")
    library.indexer.update()
    path = library.indexer.folder / "analyses.pickle"
    path.write_bytes(path.read_bytes() + b"\0")
    assert library.indexer.take_analyses() is None


def test_a_changed_byte_in_a_segment_file_means_a_rebuild(seed_copy: Path) -> None:
    library = seeds_library(seed_copy)
    assert library.indexer.problem() is None
    assert library.indexer.problem() is None  # remembered: no second pass over the files
    postings = sorted(library.indexer.folder.glob("*.pst"))[0]
    data = bytearray(postings.read_bytes())
    data[len(data) // 2] ^= 0x01
    postings.write_bytes(bytes(data))
    assert "damaged" in (library.indexer.problem() or "")
    report = Library([seed_copy]).update_index()
    assert report.rebuilt_reason and "damaged" in report.rebuilt_reason
    assert library.indexer.problem() is None


def test_a_file_damaged_between_two_commits_is_not_recorded_as_sound(seed_copy: Path) -> None:
    from reader.index import checksums

    library = seeds_library(seed_copy)
    postings = sorted(library.indexer.folder.glob("*.pst"))[0]
    data = bytearray(postings.read_bytes())
    data[len(data) // 2] ^= 0x01
    postings.write_bytes(bytes(data))
    checksums.record(library.indexer.open())  # as the next commit of an update would
    assert "damaged" in (library.indexer.problem() or "")
