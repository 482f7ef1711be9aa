"""Fingerprints of code and rule files, so caches built by other versions are noticed."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path


def files_fingerprint(paths: list[Path]) -> str:
    """A short hash of the names, sizes and contents of ``paths`` (missing files count too)."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path.name).encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<missing>")
    return digest.hexdigest()[:16]


@lru_cache(maxsize=8)
def package_fingerprint(folder: Path) -> str:
    """Fingerprint of every source and data file under a package folder (cached per process)."""
    files = [p for p in folder.rglob("*") if p.is_file() and p.suffix not in (".pyc", ".pyo")
             and "__pycache__" not in p.parts]
    return files_fingerprint(files)


def corpus_reading_version() -> str:
    """Changes when the article parsing code or any boilerplate rule file changes."""
    from reader import paths
    from reader.corpus import boilerplate

    return package_fingerprint(Path(boilerplate.__file__).parent) + files_fingerprint(
        [paths.config_dir() / "boilerplate.yaml"])


def entities_version() -> str:
    """Changes when the entity extraction code or its shipped data changes."""
    import reader.entities as package

    return package_fingerprint(Path(package.__file__).parent)
