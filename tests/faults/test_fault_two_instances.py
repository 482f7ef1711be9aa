"""Two reader instances on the same corpus and notes at the same moment.

Both index the same 450 files at once (one waits for the index lock; both finish; the
index is consistent), then both add 100 notes and 10 entity corrections at once: nothing
either of them wrote is lost.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fault_helpers import check_consistent, make_corpus, spawn

from reader.library import Library
from reader.notes import NoteStore

pytestmark = pytest.mark.slow

INSTANCE = """
import os, sys, time
from pathlib import Path
from reader.library import Library
from reader.notes import new_note
corpus, start_file, tag = sys.argv[1:4]
while not os.path.exists(start_file):
    time.sleep(0.005)
lib = Library([Path(corpus)])
r = lib.update_index()
print("index", r.added, r.unchanged, round(r.seconds, 2), flush=True)
entries = sorted(lib._load_manifest().entries.values(), key=lambda e: e.path)
for i in range(100):
    article = lib.article(entries[i % len(entries)].id)
    lib.notes.add(new_note(article, 0, 12, comment=f"{tag} {i}", tags=[tag]))
entities = lib.entities()
for i in range(10):
    lib.correct("alias", entities[i].id, f"{tag} alias {i}")
print("done", flush=True)
"""


def test_two_instances_index_annotate_and_correct_at_once(tmp_path: Path,
                                                           reader_home: Path) -> None:
    corpus = tmp_path / "corpus"
    files = make_corpus(corpus, 450, seed=11)
    start = tmp_path / "start"
    procs = [spawn(INSTANCE, reader_home, str(corpus), str(start), tag) for tag in ("p1", "p2")]
    time.sleep(1.0)  # both interpreters up and waiting
    start.touch()
    outputs = []
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
        outputs.append(out.split("\n"))
    added = sorted(int(out[0].split()[1]) for out in outputs)
    assert added == [0, 450], outputs  # one built the index, the other found it up to date
    print([out[0] for out in outputs])

    library = Library([corpus])
    report = library.update_index()
    assert report.added == report.updated == report.removed == 0
    check_consistent(library, files)

    store = NoteStore(library.data_dir / "notes")
    assert store.errors == []
    assert len(store.all()) == 200
    for tag in ("p1", "p2"):
        comments = sorted(int(n.comment.split()[1]) for n in store.search(tag=tag))
        assert comments == list(range(100)), f"{tag}: notes lost"
        for i in range(10):
            assert library.entity(f"{tag} alias {i}") is not None, f"{tag} correction {i} lost"
