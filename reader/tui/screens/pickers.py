"""Small modal screens: pick one of a list, type a line of text, pick an entity (fuzzy).

Each is a ``ModalScreen[T | None]`` used with ``await app.push_screen_wait(...)``
inside a ``@work`` action; escape returns None.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker


@dataclass(frozen=True)
class Choice:
    """One choice: the value returned and the label shown (plain text)."""

    value: Any
    label: str


class ChoicePicker(ModalScreen[Any]):
    """Choose one item from a short list."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self, title: str, choices: list[Choice]) -> None:
        super().__init__(classes="picker")
        self.title_text = title
        """Shown above the list."""
        self.choices = choices
        """What can be chosen."""

    def compose(self) -> ComposeResult:
        """Title and list."""
        with Vertical(classes="picker-box"):
            yield Label(Text(self.title_text, "bold"))
            yield OptionList(
                *[Option(Text(c.label), id=str(i)) for i, c in enumerate(self.choices)]
            )

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[int(event.option.id or 0)].value)

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)


class TextPrompt(ModalScreen[str | None]):
    """Ask for one line of text."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self, title: str, value: str = "") -> None:
        super().__init__(classes="picker")
        self.title_text = title
        """The question."""
        self.value = value
        """Initial text."""

    def compose(self) -> ComposeResult:
        """Question and field."""
        with Vertical(classes="picker-box"):
            yield Label(Text(self.title_text, "bold"))
            yield Input(value=self.value, id="prompt-input")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        """Close without an answer."""
        self.dismiss(None)


class EntityPicker(ModalScreen[str | None]):
    """Type to find an entity (fuzzy, in a thread); enter returns its id."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", show=False),
        Binding("down", "to_list", "List", show=False),
    ]

    def __init__(self, title: str, library: Any, exclude: str | None = None) -> None:
        super().__init__(classes="picker")
        self.title_text = title
        """The question."""
        self.library = library
        """Where entities are looked up."""
        self.exclude = exclude
        """An entity id never offered (the one being merged)."""

    def compose(self) -> ComposeResult:
        """Question, field, matches."""
        with Vertical(classes="picker-box"):
            yield Label(Text(self.title_text, "bold"))
            yield Input(placeholder="type a name…", id="picker-input")
            yield OptionList(id="picker-list")

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self.lookup(event.value)

    @work(thread=True, exclusive=True, group="picker")
    def lookup(self, text: str) -> None:
        """Fuzzy entity search."""
        found = self.library.search_entities(text, limit=20) if text.strip() else []
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, text, found)

    def _show(self, text: str, found: list[Any]) -> None:
        if text != self.query_one(Input).value:
            return
        options = self.query_one(OptionList)
        options.clear_options()
        for entity in found:
            if entity.id == self.exclude:
                continue
            label = Text(entity.name)
            label.append(f"  {entity.kind} · {entity.type} · {entity.mention_count}×", "dim")
            options.add_option(Option(label, id=entity.id))
        if options.option_count:
            options.highlighted = 0

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_to_list(self) -> None:
        """Move from the field to the matches."""
        self.query_one(OptionList).focus()

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
