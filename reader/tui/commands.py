"""Every command of the reading screen, defined once.

Each :class:`Command` drives its key binding (with a stable id that
``Config.keymap`` can remap through ``App.set_keymap``), its footer entry, its
command-palette entry and its line on the help screen.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Command:
    """One user command."""

    id: str
    """Stable binding id (the key in ``keymap:``)."""
    key: str
    """Default key(s), comma separated, Textual key names."""
    action: str
    """Action run on the screen (or ``app.`` for app actions)."""
    title: str
    """Short name (footer, palette)."""
    help: str
    """One-line explanation (palette, help screen)."""
    group: str = "Read"
    """Help screen section."""
    footer: bool = False
    """Shown in the footer."""
    key_display: str | None = None
    """How the key is shown, when its name is long."""


SCREEN_COMMANDS: tuple[Command, ...] = (
    Command(
        "search",
        "slash",
        "search",
        "Search",
        "Search as you type (fields: source:, entity:, place:, actor:, title:)",
        "Find",
        True,
        "/",
    ),
    Command(
        "close-search",
        "escape",
        "close_search",
        "Close search",
        "Leave search and show every article",
        "Find",
    ),
    Command(
        "facet-filter",
        "f",
        "facet_filter",
        "Filter",
        "Filter the list by entity, source or year",
        "Find",
    ),
    Command(
        "clear-filters", "F", "clear_filters", "Clear filters", "Remove every facet filter", "Find"
    ),
    Command(
        "sort", "s", "toggle_sort", "Sort", "Sort the article list by date or by title", "Find"
    ),
    Command(
        "next-mention",
        "right_square_bracket",
        "next_mention",
        "Next mention",
        "Next mention of any entity in this article",
        "Mentions",
        True,
        "]",
    ),
    Command(
        "previous-mention",
        "left_square_bracket",
        "previous_mention",
        "Prev mention",
        "Previous mention of any entity in this article",
        "Mentions",
        False,
        "[",
    ),
    Command(
        "follow-entity",
        "asterisk",
        "follow_entity",
        "Follow",
        "Follow the entity under the cursor (then n/N)",
        "Mentions",
        True,
        "*",
    ),
    Command(
        "next-match",
        "n",
        "next_match",
        "Next",
        "Next mention of the followed entity, or next search hit",
        "Mentions",
        True,
    ),
    Command(
        "previous-match",
        "N",
        "previous_match",
        "Previous",
        "Previous mention of the followed entity, or previous search hit",
        "Mentions",
    ),
    Command(
        "entity-view",
        "v",
        "show_entity_view",
        "Entity view",
        "Show the entity view of the mention under the cursor",
        "Mentions",
    ),
    Command(
        "jump-back",
        "ctrl+o",
        "jump_back",
        "Back",
        "Go back in the jump history",
        "Mentions",
        False,
        "^o",
    ),
    Command(
        "jump-forward",
        "ctrl+i,alt+right",
        "jump_forward",
        "Forward",
        "Go forward in the jump history (alt+right where ctrl+i is tab)",
        "Mentions",
        False,
        "^i",
    ),
    Command(
        "merge-entity",
        "M",
        "merge_entity",
        "Merge",
        "Merge the focused entity into another (fuzzy picker)",
        "Correct",
    ),
    Command(
        "rename-entity", "R", "rename_entity", "Rename", "Rename the focused entity", "Correct"
    ),
    Command(
        "change-kind",
        "K",
        "change_kind",
        "Change kind",
        "Make the focused entity a place or an actor",
        "Correct",
    ),
    Command(
        "not-entity",
        "X",
        "not_entity",
        "Not an entity",
        "Mark the text of the focused mention as not an entity",
        "Correct",
    ),
    Command(
        "add-alias",
        "A",
        "add_alias",
        "Add alias",
        "Add another name for the focused entity",
        "Correct",
    ),
    Command(
        "undo-correction",
        "u",
        "undo_last",
        "Undo",
        "Undo the last change: a note added, edited or deleted, or an entity correction",
        "Correct",
    ),
    Command("focus-list", "1", "focus_pane('list')", "List", "Focus the article list", "Panes"),
    Command(
        "focus-article", "2", "focus_pane('article')", "Article", "Focus the article text", "Panes"
    ),
    Command(
        "focus-entities",
        "3",
        "focus_pane('entities')",
        "Entities",
        "Show and focus the entities of this article",
        "Panes",
    ),
    Command(
        "focus-related",
        "4",
        "focus_pane('related')",
        "Related",
        "Show and focus related articles",
        "Panes",
    ),
    Command(
        "focus-entity-view",
        "5",
        "focus_pane('entity')",
        "Entity pane",
        "Show and focus the entity view",
        "Panes",
    ),
    Command(
        "toggle-side", "p", "toggle_side", "Side panes", "Show or hide the side panes", "Panes"
    ),
    Command(
        "toggle-list", "L", "toggle_list", "List pane", "Show or hide the article list", "Panes"
    ),
    Command(
        "wider-side",
        "greater_than_sign",
        "resize_side(4)",
        "Wider panes",
        "Make the side panes wider",
        "Panes",
        False,
        ">",
    ),
    Command(
        "narrower-side",
        "less_than_sign",
        "resize_side(-4)",
        "Narrower panes",
        "Make the side panes narrower",
        "Panes",
        False,
        "<",
    ),
    Command(
        "annotate",
        "a",
        "annotate",
        "Annotate",
        "Annotate the selection (or the sentence under the cursor): comment, colour, tags",
        "Notes",
        True,
    ),
    Command(
        "edit-note",
        "e",
        "edit_note",
        "Edit note",
        "Edit the note under the cursor (or the one picked in the notes pane)",
        "Notes",
    ),
    Command(
        "delete-note",
        "d",
        "delete_note",
        "Delete note",
        "Delete the note under the cursor (or the one picked in the notes pane); u undoes",
        "Notes",
    ),
    Command(
        "focus-notes",
        "6",
        "focus_pane('notes')",
        "Notes",
        "Show and focus the notes pane (enter jumps to a note's passage)",
        "Notes",
    ),
    Command(
        "notes-scope",
        "t",
        "toggle_notes_scope",
        "All notes",
        "Notes pane: this article's notes, or every note of the corpus",
        "Notes",
    ),
    Command(
        "filter-notes",
        "number_sign",
        "filter_notes",
        "Filter notes",
        "Filter the notes pane: words, #tag, @entity",
        "Notes",
        False,
        "#",
    ),
    Command(
        "export-notes",
        "E",
        "export_notes",
        "Export notes…",
        "Export every note to a file (.md Markdown, .json Web Annotation JSON-LD)",
        "Notes",
    ),
)
"""Commands bound on the main screen."""

APP_COMMANDS: tuple[Command, ...] = (
    Command("help", "question_mark", "help", "Help", "Show every key", "App", True, "?"),
    Command("next-theme", "ctrl+t", "next_theme", "Next theme", "Switch to the next theme", "App"),
    Command("quit", "q", "quit", "Quit", "Leave reader", "App", True),
)
"""Commands bound on the app (work on every screen)."""


def bindings(commands: Iterable[Command]) -> list[Binding]:
    """Textual bindings (with ids) for commands."""
    return [
        Binding(
            c.key,
            c.action,
            c.title,
            show=c.footer,
            key_display=c.key_display,
            tooltip=c.help,
            id=c.id,
        )
        for c in commands
    ]


def all_commands() -> Iterator[Command]:
    """Screen commands then app commands."""
    yield from SCREEN_COMMANDS
    yield from APP_COMMANDS
