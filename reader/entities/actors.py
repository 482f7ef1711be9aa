"""The shipped, curated alias table of widely reported actors (``data/actors.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml


@dataclass(frozen=True)
class KnownActor:
    """One row of the actor table."""

    name: str
    type: str
    aliases: tuple[str, ...]
    surname: bool = False
    """The bare surname may link here when the corpus names no other person with it."""


@lru_cache(maxsize=1)
def load_actors() -> tuple[KnownActor, ...]:
    """Every actor of the shipped table (loaded once per process)."""
    text = (Path(__file__).parent / "data" / "actors.yaml").read_text("utf-8")

    rows = yaml.safe_load(text) or []
    return tuple(
        KnownActor(
            name=str(row["name"]),
            type=str(row.get("type", "organisation")),
            aliases=tuple(str(a) for a in row.get("aliases") or ()),
            surname=bool(row.get("surname", False)),
        )
        for row in rows
    )
