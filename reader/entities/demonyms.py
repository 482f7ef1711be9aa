"""Demonyms: "Russian", "Iraqi", "Kurdish", "Syrians" are adjectives or peoples, not mentions."""

from __future__ import annotations

from reader.entities import rules
from reader.entities.lexicon import Lexicon


def is_demonym(low: str, lex: Lexicon) -> bool:
    """"Russian", "Iraqi", "Kurdish", "Syrians": an adjective/people of a listed place."""
    cache = _DEMONYM_CACHE.setdefault(id(lex), {})
    found = cache.get(low)
    if found is None:
        found = cache[low] = _is_demonym_uncached(low, lex)
        if len(cache) > 200_000:
            cache.clear()
    return found


_DEMONYM_CACHE: dict[int, dict[str, bool]] = {}


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
