"""Crash safety and concurrency of the note store.

A child process saves notes in a loop (adds and in-place updates, payloads up to
~100 KB so the kill often lands inside a write) and is SIGKILLed at a random
moment, many times over the same folder. Afterwards every file must parse
(nothing half-written) and every save the child had reported done must be there.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from pathlib import Path

import pytest
from notes_helpers import add_many, make_note, save_loop

from reader.notes import NoteStore

CTX = multiprocessing.get_context("fork")
"""Fork: a child is saving within milliseconds (spawn/forkserver re-import for ~0.2 s each).
Everything the children run is imported before they fork."""


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_HOME", str(tmp_path / "home"))


def _read_acks(conn) -> list[list[str]]:
    """Every acknowledgement the (now dead) child sent."""
    acks = []
    while True:
        try:
            acks.append(conn.recv_bytes().decode().split())
        except EOFError:
            return acks


def _kill_many(folder: Path, kills: int, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    acked_adds: set[str] = set()
    acked_counter: dict[str, int] = {}
    temp_left = 0
    updates = 0
    store = NoteStore(folder)  # reload() re-parses every file whose stat changed
    for k in range(kills):
        reader, writer = CTX.Pipe(duplex=False)
        child = CTX.Process(target=save_loop, args=(str(folder), writer, seed * 1000 + k))
        child.start()
        writer.close()
        assert reader.recv_bytes() == b"R"  # the child is saving from now on
        time.sleep(rng.uniform(0.005, 0.12))
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        assert child.exitcode == -signal.SIGKILL
        for ack in _read_acks(reader):
            if ack[0] == "A":
                acked_adds.add(ack[1])
            else:
                acked_counter[ack[1]] = int(ack[2])
                updates += 1
        reader.close()
        temp_left = len(list(folder.glob(".*.tmp")))

        store.reload()
        assert store.errors == [], f"half-written file after kill {k}: {store.errors}"
        missing = acked_adds - {n.id for n in store.all()}
        assert not missing, f"kill {k}: acknowledged notes lost: {sorted(missing)[:3]}"
        for note_id, value in acked_counter.items():
            assert int(store.get(note_id).comment) >= value, f"kill {k}: update lost"
    return {"kills": kills, "notes": len(acked_adds), "updates": updates,
            "temp_files_left_by_kills": temp_left}


def test_kill_during_saves_loses_nothing(tmp_path):
    stats = _kill_many(tmp_path / "notes", kills=20, seed=1)
    assert stats["notes"] > 20  # the children really were saving when killed
    print(stats)


@pytest.mark.slow
def test_kill_during_saves_loses_nothing_200(tmp_path):
    stats = _kill_many(tmp_path / "notes", kills=200, seed=2)
    assert stats["notes"] > 200
    assert stats["temp_files_left_by_kills"] > 0  # some kills landed mid-write
    print(stats)


def test_two_processes_adding_200_each_end_with_400(tmp_path):
    folder = tmp_path / "notes"
    start = CTX.Event()
    procs = [CTX.Process(target=add_many, args=(str(folder), 200, tag, start))
             for tag in ("p1", "p2")]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    store = NoteStore(folder)
    assert store.errors == []
    assert len(store.all()) == 400
    assert len(store.search(tag="p1")) == 200 and len(store.search(tag="p2")) == 200
    assert sorted(int(n.comment.split()[1]) for n in store.search(tag="p1")) == list(range(200))


def test_two_instances_in_one_process_see_each_other(tmp_path):
    a, b = NoteStore(tmp_path / "n"), NoteStore(tmp_path / "n")
    na = a.add(make_note(comment="from a"))
    nb = b.add(make_note(comment="from b"))
    a.reload()
    b.reload()
    assert {n.id for n in a.all()} == {n.id for n in b.all()} == {na.id, nb.id}
