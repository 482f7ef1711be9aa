#!/usr/bin/env python3
"""Speed of entity extraction: words/s of ``analyse()`` on one core, and ``link()`` time.

Corpora: FA-KES and Reuters-21578 from ``../shared/data/corpora`` (unpacked to a temporary
folder unless ``/tmp/corpora/corpus_NAME`` already exists). Target: >= 100,000 words/s for
analyse, link of the whole Reuters corpus in about 2 s.

Usage: ``python bench/entities_speed.py [--data ../shared/data] [--limit N] [--json]``
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.entities import EntityEngine  # noqa: E402


def corpus_dir(data: Path, name: str, tmp: Path) -> Path | None:
    """Folder of ``corpus_NAME/articles``: /tmp/corpora if present, else unpacked into ``tmp``."""
    ready = Path("/tmp/corpora") / f"corpus_{name}"
    if (ready / "articles").is_dir():
        return ready
    archive = data / "corpora" / f"{'reuters21578' if name.startswith('reuters') else name}.tar.gz"
    if not archive.exists():
        return None
    with tarfile.open(archive) as tar:
        tar.extractall(tmp, filter="data")
    found = tmp / f"corpus_{name}"
    return found if found.is_dir() else None


def bench(engine: EntityEngine, folder: Path, limit: int) -> dict:
    """Analyse every article (timed), then link them all (timed)."""
    paths = sorted((folder / "articles").glob("*.txt"))
    if limit:
        paths = paths[:limit]
    texts = {p.name: p.read_text(encoding="utf-8", errors="replace") for p in paths}
    words = sum(len(t.split()) for t in texts.values())
    chars = sum(len(t) for t in texts.values())
    t0, c0 = time.perf_counter(), time.process_time()
    analyses = {doc_id: engine.analyse(text) for doc_id, text in texts.items()}
    analyse_s, analyse_cpu = time.perf_counter() - t0, time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    linking = engine.link(analyses)
    link_s, link_cpu = time.perf_counter() - t0, time.process_time() - c0
    t0 = time.perf_counter()
    for doc_id in texts:
        linking.mentions(doc_id)
    mentions_s = time.perf_counter() - t0
    pickled = sum(len(pickle.dumps(a, protocol=pickle.HIGHEST_PROTOCOL)) for a in analyses.values())
    return {
        "corpus": folder.name,
        "docs": len(texts),
        "words": words,
        "chars": chars,
        "analyse_s": analyse_s,
        "words_per_s": words / analyse_s if analyse_s else 0.0,
        "analyse_cpu_s": analyse_cpu,
        "words_per_cpu_s": words / analyse_cpu if analyse_cpu else 0.0,
        "link_s": link_s,
        "link_cpu_s": link_cpu,
        "mentions_s": mentions_s,
        "entities": len(linking.entities),
        "mentions": sum(e.mention_count for e in linking.entities.values()),
        "pickle_bytes_per_doc": pickled / max(1, len(texts)),
    }


def main(argv: list[str] | None = None) -> int:
    """Print the speed table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    engine = EntityEngine()
    engine.analyse("Warm up: Aleppo and Hayat Tahrir al-Sham (HTS).")
    load_s = time.perf_counter() - t0
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("fakes", "reuters21578"):
            folder = corpus_dir(args.data, name, Path(tmp))
            if folder is None:
                print(f"skipping {name}: corpus not found", file=sys.stderr)
                continue
            rows.append(bench(engine, folder, args.limit))
    if args.json:
        print(json.dumps({"engine_load_s": load_s, "corpora": rows}, indent=1))
        return 0
    print(f"engine load (lists + automaton): {load_s:.2f} s")
    print("(wall clock, and CPU time of this process: the CPU figure is the one-core speed")
    print(" when the machine is busy with other work)")
    print(f"{'corpus':<22}{'docs':>7}{'words':>10}{'analyse s':>10}{'words/s':>10}{'w/cpu-s':>10}"
          f"{'link s':>8}{'link cpu':>9}{'entities':>9}{'mentions':>9}{'pickle B/doc':>13}")
    for r in rows:
        print(f"{r['corpus']:<22}{r['docs']:>7}{r['words']:>10}{r['analyse_s']:>10.2f}"
              f"{r['words_per_s']:>10.0f}{r['words_per_cpu_s']:>10.0f}{r['link_s']:>8.2f}"
              f"{r['link_cpu_s']:>9.2f}{r['entities']:>9}{r['mentions']:>9}"
              f"{r['pickle_bytes_per_doc']:>13.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
