"""Demonyms: "Russian", "Iraqi", "Kurdish", "Syrians" are adjectives or peoples, not mentions."""

from __future__ import annotations

from reader.entities import rules
from reader.entities.lexicon import Lexicon


def is_demonym(low: str, lex: Lexicon) -> bool:
    """"Russian", "Iraqi", "Kurdish", "Syrians": an adjective/people of a listed place."""
    return demonym_table(lex)[low]


class DemonymTable(dict):
    """``table[low]``: :func:`is_demonym` of ``low`` for one lexicon, worked out once per word
    (a plain dict lookup after that: the analyser asks for every capitalised word)."""

    def __init__(self, lex: Lexicon) -> None:
        super().__init__()
        self.lex = lex

    def __missing__(self, low: str) -> bool:
        if len(self) > 200_000:
            self.clear()
        found = self[low] = _is_demonym_uncached(low, self.lex)
        return found


def demonym_table(lex: Lexicon) -> DemonymTable:
    """The process-wide :class:`DemonymTable` of ``lex``."""
    table = _TABLES.get(id(lex))
    if table is None or table.lex is not lex:
        table = _TABLES[id(lex)] = DemonymTable(lex)
    return table


_TABLES: dict[int, DemonymTable] = {}


def _is_demonym_uncached(low: str, lex: Lexicon) -> bool:
    low = low.replace("’", "'")
    if low.endswith("'s"):
        low = low[:-2]
    if "-" in low:
        return all(
            p in rules.COMBINING_FORMS or _is_demonym_uncached(p, lex) for p in low.split("-") if p
        )
    if low in rules.DEMONYMS or low.rstrip("s") in rules.DEMONYMS:
        return True
    for suffix in ("man", "men", "woman", "women"):
        if low.endswith(suffix) and low[: -len(suffix)] in rules.DEMONYMS:
            return True  # "Englishman", "Frenchmen"
    if low in ("scotsman", "scotsmen", "kiwi", "kiwis", "aussie", "aussies", "yank", "yankees"):
        return low not in ("yankees",)
    if not low.isalpha() or len(low) < 4:
        return False
    for suf in rules.DEMONYM_SUFFIXES:
        if low.endswith(suf) and len(low) - len(suf) >= 3:
            stem = low[: -len(suf)]
            if lex.place_prefixes.has_prefix(stem) and lex.lookup(low) is None:
                # "Syrian" -> "syri..." (Syria); a listed name itself is not a demonym
                return _country_like(stem, lex)
    return False


def _country_like(stem: str, lex: Lexicon) -> bool:
    for ending in ("", "a", "ia", "y", "e", "o", "istan", "land", "ey"):
        idx = lex.lookup(stem + ending)
        if idx is not None and lex.get(idx).type in ("country", "region"):
            return True
    return False
