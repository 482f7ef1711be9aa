"""Where n/N and ctrl+o/ctrl+i go: trails (an entity or a search) and the jump history.

Pure logic over article ids and offsets, so it is tested without a screen.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Position:
    """A place in the corpus: an article and a character offset (plus an optional span end)."""

    article_id: str
    start: int = 0
    end: int | None = None


@dataclass
class Trail:
    """Something n/N steps through: the mentions of an entity or the hits of a search."""

    label: str
    """Shown in the status line ("HTS", '/aleppo airport')."""
    article_ids: list[str]
    """Articles on the trail, in stepping order (by date for entities, by rank for hits)."""
    spans_for: Callable[[str], list[tuple[int, int]]]
    """Spans of the trail in one article (sorted); called lazily, may be empty."""
    unit: str = "mention"
    """What a span is called in the status line."""
    item: str = "article"
    """What an article is called in the status line."""
    entity_id: str | None = None
    """The followed entity, when the trail is an entity."""
    _cache: dict[str, list[tuple[int, int]]] = field(default_factory=dict, repr=False)

    def spans(self, article_id: str) -> list[tuple[int, int]]:
        """Spans of the trail in ``article_id`` (cached)."""
        if article_id not in self._cache:
            self._cache[article_id] = sorted(self.spans_for(article_id))
        return self._cache[article_id]

    def step(self, here: Position, direction: int) -> Position | None:
        """The next (1) or previous (-1) stop after ``here``; None past either end."""
        try:
            a = self.article_ids.index(here.article_id)
        except ValueError:
            a = -1
        if a >= 0:
            spans = self.spans(here.article_id)
            starts = [s for s, _ in spans]
            i = (
                bisect_right(starts, here.start)
                if direction > 0
                else bisect_left(starts, here.start) - 1
            )
            if 0 <= i < len(spans):
                return Position(here.article_id, *spans[i])
            nxt = a + direction
        else:
            nxt = 0 if direction > 0 else len(self.article_ids) - 1
        while 0 <= nxt < len(self.article_ids):
            article_id = self.article_ids[nxt]
            spans = self.spans(article_id)
            if spans:
                return Position(article_id, *(spans[0] if direction > 0 else spans[-1]))
            if self.unit != "mention":  # a hit without visible terms still counts
                return Position(article_id, 0, None)
            nxt += direction
        return None

    def describe(self, here: Position) -> str:
        """Status text, e.g. "HTS · mention 3/7 · article 2/3"."""
        parts = [self.label]
        if here.article_id in self.article_ids:
            spans = self.spans(here.article_id)
            starts = [s for s, _ in spans]
            if spans:
                i = bisect_right(starts, here.start)
                parts.append(f"{self.unit} {max(i, 1)}/{len(spans)}")
            parts.append(
                f"{self.item} {self.article_ids.index(here.article_id) + 1}/{len(self.article_ids)}"
            )
        else:
            count = len(self.article_ids)
            parts.append(f"{count} {self.item}{'' if count == 1 else 's'}")
        return " · ".join(parts)


_FIELD = re.compile(r'\b\w+:("[^"]*"|\S+)')
_PHRASE = re.compile(r'"([^"]+)"')
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}


def query_patterns(query: str) -> list[re.Pattern[str]]:
    """Regexes that find a query's words and phrases in article text (fields are left out)."""
    rest = _FIELD.sub(" ", query)
    patterns: list[re.Pattern[str]] = []
    for phrase in _PHRASE.findall(rest):
        words = [re.escape(w) for w in re.findall(r"\w+", phrase)]
        if words:
            patterns.append(re.compile(r"\b" + r"\W+".join(words) + r"\b", re.IGNORECASE))
    rest = _PHRASE.sub(" ", rest)
    for word in re.findall(r"[\w*?]+", rest):
        if word in _OPERATORS or len(word.strip("*?")) < 2:
            continue
        stem = re.escape(word.strip("*?"))
        patterns.append(re.compile(r"\b" + stem + r"\w*", re.IGNORECASE))
    return patterns


def phrase_pattern(query: str) -> re.Pattern[str] | None:
    """The query's plain words as one phrase (None for fewer than two words or any field/quote)."""
    if ":" in query or '"' in query:
        return None
    words = [w for w in re.findall(r"\w+", query) if w not in _OPERATORS]
    if len(words) < 2:
        return None
    return re.compile(r"\b" + r"\W+".join(map(re.escape, words)) + r"\b", re.IGNORECASE)


def search_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where a query shows in ``text``: whole-phrase matches when there are any, else each term."""
    phrase = phrase_pattern(query)
    if phrase is not None:
        spans = find_spans(text, [phrase])
        if spans:
            return spans
    return find_spans(text, query_patterns(query))


def find_spans(text: str, patterns: list[re.Pattern[str]]) -> list[tuple[int, int]]:
    """All non-overlapping matches of the patterns in ``text``, sorted."""
    found = sorted({m.span() for p in patterns for m in p.finditer(text) if m.end() > m.start()})
    spans: list[tuple[int, int]] = []
    for start, end in found:
        if spans and start < spans[-1][1]:
            continue
        spans.append((start, end))
    return spans


class JumpHistory:
    """Back/forward lists of positions, like a browser (ctrl+o / ctrl+i)."""

    def __init__(self, limit: int = 200) -> None:
        self.back_stack: list[Position] = []
        """Older positions, newest last."""
        self.forward_stack: list[Position] = []
        """Positions undone by going back, newest last."""
        self.limit = limit
        """How many positions are kept."""

    def record(self, here: Position) -> None:
        """Remember ``here`` before a jump (forward history is dropped)."""
        if self.back_stack and self.back_stack[-1] == here:
            return
        self.back_stack.append(here)
        del self.back_stack[: -self.limit]
        self.forward_stack.clear()

    def back(self, here: Position) -> Position | None:
        """Where ctrl+o goes from ``here`` (None when there is no history)."""
        if not self.back_stack:
            return None
        self.forward_stack.append(here)
        return self.back_stack.pop()

    def forward(self, here: Position) -> Position | None:
        """Where ctrl+i goes from ``here``."""
        if not self.forward_stack:
            return None
        self.back_stack.append(here)
        return self.forward_stack.pop()
