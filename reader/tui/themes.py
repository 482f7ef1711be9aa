"""Themes as data: YAML files in ``themes/`` (shipped) and the user themes folder.

Each file holds the fields of :class:`textual.theme.Theme` plus a ``variables:``
mapping (mention colours and friends). User files replace shipped ones of the same name.
Broken files are skipped and reported, never fatal.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path

import yaml
from textual.theme import Theme

DEFAULT_THEME = "reader-dark"
"""Theme used when the configured one is unknown."""

THEME_VARIABLE_DEFAULTS: dict[str, str] = {
    "mention-place": "#2E7D6B",
    "mention-actor": "#7A4E9E",
    "mention-focus": "#E0A458",
    "mention-followed": "#B5524A",
    "search-match": "#C99A2E",
    "note-highlight": "#6B5B1F",
    "note-highlight-focus": "#9C8420",
    "note-yellow": "#6B5B1F",
    "note-green": "#2F5A2C",
    "note-blue": "#1F4A6B",
    "note-pink": "#6E2F63",
    "note-purple": "#4A3F7A",
}
"""App-specific CSS variables; every theme may override them (so Textual's own themes work too)."""

_THEME_FIELDS = {f.name for f in fields(Theme)}


@dataclass
class LoadedThemes:
    """Themes read from disk plus the problems met while reading."""

    themes: dict[str, Theme] = field(default_factory=dict)
    """Theme name -> theme (later folders win)."""
    problems: list[str] = field(default_factory=list)
    """One line per file that could not be used."""


def theme_from_mapping(data: object, origin: str = "<theme>") -> Theme:
    """Build a Theme from a parsed YAML mapping; raises ValueError with a short reason."""
    if not isinstance(data, dict):
        raise ValueError(f"{origin}: expected a mapping")
    unknown = sorted(set(data) - _THEME_FIELDS)
    if unknown:
        raise ValueError(f"{origin}: unknown field(s) {', '.join(map(str, unknown))}")
    if not isinstance(data.get("name"), str) or not isinstance(data.get("primary"), str):
        raise ValueError(f"{origin}: 'name' and 'primary' are required strings")
    variables = data.get("variables") or {}
    if not isinstance(variables, dict):
        raise ValueError(f"{origin}: 'variables' must be a mapping")
    values = dict(data)
    values["variables"] = {str(k): str(v) for k, v in variables.items()}
    return Theme(**values)


def load_theme_file(path: Path) -> Theme:
    """Read one theme file; raises ValueError (with the file name) when unusable."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ValueError(f"{path.name}: {exc.__class__.__name__}") from exc
    return theme_from_mapping(data, path.name)


def load_themes(*folders: Path) -> LoadedThemes:
    """Read every ``*.yaml``/``*.yml`` in the folders, in order (later folders win)."""
    loaded = LoadedThemes()
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
            try:
                theme = load_theme_file(path)
            except ValueError as exc:
                loaded.problems.append(f"theme {exc}")
                continue
            loaded.themes[theme.name] = theme
    return loaded
