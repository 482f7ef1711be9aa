"""``reader related PATH`` and ``reader entity ENTITY`` (issue 4)."""

from __future__ import annotations

import argparse
import sys

from reader.cli.common import CliError, add_common, open_library, print_json


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``related`` and ``entity`` subcommands."""
    rel = sub.add_parser("related", help="other coverage of the same story as an article",
                         description="Articles related to PATH by shared entities (rare ones "
                         "weigh more), similar wording and closeness in date; near-duplicate "
                         "copies are collapsed. Each result says why it is related.")
    add_common(rel)
    rel.add_argument("path", help="an article file of the corpus")
    rel.add_argument("--limit", type=int, default=10, help="at most N articles (default 10)")
    rel.set_defaults(func=run_related)

    ent = sub.add_parser("entity", help="everything about one entity (id or any alias)",
                         description="Timeline (sparkline), co-occurring entities, sources, the "
                         "descriptions outlets put next to the name, and keyword-in-context lines.")
    add_common(ent)
    ent.add_argument("entity", nargs="+", help="entity id or alias")
    ent.add_argument("--granularity", choices=("auto", "day", "week", "month", "year"),
                     default="auto", help="timeline periods (default: fit about 60)")
    ent.add_argument("--limit", type=int, default=10,
                     help="rows per section (default 10; contexts: 5x)")
    ent.set_defaults(func=run_entity)


def _summary_dict(s) -> dict:
    return {"path": s.path, "title": s.title, "date": s.date, "source": s.source, "id": s.id}


def run_related(args: argparse.Namespace) -> int:
    """Print the related articles of PATH."""
    from reader.library import ArticleMissing

    library = open_library(args)
    try:
        article = library.article_by_path(args.path)
    except ArticleMissing as exc:
        raise CliError(str(exc)) from None
    items = library.related(article.id, limit=max(1, args.limit))
    if args.json:
        print_json([{
            **_summary_dict(r.summary),
            "score": r.score,
            "shared_entities": r.shared_entities,
            "text_score": r.text_score,
            "entity_score": r.entity_score,
            "days_apart": r.days_apart,
            "duplicate": r.duplicate,
            "copy_of_open": r.copy_of_open,
            "duplicates": [d.path for d in r.duplicates],
            "reason": r.reason,
        } for r in items])
        return 0
    print(f"related to: {article.title or article.relpath}", file=sys.stderr)
    if not items:
        print("no related articles")
    for rank, r in enumerate(items, 1):
        meta = " · ".join(x for x in (r.summary.source, r.summary.date) if x)
        print(f"\n{rank}. {r.summary.title or '(untitled)'}" + (f"  [{meta}]" if meta else ""))
        print(f"   {r.summary.path}")
        print(f"   {r.score:.3f}  {'duplicate · ' if r.duplicate else ''}{r.reason}")
        for copy in r.duplicates:
            print(f"   also: {copy.path}")
    return 0


def _pairs(items) -> list[dict]:
    return [{"name": getattr(k, "name", k), "id": getattr(k, "id", None), "count": n}
            if hasattr(k, "name") else {"name": k, "count": n} for k, n in items]


def run_entity(args: argparse.Namespace) -> int:
    """Print the entity view of ENTITY."""
    from reader.analysis.timeline import auto_granularity, sparkline

    name = " ".join(args.entity)
    library = open_library(args)
    view = library.entity_view(name)
    if view is None:
        raise CliError(f"no entity {name!r} in this corpus")
    granularity = auto_granularity(view.dates) if args.granularity == "auto" else args.granularity
    line = view.timeline_by(granularity)
    limit = max(1, args.limit)
    e = view.entity
    if args.json:
        print_json({
            "entity": {"id": e.id, "name": e.name, "kind": e.kind, "type": e.type,
                       "aliases": list(e.aliases), "mentions": e.mention_count,
                       "articles": e.article_count},
            "timeline": {"granularity": granularity, "undated": view.undated,
                         "periods": [{"period": p, "count": n} for p, n in line]},
            "cooccurring": _pairs(view.cooccurring),
            "cooccurring_sentences": _pairs(view.cooccurring_sentences),
            "sources": _pairs(view.sources),
            "descriptions": _pairs(view.descriptions),
            "descriptions_by_source": {source: _pairs(items) for source, items
                                       in view.descriptions_by_source.items()},
            "aliases_used": _pairs(view.aliases_used),
            "contexts": [{**_summary_dict(k.summary), "start": k.mention.start,
                          "end": k.mention.end, "text": k.mention.text, "left": k.left,
                          "match": k.match, "right": k.right} for k in view.contexts],
        })
        return 0
    print(f"{e.name}  ({e.id}, {e.kind}/{e.type}) — {e.mention_count} mentions in "
          f"{e.article_count} articles")
    if e.aliases:
        print(f"aliases: {', '.join(e.aliases)}")
    if line:
        print(f"\ntimeline ({granularity}, articles; {line[0][0]} … {line[-1][0]}"
              + (f"; {view.undated} undated" if view.undated else "") + ")")
        print(f"  {sparkline([n for _, n in line])}  max {max(n for _, n in line)}")
    elif view.undated:
        print(f"\ntimeline: {view.undated} undated article(s)")
    sections = [("co-occurring (articles)", view.cooccurring),
                ("co-occurring (sentences)", view.cooccurring_sentences),
                ("sources (articles)", view.sources),
                ("descriptions", view.descriptions)]
    for title, items in sections:
        if items:
            print(f"\n{title}")
            for key, n in items[:limit]:
                print(f"  {n:>5}  {getattr(key, 'name', key)}")
    if len(view.descriptions_by_source) > 1:
        print("\ndescriptions by source")
        for source, items in view.descriptions_by_source.items():
            print(f"  {source}: " + ", ".join(f"{p} ({n})" for p, n in items[:5]))
    if view.contexts:
        shown = view.contexts[: limit * 5]
        print(f"\nmentions ({len(shown)} of {len(view.contexts)})")
        for k in shown:
            head = " ".join(x for x in (k.summary.date, k.summary.source) if x)
            print(f"  {head + ' ' if head else ''}{k.left}[{k.match}]{k.right}")
    return 0
