"""A full disk or a read-only data directory: a clear error, and nothing already saved is lost.

We run as root, so ``chmod a-w`` would not stop writes; the failures are injected where
the operating system would report them: creating the temp file (EROFS), flushing it to
disk (ENOSPC), renaming it over the old file (ENOSPC/EROFS), and Whoosh creating its
segment files. Each operation must raise (or, in the CLI, print one line and exit
non-zero), leave every existing note, correction and index file as it was, leave no
temp files behind, and succeed once the disk has room again.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import pytest
from fault_helpers import check_consistent, make_corpus

from reader.cli import run
from reader.library import Library
from reader.notes import NoteStore, new_note

pytestmark = pytest.mark.slow

FAILURES = {
    "mkstemp-EROFS": ("tempfile.mkstemp", errno.EROFS),
    "fsync-ENOSPC": ("os.fsync", errno.ENOSPC),
    "replace-ENOSPC": ("os.replace", errno.ENOSPC),
    "replace-EROFS": ("os.replace", errno.EROFS),
}


def inject(monkeypatch: pytest.MonkeyPatch, failure: str) -> None:
    target, code = FAILURES[failure]
    module_name, name = target.split(".")
    module = {"tempfile": tempfile, "os": os}[module_name]

    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(module, name, fail)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and p.name != ".lock"}


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, list[Path]]:
    folder = tmp_path / "corpus"
    return folder, make_corpus(folder, 30, seed=5)


@pytest.fixture
def library_with_notes(corpus) -> Library:
    library = Library([corpus[0]])
    library.update_index()
    for entry in list(library._load_manifest().entries.values())[:3]:
        article = library.article(entry.id)
        library.notes.add(new_note(article, 0, 15, comment="saved before the disk filled"))
    library.correct("alias", library.entities()[0].id, "First Alias")
    return library


@pytest.mark.parametrize("failure", FAILURES)
@pytest.mark.parametrize("operation", ["add", "update", "delete", "correct"])
def test_note_and_correction_writes_fail_cleanly(library_with_notes: Library, monkeypatch,
                                                 failure: str, operation: str) -> None:
    library = library_with_notes
    store: NoteStore = library.notes
    data = library.data_dir
    before = snapshot(data)
    target = store.all()[0]
    article = library.article(target.article_id)

    def act():
        if operation == "add":
            return store.add(new_note(article, 5, 25, comment="new"))
        if operation == "update":
            return store.update(target.with_changes(comment="changed"))
        if operation == "delete":
            return store.delete(target.id)
        return library.correct("alias", library.entities()[1].id, "Second Alias")

    with monkeypatch.context() as patch:
        inject(patch, failure)
        if operation == "delete" and failure.startswith(("mkstemp", "fsync")):
            act()  # a delete renames the file into .trash: no temp file, no fsync of data
            return
        with pytest.raises(OSError) as raised:
            act()
    assert raised.value.errno == FAILURES[failure][1]
    assert os.strerror(raised.value.errno) in str(raised.value)  # says what went wrong
    assert snapshot(data) == before, "a failed write changed or left files"
    fresh = NoteStore(data / "notes")
    assert fresh.errors == [] and len(fresh.all()) == 3
    assert fresh.get(target.id).comment == "saved before the disk filled"
    act()  # room again: the same operation now works


@pytest.mark.parametrize("failure", ["replace-ENOSPC", "replace-EROFS", "fsync-ENOSPC"])
def test_cli_notes_add_reports_a_full_disk_in_one_line(library_with_notes: Library, corpus,
                                                       monkeypatch, capsys, failure: str) -> None:
    folder, files = corpus
    before = snapshot(library_with_notes.data_dir)
    with monkeypatch.context() as patch:
        inject(patch, failure)
        code = run(["notes", "add", str(files[0]), "--start", "0", "--end", "10",
                    "--corpus", str(folder)])
    err = capsys.readouterr().err.strip()
    assert code != 0
    assert len(err.splitlines()) == 1 and os.strerror(FAILURES[failure][1]) in err, err
    assert snapshot(library_with_notes.data_dir) == before


def _fail_whoosh_files(monkeypatch: pytest.MonkeyPatch, code: int, after: int = 0) -> None:
    from whoosh.filedb.filestore import FileStorage

    original = FileStorage.create_file
    calls = []

    def create_file(self, name, *args, **kwargs):
        calls.append(name)
        if len(calls) > after:
            raise OSError(code, os.strerror(code), name)
        return original(self, name, *args, **kwargs)

    monkeypatch.setattr(FileStorage, "create_file", create_file)


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
@pytest.mark.parametrize("stage", ["segments", "manifest"])
def test_index_update_on_a_full_disk(corpus, monkeypatch, capsys, code: int, stage: str) -> None:
    folder, files = corpus
    library = Library([folder])
    library.update_index()
    extra = folder / "later" / "a09999.txt"
    extra.parent.mkdir()
    extra.write_text("Late story uniq9999\n\nFighting near Aleppo, uniq9999 said.\n",
                     encoding="utf-8")
    with monkeypatch.context() as patch:
        if stage == "segments":
            _fail_whoosh_files(patch, code)
        else:  # Whoosh committed, then the manifest cannot be saved
            inject(patch, "replace-ENOSPC" if code == errno.ENOSPC else "replace-EROFS")
        with pytest.raises(OSError):
            Library([folder]).update_index()
        exit_code = run(["index", "--corpus", str(folder)])
    err = capsys.readouterr().err.strip()
    assert exit_code != 0 and len(err.splitlines()) == 1 and os.strerror(code) in err, err
    # the old index still answers, or (when the failure hit a rebuild) says it is not ready
    old = Library([folder])
    print(stage, os.strerror(code), "->", old.indexer.problem(), old.index_ready(),
          old.search("uniq0").total)
    assert old.search("uniq0").total >= 1 or not old.index_ready()
    # ... and once there is room the next update recovers completely.
    recovered = Library([folder])
    recovered.update_index()
    check_consistent(recovered, files + [extra])
