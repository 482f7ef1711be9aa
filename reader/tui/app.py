"""ReaderApp: themes, keymap, command palette and the main screen.

Services are injected (a ``Library`` and a ``Config``), so tests run the app on
a small corpus with ``READER_HOME`` in a temporary folder.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.screen import Screen

from reader import paths
from reader.config import Config, load_config, update_config
from reader.tui.commands import APP_COMMANDS, SCREEN_COMMANDS, Command, bindings
from reader.tui.heap import CHECK_EVERY, HeapGuard
from reader.tui.navigation import Position
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.main import MainScreen
from reader.tui.themes import DEFAULT_THEME, THEME_VARIABLE_DEFAULTS, load_themes


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker while ``sys.stderr`` is still the real one.

    The indexer uses a process pool; the tracker it starts passes ``sys.stderr.fileno()``
    to the child, and inside a running Textual app stderr is captured (fileno -1), which
    made indexing fail with "bad value(s) in fds_to_keep".
    """
    try:
        from multiprocessing import resource_tracker

        resource_tracker.ensure_running()
    except Exception:  # no multiprocessing here: the indexer falls back to one process
        pass


class ThemedApp(App[None]):
    """An app with reader's themes, theme variables and stylesheet (also used by test harnesses)."""

    CSS_PATH = str(Path(__file__).with_name("app.tcss"))

    def __init__(self, theme: str = DEFAULT_THEME) -> None:
        super().__init__()
        loaded = load_themes(paths.builtin_theme_dir(), paths.user_theme_dir())
        for item in loaded.themes.values():
            self.register_theme(item)
        self.theme_problems: list[str] = list(loaded.problems)
        """Theme files that could not be used."""
        if theme not in self.available_themes:
            self.theme_problems.append(f"unknown theme {theme!r}; using {DEFAULT_THEME}")
            theme = DEFAULT_THEME if DEFAULT_THEME in self.available_themes else "textual-dark"
        self.theme = theme

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """Mention and highlight colours, for themes that do not set them."""
        return dict(THEME_VARIABLE_DEFAULTS)


class ReaderApp(ThemedApp):
    """The terminal news reader."""

    TITLE = "reader"
    BINDINGS: ClassVar[list[BindingType]] = bindings(APP_COMMANDS)  # type: ignore[assignment]

    def __init__(
        self,
        library: Any,
        config: Config | None = None,
        *,
        start: Position | None = None,
        index: bool = True,
        persist: bool = True,
    ) -> None:
        self.config = config or load_config()
        """User settings."""
        self.library = library
        """The corpus facade."""
        self.start = start
        """Open this position first (``reader open``)."""
        self.index_at_start = index
        """Update the index when the app starts."""
        self.persist = persist
        """Save the theme choice and per-corpus state."""
        self._started = False
        """The main screen is up (theme changes after this are the user's)."""
        self.heap = HeapGuard()
        """Keeps full garbage collections off the big long-lived corpus data."""
        _start_resource_tracker()
        super().__init__(self.config.theme)
        if self.config.keymap:
            self.set_keymap(self.config.keymap)

    def on_mount(self) -> None:
        """Show the main screen and report configuration problems."""
        self.heap.install()
        self.set_interval(CHECK_EVERY, self.heap.tick, name="idle garbage collection")
        self.push_screen(MainScreen(self.library, start=self.start, index=self.index_at_start))
        for problem in [*self.config.problems, *self.theme_problems]:
            self.notify(problem, title="Configuration", severity="warning", timeout=8)
        self._started = True

    async def on_event(self, event: events.Event) -> None:
        """Input means the reader is acting: garbage is collected once they pause."""
        if isinstance(event, events.InputEvent):
            self.heap.touch()
        await super().on_event(event)

    def on_unmount(self) -> None:
        """Give the garbage collector everything back."""
        self.heap.remove()

    def watch_theme(self, theme: str) -> None:
        """Remember the theme the user picked, and redraw cached highlight styles."""
        if self._started and self.persist and theme != self.config.theme:
            self.config.theme = theme
            with update_config() as config:
                config.theme = theme
        if self._started:
            self.call_after_refresh(self._restyle)

    def _restyle(self) -> None:
        """Cached rows hold the old theme's colours: redraw them."""
        for screen in self.screen_stack:
            for widget in screen.query("ArticleView, VirtualList, RelatedPane"):
                widget.notify_style_update()
                widget.refresh()

    def action_help(self) -> None:
        """Show every key."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.config.keymap))

    def action_next_theme(self) -> None:
        """Cycle through reader's themes (the palette lists every theme)."""
        names = sorted(n for n in self.available_themes if n.startswith("reader-")) or sorted(
            self.available_themes
        )
        current = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(current + 1) % len(names)]
        self.notify(f"Theme: {self.theme}")

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Palette: every reader command, then Textual's own (themes, keys, screenshot)."""
        main = screen if isinstance(screen, MainScreen) else None
        for command in SCREEN_COMMANDS:
            if main is not None:
                yield SystemCommand(command.title, command.help, partial(self._run, main, command))
        for command in APP_COMMANDS:
            yield SystemCommand(command.title, command.help, partial(self._run, self, command))
        yield from super().get_system_commands(screen)

    def _run(self, target: Any, command: Command) -> None:
        self.call_later(target.run_action, command.action)

    async def action_quit(self) -> None:
        """Remember where the reader was, then leave."""
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen) and self.persist:
                screen.remember()
        self.exit()
