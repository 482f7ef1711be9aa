"""Messages posted by the main screen's thread workers (thread-safe ``post_message``).

Workers never touch widgets: they load data and post one of these; handlers on
the screen update the widgets. Frequent messages coalesce (``can_replace``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.message import Message

from reader.model import Article, ArticleSummary, IndexReport, Mention, SearchResult
from reader.tui.entity_data import EntityDetails
from reader.tui.navigation import Position, Trail


@dataclass
class IndexProgress(Message):
    """Indexing advanced."""

    done: int
    total: int
    path: str

    def can_replace(self, message: Message) -> bool:
        """Only the latest progress matters."""
        return isinstance(message, IndexProgress)


@dataclass
class IndexFinished(Message):
    """Indexing ended (``error`` is a one-line reason when it failed)."""

    report: IndexReport | None
    error: str | None = None


@dataclass
class SummariesLoaded(Message):
    """The article list was read from the index."""

    summaries: list[ArticleSummary]
    final: bool = True
    """False while indexing is still running (partial list)."""


@dataclass
class ArticleLoaded(Message):
    """An article (and its mentions) is ready to show at ``target``."""

    target: Position
    article: Article | None
    mentions: list[Mention] | None
    """None when they follow in a ``MentionsLoaded``."""
    error: str | None = None


@dataclass
class MentionsLoaded(Message):
    """The mentions of an article that is (probably still) open."""

    article_id: str
    mentions: list[Mention]
    error: str | None = None


@dataclass
class RelatedLoaded(Message):
    """Related articles of ``article_id`` (computed for the opened article or ahead of time)."""

    article_id: str
    items: list[Any]
    note: str | None = None
    generation: int = 0
    """The related queue's generation when the list was asked for (older ones are stale)."""


@dataclass
class EntityLoaded(Message):
    """Entity view data is ready (``details`` None when the entity is unknown)."""

    entity_id: str
    details: EntityDetails | None


@dataclass
class EntityDescribed(Message):
    """The descriptions of the entity shown by ``details`` (dropped if it is no longer shown)."""

    details: EntityDetails
    descriptions: list[tuple[str, int]]


@dataclass
class SearchFinished(Message):
    """Search results for ``query`` with ``filters`` (dropped if the query moved on)."""

    query: str
    filters: dict[str, list[str]]
    result: SearchResult


@dataclass
class TrailReady(Message):
    """A trail was built; ``step`` is 1/-1 to step at once, 0 to only show it."""

    trail: Trail
    step: int = 0
    first_in_article: bool = False
    """Move to the trail's first span in the open article."""


@dataclass
class CorrectionDone(Message):
    """A correction (or its undo) finished; views reload."""

    description: str | None
    error: str | None = None
