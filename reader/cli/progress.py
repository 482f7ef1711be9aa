"""A progress bar on stderr when it is a terminal; silent when piped."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Progress = Callable[[int, int, str], None]


@contextmanager
def progress_printer(label: str, stream=None) -> Iterator[Progress]:
    """Yield a ``progress(done, total, message)`` callback that draws a bar on a tty."""
    stream = stream or sys.stderr
    interactive = hasattr(stream, "isatty") and stream.isatty()
    state = {"last": 0.0, "drawn": False}

    def progress(done: int, total: int, message: str = "") -> None:
        if not interactive or total <= 0:
            return
        now = time.monotonic()
        if done < total and now - state["last"] < 0.1:
            return
        state["last"] = now
        width = 30
        filled = int(width * min(done, total) / total)
        bar = "█" * filled + "·" * (width - filled)
        stream.write(f"\r{label} [{bar}] {done}/{total} {message[:30]:<30}")
        stream.flush()
        state["drawn"] = True

    try:
        yield progress
    finally:
        if state["drawn"]:
            stream.write("\r" + " " * 90 + "\r")
            stream.flush()
