"""Pausing Python's cyclic garbage collector while a large, long-lived object graph is built.

Unpickling or receiving tens of thousands of entity analyses creates millions of objects,
and the collector's full passes over them cost several times the work itself (20k
analyses: 0.36 s to unpickle with the collector paused, 2.1 s without). Such blocks make
trees of objects, not garbage cycles, so nothing is lost by pausing it. (The TUI adds its
own guard against full collections, ``reader.tui.heap``.)
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Run the block without the cyclic collector (restored afterwards, also if nested)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
