"""kill -9 during indexing: the next start recovers and the index matches the files.

A child process runs ``Library(...).update_index()`` over a few hundred generated files
(enough for the worker-process pool) and the whole process group is SIGKILLed at a
random moment — during the scan, the parsing, the Whoosh commit or the manifest write.
Between kills some files are added, edited and deleted, so incremental updates are
killed too. After every kill a fresh ``Library`` must bring the index up to date without
an exception, and the index must then match the files exactly.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
from fault_helpers import INDEX_CODE, article_text, check_consistent, kill_group, make_corpus, spawn

from reader.library import Library

pytestmark = pytest.mark.slow

FILES = 450  # above POOL_THRESHOLD (400): parsing runs in worker processes
KILLS = 12


def _mutate(corpus: Path, files: list[Path], rng: random.Random, step: int) -> list[Path]:
    files = list(files)
    for path in rng.sample(files, 40):  # edit
        text = article_text(int(path.stem[1:]), rng) + f"\nedit {step}\n"
        path.write_text(text, encoding="utf-8")
    for path in rng.sample(files, 3):  # delete
        path.unlink()
        files.remove(path)
    for k in range(4):  # add
        number = 10_000 + step * 10 + k
        path = corpus / "new" / f"a{number:05d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(article_text(number, rng), encoding="utf-8")
        files.append(path)
    return files


def test_kill_9_during_indexing_then_recover(tmp_path: Path, reader_home: Path) -> None:
    rng = random.Random(7)
    corpus = tmp_path / "corpus"
    files = make_corpus(corpus, FILES)

    proc = spawn(INDEX_CODE, reader_home, str(corpus))
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    full_build = float(out.split()[-1])  # seconds inside update_index
    check_consistent(Library([corpus]), files)

    outcomes = []
    for step in range(KILLS):
        files = _mutate(corpus, files, rng, step)
        rebuild = step % 3 == 0  # every third run starts from scratch (the longest writes)
        code = INDEX_CODE.replace("lib.update_index()", "lib.update_index(rebuild=True)") \
            if rebuild else INDEX_CODE
        proc = spawn(code, reader_home, str(corpus))
        assert proc.stdout.readline().strip() == "go"  # update_index starts now
        time.sleep(rng.uniform(0.0, full_build * 1.05 if rebuild else 0.4))
        finished = proc.poll() is not None
        kill_group(proc)
        outcomes.append("finished" if finished else "killed")

        library = Library([corpus])
        report = library.update_index()  # the next start: must not raise
        check_consistent(library, files)
        library.close()
        outcomes[-1] += f" ({report.rebuilt_reason or 'incremental'})"
    print(f"full build {full_build:.1f} s; after each kill: {outcomes}")
    assert sum(o.startswith("killed") for o in outcomes) >= KILLS // 2
