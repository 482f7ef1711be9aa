"""Reading a term's postings into arrays, a block at a time, and a small LRU cache for them."""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import Any

from whoosh.matching.wrappers import FilterMatcher


def read_postings(matcher: Any, offset: int, ids: array, weights: array) -> None:
    """Append every (docnum + offset, weight) of a leaf matcher, a block at a time if possible.

    A segment with deleted documents wraps its matchers in a filter that walks postings
    one call at a time; the raw blocks are read instead and the deleted documents dropped.
    """
    if isinstance(matcher, FilterMatcher) and getattr(matcher, "_exclude", False):
        deleted = matcher._ids  # noqa: SLF001 - the segment's deleted document numbers
        child_ids, child_weights = array("i"), array("f")
        read_postings(matcher.child, 0, child_ids, child_weights)
        if deleted.isdisjoint(child_ids):  # the usual case: no deleted document has this term
            ids.extend(child_ids if not offset else [d + offset for d in child_ids])
            weights.extend(child_weights)
            return
        for doc, weight in zip(child_ids, child_weights, strict=True):
            if doc not in deleted:
                ids.append(doc + offset)
                weights.append(weight)
        return
    start = len(ids)
    if all(hasattr(matcher, name) for name in ("_read_ids", "_read_weights", "_next_block", "_i")):
        try:
            while matcher.is_active():
                if matcher._i != 0:  # noqa: SLF001 - only whole blocks are read here
                    raise ValueError("matcher not at a block start")
                matcher._read_ids()  # noqa: SLF001 - Whoosh's W3 codec block arrays
                matcher._read_weights()  # noqa: SLF001
                block_ids = matcher._ids  # noqa: SLF001
                block_weights = matcher._weights  # noqa: SLF001
                if len(block_ids) != len(block_weights):
                    raise ValueError("block ids and weights differ in length")
                ids.extend(block_ids if not offset else [i + offset for i in block_ids])
                weights.extend(block_weights)
                matcher._next_block()  # noqa: SLF001
            return
        except (AttributeError, TypeError, ValueError):
            del ids[start:]  # another codec: read posting by posting below
            del weights[start:]
            matcher.reset()
    while matcher.is_active():
        ids.append(matcher.id() + offset)
        weights.append(matcher.weight())
        matcher.next()


@dataclass
class LruDict:
    """A small least-recently-used cache (plain dict, insertion order)."""

    capacity: int
    items: dict = field(default_factory=dict)

    def get(self, key: Any) -> Any:
        """The cached value or None (marks it recently used)."""
        value = self.items.pop(key, None)
        if value is not None:
            self.items[key] = value
        return value

    def put(self, key: Any, value: Any) -> None:
        """Store a value, evicting the oldest beyond capacity."""
        self.items.pop(key, None)
        self.items[key] = value
        while len(self.items) > self.capacity:
            self.items.pop(next(iter(self.items)))
