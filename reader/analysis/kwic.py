"""Keyword-in-context lines: a mention with the sentence around it, on one line."""

from __future__ import annotations

from dataclasses import dataclass

from reader.model import ArticleSummary, Mention
from reader.sentences import sentence_at, sentence_bounds

__all__ = ["KwicLine", "context", "flat", "kwic_line", "sentence_at", "sentence_bounds"]

WIDTH = 60
"""Characters of context on each side when the sentence is too long."""
MAX_SENTENCE = 240
"""Sentences up to this long are shown whole; longer ones are cut to ``WIDTH`` each side."""

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
