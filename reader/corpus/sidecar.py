"""Optional ``metadata.jsonl`` beside a corpus: per-file title, date, source, url, tags.

Each line is a JSON object with a ``file`` path relative to the folder holding
``metadata.jsonl``. Broken lines are ignored. Values are sanitised like article text.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

SIDECAR_NAME = "metadata.jsonl"
_FIELDS = ("title", "date", "source", "url", "tags", "byline")


@lru_cache(maxsize=32)
def _load(folder: Path, mtime_ns: int) -> dict[str, dict[str, object]]:
    table: dict[str, dict[str, object]] = {}
    try:
        with open(folder / SIDECAR_NAME, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                try:
                    record = json.loads(line)
                except ValueError:
                    continue
                if isinstance(record, dict) and isinstance(record.get("file"), str):
                    table[record["file"]] = {k: record[k] for k in _FIELDS if record.get(k)}
    except OSError:
        return {}
    return table


def sidecar_metadata(root: Path, path: Path) -> dict[str, object]:
    """Metadata for ``path`` from the nearest ``metadata.jsonl`` between its folder and ``root``."""
    folder = path.parent
    root = root.absolute()
    for _ in range(4):
        candidate = folder / SIDECAR_NAME
        try:
            stat = candidate.stat()
        except OSError:
            stat = None
        if stat is not None:
            record = _load(folder, stat.st_mtime_ns).get(path.relative_to(folder).as_posix())
            if record:
                return record
        if folder == root or folder.parent == folder or root not in folder.parents and folder != root:
            break
        folder = folder.parent
    return {}
