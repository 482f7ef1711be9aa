"""Find article files under one or more paths (recursively), in a stable order."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")


def _is_article(name: str) -> bool:
    return not name.startswith(".") and name.lower().endswith(ARTICLE_SUFFIXES)


def discover(roots: list[Path]) -> Iterator[tuple[Path, Path]]:
    """Yield ``(root, file)`` for every article file under ``roots`` (hidden entries skipped).

    A root may be a single file. Symlinked folders are not followed (no cycles).
    """
    seen: set[Path] = set()
    for root in roots:
        root = Path(root).absolute()
        if root.is_file():
            if root not in seen:
                seen.add(root)
                yield root.parent, root
            continue
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if _is_article(name):
                    path = Path(folder) / name
                    if path not in seen:
                        seen.add(path)
                        yield root, path
