"""Notes as plain data and as YAML text a person can read, diff and edit.

One note is one YAML mapping (see ``docs/notes.md`` for the layout). Loading uses
``yaml.safe_load`` only and checks every field, so a hand-edited file with a
mistake is reported with a reason instead of being half-understood.
"""

from __future__ import annotations

from typing import Any

import yaml

from reader.notes.model import (
    COLORS,
    DEFAULT_COLOR,
    Note,
    NoteEntity,
    NoteError,
    TextPositionSelector,
    TextQuoteSelector,
    normalise_tags,
)

FORMAT_VERSION = 1
HEADER = "# reader note (YAML). Safe to read and diff; edit with care: see docs/notes.md\n"


def note_to_dict(note: Note) -> dict[str, Any]:
    """The stored fields of a note as plain data (``anchor`` is not stored)."""
    return {
        "version": FORMAT_VERSION,
        "id": note.id,
        "article": note.article_id,
        "content_hash": note.content_hash,
        "path": note.article_path,
        "title": note.article_title,
        "color": note.color,
        "tags": list(note.tags),
        "created": note.created,
        "modified": note.modified,
        "position": {"start": note.position.start, "end": note.position.end},
        "quote": {
            "prefix": note.quote.prefix,
            "exact": note.quote.exact,
            "suffix": note.quote.suffix,
        },
        "entities": [{"id": e.id, "name": e.name} for e in note.entities],
        "comment": note.comment,
    }


def _str(data: dict, key: str, default: str | None = None) -> str:
    value = data.get(key, default)
    if value is None:
        raise NoteError(f"missing field {key!r}")
    if not isinstance(value, str):
        raise NoteError(f"field {key!r} must be text, not {type(value).__name__}")
    return value


def _int(data: dict, key: str) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise NoteError(f"field {key!r} must be a whole number")
    return value


def _map(data: dict, key: str) -> dict:
    value = data.get(key)
    if not isinstance(value, dict):
        raise NoteError(f"field {key!r} must be a mapping")
    return value


def note_from_dict(data: Any) -> Note:
    """Build and validate a note from plain data; raises :class:`NoteError` with a reason."""
    if not isinstance(data, dict):
        raise NoteError("not a YAML mapping")
    version = data.get("version", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        raise NoteError(f"unsupported note format version {version!r}")
    quote = _map(data, "quote")
    position = _map(data, "position")
    tags = data.get("tags") or []
    if not isinstance(tags, list):
        raise NoteError("field 'tags' must be a list")
    entities = data.get("entities") or []
    if not isinstance(entities, list) or not all(isinstance(e, dict) for e in entities):
        raise NoteError("field 'entities' must be a list of {id, name}")
    color = _str(data, "color", DEFAULT_COLOR)
    if color not in COLORS:
        raise NoteError(f"unknown colour {color!r}")
    note = Note(
        id=_str(data, "id"),
        article_id=_str(data, "article"),
        content_hash=_str(data, "content_hash", ""),
        quote=TextQuoteSelector(
            exact=_str(quote, "exact"),
            prefix=_str(quote, "prefix", ""),
            suffix=_str(quote, "suffix", ""),
        ),
        position=TextPositionSelector(_int(position, "start"), _int(position, "end")),
        comment=_str(data, "comment", ""),
        tags=normalise_tags(tags),
        entities=tuple(NoteEntity(_str(e, "id"), _str(e, "name", "")) for e in entities),
        color=color,
        created=_str(data, "created", ""),
        modified=_str(data, "modified", ""),
        article_path=_str(data, "path", ""),
        article_title=_str(data, "title", ""),
    )
    note.validate()
    return note


_SafeDumperBase = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def safe_load(text: str):
    """Parse a note file with ``yaml.safe_load`` (the project's only way of reading YAML)."""
    return yaml.safe_load(text)


class _Dumper(_SafeDumperBase):
    """Safe dumper writing multi-line text as ``|`` blocks where YAML allows it."""


def _str_presenter(dumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_presenter)


def dump_yaml(data: Any) -> str:
    """YAML text for plain data: unicode kept, key order kept, long lines not folded."""
    return yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100_000,
        default_flow_style=False,
    )


def note_to_yaml(note: Note) -> str:
    """The file text of a note."""
    return HEADER + dump_yaml(note_to_dict(note))


def note_from_yaml(text: str) -> Note:
    """Parse a note file's text (``yaml.safe_load``); raises :class:`NoteError` with a reason."""
    try:
        data = safe_load(text)
    except yaml.YAMLError as exc:
        reason = str(exc).replace("\n", " ")
        raise NoteError(f"not valid YAML: {reason}") from None
    return note_from_dict(data)
