"""``reader notes list|add|edit|delete|export``: annotations from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.atomic import write_atomic
from reader.cli.common import CliError, add_common, open_library, print_json, shown
from reader.notes import COLORS, DEFAULT_COLOR, NoteError, StoreError, new_note
from reader.notes.export import json_export, markdown_export, markdown_export_split
from reader.notes.model import Note
from reader.notes.resolve import reanchor_all
from reader.notes.serial import note_to_dict


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``notes`` subcommand and its actions."""
    parser = sub.add_parser("notes", help="list, add, edit, delete and export notes",
                            description="Notes are highlighted passages with a comment, tags and "
                            "a colour, kept in the user data folder (see docs/notes.md).")
    actions = parser.add_subparsers(dest="action", metavar="ACTION")

    p = actions.add_parser("list", help="list notes (re-anchored against the current articles)")
    add_common(p)
    p.add_argument("--tag", help="only notes with this tag")
    p.add_argument("--article", metavar="PATH", help="only notes on this article file")
    p.add_argument("--text", help="only notes whose quote/comment/tags contain this text")
    p.add_argument("--entity", help="only notes whose quote mentions this entity (id or name)")
    p.set_defaults(func=run_list)

    p = actions.add_parser("add", help="annotate body[START:END] of an article")
    add_common(p)
    p.add_argument("path", help="article file (or article id)")
    p.add_argument("--start", type=int, required=True, help="start offset into the article body")
    p.add_argument("--end", type=int, required=True, help="end offset (exclusive)")
    p.add_argument("--comment", default="", help="Markdown comment")
    p.add_argument("--tag", action="append", default=[], help="tag (repeatable)")
    p.add_argument("--color", choices=tuple(COLORS), default=DEFAULT_COLOR,
                   help="highlight colour: " + ", ".join(f"{c} ({m})" for c, m in COLORS.items()))
    p.set_defaults(func=run_add)

    p = actions.add_parser("edit", help="change a note's comment, tags or colour")
    add_common(p)
    p.add_argument("id", help="note id (or a unique prefix)")
    p.add_argument("--comment", help="new Markdown comment")
    p.add_argument("--tag", action="append", help="new tags (repeatable; replaces the old ones)")
    p.add_argument("--color", choices=tuple(COLORS))
    p.set_defaults(func=run_edit)

    p = actions.add_parser("delete", help="delete a note (its file moves to the trash folder)")
    add_common(p)
    p.add_argument("id", help="note id (or a unique prefix)")
    p.set_defaults(func=run_delete)

    p = actions.add_parser("export", help="export notes as Markdown or Web Annotation JSON-LD")
    add_common(p)
    p.add_argument("--format", choices=("md", "json"), default="md")
    p.add_argument("--split", action="store_true", help="one file per article (needs --output DIR)")
    p.add_argument("--output", "-o", type=Path, metavar="FILE_OR_DIR",
                   help="where to write (default: stdout)")
    p.add_argument("--tag", help="only notes with this tag")
    p.add_argument("--article", metavar="PATH", help="only notes on this article file")
    p.set_defaults(func=run_export)
    parser.set_defaults(func=lambda args: _usage(parser))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _article(library, ref: str):
    """The article named by a path (or an article id)."""
    from reader.library import ArticleMissing

    try:
        return library.article_by_path(ref)
    except ArticleMissing as exc:
        try:
            return library.article(ref)
        except ArticleMissing:
            raise CliError(str(exc)) from None


def _selected(library, args: argparse.Namespace) -> tuple[list[Note], dict]:
    """Notes matching the filters of ``args``, re-anchored, and their articles' export data."""
    store = library.notes
    for path, reason in store.errors:
        print(f"reader: warning: note file {path} not loaded: {reason}", file=sys.stderr)
    article_id = _article(library, args.article).id if getattr(args, "article", None) else None
    notes = store.search(text=getattr(args, "text", None), tag=args.tag,
                         entity=getattr(args, "entity", None), article_id=article_id)
    return reanchor_all(notes, library.article)


def note_json(note: Note) -> dict:
    """A note for ``--json`` output: stored fields plus where it anchors now and its backlink."""
    from reader.notes.export import backlink_for

    data = note_to_dict(note)
    data["anchor"] = {"state": note.state, "start": note.start, "end": note.end,
                      "score": note.anchor.score if note.anchor else 100.0}
    data["link"] = backlink_for(note)
    return data


