"""``reader search QUERY``: ranked hits with snippets, suggestions and facet counts."""

from __future__ import annotations

import argparse
import sys

from reader.cli.common import CliError, add_common, open_library, print_json, shown
from reader.model import HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``search`` subcommand."""
    parser = sub.add_parser("search", help="search the corpus (Whoosh query syntax)",
                            description='Examples: aleppo airport | "Hayat Tahrir" | title:russia | '
                            'source:reuters | date:[2020-01-01 to 2020-12-31] | entity:hts | '
                            "place:idlib | offens* | aleppo NOT damascus")
    add_common(parser)
    parser.add_argument("query", nargs="+", help="the query")
    parser.add_argument("--limit", type=int, default=20, help="maximum hits (default 20)")
    parser.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    parser.add_argument("--source", action="append", default=[], help="only this source (facet)")
    parser.add_argument("--year", action="append", default=[], help="only this year (facet)")
    parser.add_argument("--entity", action="append", default=[], help="only articles mentioning it")
    parser.set_defaults(func=run)


def _plain(snippet: str, tty: bool) -> str:
    if tty:
        return snippet.replace(HIGHLIGHT_OPEN, "\x1b[1;33m").replace(HIGHLIGHT_CLOSE, "\x1b[0m")
    return snippet.replace(HIGHLIGHT_OPEN, "").replace(HIGHLIGHT_CLOSE, "")


def run(args: argparse.Namespace) -> int:
    """Search and print hits (or one JSON document)."""
    library = open_library(args)
    text = " ".join(args.query)
    filters = {"source": args.source, "year": args.year, "entity": args.entity}
    result = library.search(text, limit=max(1, args.limit), filters=filters, sort=args.sort)
    if result.error:
        raise CliError(f"bad query: {result.error}", code=2)
    if args.json:
        print_json({
            "query": result.query, "total": result.total, "suggestion": result.suggestion,
            "facets": result.facets,
            "hits": [{"path": h.path, "title": h.title, "date": h.date, "source": h.source,
                      "score": h.score, "snippet": _plain(h.snippet, False), "id": h.article_id}
                     for h in result.hits],
        })
        return 0
    tty = sys.stdout.isatty()
    if result.suggestion:
        print(f"did you mean: {result.suggestion}")
    print(f"{result.total} article(s) match")
    for hit in result.hits:
        meta = " · ".join(x for x in (hit.source, hit.date) if x)
        print(f"\n{hit.rank}. {hit.title}" + (f"  [{meta}]" if meta else ""))
        print(f"   {shown(hit.path)}")
        print(f"   {_plain(hit.snippet, tty)}")
    return 0
