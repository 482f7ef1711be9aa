"""``reader extract``, ``reader entities`` (and its corrections), ``reader mentions``.

``extract`` needs no library: it reads the exact text of each file and links all files
together as one small corpus. The other two use the corpus's index (``--corpus``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.cli.common import CliError, add_common, open_library, print_json, print_jsonl

CORRECTIONS = {
    "merge": ("ENTITY", "OTHER"),
    "split": ("ENTITY", "ALIAS"),
    "rename": ("ENTITY", "NAME"),
    "kind": ("ENTITY", "KIND"),
    "ignore": ("SURFACE",),
    "alias": ("ENTITY", "ALIAS"),
}


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``extract``, ``entities`` and ``mentions`` subcommands."""
    ex = sub.add_parser(
        "extract",
        help="find places and actors in files (JSON Lines)",
        description="Runs entity extraction over the exact text of each FILE, all files linked "
        "together (same entity => same id). Prints one JSON object per file.",
    )
    ex.add_argument("files", nargs="+", type=Path, metavar="FILE")
    ex.add_argument("--json", action="store_true", help="JSON Lines (the default output)")
    ex.add_argument("--text", action="store_true", help="a readable listing instead of JSON")
    ex.set_defaults(func=run_extract)

    en = sub.add_parser(
        "entities",
        help="the corpus's entity table, and corrections to it",
        description="Without an action: the entity table. Actions: merge ENTITY OTHER | "
        "split ENTITY ALIAS | rename ENTITY NAME | kind ENTITY KIND [TYPE] | ignore SURFACE | "
        "alias ENTITY ALIAS | undo | history. ENTITY is an id or any alias.",
    )
    add_common(en)
    en.add_argument("action", nargs="?", choices=(*CORRECTIONS, "undo", "history", "list"),
                    default="list", help="a correction, undo, history (default: list)")
    en.add_argument("args", nargs="*", help="arguments of the action")
    en.add_argument("--kind", choices=("place", "actor"), help="list only this kind")
    en.add_argument("--limit", type=int, default=0, help="list at most N entities")
    en.set_defaults(func=run_entities)

    me = sub.add_parser(
        "mentions",
        help="every mention of one entity (id or any alias)",
        description="Path, offsets (into the article body) and context line of each mention.",
    )
    add_common(me)
    me.add_argument("entity", nargs="+", help="entity id or alias")
    me.set_defaults(func=run_mentions)


def _mention_dict(m) -> dict:
    return {
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "entity": m.entity,
        "name": m.name,
        "kind": m.kind,
        "type": m.type,
    }


def run_extract(args: argparse.Namespace) -> int:
    """Extract and link entities over FILEs; JSON Lines on stdout."""
    from reader.entities import EntityEngine

    texts: dict[str, str] = {}
    for path in args.files:
        try:
            with open(path, encoding="utf-8", newline="") as handle:
                texts[str(path)] = handle.read()
        except FileNotFoundError:
            raise CliError(f"no such file: {path}") from None
        except IsADirectoryError:
            raise CliError(f"is a folder, not a file: {path}") from None
        except UnicodeDecodeError:
            raise CliError(f"not UTF-8 text: {path}") from None
        except OSError as exc:
            raise CliError(f"cannot read {path}: {exc.strerror or exc}") from None
    engine = EntityEngine()
    result = engine.extract_texts(texts)
    for path in texts:
        mentions = result[path]
        if args.text:
            print(path)
            for m in mentions:
                print(f"  {m.start:>7}-{m.end:<7} {m.kind:<6} {m.type:<18} {m.text}  -> {m.entity}")
        else:
            print_jsonl({"path": path, "mentions": [_mention_dict(m) for m in mentions]})
    return 0


def _entity_dict(e) -> dict:
    return {
        "id": e.id,
        "name": e.name,
        "kind": e.kind,
        "type": e.type,
        "aliases": list(e.aliases),
        "mentions": e.mention_count,
        "articles": e.article_count,
    }


