"""``reader index [--rebuild]``: build or update the index and report what changed."""

from __future__ import annotations

import argparse
import sys

from reader.cli.common import CliError, add_common, corpus_roots, print_json, shown
from reader.cli.progress import progress_printer


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``index`` subcommand."""
    parser = sub.add_parser("index", help="build or update the index of the corpus")
    add_common(parser)
    parser.add_argument("--rebuild", action="store_true", help="rebuild from scratch")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Update the index; print counts and every skipped file with its reason."""
    from reader.index import IndexLocked
    from reader.library import Library

    library = Library(corpus_roots(args))
    try:
        with progress_printer("indexing") as progress:
            report = library.update_index(progress=progress, rebuild=args.rebuild)
    except IndexLocked as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"cannot write the index ({exc.strerror or exc}): {exc.filename or ''}") from None
    if args.json:
        print_json({
            "added": report.added, "updated": report.updated, "removed": report.removed,
            "unchanged": report.unchanged,
            "skipped": [{"path": p, "reason": r} for p, r in report.skipped],
            "rebuilt_reason": report.rebuilt_reason, "seconds": round(report.seconds, 3),
        })
        return 0
    if report.rebuilt_reason:
        print(f"index rebuilt: {report.rebuilt_reason}", file=sys.stderr)
    print(f"added {report.added}, updated {report.updated}, removed {report.removed}, "
          f"unchanged {report.unchanged}, skipped {len(report.skipped)} ({report.seconds:.2f} s)")
    for path, reason in report.skipped:
        print(f"skipped {shown(path)}: {shown(reason)}")
    return 0
