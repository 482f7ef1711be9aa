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

Even so, a full collection that starts while a frame is being made still delays it: the
collector starts one when an allocation crosses its thresholds, which is mostly during the
burst of work an article open causes (tui_bench at 19k: 14-34 ms, inside the frames of
about 1 open in 8). So while the guard is installed the collector runs its young and
middle passes by itself as usual (a few milliseconds at most), but not the full ones:
:meth:`HeapGuard.tick` (the app calls it every ``CHECK_EVERY`` seconds) runs the full
pass the collector would have run once no input came for ``IDLE_AFTER`` seconds, while
the reader reads. Work that goes on without such a pause still gets its full pass once
``BUSY_LIMIT`` times the usual number of middle passes piled up.
"""

from __future__ import annotations

import gc
import time
from typing import Any

CHECK_EVERY = 0.1
"""Seconds between two looks at the collector's counts."""
IDLE_AFTER = 0.5
"""Seconds without input after which the reader is reading, not acting: collect then."""
BUSY_LIMIT = 10
"""Run the full pass anyway once this many times the usual number of middle passes piled
up (input without a pause, long background work)."""
NEVER = 1_000_000_000
"""A threshold the collector's own counts never reach."""


class HeapGuard:
    """Freeze the survivors of every full collection (install once per app)."""

    def __init__(self) -> None:
        self.installed = False
        """The collector callback is registered."""
        self.freezes = 0
        """How many times survivors were frozen (for tests and curiosity)."""
        self.collections = [0, 0, 0]
        """Passes run by :meth:`tick`, per generation."""
        self._last_input = time.monotonic()
        self._thresholds = gc.get_threshold()

    def install(self) -> None:
        """Start freezing after full collections; freeze what is alive now; collect in
        idle time only (see :meth:`tick`)."""
        if not self.installed:
            gc.callbacks.append(self._after_collection)
            self._thresholds = gc.get_threshold()
            gc.set_threshold(self._thresholds[0], self._thresholds[1], NEVER)  # no full pass
            self.installed = True
        self.freeze()

    def remove(self) -> None:
        """Stop, give every frozen object back to the collector, and let it run every
        pass by itself again."""
        if self.installed:
            gc.callbacks.remove(self._after_collection)
            gc.set_threshold(*self._thresholds)
            self.installed = False
        gc.unfreeze()

    def touch(self) -> None:
        """The reader acted (a key, a click, an article opened): not idle now."""
        self._last_input = time.monotonic()

    def tick(self) -> int | None:
        """Run the full pass the collector would have run by now, if the reader is idle
        (or too many piled up); returns the generation collected (2), or None."""
        if not self.installed:
            return None
        middle_passes = gc.get_count()[2]
        limit2 = self._thresholds[2]
        if middle_passes < limit2:
            return None
        idle = time.monotonic() - self._last_input >= IDLE_AFTER
        if not idle and middle_passes < BUSY_LIMIT * limit2:
            return None
        gc.collect(2)
        self.collections[2] += 1
        return 2

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
