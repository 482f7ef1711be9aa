"""Checksums of the index's segment files, so a damaged segment is noticed on open.

Whoosh has no checksums of its own. After every commit the size and CRC-32 of each file
of the live segments are written beside the index (``segments.json``, atomically); on
open every listed file that the index still uses must match (about 0.15 s for the 60 MB
of Reuters). A segment committed after the last listing (a run killed in between) is
accepted as Whoosh wrote it; one listed but missing or different means a damaged index.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import Any

from reader.atomic import write_atomic

FILE = "segments.json"


def segment_files(ix: Any) -> list[Path]:
    """The files of the segments the index's table of contents refers to."""
    folder = Path(ix.storage.folder)
    names = set(ix.storage.list())
    out = []
    for segment in ix._segments():  # noqa: SLF001 - Whoosh has no public list of segments
        prefix = f"{segment.segment_id()}."
        out += [folder / name for name in sorted(names) if name.startswith(prefix)]
    return out


def _size_and_mtime(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


def _crc(path: Path) -> int:
    crc = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return crc


def record(ix: Any) -> None:
    """Write the checksums of the current segments (after a commit).

    Segment files never change once written (each segment has a new random name), so a
    file already listed with the same size keeps its recorded checksum: a build with
    several commits reads each file once, and a file damaged since it was listed is
    never recorded as sound.
    """
    folder = Path(ix.storage.folder)
    try:
        known = json.loads((folder / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    if not isinstance(known, dict):
        known = {}
    listing = {}
    for path in segment_files(ix):
        size = path.stat().st_size
        old = known.get(path.name)
        listing[path.name] = old if isinstance(old, list) and old[:1] == [size] else [size, _crc(path)]
    write_atomic(folder / FILE, json.dumps(listing, sort_keys=True))


_verified: dict[str, tuple[object, ...]] = {}
"""folder -> the file stats of the last clean check in this process (start-up asks twice)."""


def problem(ix: Any) -> str | None:
    """Why a segment file is damaged (None when every listed file matches).

    A clean result is remembered per process until a file's size or mtime changes.
    """
    folder = Path(ix.storage.folder)
    try:
        stamp = tuple((p.name, *_size_and_mtime(p)) for p in [folder / FILE, *segment_files(ix)])
    except OSError:
        stamp = None
    if stamp is not None and _verified.get(str(folder)) == stamp:
        return None
    found = _check(ix, folder)
    if found is None and stamp is not None:
        _verified[str(folder)] = stamp
    return found


def _check(ix: Any, folder: Path) -> str | None:
    try:
        listing = json.loads((folder / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "segment checksums missing or unreadable"
    if not isinstance(listing, dict):
        return "segment checksums unreadable"
    in_use = {p.name: p for p in segment_files(ix)}
    prefixes = {name.split(".", 1)[0] + "." for name in in_use}
    for name, expected in listing.items():
        path = in_use.get(name)
        if path is None:
            if any(name.startswith(prefix) for prefix in prefixes):
                return f"segment file {name} missing"
            continue  # a segment merged away since
        try:
            actual = [path.stat().st_size, _crc(path)]
        except OSError:
            return f"segment file {name} unreadable"
        if actual != list(expected):
            return f"segment file {name} damaged"
    return None
