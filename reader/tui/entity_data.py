"""What the entity pane shows about one entity: ``Library.entity_view`` as pane data.

No Textual imports here: this is plain data. Keyword-in-context lines and the
sparkline come from the domain (``reader.analysis``), so the CLI and the TUI agree.
``reader.analysis`` is imported on first use, not at start-up (it is large and the
first screen does not need it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reader.model import Entity

if TYPE_CHECKING:
    from reader.analysis.kwic import KwicLine

__all__ = ["EntityDetails", "load_entity_details", "sparkline"]


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


def sparkline(counts: list[int]) -> str:
    """The domain's one-line sparkline (``reader.analysis.timeline.sparkline``)."""
    from reader.analysis.timeline import sparkline as draw

    return draw(counts)


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


def load_entity_details(library: Any, entity_id: str) -> EntityDetails | None:
    """Gather the entity view of ``entity_id`` (None when the entity is unknown)."""
    entity = library.entity(entity_id)
    if entity is None:
        return None
    from reader.analysis.kwic import KwicLine

    view = library.entity_view(entity.id)
    contexts = [KwicLine(k.summary, k.mention, _flat(k.left), _flat(k.match), _flat(k.right))
                for k in view.contexts]
    return EntityDetails(
        entity=view.entity or entity,
        contexts=contexts,
        timeline=_pairs(view.timeline),
        cooccurring=_pairs(view.cooccurring),
        sources=_pairs(view.sources),
        descriptions=_pairs(view.descriptions),
    )
