"""The help screen, generated from the command table and the active keymap."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.tui.commands import Command, all_commands

NAVIGATION_HELP = (
    ("j/k ↑/↓", "Move in the list or the text"),
    ("g/G", "First/last"),
    (
        "enter",
        "Open the article / the entity of a mention / the article of a context line / the passage of a note",
    ),
    ("tab", "Next pane"),
    ("ctrl+p", "Command palette (every command, themes)"),
)
"""Keys handled by the widgets themselves (not remappable commands)."""


def key_label(key: str) -> str:
    """Readable form of a Textual key list ("right_square_bracket,l" -> "] l")."""
    names = {
        "right_square_bracket": "]",
        "left_square_bracket": "[",
        "asterisk": "*",
        "slash": "/",
        "question_mark": "?",
        "greater_than_sign": ">",
        "less_than_sign": "<",
    }
    return " ".join(names.get(k.strip(), k.strip()) for k in key.split(","))


def help_table(commands: list[Command], keymap: dict[str, str]) -> Table:
    """A table of every command (with remapped keys) grouped by section."""
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", style="bold", no_wrap=True)
    table.add_column()
    group = None
    for command in commands:
        if command.group != group:
            group = command.group
            table.add_row("", "")
            table.add_row(Text(group, "bold underline"), "")
        table.add_row(Text(key_label(keymap.get(command.id, command.key))), Text(command.help))
    table.add_row("", "")
    table.add_row(Text("Moving", "bold underline"), "")
    for key, text in NAVIGATION_HELP:
        table.add_row(Text(key), Text(text))
    return table


class HelpScreen(ModalScreen[None]):
    """Every key, from the same table that makes the bindings."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close", show=False),
    ]

    def __init__(self, keymap: dict[str, str] | None = None) -> None:
        super().__init__(id="help-screen")
        self.keymap = dict(keymap or {})
        """User key overrides (binding id -> keys)."""

    def compose(self) -> ComposeResult:
        """A scrollable table."""
        with VerticalScroll(id="help-box"):
            yield Static(
                Text("reader — keys (remap any of them in config.yaml under keymap:)", "bold")
            )
            yield Static(
                help_table(sorted(all_commands(), key=lambda c: c.group == "App"), self.keymap)
            )

    async def action_dismiss(self, result: None = None) -> None:
        """Close the help."""
        self.dismiss(None)
