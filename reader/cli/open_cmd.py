"""``reader open 'reader://ARTICLE-ID#START-END'``: open the reading screen at a note's passage."""

from __future__ import annotations

import argparse

from reader.cli.common import CliError, add_common, corpus_roots, open_library, print_json
from reader.notes.backlink import BacklinkError, parse_backlink


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``open`` subcommand."""
    parser = sub.add_parser("open", help="open a reader:// backlink (from a notes export)",
                            description="Opens the article of a backlink at its passage. "
                            "Example: reader open 'reader://3f2a...#120-180'")
    add_common(parser)
    parser.add_argument("url", help="reader://ARTICLE-ID#START-END")
    parser.add_argument("--print", action="store_true",
                        help="print the article title and the passage instead of opening the TUI")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Resolve the backlink; print the passage or open the TUI there."""
    try:
        link = parse_backlink(args.url)
    except BacklinkError as exc:
        raise CliError(str(exc), code=2) from None
    if args.print or args.json:
        return _print(args, link)
    roots = corpus_roots(args)
    try:
        from reader.cli.tui_cmd import open_tui_at
    except ImportError as exc:
        raise CliError(f"the reading screen is not available ({exc}); use --print") from None
    return int(open_tui_at(roots, link.article_id, link.start, link.end) or 0)


def _print(args: argparse.Namespace, link) -> int:
    from reader.library import ArticleMissing

    library = open_library(args)
    try:
        article = library.article(link.article_id)
    except ArticleMissing:
        raise CliError(f"no article {link.article_id!r} in this corpus (wrong --corpus?)") from None
    if link.end > len(article.body):
        raise CliError(f"passage {link.start}-{link.end} is past the end of the article "
                       f"({len(article.body)} characters); was the file edited?")
    passage = article.body[link.start : link.end]
    if args.json:
        print_json({"id": article.id, "path": str(article.path), "title": article.title,
                    "start": link.start, "end": link.end, "passage": passage})
    else:
        print(article.title)
        print(str(article.path))
        print()
        print(passage)
    return 0
