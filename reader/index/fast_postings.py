"""Postings of a text for the standard ``StemmingAnalyzer`` + ``Positions`` field, without
Whoosh's token pipeline.

Whoosh turns text into postings through a chain of generators (regex tokenizer, lowercase,
stop words, Porter stemmer) that hand one mutable Token object along per word, then groups
the positions per term in ``Positions.word_values``. ``positions_postings`` computes the very
same ``(term bytes, frequency, weight, encoded positions)`` list with one regex pass and one
dict look-up per word: what a raw word becomes (its stemmed term, or nothing when stopped) is
cached, so the chain runs once per distinct word rather than once per occurrence.
"""

from __future__ import annotations

import re
from operator import sub
from pickle import dumps
from typing import Any

from whoosh.analysis.analyzers import CompositeAnalyzer
from whoosh.analysis.filters import STOP_WORDS, LowercaseFilter, StopFilter
from whoosh.analysis.morph import StemFilter
from whoosh.analysis.tokenizers import RegexTokenizer, default_pattern
from whoosh.formats import Positions
from whoosh.lang.porter import stem
from whoosh.system import pack_uint

Posting = tuple[bytes, int, float, bytes]
"""One term of a text: ``(term bytes, frequency, weight, encoded positions)``."""

_WORD = re.compile(r"[\w*]++(?:\.[\w*]++)*+")
"""The words Whoosh's default pattern ``[\\w\\*]+(\\.?[\\w\\*]+)*`` matches (runs of word
characters and ``*`` joined by single dots), written without a capturing group, for
``findall``, and without backtracking."""

_MINSIZE = 2
"""The shortest term kept (``StopFilter``'s default ``minsize``)."""

_TERMS_LIMIT = 100_000
"""Distinct raw words remembered before the word cache starts again (bounds memory)."""

_ONCE_LIMIT = 16_384
"""Positions below which the encoding of a term seen once is remembered."""


def is_standard(analyzer: Any, fmt: Any) -> bool:
    """Whether ``analyzer`` and ``fmt`` are exactly ``StemmingAnalyzer()`` and ``Positions``,
    the configuration ``positions_postings`` reproduces (any field boost)."""
    if type(fmt) is not Positions or type(analyzer) is not CompositeAnalyzer:
        return False
    items = analyzer.items
    if [type(item) for item in items] != [RegexTokenizer, LowercaseFilter, StopFilter, StemFilter]:
        return False
    tokenizer, _, stops, stemmer = items
    return (tokenizer.expression.pattern == default_pattern.pattern
            and tokenizer.expression.flags == default_pattern.flags
            and not tokenizer.gaps
            and stops.stops == STOP_WORDS and stops.min == _MINSIZE and stops.max is None
            and stops.renumber
            and stemmer.stemfn is stem and stemmer.lang is None and not stemmer.ignore)


class _Terms(dict[str, bytes]):
    """Raw word -> its UTF-8 term (lowercased, stemmed), or ``b""`` when the stop filter
    drops it (shorter than two characters or a stop word); filled on first look-up."""

    def __missing__(self, word: str) -> bytes:
        lower = word.lower()
        stopped = len(lower) < _MINSIZE or lower in STOP_WORDS
        term = self[word] = b"" if stopped else stem(lower).encode("utf-8")
        return term


_terms = _Terms()
"""The word cache shared by every call (the analysis is the same for every field)."""

_once: dict[int, bytes] = {}
"""Position -> the encoded positions of a term seen once, at that position."""


def positions_postings(text: str, field_boost: float = 1.0) -> list[Posting]:
    """The postings ``FieldType.index`` yields for ``text`` in a ``StemmingAnalyzer()`` field
    with the ``Positions`` format, in the same order and with byte-identical values.

    Whoosh numbers every regex match; the stop filter then keeps the first kept word's
    number and counts on by one from there, so stopped words leave no gaps after it. Each
    value is ``Positions.encode``'s: the count (``pack_uint``), then the first position and
    the gaps to the next ones, pickled with protocol 2.
    """
    if len(_terms) > _TERMS_LIMIT:
        _terms.clear()
    analysed = [*map(_terms.__getitem__, _WORD.findall(text))]
    kept = [*filter(None, analysed)]
    if not kept:
        return []
    positions: dict[bytes, list[int]] = {}
    for pos, term in enumerate(kept, analysed.index(kept[0])):
        found = positions.get(term)
        if found is None:
            positions[term] = [pos]
        else:
            found.append(pos)
    postings = []
    for term, poslist in positions.items():
        count = len(poslist)
        if count == 1:
            value = _once.get(poslist[0])
            if value is None:
                value = pack_uint(1) + dumps(poslist, 2)
                if poslist[0] < _ONCE_LIMIT:
                    _once[poslist[0]] = value
        else:
            value = pack_uint(count) + dumps([poslist[0], *map(sub, poslist[1:], poslist)], 2)
        postings.append((term, count, float(count) * field_boost, value))
    return postings
