"""Truncated or corrupted index files are detected and rebuilt; notes are never touched.

Every file of the index folder is damaged in several ways (emptied, cut in half, bytes
overwritten, one byte flipped, replaced by garbage, deleted). The next ``update_index``
must not raise,
must leave an index that matches the files exactly, and must not change a byte of the
user's notes and corrections.
"""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

import pytest
from fault_helpers import check_consistent, make_corpus

from reader.library import Library
from reader.notes import new_note

pytestmark = pytest.mark.slow

TARGETS = ["*.pst", "*.trm", "*._stored.col", "*.id.col", "_MAIN_*.toc", "manifest.pickle", "analyses.pickle", "meta.json"]
MODES = ["empty", "half", "flip", "byte", "garbage", "delete"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A corpus of 60 files, its index and some notes, built once (copied per case)."""
    root = tmp_path_factory.mktemp("corrupt")
    home = root / "home"
    previous = os.environ.get("READER_HOME")
    os.environ["READER_HOME"] = str(home)
    try:
        corpus = root / "corpus"
        files = make_corpus(corpus, 60, seed=3)
        library = Library([corpus])
        library.update_index()
        for entry in list(library._load_manifest().entries.values())[:5]:
            article = library.article(entry.id)
            library.notes.add(new_note(article, 0, min(20, len(article.body)),
                                       comment="keep me", tags=["fault"]))
        library.correct("rename", library.entities()[0].id, "Renamed Entity")
        library.close()
    finally:
        if previous is None:
            os.environ.pop("READER_HOME", None)
        else:
            os.environ["READER_HOME"] = previous
    return {"home": home, "corpus": corpus, "files": files}


def _user_data(home: Path) -> dict[str, bytes]:
    data_files = [p for p in home.rglob("*")
                  if p.is_file() and "cache" not in p.relative_to(home).parts
                  and p.suffix in (".yaml", ".yml", ".md", ".json")]
    return {str(p.relative_to(home)): p.read_bytes() for p in data_files}


def _damage(path: Path, mode: str, rng: random.Random) -> None:
    data = path.read_bytes()
    if mode == "empty":
        path.write_bytes(b"")
    elif mode == "half":
        path.write_bytes(data[: len(data) // 2])
    elif mode == "flip":
        buf = bytearray(data)
        for _ in range(max(1, len(buf) // 50)):
            buf[rng.randrange(len(buf))] = rng.randrange(256)
        path.write_bytes(bytes(buf))
    elif mode == "byte":  # one byte in the middle: the subtlest damage
        buf = bytearray(data)
        buf[len(buf) // 2] ^= 0xFF
        path.write_bytes(bytes(buf))
    elif mode == "garbage":
        path.write_bytes(bytes(rng.randrange(256) for _ in range(len(data))))
    else:
        path.unlink()


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("target", TARGETS)
def test_corrupt_index_file_is_detected_and_rebuilt(built: dict, tmp_path: Path, monkeypatch,
                                                    target: str, mode: str) -> None:
    home = tmp_path / "home"
    shutil.copytree(built["home"], home)
    monkeypatch.setenv("READER_HOME", str(home))
    before = _user_data(home)
    assert any("notes" in k for k in before) and any("corrections" in k for k in before)

    library = Library([built["corpus"]])
    victims = sorted(library.indexer.folder.glob(target))
    assert victims, f"no {target} in the index"
    for victim in victims:
        _damage(victim, mode, random.Random(f"{target}{mode}"))

    report = library.update_index()  # must not raise
    check_consistent(library, built["files"])
    assert len(library.entities()) > 0
    assert library.entity("Renamed Entity") is not None, "corrections no longer applied"
    assert len(library.notes.all()) == 5 and library.notes.errors == []
    library.close()
    assert _user_data(home) == before, "user data changed"
    print(f"{target} {mode}: {report.rebuilt_reason or 'repaired in place'}")
