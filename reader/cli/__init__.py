"""Command line: ``reader [PATH ...]`` opens the TUI; subcommands per DESIGN.md section 4.

Each subcommand lives in its own module exposing ``register(subparsers)``; the
handler it sets as ``func`` takes the parsed args and returns an exit code.
Errors go to stderr as one line with a non-zero exit code.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from reader import __version__
from reader.cli.common import CliError

SUBCOMMAND_MODULES = (
    "reader.cli.index_cmd",
    "reader.cli.search_cmd",
    "reader.cli.entities_cmd",
    "reader.cli.related_cmd",
    "reader.cli.notes_cmd",
    "reader.cli.open_cmd",
)


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser with every available subcommand."""
    parser = argparse.ArgumentParser(
        prog="reader",
        description="A terminal news reader that knows who and where each article is about.",
        epilog="With no subcommand, opens the reading screen on PATHs (default: the bundled seeds).",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue  # subcommand not built yet
            raise
        module.register(sub)
    return parser


def run(argv: list[str]) -> int:
    """Parse ``argv`` and run; returns the exit code."""
    parser = build_parser()
    commands = set(parser._subparsers._group_actions[0].choices) if parser._subparsers else set()
    if not argv or (argv[0] not in commands and argv[0] not in ("-h", "--help", "--version")):
        from reader.cli.tui_cmd import open_tui

        return open_tui(argv)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except CliError as exc:
        print(f"reader: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("reader: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
