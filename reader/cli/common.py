"""Pieces every subcommand shares: ``--corpus``/``--json`` options, opening the library, output."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from reader import paths


class CliError(Exception):
    """A user-facing failure: printed as one line on stderr, exit code ``code``."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def add_common(parser: argparse.ArgumentParser) -> None:
    """Add ``--corpus PATH`` (repeatable) and ``--json`` to a subcommand parser."""
    parser.add_argument(
        "--corpus",
        action="append",
        type=Path,
        metavar="PATH",
        help="article folder or file (repeatable; default: the bundled seeds)",
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output on stdout")


def corpus_roots(args: argparse.Namespace) -> list[Path]:
    """The corpus roots named on the command line, or the seeds; missing paths are an error."""
    roots = list(args.corpus or [paths.seeds_dir()])
    missing = [str(p) for p in roots if not p.exists()]
    if missing:
        raise CliError(f"no such file or folder: {', '.join(missing)}")
    return roots


def open_library(args: argparse.Namespace, update: bool = True):  # -> Library
    """Open the library for ``args`` and bring its index up to date (quietly unless a tty)."""
    from reader.cli.progress import progress_printer
    from reader.library import Library

    library = Library(corpus_roots(args))
    if update:
        with progress_printer("indexing") as progress:
            library.update_index(progress=progress)
    return library


def print_json(document: Any) -> None:
    """Print one JSON document on stdout."""
    json.dump(document, sys.stdout, ensure_ascii=False, indent=None, default=str)
    sys.stdout.write("\n")


def print_jsonl(document: Any) -> None:
    """Print one JSON Lines record on stdout."""
    json.dump(document, sys.stdout, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def shown(text: object) -> str:
    """``text`` safe to print on a terminal: control, bidi and surrogate characters become ``?``.

    For file names and other text that did not pass through article sanitising (a file
    name can hold escape sequences or newlines), as ``ls`` does.
    """
    return _UNPRINTABLE.sub("?", str(text))
