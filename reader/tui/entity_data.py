"""What the entity pane shows about one entity: ``Library.entity_view`` as pane data.

No Textual imports here: this is plain data. Keyword-in-context lines and the
sparkline come from the domain (``reader.analysis``), so the CLI and the TUI agree.
``reader.analysis`` is imported on first use, not at start-up (it is large and the
first screen does not need it).

Opening an entity stays cheap however often it is mentioned: the counting parts of the
domain's view are cheap, the context lines stay the domain's lazy sequence (wrapped so a
line is flattened when it is read, see :class:`FlatContexts`), and the descriptions, which
need a pass over every mention (about a second for "United States" in Reuters), are left
out (``pending``) for :func:`load_entity_descriptions` to gather in the background.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, overload

from reader.model import Entity

if TYPE_CHECKING:
    from reader.analysis.kwic import KwicLine

__all__ = [
    "EntityDetails",
    "FlatContexts",
    "load_entity_descriptions",
    "load_entity_details",
    "sparkline",
]


class FlatContexts(Sequence["KwicLine"]):
    """Context lines with whitespace flattened, made one at a time as they are read.

    Wraps the domain's lazy ``contexts`` (``len`` is cheap there; reading a line builds
    its article's lines). Lines made are kept, so scrolling back costs nothing. Iterating
    reads every line: the UI only indexes.
    """

    def __init__(self, lines: Sequence[Any]) -> None:
        self._lines = lines
        self._made: dict[int, KwicLine] = {}

    @property
    def made(self) -> int:
        """How many lines have been made so far."""
        return len(self._made)

    def __len__(self) -> int:
        return len(self._lines)

    @overload
    def __getitem__(self, index: int) -> KwicLine: ...

    @overload
    def __getitem__(self, index: slice) -> list[KwicLine]: ...

    def __getitem__(self, index: int | slice) -> KwicLine | list[KwicLine]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        total = len(self)
        if index < 0:
            index += total
        if not 0 <= index < total:
            raise IndexError("context index out of range")
        line = self._made.get(index)
        if line is None:
            from reader.analysis.kwic import KwicLine

            k = self._lines[index]
            line = KwicLine(k.summary, k.mention, _flat(k.left), _flat(k.match), _flat(k.right))
            self._made[index] = line
        return line


@dataclass
class EntityDetails:
    """Everything the entity view pane draws."""

    entity: Entity
    contexts: Sequence[KwicLine] = field(default_factory=list)
    """Every mention as a context line (a lazy :class:`FlatContexts` from the loader)."""
    articles: int = 0
    """Articles mentioning the entity (0: not known, use the entity's own count)."""
    timeline: list[tuple[str, int]] = field(default_factory=list)
    cooccurring: list[tuple[str, int]] = field(default_factory=list)
    """(entity name, count)."""
    sources: list[tuple[str, int]] = field(default_factory=list)
    descriptions: list[tuple[str, int]] = field(default_factory=list)
    complete: bool = True
    """False when contexts were capped."""
    pending: bool = False
    """``descriptions`` are still being gathered (see :func:`load_entity_descriptions`)."""


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


def load_entity_details(
    library: Any, entity_id: str, *, descriptions: bool = False
) -> EntityDetails | None:
    """Gather the entity view of ``entity_id`` (None when the entity is unknown).

    Cheap however often the entity is mentioned: context lines are made when read, and
    descriptions are left ``pending`` unless ``descriptions`` is true (then this costs a
    pass over every mention).
    """
    entity = library.entity(entity_id)
    if entity is None:
        return None
    view = library.entity_view(entity.id)
    sources = _pairs(view.sources)
    return EntityDetails(
        entity=view.entity or entity,
        contexts=FlatContexts(view.contexts),
        articles=sum(count for _, count in sources),  # one source per article
        timeline=_pairs(view.timeline),
        cooccurring=_pairs(view.cooccurring),
        sources=sources,
        descriptions=_pairs(view.descriptions) if descriptions else [],
        pending=not descriptions,
    )


def load_entity_descriptions(library: Any, entity_id: str) -> list[tuple[str, int]]:
    """How sources describe ``entity_id``: the slow pass, for a worker thread.

    Builds a view of its own so the pass never shares per-article state with the context
    lines the UI thread is reading meanwhile.
    """
    view = library.entity_view(entity_id)
    return [] if view is None else _pairs(view.descriptions)
