"""List matches: every alias of the shipped lists in a text, where it is written like a name.

The automaton (:mod:`lexicon`) finds every alias in the folded text; a hit counts only where
the text's capitalisation fits ("reading" is no town, "who" no WHO), leftmost-longest first.
"""

from __future__ import annotations

import re

from reader.entities import rules
from reader.entities.lexicon import Lexicon
from reader.entities.normalise import fold
from reader.entities.text_shape import in_ranges

_ABBREVIATION = re.compile(r"(?:[A-Z]\.)+[A-Z]")
_ACRONYM_WORDS = frozenset("sana fars tass cent rand sport".split())
"""Acronyms that, written as Title Case words, are usually something else."""
_CASE_SPLIT = re.compile(r"[\s\-/.,&()]+")


def list_hits(
    lex: Lexicon, given: frozenset[str], text: str, caps_lines: list[tuple[int, int]]
) -> list[tuple[int, int, int, bool]]:
    """Leftmost-longest list matches ``(start, end, known index, acronym)`` in ``text``.

    ``given``: keys of common given names (a one-word town named like a person is no hit).
    """
    folded = f" {fold(text)} "
    raw = []
    for end_idx, (length, idx, acronym) in lex.automaton.iter(folded):
        e = end_idx - 1
        s = e - length
        raw.append((s, e, idx, acronym))
    if not raw:
        return []
    raw.sort(key=lambda h: (h[0], h[0] - h[1]))
    out = []
    last_end = -1
    for s, e, idx, acronym in raw:
        if s < last_end:
            continue
        if not case_ok(text, s, e, acronym, caps_lines):
            continue
        if text[s : s + 4] in ("the ", "The ", "THE "):
            s += 4
        if e < len(text) and text[e] == "." and _ABBREVIATION.fullmatch(text[s:e]):
            e += 1
        if idx >= lex.n_actors and " " not in folded[s + 1 : e + 1]:
            known = lex.get(idx)
            fk = folded[s + 1 : e + 1]
            if known.type == "city" and (
                (fk in given and lex.population(idx) < 500_000) or fk in lex.surnames
            ):
                continue  # "George", "David", "Obama": a person's name, not a town
        out.append((s, e, idx, acronym))
        last_end = e
    return out


def case_ok(text: str, s: int, e: int, acronym: bool, caps_lines) -> bool:
    """Whether ``text[s:e]`` is written like a name (an acronym alias: in capitals)."""
    surface = text[s:e]
    if acronym:
        if not surface.isupper():
            # "Nato", "Isis", "Unicef": some outlets write acronyms as names
            return (
                len(surface) >= 4
                and surface.isalpha()
                and surface[0].isupper()
                and surface[1:].islower()
                and surface.lower() not in _ACRONYM_WORDS
            )
        letters = sum(c.isalpha() for c in surface)
        if letters <= 3 and "." not in surface and in_ranges(s, caps_lines):
            return False
        return True
    if surface.isalpha():
        return surface[0].isupper()  # one word (most hits): capitalised or not
    tokens = _CASE_SPLIT.split(surface)
    saw_cap = False
    for tok in tokens:
        if not tok:
            continue
        if tok[0].isupper() or tok[0].isdigit():
            saw_cap = True
        elif tok not in rules.CONNECTORS:
            return False
    return saw_cap
