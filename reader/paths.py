"""Where reader keeps its files: config, user data (notes, corrections) and cache (indexes).

``READER_HOME`` relocates all three together (tests always set it). Nothing is
created at import time; callers create directories when they write.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import platformdirs

APP_NAME = "reader"


def _home() -> Path | None:
    value = os.environ.get("READER_HOME")
    return Path(value).expanduser() if value else None


def config_dir() -> Path:
    """Folder of ``config.yaml`` and user themes."""
    home = _home()
    return home / "config" if home else platformdirs.user_config_path(APP_NAME, appauthor=False)


def data_dir() -> Path:
    """Folder of user data that must never be lost (notes, entity corrections, UI state)."""
    home = _home()
    return home / "data" if home else platformdirs.user_data_path(APP_NAME, appauthor=False)


def cache_dir() -> Path:
    """Folder of rebuildable caches (indexes)."""
    home = _home()
    return home / "cache" if home else platformdirs.user_cache_path(APP_NAME, appauthor=False)


def config_file() -> Path:
    """The YAML settings file (``READER_CONFIG_FILE`` overrides it)."""
    override = os.environ.get("READER_CONFIG_FILE")
    return Path(override).expanduser() if override else config_dir() / "config.yaml"


def user_theme_dir() -> Path:
    """Folder where users drop their own theme YAML files."""
    return config_dir() / "themes"


def corpus_key(roots: list[Path]) -> str:
    """A short stable key for a corpus made of these root paths (order-independent)."""
    joined = "\n".join(sorted(str(p.resolve()) for p in roots))
    digest = hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    name = roots[0].resolve().name if len(roots) == 1 else "multi"
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in name)[:40] or "corpus"
    return f"{safe}-{digest}"


def index_dir(roots: list[Path]) -> Path:
    """The index folder for a corpus (keyed by its absolute root paths)."""
    return cache_dir() / "index" / corpus_key(roots)


def corpus_data_dir(roots: list[Path]) -> Path:
    """Per-corpus user data folder (notes, corrections, remembered position)."""
    return data_dir() / "corpora" / corpus_key(roots)


def package_root() -> Path:
    """The installed ``reader`` package folder."""
    return Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    inside = package_root() / name
    if inside.is_dir():
        return inside
    return package_root().parent / name  # editable install / source checkout


def seeds_dir() -> Path:
    """The bundled seed articles (the default corpus)."""
    return _bundled("seeds")


def builtin_theme_dir() -> Path:
    """Shipped themes (inside the wheel, or the repo's ``themes/`` in a checkout)."""
    return _bundled("themes")
