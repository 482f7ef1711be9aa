"""Entity corrections from the keyboard (merge, rename, kind, not-an-entity, alias, undo).

A mixin of :class:`reader.tui.screens.main.MainScreen`. Questions are asked with
modal pickers; the correction itself runs in a thread (it relinks the corpus) and
every view reloads when it is done.
"""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.screen import Screen

from reader.model import KINDS
from reader.tui import messages as msg
from reader.tui.navigation import Trail
from reader.tui.screens.pickers import Choice, ChoicePicker, EntityPicker, TextPrompt


class CorrectionsMixin(Screen[None]):
    """Actions: M R K X A u."""

    library: Any
    trail: Trail | None

    def _target_entity(self) -> Any:
        """The entity a correction applies to (None, with a hint, when there is none)."""
        entity_id = self._focused_entity() or (self.trail.entity_id if self.trail else None)
        entity = self.library.entity(entity_id) if entity_id else None
        if entity is None:
            self.notify(
                "Put the cursor on a mention (or pick an entity in the pane) first.",
                severity="warning",
            )
        return entity

    @work
    async def action_merge_entity(self) -> None:
        """Merge the focused entity into another one chosen with a fuzzy picker."""
        entity = self._target_entity()
        if entity is None:
            return
        target = await self.app.push_screen_wait(
            EntityPicker(f"Merge “{entity.name}” into…", self.library, exclude=entity.id)
        )
        if target:  # Library: merge(entity, other) folds ``other`` into ``entity``
            self.apply_correction("merge", target, entity.id)

    @work
    async def action_rename_entity(self) -> None:
        """Give the focused entity another canonical name."""
        entity = self._target_entity()
        if entity is None:
            return
        name = await self.app.push_screen_wait(
            TextPrompt(f"Rename “{entity.name}” to", entity.name)
        )
        if name and name != entity.name:
            self.apply_correction("rename", entity.id, name)

    @work
    async def action_change_kind(self) -> None:
        """Make the focused entity a place or an actor."""
        entity = self._target_entity()
        if entity is None:
            return
        choices = [Choice(k, f"{k}{'  (current)' if k == entity.kind else ''}") for k in KINDS]
        kind = await self.app.push_screen_wait(ChoicePicker(f"Kind of “{entity.name}”", choices))
        if kind and kind != entity.kind:
            self.apply_correction("kind", entity.id, kind)

    def action_not_entity(self) -> None:
        """Mark the text of the mention under the cursor as not an entity."""
        mention = self.article_view.current_mention
        if mention is None:
            self.notify("Put the cursor on the mention that is not an entity.", severity="warning")
            return
        self.apply_correction("ignore", mention.text)

    @work
    async def action_add_alias(self) -> None:
        """Add another name for the focused entity."""
        entity = self._target_entity()
        if entity is None:
            return
        alias = await self.app.push_screen_wait(TextPrompt(f"Another name for “{entity.name}”"))
        if alias:
            self.apply_correction("alias", entity.id, alias)

    def action_undo_correction(self) -> None:
        """Undo the last correction."""
        self.apply_correction("undo")

    @work(thread=True, exclusive=True, group="correct")
    def apply_correction(self, action: str, *args: str) -> None:
        """Run a correction (or undo) in a thread; the corpus is relinked."""
        try:
            if action == "undo":
                description = self.library.undo_correction()
                if description is None:
                    self.post_message(msg.CorrectionDone(None, "Nothing to undo."))
                    return
            else:
                description = self.library.correct(action, *args)
        except Exception as exc:  # shown to the user, nothing is lost
            self.post_message(msg.CorrectionDone(None, f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(
            msg.CorrectionDone(description if action != "undo" else f"Undone: {description}")
        )

    @on(msg.CorrectionDone)
    def _correction_done(self, event: msg.CorrectionDone) -> None:
        if event.error:
            self.notify(event.error, severity="warning")
            return
        self.notify(event.description or "Done.", title="Correction")
        self.thaw_heap()  # the old linking is garbage now
        here = self.here
        if here is not None:
            self._pending = here
            self.load_article(here)
        followed = self.trail.entity_id if self.trail else None
        if followed is not None:
            entity = self.library.entity(followed)
            if entity is None:
                self.trail = None
                self.article_view.set_followed(None)
            else:
                self.follow(entity.id)
        details = self.entity_view.details
        if details is not None:
            self.load_entity(details.entity.id)
        if not self.searching:
            self.load_summaries()
