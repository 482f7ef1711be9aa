"""Helpers shared by TUI tests."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.worker import WorkerCancelled


async def settle(pilot: Pilot) -> None:  # type: ignore[type-arg]
    """Wait until workers are done and their messages are handled."""
    app = pilot.app
    for _ in range(8):
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            # An exclusive worker (the notes poll) was replaced by a newer run;
            # that is normal, the newer run is still waited for below.
            pass
        await pilot.pause()
        if not any(worker.is_running for worker in app.workers):
            await pilot.pause()  # messages posted by the last worker
            return


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    """The visible screen as plain text (what a user would read).

    Uses the compositor the way ``App.export_screenshot`` does, but exports text.
    """
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        record=True,
        color_system="truecolor",
    )
    console.print(
        app.screen._compositor.render_update(
            full=True, screen_stack=app._background_screens, simplify=True
        )
    )
    return console.export_text(styles=False)
