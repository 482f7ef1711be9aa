"""Index benchmark on Reuters-21578 (19,043 articles).

Prints: first build (with entity extraction) time and docs/s, the same corpus in a bare
Whoosh index of title+body as the anchor, no-change re-index, re-index after touching
and after editing 100 files, search latency p50/p95 over 240 varied queries, index size,
peak RSS. Run: ``python bench/index_bench.py [--limit N]``.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._corpora import bare_build, peak_rss_mb, percentile, unpack  # noqa: E402

QUERY_WORDS = [
    "oil", "bank", "trade", "dollar", "grain", "wheat", "coffee", "gold", "interest rates", "merger",
    "profit", "loss", "japan", "opec", "crude", "tariff", "shares", "dividend", "acquisition", "yen",
    "sugar", "cocoa", "inflation", "budget", "deficit", "treasury", "bonds", "strike", "shipping", "copper",
]


def queries(rng: random.Random) -> list[str]:
    """240 varied queries: words, AND/OR/NOT, phrases, fields, prefixes, dates, typos, entities."""
    out: list[str] = []
    for _ in range(40):
        a, b = rng.sample(QUERY_WORDS, 2)
        out += [a, f"{a} {b}", f"{a} OR {b}", f"{a} NOT {b}", f'"{a}"' if " " in a else f"{a[:4]}*",
                f"title:{b.split()[0]}"]
    out += [f"date:[1987-03-0{d} to 1987-03-2{d}] oil" for d in range(1, 10)]
    out += ["opek", "dolar", "interst rates", "japn trade", "entity:japan", "place:usa",
            "source:reuters", '"interest rates" AND japan']
    return out[:240] + out[: max(0, 240 - len(out))]


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=0, help="use only the first N articles")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="reader-index-bench-"))
    os.environ["READER_HOME"] = str(work / "home")
    source = unpack("reuters21578")
    corpus = work / "corpus"
    (corpus / "articles").mkdir(parents=True)
    files = sorted((source / "articles").glob("*.txt"))
    if args.limit:
        files = files[: args.limit]
    for path in files:
        shutil.copy2(path, corpus / "articles" / path.name)
    shutil.copy2(source / "metadata.jsonl", corpus / "metadata.jsonl")
    print(f"corpus: {len(files)} Reuters articles, work dir {work}")

    bare_seconds = bare_build(corpus / "articles", work / "bare")

    from reader.library import Library

    library = Library([corpus])
    started = time.perf_counter()
    report = library.update_index()
    build_seconds = time.perf_counter() - started
    started = time.perf_counter()
    _ = library.linking
    link_seconds = time.perf_counter() - started

    started = time.perf_counter()
    nochange = library.update_index()
    nochange_seconds = time.perf_counter() - started

    rng = random.Random(7)
    sample = rng.sample(sorted((corpus / "articles").glob("*.txt")), 100)
    later = time.time() + 5
    for path in sample:
        os.utime(path, (later, later))
    started = time.perf_counter()
    touched = library.update_index()
    touched_seconds = time.perf_counter() - started
    for path in sample:
        path.write_text(path.read_text(encoding="utf-8") + "\nEdited for the benchmark.\n", encoding="utf-8")
    started = time.perf_counter()
    edited = library.update_index()
    edited_seconds = time.perf_counter() - started

    latencies = []
    library.search("warm up")
    for text in queries(rng):
        started = time.perf_counter()
        result = library.search(text, limit=20)
        latencies.append((time.perf_counter() - started) * 1000)
        assert result.error is None or "no " in result.error, (text, result.error)

    size = folder_size(library.indexer.folder)
    rows = [
        ("articles indexed", f"{report.added} (skipped {len(report.skipped)})"),
        ("first build with entities", f"{build_seconds:.1f} s ({report.added / build_seconds:.0f} docs/s)"),
        ("bare Whoosh title+body build", f"{bare_seconds:.1f} s"),
        ("ratio (target <= 1.3)", f"{build_seconds / bare_seconds:.2f}"),
        ("entity linking (whole corpus)", f"{link_seconds:.2f} s"),
        ("no-change re-index (target <= 1 s)", f"{nochange_seconds:.2f} s ({nochange.unchanged} unchanged)"),
        ("re-index after touching 100 files", f"{touched_seconds:.2f} s ({touched.updated} updated)"),
        ("re-index after editing 100 files", f"{edited_seconds:.2f} s ({edited.updated} updated)"),
        (f"search p50 / p95 over {len(latencies)} queries (target p95 <= 30 ms)",
         f"{percentile(latencies, 50):.1f} / {percentile(latencies, 95):.1f} ms"),
        ("index size", f"{size / 1e6:.1f} MB"),
        ("peak RSS", f"{peak_rss_mb():.0f} MB"),
    ]
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
