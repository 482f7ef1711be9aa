#!/usr/bin/env python3
"""Score the entity extractor against gold annotations that nobody on the project wrote.

- ``ner/re3d.jsonl`` and ``ner/wikigold.jsonl``: LOC -> place, PER/ORG -> actor, MISC ignored
  (MISC gold spans are dropped, and predictions overlapping a MISC span are not counted).
  Strict = exact span and kind; overlap = a prediction overlapping a gold span of the same kind
  (one-to-one). Each file is linked as one corpus (so corpus evidence works as in the app).
  "names" rows score only gold spans that start with a capital letter or digit (re3d also
  marks descriptions such as "the rebels" and pronouns, which a name extractor never emits).
- ECB+ cross-article entity chains (persons, organisations, places with mentions in several
  documents): a chain is *found* if our mentions overlap its named mentions in two or more
  documents, *one id* if all those overlapping mentions carry the same entity id; a *wrong
  join* is an entity id whose mentions overlap named mentions of two or more gold chains of
  the same topic (ECB+ annotates chains per topic, so "Greece" in two topics is two gold
  chains but one real entity; joins across topics are reported separately).

Usage: ``python bench/entities_quality.py [--data ../shared/data] [--ecb DIR] [--json]``
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.entities import EntityEngine  # noqa: E402
from reader.model import ACTOR, PLACE  # noqa: E402

LABELS = {"LOC": PLACE, "PER": ACTOR, "ORG": ACTOR}
CHAIN_TAGS = {"HUMAN_PART_PER", "HUMAN_PART_ORG", "LOC_GEO", "LOC_FAC", "HUMAN_PART_GPE"}


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall, F1."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score_ner(path: Path, engine: EntityEngine, names_only: bool = False,
              errors: list | None = None) -> dict:
    """Strict and overlap P/R/F1 of one gold file (``errors``: collects (doc, what, text, kind))."""
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    t0 = time.perf_counter()
    mentions = engine.extract_texts({d["id"]: d["text"] for d in docs})
    seconds = time.perf_counter() - t0
    tp_strict = tp_overlap = n_pred = n_gold = 0
    by_kind = defaultdict(lambda: [0, 0, 0])  # tp, pred, gold (strict)
    for d in docs:
        gold = [
            (e["start"], e["end"], LABELS[e["label"]])
            for e in d["entities"]
            if e["label"] in LABELS
            and (not names_only or e["text"][:1].isupper() or e["text"][:1].isdigit())
        ]
        misc = [(e["start"], e["end"]) for e in d["entities"] if e["label"] == "MISC"]
        if names_only:
            misc += [
                (e["start"], e["end"])
                for e in d["entities"]
                if e["label"] in LABELS and not (e["text"][:1].isupper() or e["text"][:1].isdigit())
            ]
        pred = [
            (m.start, m.end, m.kind)
            for m in mentions[d["id"]]
            if not any(m.start < e and s < m.end for s, e in misc)
        ]
        n_pred += len(pred)
        n_gold += len(gold)
        gold_set = set(gold)
        for p in pred:
            by_kind[p[2]][1] += 1
            if p in gold_set:
                tp_strict += 1
                by_kind[p[2]][0] += 1
        for g in gold:
            by_kind[g[2]][2] += 1
        if errors is not None:
            pred_set = set(pred)
            for p in pred:
                if p not in gold_set:
                    errors.append((d["id"], "FP", d["text"][p[0]:p[1]], p[2],
                                   _context(d["text"], p[0], p[1])))
            for g in gold:
                if g not in pred_set:
                    errors.append((d["id"], "FN", d["text"][g[0]:g[1]], g[2],
                                   _context(d["text"], g[0], g[1])))
        used = set()
        for s, e, k in pred:
            for i, (gs, ge, gk) in enumerate(gold):
                if i not in used and gk == k and s < ge and gs < e:
                    used.add(i)
                    tp_overlap += 1
                    break
    words = sum(len(d["text"].split()) for d in docs)
    return {
        "file": path.name + (" (names)" if names_only else ""),
        "docs": len(docs),
        "gold": n_gold,
        "pred": n_pred,
        "strict": prf(tp_strict, n_pred, n_gold),
        "overlap": prf(tp_overlap, n_pred, n_gold),
        "place_strict": prf(*by_kind[PLACE]),
        "actor_strict": prf(*by_kind[ACTOR]),
        "seconds": seconds,
        "words": words,
    }


def score_ecb(folder: Path, engine: EntityEngine) -> dict:
    """Cross-document chains of ECB+ (see module docstring)."""
    docs = {}
    for line in (folder / "ecbplus_docs.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        docs[d["id"]] = d["text"]
    chains = []
    for line in (folder / "ecbplus_entity_chains.jsonl").read_text(encoding="utf-8").splitlines():
        c = json.loads(line)
        if c["tag"] in CHAIN_TAGS:
            named = [m for m in c["mentions"] if _name_like(m[3]) and m[0] in docs]
            if len({m[0] for m in named}) >= 2:
                chains.append((c["id"], named, _topic(c["name"])))
    t0 = time.perf_counter()
    mentions = engine.extract_texts(docs)
    seconds = time.perf_counter() - t0
    found = one_id = 0
    id_chains: dict[str, set[str]] = defaultdict(set)
    chain_topic = {chain_id: topic for chain_id, _, topic in chains}
    for chain_id, named, _topic_name in chains:
        ids = set()
        hit_docs = set()
        for doc_id, s, e, _text in named:
            for m in mentions[doc_id]:
                if m.start < e and s < m.end:
                    ids.add(m.entity)
                    hit_docs.add(doc_id)
                    id_chains[m.entity].add(chain_id)
                    break
        if len(hit_docs) >= 2:
            found += 1
            if len(ids) == 1:
                one_id += 1
    wrong = 0
    across = 0
    for chains_of in id_chains.values():
        if len(chains_of) < 2:
            continue
        topics = [chain_topic[c] for c in chains_of]
        if len(set(topics)) < len(topics):
            wrong += 1
        else:
            across += 1
    return {
        "chains": len(chains),
        "found": found,
        "one_id": one_id,
        "ids": len(id_chains),
        "wrong_joins": wrong,
        "joins_across_topics": across,
        "seconds": seconds,
    }


def main(argv: list[str] | None = None) -> int:
    """Print the quality table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--ecb", type=Path, default=None, help="folder with ecbplus_*.jsonl")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--errors", metavar="FILE", type=Path, default=None,
                        help="write every strict error (FP/FN, text, kind, context) as TSV")
    args = parser.parse_args(argv)
    engine = EntityEngine()
    rows = []
    for name in ("re3d.jsonl", "wikigold.jsonl"):
        path = args.data / "ner" / name
        if path.exists():
            errors: list | None = [] if args.errors else None
            rows.append(score_ner(path, engine, errors=errors))
            rows.append(score_ner(path, engine, names_only=True))
            if errors is not None:
                out = args.errors.with_name(f"{args.errors.stem}.{path.stem}{args.errors.suffix}")
                out.write_text("".join("\t".join(map(str, e)) + "\n" for e in errors), "utf-8")
    ecb_dir = args.ecb or _find_ecb(args.data)
    ecb = score_ecb(ecb_dir, engine) if ecb_dir else None
    if args.json:
        print(json.dumps({"ner": rows, "ecb": ecb}, indent=1))
        return 0
    print(f"{'file':<24}{'gold':>6}{'pred':>6}  {'strict P':>8}{'R':>6}{'F1':>6}  "
          f"{'overlap P':>9}{'R':>6}{'F1':>6}  {'place F1':>8}{'actor F1':>9}")
    for r in rows:
        sp, sr, sf = r["strict"]
        op, or_, of = r["overlap"]
        print(f"{r['file']:<24}{r['gold']:>6}{r['pred']:>6}  {sp:>8.3f}{sr:>6.3f}{sf:>6.3f}  "
              f"{op:>9.3f}{or_:>6.3f}{of:>6.3f}  {r['place_strict'][2]:>8.3f}"
              f"{r['actor_strict'][2]:>9.3f}")
    if ecb:
        print(f"\nECB+ cross-article chains (named mentions, >=2 docs): {ecb['chains']} chains; "
              f"found {ecb['found']}; one id {ecb['one_id']} "
              f"({ecb['one_id'] / max(1, ecb['found']):.1%} of found); "
              f"ids joining two chains of one topic {ecb['wrong_joins']} of {ecb['ids']} "
              f"(and {ecb['joins_across_topics']} joining chains of different topics)")
    return 0


_NAME_GLUE = {"of", "the", "for", "and", "de", "al", "bin", "&", "-", ".", "'s", "’s", "'"}


def _name_like(text: str) -> bool:
    """A gold mention that is a name ("Tara Reid", "Bank of America"), not a description
    ("California rehab facility") or a pronoun."""
    tokens = text.split()
    return bool(tokens) and tokens[0][:1].isupper() and all(
        t[:1].isupper() or t[:1].isdigit() or t.lower() in _NAME_GLUE for t in tokens
    )


def _topic(chain_name: str) -> str:
    """``t19b_greece`` -> ``19`` (the ECB and ECB+ halves of a topic are one topic)."""
    head = chain_name.split("_", 1)[0].lstrip("t")
    return "".join(ch for ch in head if ch.isdigit())


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    """The mention in brackets with ``width`` characters either side, on one line."""
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    return f"{left}[{text[start:end]}]{right}".replace("\n", " ").replace("\t", " ")


def _find_ecb(data: Path) -> Path | None:
    for cand in (Path("/tmp/corpora/clusters/ecbplus"), data / "clusters" / "ecbplus"):
        if (cand / "ecbplus_entity_chains.jsonl").exists():
            return cand
    return None


if __name__ == "__main__":
    raise SystemExit(main())