def run_entities(args: argparse.Namespace) -> int:
    """List entities, or apply/undo/show corrections."""
    from reader.entities import CorrectionsError

    action = args.action
    if action in CORRECTIONS:
        needed = CORRECTIONS[action]
        extra_ok = 1 if action == "kind" else 0
        if not (len(needed) <= len(args.args) <= len(needed) + extra_ok):
            raise CliError(f"usage: reader entities {action} {' '.join(needed)}"
                           + (" [TYPE]" if extra_ok else ""), code=2)
        if action == "kind" and args.args[1] not in ("place", "actor"):
            raise CliError("KIND must be place or actor", code=2)
        library = open_library(args)
        try:
            if action in ("merge", "split", "rename", "kind", "alias"):
                if library.entity(args.args[0]) is None:
                    raise CliError(f"no entity {args.args[0]!r} in this corpus")
            if action == "merge" and library.entity(args.args[1]) is None:
                raise CliError(f"no entity {args.args[1]!r} in this corpus")
            description = library.correct(action, *args.args)
        except CorrectionsError as exc:
            raise CliError(str(exc)) from None
        if args.json:
            print_json({"done": description})
        else:
            print(description)
        return 0
    if args.args:
        raise CliError(f"'{action}' takes no arguments", code=2)
    if action == "undo":
        library = open_library(args)
        try:
            description = library.undo_correction()
        except CorrectionsError as exc:
            raise CliError(str(exc)) from None
        if args.json:
            print_json({"undone": description})
        else:
            print(f"undone: {description}" if description else "nothing to undo")
        return 0
    if action == "history":
        library = open_library(args, update=False)
        try:
            history = library.corrections.history()
        except CorrectionsError as exc:
            raise CliError(str(exc)) from None
        if args.json:
            print_json(history)
        else:
            for i, item in enumerate(history, 1):
                print(f"{i:>3}. {item.get('at', ''):<25} {item['description']}")
            if not history:
                print("no corrections")
        return 0
    library = open_library(args)
    try:
        entities = library.entities()
    except CorrectionsError as exc:
        raise CliError(str(exc)) from None
    if args.kind:
        entities = [e for e in entities if e.kind == args.kind]
    if args.limit > 0:
        entities = entities[: args.limit]
    if args.json:
        print_json([_entity_dict(e) for e in entities])
        return 0
    width = min(40, max([len(e.id) for e in entities] + [2]))
    print(f"{'ID':<{width}}  {'NAME':<30} {'KIND':<6} {'TYPE':<18} {'MENT':>5} {'ART':>4}  ALIASES")
    for e in entities:
        aliases = ", ".join(e.aliases)
        if len(aliases) > 60:
            aliases = aliases[:57] + "..."
        print(f"{e.id:<{width}}  {e.name[:30]:<30} {e.kind:<6} {e.type[:18]:<18} "
              f"{e.mention_count:>5} {e.article_count:>4}  {aliases}")
    return 0


def run_mentions(args: argparse.Namespace) -> int:
    """Every mention of one entity across the corpus."""
    from reader.entities import CorrectionsError

    name = " ".join(args.entity)
    library = open_library(args)
    try:
        entity = library.entity(name)
    except CorrectionsError as exc:
        raise CliError(str(exc)) from None
    if entity is None:
        raise CliError(f"no entity {name!r} in this corpus")
    from reader.analysis.kwic import context, sentence_bounds

    rows = []
    bodies: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    for summary, m in library.entity_mentions(entity.id):
        if summary.id not in bodies:
            text = library.article(summary.id).body
            bodies[summary.id] = (text, sentence_bounds(text))
        body, bounds = bodies[summary.id]
        rows.append({
            "path": summary.path,
            "article": summary.id,
            "title": summary.title,
            **_mention_dict(m),
            "context": "".join(context(body, m.start, m.end, bounds)),  # the KWIC line
        })
    if args.json:
        print_json({"entity": _entity_dict(entity), "mentions": rows})
        return 0
    print(f"{entity.name} ({entity.id}, {entity.kind}/{entity.type}): "
          f"{entity.mention_count} mentions in {entity.article_count} articles", file=sys.stderr)
    for r in rows:
        print(f"{r['path']}:{r['start']}-{r['end']}: {r['context']}")
    return 0
