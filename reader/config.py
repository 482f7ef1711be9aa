"""User settings (YAML, ``yaml.safe_load``) and remembered per-corpus UI state.

Settings live in ``paths.config_file()``; a missing file means defaults, a broken
file is reported (``Config.problems``) and left untouched. Nothing here imports Textual.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from reader import paths
from reader.atomic import write_atomic


@dataclass
class Config:
    """Everything a user can set in ``config.yaml``."""

    theme: str = "reader-dark"
    """Name of the theme (shipped or from the user themes folder)."""
    keymap: dict[str, str] = field(default_factory=dict)
    """Binding id -> key(s), e.g. ``{"next-mention": "right_square_bracket,l"}``."""
    list_sort: str = "date"
    """Article list order: ``date`` (newest first) or ``title``."""
    side_panes: list[str] = field(default_factory=lambda: ["entities", "related", "entity"])
    """Side panes shown at start."""
    workers: int = 0
    """Processes used for a large first index build (0 = automatic)."""
    problems: list[str] = field(default_factory=list, repr=False)
    """Problems found while loading (not saved)."""


def _coerce(data: Any, problems: list[str]) -> Config:
    config = Config()
    if data is None:
        return config
    if not isinstance(data, dict):
        problems.append("config.yaml: expected a mapping at top level; using defaults")
        return config
    known = {f.name: f for f in fields(Config) if f.name != "problems"}
    for key, value in data.items():
        if key not in known:
            problems.append(f"config.yaml: unknown setting {key!r} ignored")
            continue
        default = getattr(config, key)
        if isinstance(default, dict):
            ok = isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
        elif isinstance(default, list):
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        elif isinstance(default, bool):
            ok = isinstance(value, bool)
        else:
            ok = isinstance(value, type(default))
        if ok:
            setattr(config, key, value)
        else:
            problems.append(f"config.yaml: {key!r} has the wrong type; default kept")
    return config


def load_config(path: Path | None = None) -> Config:
    """Read settings; never raises for a bad file (problems are listed on the result)."""
    path = path or paths.config_file()
    problems: list[str] = []
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config()
    except (OSError, UnicodeDecodeError) as exc:
        config = Config()
        config.problems.append(f"config.yaml unreadable ({exc}); using defaults")
        return config
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        config = Config()
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        config.problems.append(f"config.yaml is not valid YAML{where}; using defaults")
        return config
    config = _coerce(data, problems)
    config.problems = problems
    return config


def save_config(config: Config, path: Path | None = None) -> None:
    """Write settings atomically (refuses to overwrite a file that failed to parse)."""
    path = path or paths.config_file()
    if any("not valid YAML" in p or "unreadable" in p for p in config.problems):
        return  # never overwrite the user's broken file
    data = {k: v for k, v in asdict(config).items() if k != "problems"}
    write_atomic(path, yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


@contextmanager
def update_config(path: Path | None = None) -> Iterator[Config]:
    """Load, let the caller change, then save the settings."""
    config = load_config(path)
    yield config
    save_config(config, path)


def load_state(roots: list[Path]) -> dict[str, Any]:
    """Remembered UI state of one corpus (last article, scroll, layout); {} if none or broken."""
    path = paths.corpus_data_dir(roots) / "state.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_state(roots: list[Path], state: dict[str, Any]) -> None:
    """Remember UI state of one corpus (atomic write)."""
    path = paths.corpus_data_dir(roots) / "state.json"
    write_atomic(path, json.dumps(state, ensure_ascii=False, indent=1, default=str))
