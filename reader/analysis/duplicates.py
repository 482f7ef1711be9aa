"""Near-duplicate detection: the same wire copy filed twice (maybe re-headlined or trimmed).

Texts become sets of hashed word shingles (``SHINGLE`` consecutive normalised words). Two
texts are near-duplicates when most shingles of the shorter one occur in the longer one
(containment) and neither is much longer than the other. Cheap enough to run on the top
candidates of a related-articles query.
"""

from __future__ import annotations

import re

SHINGLE = 4
"""Words per shingle."""
CONTAINMENT = 0.8
"""Share of the shorter text's shingles found in the longer one."""
LENGTH_RATIO = 0.5
"""The shorter text has at least this share of the longer one's shingles."""
MIN_SHINGLES = 8
"""Texts with fewer shingles are too short to call copies of anything."""

_WORD = re.compile(r"\w+")


def words_of(text: str) -> list[str]:
    """The case-folded words of ``text`` (punctuation dropped)."""
    return _WORD.findall(text.casefold())


def shingles(text: str | list[str], size: int = SHINGLE) -> frozenset[int]:
    """Hashed ``size``-word shingles of ``text`` or its words (case and punctuation ignored).

    Hashes are Python's (fast, per process): compare sets made in the same process only.
    """
    words = words_of(text) if isinstance(text, str) else text
    if len(words) < size:
        return frozenset([hash(tuple(words))]) if words else frozenset()
    return frozenset(map(hash, zip(*(words[i:] for i in range(size)))))


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


def content_pairs(text: str | list[str]) -> frozenset[int]:
    """Hashed pairs of adjacent words neither of which is a stop word ("second largest",
    "aerospace forces"): the phrasing a story's coverage shares."""
    words = words_of(text) if isinstance(text, str) else text
    stop = _STOPWORDS
    return frozenset(hash(pair) for pair in zip(words, words[1:])  # noqa: B905
                     if pair[0] not in stop and pair[1] not in stop)


def cosine(a: frozenset[int], b: frozenset[int]) -> float:
    """Cosine of two sets (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / (len(a) * len(b)) ** 0.5


_NUMBER = re.compile(r"(?<![\w.])\d+(?:\s?[.,:]\s?\d+)*(?![\w])")


def numbers(text: str) -> frozenset[str]:
    """The numbers written in ``text`` ("4.4", "27", "2,100", "17:06"), spacing removed: the
    tolls, magnitudes, scores and times that tell one event from a similar one."""
    return frozenset("".join(m.group().split()) for m in _NUMBER.finditer(text))


_WHEN = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march
april june july august september october november december""".split())
"""Weekday and month names ("May" is left out: mostly the verb)."""


def when_words(text: str | list[str]) -> frozenset[str]:
    """The weekdays and months named in ``text``, lower-cased: with the numbers, the "when" of a
    story ("on Sunday", "March 14"). Two quakes in the same county a few years apart share the
    place and the vocabulary, but not the day they happened."""
    words = words_of(text) if isinstance(text, str) else text
    return _WHEN.intersection(words)


def specifics(text: str, words: list[str] | None = None) -> frozenset[str]:
    """Numbers and weekday/month names of ``text`` (``words``: its :func:`words_of`, if known):
    the figures and dates that tell one event from a similar one (see :func:`numbers` and
    :func:`when_words`)."""
    return numbers(text) | when_words(words_of(text) if words is None else words)
