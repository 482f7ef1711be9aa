"""What the entity pane shows about one entity, read from the library.

``Library.entity_view`` (issue 4) provides everything; when it is not available
yet, the details are built from ``entity_mentions`` plus article bodies (capped),
so the pane works either way. No Textual imports here: this is plain data.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from reader.model import ArticleSummary, Entity, Mention

KWIC_WIDTH = 60
"""Characters of context on each side when contexts are built here."""
FALLBACK_ARTICLE_CAP = 300
"""At most this many articles are opened to build contexts without ``entity_view``."""


@dataclass(frozen=True)
class KwicLine:
    """One keyword-in-context line: where an entity is mentioned and what surrounds it."""

    summary: ArticleSummary
    mention: Mention
    left: str
    match: str
    right: str


@dataclass
class EntityDetails:
    """Everything the entity view pane draws."""

    entity: Entity
    contexts: list[KwicLine] = field(default_factory=list)
    timeline: list[tuple[str, int]] = field(default_factory=list)
    cooccurring: list[tuple[str, int]] = field(default_factory=list)
    """(entity name, count)."""
    sources: list[tuple[str, int]] = field(default_factory=list)
    descriptions: list[tuple[str, int]] = field(default_factory=list)
    complete: bool = True
    """False when contexts were capped."""


def _flat(text: str) -> str:
    """Whitespace runs become one space; edges keep one space so contexts stay readable."""
    raw = str(text)
    inner = " ".join(raw.split())
    if not inner:
        return " " if raw else ""
    return (" " if raw[0].isspace() else "") + inner + (" " if raw[-1].isspace() else "")


def _pairs(values: Any) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    for item in values or ():
        key, count = item[0], item[1]
        name = getattr(key, "name", key)
        out.append((str(name), int(count)))
    return out


def _kwic_from(item: Any) -> KwicLine | None:
    """Convert one context of ``EntityView.contexts`` (tuple or object)."""
    if isinstance(item, tuple) and len(item) >= 5:
        summary, mention, left, match, right = item[:5]
    else:
        summary = getattr(item, "summary", None) or getattr(item, "article", None)
        mention = getattr(item, "mention", None)
        left = getattr(item, "left", "")
        match = getattr(item, "match", None) or getattr(mention, "text", "")
        right = getattr(item, "right", "")
    if summary is None or mention is None:
        return None
    return KwicLine(summary, mention, _flat(left), _flat(match), _flat(right))


def load_entity_details(library: Any, entity_id: str) -> EntityDetails | None:
    """Gather the entity view of ``entity_id`` (None when the entity is unknown)."""
    entity = library.entity(entity_id)
    if entity is None:
        return None
    viewer = getattr(library, "entity_view", None)
    if viewer is not None:
        view = viewer(entity.id)
        contexts = [k for k in map(_kwic_from, getattr(view, "contexts", ()) or ()) if k]
        return EntityDetails(
            entity=getattr(view, "entity", None) or entity,
            contexts=contexts,
            timeline=_pairs(getattr(view, "timeline", ())),
            cooccurring=_pairs(getattr(view, "cooccurring", ())),
            sources=_pairs(getattr(view, "sources", ())),
            descriptions=_pairs(getattr(view, "descriptions", ())),
        )
    return _build_details(library, entity)


def _build_details(library: Any, entity: Entity) -> EntityDetails:
    """Entity details from ``entity_mentions`` (used until ``entity_view`` exists)."""
    pairs = library.entity_mentions(entity.id)
    details = EntityDetails(entity=entity)
    months: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    cooc: Counter[str] = Counter()
    seen: dict[str, str] = {}
    opened = 0
    for summary, mention in pairs:
        if summary.id not in seen:
            seen[summary.id] = ""
            months[summary.date[:7] or "undated"] += 1
            if summary.source:
                sources[summary.source] += 1
            if opened < FALLBACK_ARTICLE_CAP:
                opened += 1
                seen[summary.id] = library.article(summary.id).body
                others = {m.entity: m.name for m in library.mentions(summary.id)}
                others.pop(entity.id, None)
                cooc.update(others.values())
            else:
                details.complete = False
        body = seen[summary.id]
        if not body:
            continue
        left = body[max(0, mention.start - KWIC_WIDTH) : mention.start]
        right = body[mention.end : mention.end + KWIC_WIDTH]
        details.contexts.append(
            KwicLine(summary, mention, _flat(left), _flat(mention.text), _flat(right))
        )
    details.timeline = sorted(months.items())
    details.sources = sources.most_common(8)
    details.cooccurring = cooc.most_common(8)
    return details


SPARK = "▁▂▃▄▅▆▇█"
"""Bar characters of a text sparkline, lowest first."""


def sparkline(counts: list[int]) -> str:
    """A one-line text sparkline of ``counts`` (empty string for no data)."""
    if not counts:
        return ""
    top = max(counts) or 1
    return "".join(SPARK[min(len(SPARK) - 1, round(c / top * (len(SPARK) - 1)))] for c in counts)
