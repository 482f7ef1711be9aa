"""Entity analysers that break a build worker process (importable by its forkserver)."""

from __future__ import annotations

import os
from collections.abc import Callable

MARKER = "BREAKWORKER"


def _count_words(text: str) -> object:
    return len(text.split())


def interrupting() -> Callable[[str], object]:
    """An analyser that raises ``KeyboardInterrupt`` (no per-file handler catches it) on MARKER."""

    def analyse(text: str) -> object:
        if MARKER in text:
            raise KeyboardInterrupt
        return _count_words(text)

    return analyse


def dying() -> Callable[[str], object]:
    """An analyser whose process dies on the spot on MARKER."""

    def analyse(text: str) -> object:
        if MARKER in text:
            os._exit(3)
        return _count_words(text)

    return analyse


def counting() -> Callable[[str], object]:
    """A harmless analyser."""
    return _count_words
