"""Helpers shared by TUI tests."""

from __future__ import annotations

from textual.pilot import Pilot


async def settle(pilot: Pilot) -> None:  # type: ignore[type-arg]
    """Wait until workers are done and their messages are handled."""
    app = pilot.app
    for _ in range(4):
        await app.workers.wait_for_complete()
        await pilot.pause()
