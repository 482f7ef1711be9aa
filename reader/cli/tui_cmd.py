"""``reader [PATH ...]``: open the reading screen (the only CLI module that starts Textual).

``open_tui`` parses paths (none: the bundled seeds); ``open_tui_at`` opens one
passage (``reader open reader://ID#S-E``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader",
        description="Open the reading screen on article folders or files "
        "(default: the bundled seeds).",
        epilog="Keys: ? for help, ctrl+p for every command, q to quit.",
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="article folder or file"
    )
    return parser


def _run(
    roots: list[Path] | None, article_id: str | None = None, start: int = 0, end: int | None = None
) -> int:
    from reader.library import Library
    from reader.tui.app import ReaderApp
    from reader.tui.navigation import Position

    library = Library(roots or None)
    target = Position(article_id, start, end) if article_id else None
    app = ReaderApp(library, start=target)
    try:
        app.run()
    finally:
        close = getattr(library, "close", None)
        if close is not None:
            close()
    return int(app.return_code or 0)


def open_tui(argv: list[str]) -> int:
    """Open the TUI on ``argv`` paths; a missing path is a one-line error (exit 2)."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # --help (0) or a usage error (2)
        return int(exc.code or 0)
    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        print(f"reader: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    return _run(list(args.paths) or None)


def open_tui_at(roots: list[Path] | None, article_id: str, start: int, end: int | None) -> int:
    """Open the TUI at one passage of one article."""
    return _run(roots, article_id, start, end)
