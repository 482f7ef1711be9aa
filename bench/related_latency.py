"""Related-articles latency at scale (Reuters-21578, 19k articles).

Opens (and if needed indexes) the corpus, then times:
- the one-off build of the precomputed structures (doc table, entity vectors) per index state;
- ``Library.related(id, limit=10)`` for a random sample of articles: first call per article
  (postings not yet cached for its key terms) and a second pass (warm);
- ``Library.entity_view`` for the most mentioned entities.

    python bench/related_latency.py [--corpus /tmp/corpora/corpus_reuters21578] [--sample 300]

Uses READER_HOME (set it to a scratch folder); the first run indexes the corpus (minutes).
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _stats(label: str, seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    p = lambda q: ms[min(len(ms) - 1, int(q * len(ms)))]  # noqa: E731
    return (f"| {label:<50} | {len(ms):>5} | {statistics.mean(ms):7.1f} | {p(0.5):7.1f} | "
            f"{p(0.95):7.1f} | {ms[-1]:7.1f} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/corpora/corpus_reuters21578"))
    parser.add_argument("--sample", type=int, default=300)
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args()

    from reader.analysis.related import doc_table, entity_model, related_model
    from reader.library import Library

    library = Library([args.corpus])
    t0 = time.perf_counter()
    report = library.update_index()
    print(f"index update: {time.perf_counter() - t0:.1f} s ({report.added} added)")
    t0 = time.perf_counter()
    _ = library.linking
    print(f"entity linking (not part of related): {time.perf_counter() - t0:.1f} s, "
          f"{len(library.linking.entities)} entities")
    t0 = time.perf_counter()
    table = doc_table(library)
    t1 = time.perf_counter()
    entity_model(library)
    t2 = time.perf_counter()
    related_model(library)
    t3 = time.perf_counter()
    print(f"precompute once per index state: doc table {t1 - t0:.2f} s, entity vectors "
          f"{t2 - t1:.2f} s, model {t3 - t2:.2f} s ({table.count} articles)")

    ids = sorted(table.docnum)
    random.seed(args.seed)
    sample = random.sample(ids, min(args.sample, len(ids)))
    runs: dict[str, tuple[list[float], list[float]]] = {}

    def timed(label: str, call, items) -> None:
        wall, cpu = runs.setdefault(label, ([], []))
        for item in items:
            t, c = time.perf_counter(), time.process_time()
            call(item)
            wall.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)

    timed("related(limit=10), first pass", lambda i: library.related(i, limit=10), sample)
    timed("related(limit=10), second pass", lambda i: library.related(i, limit=10), sample)
    entities = library.entities()
    common = [e.id for e in entities[:10]]
    some = [e.id for e in random.sample(entities, min(50, len(entities)))]
    timed("entity_view, 10 most common", library.entity_view, common)
    timed("entity_view, 50 random", library.entity_view, some)
    timed("entity_view + first 50 contexts, 10 most common",
          lambda e: library.entity_view(e).contexts[:50], common)
    timed("entity_view framing (descriptions), 10 most common",
          lambda e: library.entity_view(e).descriptions, common)
    print(f"\n| {'call (wall clock)':<50} | {'n':>5} | mean ms | p50 ms  | p95 ms  | max ms  |")
    print(f"|{'-' * 52}|-------|---------|---------|---------|---------|")
    for label, (wall, _) in runs.items():
        print(_stats(label, wall))
    print(f"\n| {'call (CPU time of this process)':<50} | {'n':>5} | mean ms | p50 ms  | p95 ms  | "
          "max ms  |")
    print(f"|{'-' * 52}|-------|---------|---------|---------|---------|")
    for label, (_, cpu) in runs.items():
        print(_stats(label, cpu))
    print(f"\npeak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
