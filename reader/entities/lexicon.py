"""One compiled multi-pattern matcher (pyahocorasick) over every known place and actor alias.

Text is folded character by character (same length: lower case, no diacritics, every
non-alphanumeric character a space), so "al-Sham", "al Sham" and "AL-SHAM" all hit the key
`` al sham ``. Each hit is then checked against the capitalisation of the alias forms it
came from, so "reading" never matches a town and "who" never matches WHO.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import ahocorasick

from reader.entities.actors import load_actors
from reader.entities.gazetteer import PrefixIndex, load_places
from reader.entities.normalise import fold, key, slug
from reader.model import ACTOR, PLACE


class Known(NamedTuple):
    """An entity of the shipped lists (a gazetteer place or a table actor).

    (A named tuple: cheap to make, and the garbage collector never walks it.)"""

    id: str
    name: str
    kind: str
    type: str
    surname: bool = False


class Lexicon:
    """Every known entity and the automaton over their aliases.

    Automaton values are ``(key length, entity index, acronym?)``; an acronym key only
    matches text written in capitals ("WHO", not "who").
    """

    def __init__(self) -> None:
        self._actors: list[Known] = []
        self.surnames: dict[str, list[int]] = {}
        """Surname key -> table persons flagged ``surname: true``."""
        owners: list[int] = []
        """Entity index of each spelling in ``spellings`` (names and aliases, in list order)."""
        spellings: list[str] = []
        for actor in load_actors():
            idx = len(self._actors)
            self._actors.append(Known(slug(actor.name), actor.name, ACTOR, actor.type, actor.surname))
            for alias in (actor.name, *actor.aliases):
                owners.append(idx)
                spellings.append(alias)
            if actor.surname and actor.type == "person":
                last = key(actor.name).split()[-1]
                self.surnames.setdefault(last, []).append(idx)
        self._places = load_places()
        name_at = []  # where each place's own name is in ``spellings``
        for i, place in enumerate(self._places, len(self._actors)):
            name_at.append(len(spellings))
            owners.append(i)
            spellings.append(place.name)
            for alias in place.aliases:
                owners.append(i)
                spellings.append(alias)
        raw_folded = _fold_many(spellings)
        place_keys = [" ".join(raw_folded[at].split()) for at in name_at]
        self._place_keys = place_keys
        self.place_prefixes = PrefixIndex(place_keys)
        folded = []
        extra_owners: list[int] = []
        extra_spellings: list[str] = []
        extra_keys: list[str] = []
        for idx, alias, raw in zip(owners, spellings, raw_folded, strict=True):
            k = " ".join(raw.split()) if "  " in raw else raw
            folded.append(k)
            if k != raw:
                # "U.S. Central Command" folds to "u s  central command" (two spaces) in
                # text: keep that spelling as a key too, next to the single-spaced one
                extra_owners.append(idx)
                extra_spellings.append(alias)
                extra_keys.append(raw)
        values: dict[str, list] = {}
        for idx, alias, k in zip(
            owners + extra_owners, spellings + extra_spellings, folded + extra_keys, strict=True
        ):
            if len(k) < 2:
                continue
            current = values.get(k)
            if current is None:
                values[k] = [len(k), idx, alias.isupper()]
            elif current[1] == idx:
                current[2] = current[2] and alias.isupper()
            # else: first list wins a conflict (actors before places)
        self._index = {k: value[1] for k, value in values.items()}
        """Alias key -> entity index: :meth:`lookup` without padding a key for the automaton."""
        self.automaton = ahocorasick.Automaton()
        add = self.automaton.add_word
        for k, value in values.items():
            add(f" {k} ", tuple(value))
        self.automaton.make_automaton()
        self._ids: dict[str, int] | None = None
        self._place_cache: dict[int, Known] = {}
        self.person_indices = frozenset(
            i for i, a in enumerate(self._actors) if a.type == "person"
        )
        """Indices of table actors that are persons."""

    @property
    def n_actors(self) -> int:
        """Number of table actors (indices below this are actors, above are places)."""
        return len(self._actors)

    def __len__(self) -> int:
        return len(self._actors) + len(self._places)

    def get(self, idx: int) -> Known:
        """The known entity at ``idx`` (actors first, then places)."""
        if idx < len(self._actors):
            return self._actors[idx]
        known = self._place_cache.get(idx)
        if known is None:
            place = self._places[idx - len(self._actors)]
            pid = "-".join(self._place_keys[idx - len(self._actors)].split()) or slug(place.name)
            known = self._place_cache[idx] = Known(pid, place.name, PLACE, place.type)
        return known

    def population(self, idx: int) -> int:
        """Population of a listed place (0 for actors and places without one)."""
        if idx < len(self._actors):
            return 0
        return self._places[idx - len(self._actors)].population

    def lookup(self, name_key: str) -> int | None:
        """Index of the known entity with this alias key (a :func:`key`), or None."""
        return self._index.get(name_key)

    def by_id(self, entity_id: str) -> Known | None:
        """The known entity with this id, or None."""
        if self._ids is None:
            self._ids = {}
            for i in range(len(self)):
                self._ids.setdefault(self.get(i).id, i)
        idx = self._ids.get(entity_id)
        return None if idx is None else self.get(idx)


def _fold_many(items: list[str]) -> list[str]:
    """:func:`fold` of many strings, stripped: one ``translate`` call over the ASCII strings
    (CPython's fast path) and one over the rest."""
    out = [""] * len(items)
    for ascii_ in (True, False):
        at = [i for i, item in enumerate(items) if item.isascii() is ascii_]
        joined = fold("\n".join([items[i] for i in at]))
        pos = 0
        for i in at:
            n = len(items[i])
            out[i] = joined[pos : pos + n].strip()
            pos += n + 1
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The process-wide lexicon (built once, ~0.2 s)."""
    return Lexicon()
