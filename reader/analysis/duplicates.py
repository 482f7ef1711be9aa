"""Near-duplicate detection: the same wire copy filed twice (maybe re-headlined or trimmed).

Texts become sets of hashed word shingles (``SHINGLE`` consecutive normalised words). Two
texts are near-duplicates when most shingles of the shorter one occur in the longer one
(containment) and neither is much longer than the other. Cheap enough to run on the top
candidates of a related-articles query.
"""

from __future__ import annotations

import re
from zlib import crc32

SHINGLE = 4
"""Words per shingle."""
CONTAINMENT = 0.8
"""Share of the shorter text's shingles found in the longer one."""
LENGTH_RATIO = 0.5
"""The shorter text has at least this share of the longer one's shingles."""
MIN_SHINGLES = 8
"""Texts with fewer shingles are too short to call copies of anything."""

_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE) -> frozenset[int]:
    """Hashed ``size``-word shingles of ``text`` (case and punctuation ignored)."""
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return frozenset([crc32(" ".join(words).encode())]) if words else frozenset()
    return frozenset(crc32(" ".join(words[i:i + size]).encode())
                     for i in range(len(words) - size + 1))


def overlap(a: frozenset[int], b: frozenset[int]) -> float:
    """Containment of the smaller set in the larger (0 when either is empty)."""
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) / len(small)


def near_duplicate(a: frozenset[int], b: frozenset[int]) -> bool:
    """True when two shingle sets are copies of the same text (see module docstring)."""
    small, large = sorted((len(a), len(b)))
    if small < MIN_SHINGLES or small < LENGTH_RATIO * large:
        return False
    return overlap(a, b) >= CONTAINMENT


_STOPWORDS = frozenset("""
a an the and or but of in on at to for from by with as is are was were be been has have had it its
this that these those he she they we you i his her their our them him there here which who whom
what when where will would can could may might should not no said says also than then so if into
about after before over more most other some such only just up out new one two
""".split())


def content_pairs(text: str) -> frozenset[int]:
    """Hashed pairs of adjacent words neither of which is a stop word ("second largest",
    "aerospace forces"): the phrasing a story's coverage shares."""
    words = _WORD.findall(text.casefold())
    return frozenset(crc32(f"{a} {b}".encode()) for a, b in zip(words, words[1:], strict=False)
                     if a not in _STOPWORDS and b not in _STOPWORDS)


def cosine(a: frozenset[int], b: frozenset[int]) -> float:
    """Cosine of two sets (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / (len(a) * len(b)) ** 0.5
