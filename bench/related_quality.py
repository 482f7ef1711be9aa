"""Related-articles quality on ECB+: recall@5, MRR and hard negatives in the top 5.

For every article of ECB+ (43 topics x 2 similar events, several outlets per event):
- recall@5: share of its event cluster found in the top 5 (out of min(5, cluster size - 1));
- MRR: reciprocal rank of the first article of its event cluster;
- hard negatives: share of top-5 slots taken by the topic's *other* event.
The anchor is plain Whoosh more-like-this (``Searcher.more_like`` on the body, 20 key terms,
BM25F) in the same run. Collapsed near-duplicates count as one entry (its leader).

    python bench/related_quality.py [--corpus /tmp/corpora/corpus_ecbplus]
        [--clusters /tmp/corpora/clusters/ecbplus/ecbplus_clusters.json] [--ablations]

Uses READER_HOME (set it to a scratch folder); the first run indexes the corpus.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _name(path: str) -> str:
    return Path(path).stem.removeprefix("ecbplus-")


def evaluate(ranked: dict[str, list[str]], event: dict[str, str], topic: dict[str, str],
             sizes: dict[str, int]) -> dict[str, float]:
    """Mean recall@5, MRR and hard-negative share over every article with a cluster mate."""
    recall = mrr = hard = 0.0
    count = 0
    for doc, top in ranked.items():
        cluster = event.get(doc)
        if cluster is None or sizes[cluster] < 2:
            continue
        top = top[:5]
        recall += sum(event.get(x) == cluster for x in top) / min(5, sizes[cluster] - 1)
        hard += sum(topic.get(x) == topic[doc] and event.get(x) != cluster for x in top) / 5
        mrr += next((1 / r for r, x in enumerate(top, 1) if event.get(x) == cluster), 0.0)
        count += 1
    return {"articles": count, "recall@5": recall / count, "mrr": mrr / count,
            "hard_neg": hard / count}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/corpora/corpus_ecbplus"))
    parser.add_argument("--clusters", type=Path,
                        default=Path("/tmp/corpora/clusters/ecbplus/ecbplus_clusters.json"))
    parser.add_argument("--ablations", action="store_true", help="also entities-only, text-only")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()

    from reader.analysis.related import RelatedSettings, related_model
    from reader.library import Library

    clusters = json.loads(args.clusters.read_text(encoding="utf-8"))
    event = {d: c for c, docs in clusters["by_event_cluster"].items() for d in docs}
    topic = {d: t for t, docs in clusters["by_topic"].items() for d in docs}
    sizes = {c: len(docs) for c, docs in clusters["by_event_cluster"].items()}

    library = Library([args.corpus])
    t0 = time.perf_counter()
    library.update_index()
    index_s = time.perf_counter() - t0
    summaries = library.summaries()
    name_of = {s.id: _name(s.path) for s in summaries}

    searcher = library.searcher()
    docnum = {searcher.stored_fields(n)["id"]: n for n in range(searcher.doc_count_all())
              if not searcher.reader().is_deleted(n)}
    runs: dict[str, dict[str, list[str]]] = {}
    timing: dict[str, float] = {}

    t0 = time.perf_counter()
    anchor = {}
    for s in summaries:
        n = docnum[s.id]
        body = searcher.stored_fields(n).get("body", "")
        hits = searcher.more_like(n, "body", text=body, top=5, numterms=20)
        anchor[name_of[s.id]] = [name_of[h["id"]] for h in hits]
    timing["whoosh more_like (anchor)"] = time.perf_counter() - t0
    runs["whoosh more_like (anchor)"] = anchor

    variants = {"related (shipped)": RelatedSettings()}
    if args.ablations:
        base = RelatedSettings()
        variants["  text only (fast MLT)"] = replace(base, entity_weight=0.0, phrase_weight=0.0)
        variants["  entities only"] = replace(base, text_weight=0.0, phrase_weight=0.0)
        variants["  entities + text"] = replace(base, phrase_weight=0.0)
        variants["  entities + text + phrasing"] = replace(base, number_weight=0.0)
        variants["  no duplicate collapsing"] = replace(base, collapse=False)
    _ = library.linking
    for label, settings in variants.items():
        model = related_model(library, settings)
        t0 = time.perf_counter()
        ranked = {}
        explained = 0
        for s in summaries:
            items = model.related(s.id, limit=5)
            ranked[name_of[s.id]] = [name_of[r.summary.id] for r in items]
            explained += all(r.reason for r in items)
        timing[label] = time.perf_counter() - t0
        runs[label] = ranked
        if explained != len(summaries):
            print(f"warning: {label}: {len(summaries) - explained} lists without reasons")

    results = {label: evaluate(r, event, topic, sizes) for label, r in runs.items()}
    anchor_hard = results["whoosh more_like (anchor)"]["hard_neg"]
    if args.json:
        print(json.dumps({"results": results, "seconds": timing, "index_seconds": index_s}))
        return 0
    print(f"ECB+: {len(summaries)} articles, {len(sizes)} event clusters, "
          f"{len(set(topic.values()))} topics (index {index_s:.1f} s)\n")
    print(f"| {'method':<28} | recall@5 | MRR    | hard neg in top 5 | ms/article |")
    print(f"|{'-' * 30}|----------|--------|-------------------|------------|")
    for label, r in results.items():
        ms = timing[label] / len(summaries) * 1000
        print(f"| {label:<28} | {r['recall@5']:.4f}   | {r['mrr']:.4f} | "
              f"{r['hard_neg'] * 100:5.2f} %           | {ms:8.1f}   |")
    shipped = results["related (shipped)"]
    print(f"\ntargets: recall@5 >= 0.96 -> {shipped['recall@5']:.4f}; hard negatives <= "
          f"{anchor_hard / 2 * 100:.2f} % (half the anchor) -> {shipped['hard_neg'] * 100:.2f} %")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
