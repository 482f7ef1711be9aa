"""Keep Python's cyclic garbage collector from freezing the screen on a large corpus.

A 19k-article corpus keeps millions of long-lived objects (the index manifest, the
entity linking, the related-articles tables). Every full ("generation 2") collection
walks all of them: 300-500 ms with the GIL held, during which no frame is drawn. That
was most of the slow article opens (open p90) and of the slow related lists.

:class:`HeapGuard` moves everything that survived a full collection into the
permanent generation (:func:`gc.freeze`), so later collections only look at objects
created since. Frozen objects are still freed by reference counting; only garbage
*cycles* among them wait until :meth:`HeapGuard.thaw` (called when the library
drops its data, e.g. after re-indexing) or until the guard is removed. Measured on
Reuters (tui_bench): no collection pause above ~35 ms instead of dozens of 300-500 ms
ones, for 0-30 MB more peak memory (cycles that die after being frozen).

Only survivors of a full collection are frozen (never whatever happens to be alive
at some moment we pick, which may include garbage cycles not yet collected).
"""

from __future__ import annotations

import gc
from typing import Any


class HeapGuard:
    """Freeze the survivors of every full collection (install once per app)."""

    def __init__(self) -> None:
        self.installed = False
        """The collector callback is registered."""
        self.freezes = 0
        """How many times survivors were frozen (for tests and curiosity)."""

    def install(self) -> None:
        """Start freezing after full collections; freeze what is alive now."""
        if not self.installed:
            gc.callbacks.append(self._after_collection)
            self.installed = True
        self.freeze()

    def remove(self) -> None:
        """Stop, and give every frozen object back to the collector."""
        if self.installed:
            gc.callbacks.remove(self._after_collection)
            self.installed = False
        gc.unfreeze()

    def freeze(self) -> None:
        """Treat every object alive now as permanent (cheap: a list splice)."""
        gc.freeze()
        self.freezes += 1

    def thaw(self) -> None:
        """Large data was dropped: let the next full collection reclaim its cycles."""
        gc.unfreeze()

    def _after_collection(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "stop" and info.get("generation") == 2:
            self.freeze()
