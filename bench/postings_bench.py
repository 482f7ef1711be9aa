"""Postings benchmark on Reuters-21578: Whoosh's analyzer chain vs ``fast_postings``.

Loads every article first, then checks that both paths give equal postings for the title
and body of every article, then times each path (CPU seconds, best of ``--repeat`` rounds;
the first round, with cold stem caches, is printed too). Run:
``python bench/postings_bench.py [--limit N] [--repeat R]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._corpora import unpack  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--repeat", type=int, default=5, help="timed rounds per path")
    args = parser.parse_args()

    from whoosh import fields

    from reader.corpus import ArticleError, load_article
    from reader.index import fast_postings
    from reader.index.fast_postings import positions_postings
    from reader.index.schema import SEARCH_FIELDS, make_schema

    root = Path("/tmp/corpora/corpus_reuters21578")
    if not (root / "articles").is_dir():
        root = unpack("reuters21578")
    paths = sorted((root / "articles").glob("*.txt"))
    if args.limit:
        paths = paths[:args.limit]
    texts: list[tuple[str, str]] = []
    for path in paths:
        try:
            article = load_article(root, path)
        except ArticleError:
            continue
        texts += [(name, getattr(article, name)) for name in SEARCH_FIELDS]
    schema = make_schema()
    chars = sum(len(text) for _, text in texts)
    print(f"{len(paths)} files, {len(texts)} texts, {chars / 1e6:.1f} M chars")

    def whoosh(name: str, text: str) -> list:
        return list(fields.TEXT.index(schema[name], text))

    def fast(name: str, text: str) -> list:
        field = schema[name]
        return positions_postings(text, field.format.field_boost)

    def via_schema(name: str, text: str) -> list:
        return schema[name].postings(text)

    unequal = [(name, text[:60]) for name, text in texts
               if whoosh(name, text) != fast(name, text)
               or via_schema(name, text) != fast(name, text)]
    print(f"equal postings: {len(texts) - len(unequal)}/{len(texts)} texts")
    for name, start in unequal[:5]:
        print(f"  DIFFERS {name}: {start!r}")

    def rounds(run: Callable[[str, str], list]) -> list[float]:
        times = []
        for _ in range(args.repeat):
            started = time.process_time()
            for name, text in texts:
                run(name, text)
            times.append(time.process_time() - started)
        return times

    schema = make_schema()  # fresh analyzers and word cache: both first rounds start cold
    fast_postings._terms.clear()  # noqa: SLF001
    old = rounds(whoosh)
    new = rounds(via_schema)
    for label, times in (("whoosh", old), ("fast", new)):
        each = ", ".join(f"{t:.2f}" for t in times)
        print(f"{label:7s} CPU s: first {times[0]:.2f}, best {min(times):.2f}  ({each})")
    print(f"speed-up: {min(old) / min(new):.1f}x (best), {old[0] / new[0]:.1f}x (first round)")
    if unequal:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
