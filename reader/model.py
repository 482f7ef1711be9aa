"""Plain dataclasses shared by every layer: articles, mentions, entities, hits.

Domain layers return these, never Whoosh or Textual objects. Offsets are Python
string offsets (end exclusive) into ``Article.body`` unless a docstring says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path

PLACE = "place"
ACTOR = "actor"
KINDS = (PLACE, ACTOR)


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` with a label (e.g. boilerplate rule name)."""

    start: int
    end: int
    label: str = ""


@dataclass
class Article:
    """One article file, decoded, sanitised and split into title/metadata/body.

    ``raw`` is the whole sanitised file text (what "view raw" shows); ``body`` is the
    readable text without title, dateline and boilerplate, paragraphs joined by a
    blank line. Entities, notes and the index all use offsets into ``body``.
    """

    id: str
    """Stable id: a hash of the corpus-relative path (survives edits and re-indexing)."""
    path: Path
    """Absolute path of the file."""
    relpath: str
    """Path relative to the corpus root it was found under (POSIX separators)."""
    title: str
    body: str
    content_hash: str
    """sha256 (hex, 16 chars) of the file bytes; notes use it to detect edits."""
    date: Date | None = None
    source: str = ""
    byline: str = ""
    url: str = ""
    tags: tuple[str, ...] = ()
    raw: str = ""
    removed: tuple[Span, ...] = ()
    """Boilerplate spans (offsets into ``raw``) kept out of ``body``; labels name the rule."""
    warnings: tuple[str, ...] = ()
    """Non-fatal decoding/parsing remarks (e.g. "decoded as cp1252")."""

    @property
    def paragraphs(self) -> list[str]:
        """The body split into paragraphs."""
        return [p for p in self.body.split("\n\n") if p.strip()]

    @property
    def date_text(self) -> str:
        """ISO date or empty string."""
        return self.date.isoformat() if self.date else ""


@dataclass(frozen=True)
class ArticleSummary:
    """What lists show about an article, read from the index without opening the file."""

    id: str
    path: str
    title: str
    date: str
    """ISO date or empty."""
    source: str


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity in a text."""

    start: int
    end: int
    text: str
    """The exact slice ``text[start:end]`` (the alias used)."""
    entity: str
    """Stable entity id (same real-world entity => same id across files and aliases)."""
    name: str
    """Canonical name of the entity."""
    kind: str
    """``place`` or ``actor``."""
    type: str
    """Finer type: person, organisation, armed-group, government-body, media, country, region, city ..."""


@dataclass
class Entity:
    """One real-world place or actor, with every alias seen for it."""

    id: str
    name: str
    kind: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mention_count: int = 0
    article_count: int = 0


@dataclass(frozen=True)
class SearchHit:
    """One search result."""

    article_id: str
    path: str
    title: str
    date: str
    source: str
    score: float
    snippet: str
    """Plain text with matched terms wrapped in ``highlight_open``/``highlight_close`` markers."""
    rank: int = 0


HIGHLIGHT_OPEN = "\x02"
"""Marker placed before a matched term in snippets (never in sanitised article text)."""
HIGHLIGHT_CLOSE = "\x03"
"""Marker placed after a matched term in snippets."""


@dataclass
class SearchResult:
    """Hits plus everything a results list shows around them."""

    query: str
    hits: list[SearchHit]
    total: int
    suggestion: str | None = None
    """A corrected query ("did you mean") when some terms look misspelt, else None."""
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    """Facet name (``source``, ``year``) -> value -> count over all matching documents."""
    error: str | None = None
    """One-line explanation when the query could not be parsed; hits are then empty."""


@dataclass(frozen=True)
class IndexReport:
    """What an index update did."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: tuple[tuple[str, str], ...] = ()
    """(path, reason) for each file that could not be read."""
    rebuilt_reason: str | None = None
    """Why the index was rebuilt from scratch, if it was."""
    seconds: float = 0.0
