"""Keyword-in-context lines: a mention with the sentence around it, on one line."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.model import ArticleSummary, Mention

WIDTH = 60
"""Characters of context on each side when the sentence is too long."""
MAX_SENTENCE = 240
"""Sentences up to this long are shown whole; longer ones are cut to ``WIDTH`` each side."""

_SENTENCE_END = re.compile(r"(?<=[.!?])([\"'”’)\]]*)\s+(?=[\"'“‘(\[]?[A-Z0-9])"  # . Next
                           r"|\n\s*\n|\n(?=\s*[•*\-–] )")  # paragraph, bullet
_ABBREVIATION = re.compile(r"(?:\b(?:[A-Z]\.)+|\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Sgt|St|Jr|Sr|"
                           r"Inc|Ltd|Co|Corp|No|vs|U\.S|U\.N|Jan|Feb|Mar|Apr|Aug|Sep|Sept|Oct|Nov|"
                           r"Dec)\.)$")


@dataclass(frozen=True)
class KwicLine:
    """One mention in context: ``left + match + right`` is a single line of the article."""

    summary: ArticleSummary
    mention: Mention
    left: str
    match: str
    right: str

    @property
    def line(self) -> str:
        """The whole context line."""
        return f"{self.left}{self.match}{self.right}"


def flat(text: str) -> str:
    """Collapse every run of whitespace (newlines included) to one space."""
    return " ".join(text.split())


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


def context(text: str, start: int, end: int, bounds: list[tuple[int, int]] | None = None,
            width: int = WIDTH) -> tuple[str, str, str]:
    """(left, match, right) around ``text[start:end]``: its sentence when short enough, else
    ``width`` characters each side cut at word boundaries with "…"; always one line."""
    bounds = sentence_bounds(text) if bounds is None else bounds
    s_start, s_end = sentence_at(bounds, start)
    s_end = max(s_end, end)
    if s_start <= start and s_end - s_start <= MAX_SENTENCE:
        left, right = text[s_start:start], text[end:s_end]
    else:
        lo, hi = max(0, start - width), min(len(text), end + width)
        left, right = text[lo:start], text[end:hi]
        if lo > 0:
            left = "…" + (left.split(" ", 1)[1] if " " in left[1:] else left)
        if hi < len(text):
            right = (right.rsplit(" ", 1)[0] if " " in right[:-1] else right) + "…"
    left = flat(left)
    right = flat(right)
    match = flat(text[start:end])
    if left and text[start - 1:start].isspace():
        left += " "
    if right and text[end:end + 1].isspace():
        right = " " + right
    return left, match, right


def kwic_line(summary: ArticleSummary, body: str, mention: Mention,
              bounds: list[tuple[int, int]] | None = None) -> KwicLine:
    """The keyword-in-context line of one mention in ``body``."""
    left, match, right = context(body, mention.start, mention.end, bounds)
    return KwicLine(summary, mention, left, match, right)