def _one_line(text: str, width: int) -> str:
    flat = shown(" ".join(text.split()))
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def run_list(args: argparse.Namespace) -> int:
    """Print notes (one JSON document with ``--json``)."""
    library = open_library(args)
    notes, _ = _selected(library, args)
    if args.json:
        print_json({"notes": [note_json(n) for n in notes], "count": len(notes)})
        return 0
    if not notes:
        print("no notes")
        return 0
    for note in notes:
        tags = shown(" ".join(f"#{t}" for t in note.tags))
        print(f"{note.id}  {note.state:<8}  {note.color:<6}  {shown(note.article_path or note.article_id)}"
              f"  {note.start}-{note.end}  {tags}".rstrip())
        print(f"    > {_one_line(note.quote.exact, 100)}")
        if note.comment.strip():
            print(f"    {_one_line(note.comment, 100)}")
    print(f"{len(notes)} note(s)")
    return 0


def run_add(args: argparse.Namespace) -> int:
    """Create a note on a passage; prints its id (or the note as JSON)."""
    library = open_library(args)
    article = _article(library, args.path)
    try:
        mentions = library.mentions(article.id)
    except Exception as exc:  # noqa: BLE001 - entities are a bonus, the note is what matters
        print(f"reader: warning: entities not available ({exc})", file=sys.stderr)
        mentions = []
    try:
        note = new_note(article, args.start, args.end, comment=args.comment, tags=args.tag,
                        color=args.color, mentions=mentions)
        note = library.notes.add(note)
    except (NoteError, StoreError, OSError) as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print_json(note_json(note))
    else:
        print(note.id)
    return 0


def run_edit(args: argparse.Namespace) -> int:
    """Change a note's comment, tags or colour."""
    library = open_library(args, update=False)
    try:
        note = library.notes.resolve(args.id)
        changes = {}
        if args.comment is not None:
            changes["comment"] = args.comment
        if args.tag is not None:
            from reader.notes.model import normalise_tags

            changes["tags"] = normalise_tags(args.tag)
        if args.color is not None:
            changes["color"] = args.color
        if not changes:
            raise CliError("nothing to change: give --comment, --tag or --color", code=2)
        note = library.notes.update(note.with_changes(**changes))
    except (NoteError, StoreError, OSError) as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print_json(note_json(note))
    else:
        print(f"updated {note.id}")
    return 0


def run_delete(args: argparse.Namespace) -> int:
    """Delete a note (moved to the store's trash folder)."""
    library = open_library(args, update=False)
    try:
        note = library.notes.delete(library.notes.resolve(args.id).id)
    except (StoreError, OSError) as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print_json(note_json(note))
    else:
        print(f"deleted {note.id}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Write notes as Markdown (one file or one per article) or JSON-LD."""
    import json

    library = open_library(args)
    notes, articles = _selected(library, args)
    if args.split:
        if args.output is None:
            raise CliError("--split writes one file per article: give --output DIR", code=2)
        if args.output.exists() and not args.output.is_dir():
            raise CliError(f"{args.output} is not a folder", code=2)
        if args.format == "md":
            files = markdown_export_split(notes, articles)
        else:
            files = {}
            for article_id in dict.fromkeys(n.article_id for n in notes):
                group = [n for n in notes if n.article_id == article_id]
                name = f"{article_id}.jsonld"
                files[name] = json.dumps(json_export(group, articles), ensure_ascii=False, indent=2)
        try:
            for name, text in files.items():
                write_atomic(args.output / name, text if text.endswith("\n") else text + "\n")
        except OSError as exc:
            raise CliError(f"cannot write to {args.output}: {exc.strerror or exc}") from None
        written = [str(args.output / name) for name in files]
    else:
        if args.format == "md":
            text = markdown_export(notes, articles)
        else:
            text = json.dumps(json_export(notes, articles), ensure_ascii=False, indent=2) + "\n"
        if args.output is None:
            sys.stdout.write(text)
            return 0
        if args.output.is_dir():
            raise CliError(f"{args.output} is a folder: name a file, or use --split", code=2)
        try:
            write_atomic(args.output, text)
        except OSError as exc:
            raise CliError(f"cannot write {args.output}: {exc.strerror or exc}") from None
        written = [str(args.output)]
    if args.json:
        print_json({"notes": len(notes), "files": written})
    else:
        print(f"exported {len(notes)} note(s) to {', '.join(written) if written else 'no files'}")
    return 0
