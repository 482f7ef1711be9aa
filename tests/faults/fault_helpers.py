"""Shared pieces of the fault suites: a generated corpus, child processes, consistency checks."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PLACES = ["Aleppo", "Idlib", "Damascus", "Homs", "Raqqa", "Deir ez-Zor", "Latakia", "Hama"]
ACTORS = ["Hayat Tahrir al-Sham", "the Syrian army", "Russian jets", "the UN", "Turkey",
          "Kurdish forces", "aid agencies", "Bashar al-Assad"]


def article_text(i: int, rng: random.Random) -> str:
    """A small plausible article holding the unique word ``uniq<i>``."""
    place, actor = rng.choice(PLACES), rng.choice(ACTORS)
    paragraphs = [
        f"{actor} near {place}: report uniq{i}",
        f"2020-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        f"{actor} said on Monday that fighting around {place} had displaced thousands. "
        f"Residents of {rng.choice(PLACES)} reported shelling overnight (item uniq{i}).",
        " ".join(rng.choice(["The", "convoy", "reached", "the", "city", "after", "talks", "with",
                             rng.choice(ACTORS), "in", rng.choice(PLACES), "."])
                 for _ in range(rng.randint(40, 160))),
    ]
    return "\n\n".join(paragraphs) + "\n"


def make_corpus(folder: Path, count: int, seed: int = 0) -> list[Path]:
    """``count`` article files (half .txt, half .md with front matter) in a few subfolders."""
    rng = random.Random(seed)
    files = []
    for i in range(count):
        sub = folder / f"part{i % 7}"
        sub.mkdir(parents=True, exist_ok=True)
        if i % 2:
            path = sub / f"a{i:05d}.md"
            path.write_text(f"---\ntitle: Story uniq{i}\nsource: Wire {i % 5}\n---\n"
                            + article_text(i, rng), encoding="utf-8")
        else:
            path = sub / f"a{i:05d}.txt"
            path.write_text(article_text(i, rng), encoding="utf-8")
        files.append(path)
    return files


def child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["READER_HOME"] = str(home)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def spawn(code: str, home: Path, *args: str) -> subprocess.Popen:
    """Run ``code`` in a new Python process, in its own session (so its workers can be killed)."""
    return subprocess.Popen([sys.executable, "-c", code, *args], env=child_env(home),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def kill_group(proc: subprocess.Popen) -> None:
    """SIGKILL the child and every process it started (its own process group)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # worker processes of the child die with the group
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            return


INDEX_CODE = """
import sys, time
from pathlib import Path
from reader.library import Library
lib = Library([Path(p) for p in sys.argv[1:]])
print("go", flush=True)
started = time.perf_counter()
report = lib.update_index()
print(report.added, report.updated, report.removed, report.unchanged, len(report.skipped),
      report.rebuilt_reason, round(time.perf_counter() - started, 3), flush=True)
"""


def check_consistent(library, files: list[Path]) -> None:
    """The index matches the files exactly and answers searches."""
    problem = library.indexer.problem()
    assert problem is None, problem
    manifest = library._load_manifest()
    assert manifest is not None
    assert set(manifest.entries) == {str(p.absolute()) for p in files}
    ix = library.indexer.open()
    with ix.reader() as reader:
        assert reader.doc_count() == len(files)
        ids = {fields["id"] for _, fields in reader.iter_docs()}
    assert ids == {e.id for e in manifest.entries.values()}, "index and manifest disagree on ids"
    everything = library.search("", limit=1)
    assert everything.error is None and everything.total == len(files)
    for path in files[:: max(1, len(files) // 10)]:
        number = int(path.stem[1:])
        hit = library.search(f"uniq{number}")
        assert hit.error is None and hit.total >= 1, f"uniq{number} not found"
        assert any(h.path == str(path.absolute()) for h in hit.hits)
