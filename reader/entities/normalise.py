"""Name normalisation: one comparison key per spelling, and stable slugs for ids.

``key("Hayat Tahrir al-Sham")``, ``key("Hayat Tahrir al Sham")`` and
``key("HAYAT TAHRIR AL-SHAM")`` are equal: case, diacritics, hyphens/spaces,
quote marks and other punctuation, a leading "the" and a trailing possessive
are folded away. :func:`fold` is the same folding, one character for one
character, so offsets found in folded text are offsets in the original.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


def strip_diacritics(text: str) -> str:
    """``"Mevlüt Çavuşoğlu"`` -> ``"Mevlut Cavusoglu"`` (NFKD, combining marks dropped)."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ı", "i")


class _FoldTable(dict):
    """``str.translate`` table folding each character to exactly one character."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch.isalnum():
            folded = strip_diacritics(ch).lower()
            if len(folded) != 1 or not folded.isalnum():
                folded = ch.lower() if len(ch.lower()) == 1 else ch
        else:
            folded = " "
        self[code] = folded
        return folded


_FOLD = _FoldTable()
_POSSESSIVE = re.compile(r"['\u2019]s?$")


def fold(text: str) -> str:
    """Lower case, no diacritics, every non-alphanumeric character a space; same length."""
    return text.translate(_FOLD)


@lru_cache(maxsize=262144)
def key(name: str) -> str:
    """The comparison key of a name: folded, single-spaced, no leading "the", no possessive.

    Cached: the same names recur in every article of a corpus."""
    text = _POSSESSIVE.sub("", name.strip())
    words = fold(text).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def tight_key(name: str) -> str:
    """Like :func:`key` but with no separators at all ("U.S." == "US", "al-Qaeda" == "alqaeda")."""
    return key(name).replace(" ", "")


def slug(name: str) -> str:
    """A stable, readable id fragment: ``"Hayat Tahrir al-Sham"`` -> ``"hayat-tahrir-al-sham"``."""
    text = re.sub(r"[^0-9a-z]+", "-", key(name))
    return text.strip("-") or "x"
