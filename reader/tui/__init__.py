"""The Textual reading screen: the only package in ``reader`` that imports textual.

Entry points live in ``reader.cli.tui_cmd``; :class:`reader.tui.app.ReaderApp` is the app.

Frames are made at up to ``FRAMES_PER_SECOND`` (Textual's documented ``TEXTUAL_FPS``, read
when Textual is first imported; a value the user set is kept). Textual 8.2.8 makes a frame
asked for within a frame period after another wait one to two periods (``Timer._run`` skips
a tick too many when it catches up), so at its default of 60 the second of two quick
actions (``n`` pressed again as soon as the first jump is drawn) waited 17-33 ms; at 120,
8-17 ms. Frames are still only made when something changed.
"""

import os

FRAMES_PER_SECOND = 120
"""Highest frame rate (Textual's default is 60)."""

os.environ.setdefault("TEXTUAL_FPS", str(FRAMES_PER_SECOND))
