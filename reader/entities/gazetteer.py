"""The shipped place gazetteer (``data/places.tsv.gz``, built by ``scripts/build_gazetteer.py``)."""

from __future__ import annotations

import bisect
import gzip
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from reader.entities.normalise import key


class Place(NamedTuple):
    """One gazetteer row: canonical name, type (country, region, city, sea ...), ISO country.

    (A named tuple: 30,000 of them are made at every start.)"""

    name: str
    type: str
    country: str
    population: int
    aliases: tuple[str, ...] = ()


def _data_bytes(name: str) -> bytes:
    return (Path(__file__).parent / "data" / name).read_bytes()


@lru_cache(maxsize=1)
def load_places() -> tuple[Place, ...]:
    """Every place row of the shipped gazetteer (loaded once per process)."""
    text = gzip.decompress(_data_bytes("places.tsv.gz")).decode("utf-8")
    rows = []
    for line in text.splitlines():
        name, typ, cc, pop, aliases = line.split("\t")
        rows.append(Place(name, typ, cc, int(pop), tuple(filter(None, aliases.split("|")))))
    return tuple(rows)


@lru_cache(maxsize=1)
def load_given_names() -> frozenset[str]:
    """Comparison keys of common given names (evidence that a capitalised name is a person)."""
    text = gzip.decompress(_data_bytes("given_names.txt.gz")).decode("utf-8")
    return frozenset(key(line) for line in text.splitlines() if line.strip())


class PrefixIndex:
    """Sorted place keys, to ask "is this the start of a place name?" (demonym test)."""

    def __init__(self, keys: list[str]) -> None:
        self._keys = sorted(set(keys))

    def has_prefix(self, prefix: str) -> bool:
        """True if some key starts with ``prefix``."""
        i = bisect.bisect_left(self._keys, prefix)
        return i < len(self._keys) and self._keys[i].startswith(prefix)
