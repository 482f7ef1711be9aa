"""Sentence boundaries: one light rule-based splitter shared by KWIC lines and notes."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?])([\"'”’)\]]*)\s+(?=[\"'“‘(\[]?[A-Z0-9])"  # . Next
                           r"|\n\s*\n|\n(?=\s*[•*\-–] )")  # paragraph, bullet
_ABBREVIATION = re.compile(r"(?:\b(?:[A-Z]\.)+|\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Sgt|St|Jr|Sr|"
                           r"Inc|Ltd|Co|Corp|No|vs|U\.S|U\.N|Jan|Feb|Mar|Apr|Aug|Sep|Sept|Oct|Nov|"
                           r"Dec)\.)$")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each sentence of ``text`` (a light rule-based splitter)."""
    bounds = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        cut = match.end(1) if match.group(1) is not None else match.start()
        if _ABBREVIATION.search(text[max(start, cut - 12):cut]):
            continue
        if text[start:cut].strip():
            bounds.append((start, cut))
        start = match.end()
    if text[start:].strip():
        bounds.append((start, len(text)))
    return bounds


def sentence_at(bounds: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    """The sentence bounds containing ``offset`` (binary search)."""
    lo, hi = 0, len(bounds) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        start, end = bounds[mid]
        if offset < start:
            hi = mid - 1
        elif offset >= end:
            lo = mid + 1
        else:
            return start, end
    return offset, offset
