"""The reader asks Textual for its frame rate through Textual's documented variable."""

from __future__ import annotations

import os
import subprocess
import sys


def _fps_seen(env: dict[str, str]) -> int:
    code = "import reader.tui.app, textual.constants as c; print(c.MAX_FPS)"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, check=True)
    return int(out.stdout.strip())


def test_the_app_runs_at_the_readers_frame_rate_unless_the_user_set_one() -> None:
    from reader.tui import FRAMES_PER_SECOND

    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_FPS"}
    assert _fps_seen(env) == FRAMES_PER_SECOND
    assert _fps_seen({**env, "TEXTUAL_FPS": "30"}) == 30
