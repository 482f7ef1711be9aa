"""How each figure grows with the corpus: 2,000 → 10,000 → all shared corpora (~21k articles).

Each size runs in its own process (so peak RSS is per size) over a mix of the Reuters,
FA-KES and ECB+ corpora, and prints one table: first build with entities vs a bare
Whoosh build, no-change re-index, linking, search p50/p95, article open, related,
entity view, peak RSS. Run: ``python bench/scale_bench.py [--sizes 2000,10000,0]``
(0 = everything).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._corpora import bare_build, peak_rss_mb, percentile, unpack  # noqa: E402

CORPORA = ("reuters21578", "fakes", "ecbplus")


def build_corpus(size: int, target: Path) -> int:
    """Copy ``size`` articles (0 = all), interleaving corpora, with their metadata sidecars."""
    sources = [unpack(name) for name in CORPORA]
    files = [(s, p) for s in sources for p in sorted((s / "articles").glob("*.txt"))]
    random.Random(3).shuffle(files)
    if size:
        files = files[:size]
    for source, path in files:
        folder = target / source.name / "articles"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, folder / path.name)
    for source in sources:
        if (target / source.name).exists():
            shutil.copy2(source / "metadata.jsonl", target / source.name / "metadata.jsonl")
    return len(files)


def bare_seconds(corpus: Path) -> float:
    folder = Path(tempfile.mkdtemp(prefix="bare-"))
    try:
        return bare_build(corpus, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def timed(fn, *args) -> float:
    started = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - started) * 1000


def measure(size: int) -> dict[str, float]:
    """Run one size (in this process) and return its figures."""
    work = Path(tempfile.mkdtemp(prefix=f"reader-scale-{size}-"))
    os.environ["READER_HOME"] = str(work / "home")
    corpus = work / "corpus"
    count = build_corpus(size, corpus)
    from reader.library import Library

    figures: dict[str, float] = {"articles": count, "bare build s": bare_seconds(corpus)}
    library = Library([corpus])
    started = time.perf_counter()
    library.update_index()
    figures["build+entities s"] = time.perf_counter() - started
    figures["ratio"] = figures["build+entities s"] / figures["bare build s"]
    started = time.perf_counter()
    _ = library.linking
    figures["linking s"] = time.perf_counter() - started
    figures["no-change s"] = timed(library.update_index) / 1000
    rng = random.Random(5)
    summaries = library.summaries()
    picks = rng.sample(summaries, min(100, len(summaries)))
    words = ["oil", "trade", "syria", "aleppo", "bank", "police", "earthquake", "rebels", "japan", "gold"]
    search = [timed(library.search, f"{rng.choice(words)} {rng.choice(words)}") for _ in range(100)]
    figures["search p50 ms"], figures["search p95 ms"] = percentile(search, 50), percentile(search, 95)
    opens = [timed(library.article, s.id) for s in picks]
    figures["open p50 ms"], figures["open p95 ms"] = percentile(opens, 50), percentile(opens, 95)
    if hasattr(library, "related"):
        library.related(picks[0].id)  # builds the cached structures once
        related = [timed(library.related, s.id) for s in picks[:50]]
        figures["related p50 ms"], figures["related p95 ms"] = percentile(related, 50), percentile(related, 95)
    entities = library.entities()[:20]
    if hasattr(library, "entity_view") and entities:
        views = [timed(library.entity_view, e.id) for e in entities]
        figures["entity view p95 ms"] = percentile(views, 95)
    figures["peak RSS MB"] = peak_rss_mb()
    shutil.rmtree(work, ignore_errors=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="2000,10000,0", help="comma-separated sizes (0 = all)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(measure(args.one)))
        return
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run([sys.executable, __file__, "--one", str(size)], capture_output=True,
                             text=True, check=False)
        if out.returncode:
            print(out.stderr[-2000:], file=sys.stderr)
            continue
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    keys = [k for k in results[0]] if results else []
    print(f"{'figure':<22}" + "".join(f"{int(r['articles']):>12,}" for r in results))
    for key in keys[1:]:
        print(f"{key:<22}" + "".join(f"{r.get(key, float('nan')):>12.2f}" for r in results))


if __name__ == "__main__":
    main()
