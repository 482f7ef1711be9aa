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

Even so, a collection that starts while a frame is being made still delays it: the
collector runs when an allocation crosses its threshold, which is mostly during the burst
of work an article open causes (tui_bench at 19k: 3-8 ms young-generation passes, and
14-34 ms full ones, inside the frames of 1 open in 4). So while the guard is installed,
the collector does not start by itself: :meth:`HeapGuard.tick` (the app calls it every
``CHECK_EVERY`` seconds) runs the same generational passes the collector would have run,
once no input came for ``IDLE_AFTER`` seconds - while the reader reads. Work that goes on
without a pause is still collected, young generations only, once ``BUSY_LIMIT`` times the
usual number of allocations is reached. Reference counting frees everything else as usual.
"""

from __future__ import annotations

import gc
import time
from typing import Any

CHECK_EVERY = 0.1
"""Seconds between two looks at the collector's counts."""
IDLE_AFTER = 0.15
"""Seconds without input after which the reader is reading, not acting: collect then."""
BUSY_LIMIT = 100
"""Collect the young generations anyway once this many times the collector's first
threshold of allocations piled up (input without a pause, long background work)."""


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
        self._was_enabled = True

    def install(self) -> None:
        """Start freezing after full collections; freeze what is alive now; collect in
        idle time only (see :meth:`tick`)."""
        if not self.installed:
            gc.callbacks.append(self._after_collection)
            self._was_enabled = gc.isenabled()
            gc.disable()
            self.installed = True
        self.freeze()

    def remove(self) -> None:
        """Stop, give every frozen object back to the collector, and let it run by itself
        again."""
        if self.installed:
            gc.callbacks.remove(self._after_collection)
            self.installed = False
            if self._was_enabled:
                gc.enable()
        gc.unfreeze()

    def touch(self) -> None:
        """The reader acted (a key, a click, an article opened): not idle now."""
        self._last_input = time.monotonic()

    def tick(self) -> int | None:
        """Run the collection the collector would have run by now, if the reader is idle
        (or too much piled up); returns the generation collected, or None."""
        if not self.installed:
            return None
        if gc.isenabled():  # e.g. turned back on by a block that paused it meanwhile
            gc.disable()
        count0, count1, count2 = gc.get_count()
        limit0, limit1, limit2 = gc.get_threshold()
        if count0 < limit0:
            return None
        idle = time.monotonic() - self._last_input >= IDLE_AFTER
        if not idle and count0 < BUSY_LIMIT * limit0:
            return None
        generation = 0
        if count1 >= limit1:
            generation = 2 if idle and count2 >= limit2 else 1
        gc.collect(generation)
        self.collections[generation] += 1
        return generation

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
