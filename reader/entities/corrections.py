"""User corrections to the entity table, kept as a readable YAML file of operations.

The file is user data: it is read with ``yaml.safe_load`` only, written atomically
(``reader.atomic.write_atomic``) under an inter-process lock (``reader.locking.file_lock``)
around each read-modify-write, so two running instances never lose each other's edits. A
file that cannot be parsed raises :class:`CorrectionsError` and is never overwritten.

File format::

    version: 1
    corrections:
    - {op: merge, entity: Bashar al-Assad, other: Assad, at: '2026-01-01T10:00:00+00:00'}
    - {op: ignore, surface: Chrome, at: ...}

Operations are applied in order at link time, so every correction applies everywhere at once;
``undo`` removes the last one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from reader.atomic import write_atomic
from reader.entities.normalise import key, slug
from reader.locking import file_lock
from reader.model import KINDS

VERSION = 1
OPS = {
    "merge": ("entity", "other"),
    "split": ("entity", "alias"),
    "rename": ("entity", "name"),
    "kind": ("entity", "kind", "type"),
    "ignore": ("surface",),
    "alias": ("entity", "alias"),
}


class CorrectionsError(Exception):
    """The corrections file cannot be read or an operation is invalid."""


def describe(op: dict[str, Any]) -> str:
    """One line for a correction: ``merge "Assad" into "Bashar al-Assad"``."""
    name = op.get("op")
    if name == "merge":
        return f'merge "{op["other"]}" into "{op["entity"]}"'
    if name == "split":
        return f'split "{op["alias"]}" off "{op["entity"]}"'
    if name == "rename":
        return f'rename "{op["entity"]}" to "{op["name"]}"'
    if name == "kind":
        extra = f" / {op['type']}" if op.get("type") else ""
        return f'set kind of "{op["entity"]}" to {op["kind"]}{extra}'
    if name == "ignore":
        return f'ignore "{op["surface"]}" (not an entity)'
    if name == "alias":
        return f'add alias "{op["alias"]}" to "{op["entity"]}"'
    return str(op)


@dataclass
class CorrectionSet:
    """An ordered list of correction operations (what the linker applies)."""

    ops: list[dict[str, Any]] = field(default_factory=list)

    def ignored_keys(self) -> set[str]:
        """Keys of surfaces marked "not an entity"."""
        return {key(op["surface"]) for op in self.ops if op.get("op") == "ignore"}

    def alias_keys(self) -> dict[str, str]:
        """alias key -> the entity (id or alias text) it was added to."""
        return {key(op["alias"]): op["entity"] for op in self.ops if op.get("op") == "alias"}

    def plan(self, linking, lexicon) -> tuple[dict, dict, dict, dict]:
        """Resolve the operations against a pre-correction linking.

        Returns ``(redirect, splits, renames, kinds)``: entity id -> id it was merged into;
        alias key -> (entity id, new name) split off; id -> new name; id -> (kind, type).
        """
        redirect: dict[str, str] = {}
        splits: dict[str, tuple[str, str]] = {}
        renames: dict[str, str] = {}
        kinds: dict[str, tuple[str, str]] = {}

        def follow(eid: str) -> str:
            """The id ``eid`` was merged into (itself if none)."""
            seen = set()
            while eid in redirect and eid not in seen:
                seen.add(eid)
                eid = redirect[eid]
            return eid

        def find(name: str) -> str | None:
            """Entity id for an id, alias or new name given in a correction."""
            ent = linking.resolve(name)
            if ent is not None:
                return follow(ent.id)
            for eid, new_name in renames.items():
                if key(new_name) == key(name):
                    return follow(eid)
            known = lexicon.by_id(name) or lexicon.by_id(slug(name))
            return follow(known.id) if known is not None else None

        for op in self.ops:
            name = op.get("op")
            if name == "merge":
                a, b = find(op["entity"]), find(op["other"])
                if a and b and a != b:
                    redirect[b] = a
            elif name == "split":
                a = find(op["entity"])
                if a:
                    splits[key(op["alias"])] = (a, op["alias"])
            elif name == "rename":
                a = find(op["entity"])
                if a:
                    renames[a] = op["name"]
            elif name == "kind":
                a = find(op["entity"])
                if a:
                    current = linking.entities.get(a)
                    typ = op.get("type") or ""
                    if not typ and current is not None and current.kind == op["kind"]:
                        typ = current.type
                    kinds[a] = (op["kind"], typ or ("place" if op["kind"] == "place" else "unknown"))
        return redirect, splits, renames, kinds


class Corrections:
    """The corrections file of one corpus; every method is one locked read-modify-write."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = self.path.with_name(self.path.name + ".lock")

    # -- reading -----------------------------------------------------------------------
    def _read(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        try:
            text = self.path.read_text(encoding="utf-8")
            data = yaml.safe_load(text)
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise CorrectionsError(f"cannot read corrections file {self.path}: {exc}") from None
        if data is None:
            return []
        if not isinstance(data, dict) or not isinstance(data.get("corrections", []), list):
            raise CorrectionsError(
                f"cannot read corrections file {self.path}: expected a mapping with a "
                "'corrections' list"
            )
        ops = data.get("corrections") or []
        for i, op in enumerate(ops):
            if not isinstance(op, dict) or op.get("op") not in OPS:
                raise CorrectionsError(f"{self.path}: correction #{i + 1} is not valid: {op!r}")
            for field_name in OPS[op["op"]]:
                if field_name != "type" and not isinstance(op.get(field_name), str):
                    raise CorrectionsError(
                        f"{self.path}: correction #{i + 1} ({op['op']}) lacks '{field_name}'"
                    )
        return ops

    def load(self) -> CorrectionSet:
        """The current operations (raises :class:`CorrectionsError` on a bad file)."""
        return CorrectionSet(self._read())

    def history(self) -> list[dict[str, Any]]:
        """Every correction in order, each with a ``description``."""
        return [{**op, "description": describe(op)} for op in self._read()]

    # -- writing -----------------------------------------------------------------------
    def _write(self, ops: list[dict[str, Any]]) -> None:
        header = "# reader entity corrections (edit with `reader entities ...`; applied in order)\n"
        body = yaml.safe_dump(
            {"version": VERSION, "corrections": ops}, allow_unicode=True, sort_keys=False
        )
        write_atomic(self.path, header + body)

    def _append(self, op: dict[str, Any]) -> str:
        op = {k: v for k, v in op.items() if v is not None}
        op["at"] = datetime.now(UTC).isoformat(timespec="seconds")
        with file_lock(self._lock):
            ops = self._read()
            ops.append(op)
            self._write(ops)
        return describe(op)

    def merge(self, entity: str, other: str) -> str:
        """``other`` (id or alias) becomes part of ``entity``; returns a description."""
        _need(entity, other)
        return self._append({"op": "merge", "entity": entity, "other": other})

    def split(self, entity: str, alias: str) -> str:
        """Mentions written as ``alias`` leave ``entity`` and become an entity of their own."""
        _need(entity, alias)
        return self._append({"op": "split", "entity": entity, "alias": alias})

    def rename(self, entity: str, name: str) -> str:
        """Give ``entity`` a new canonical name (its id stays the same)."""
        _need(entity, name)
        return self._append({"op": "rename", "entity": entity, "name": name})

    def set_kind(self, entity: str, kind: str, type: str | None = None) -> str:  # noqa: A002
        """Change ``entity``'s kind (``place``/``actor``) and optionally its type."""
        _need(entity, kind)
        if kind not in KINDS:
            raise CorrectionsError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
        return self._append({"op": "kind", "entity": entity, "kind": kind, "type": type})

    def ignore(self, surface: str) -> str:
        """Mark a surface form as "not an entity" everywhere."""
        _need(surface)
        return self._append({"op": "ignore", "surface": surface})

    def add_alias(self, entity: str, alias: str) -> str:
        """Mentions found as ``alias`` belong to ``entity``."""
        _need(entity, alias)
        return self._append({"op": "alias", "entity": entity, "alias": alias})

    def undo(self) -> str | None:
        """Remove the last correction; returns its description, or None if there was none."""
        with file_lock(self._lock):
            ops = self._read()
            if not ops:
                return None
            last = ops.pop()
            self._write(ops)
        return describe(last)


def _need(*values: str) -> None:
    for value in values:
        if not isinstance(value, str) or not value.strip():
            raise CorrectionsError("an empty name is not a valid correction argument")
