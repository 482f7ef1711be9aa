"""Mentions, following an entity (n/N), jump history and the entity view, for the main screen.

A mixin of :class:`reader.tui.screens.main.MainScreen`; it relies on the screen's
widgets (``article_view``, ``entity_pane``, ``entity_view``, ``status``) and on
``open_at``/``here``/``_show_tab``.
"""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.screen import Screen
from textual.worker import get_current_worker

from reader.tui import messages as msg
from reader.tui.entity_data import EntityDetails, load_entity_descriptions, load_entity_details
from reader.tui.navigation import Position, Trail
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.entity_pane import EntityPane

PANE_SYNC_DELAY = 0.12
"""Seconds after a mention jump before the entities pane follows it."""


class FollowingMixin(Screen[None]):
    """Actions: ] [ * n N ctrl+o ctrl+i v, and the messages they cause."""

    library: Any
    trail: Trail | None
    _pane_entity: str | None = None
    """Entity the entities pane should highlight (set on each mention jump)."""
    _pane_timer_pending = False
    """A pane sync is scheduled."""

    def action_next_mention(self) -> None:
        """Next mention of any entity in this article."""
        if self.article_view.step_mention(1) is None:
            self.app.bell()

    def action_previous_mention(self) -> None:
        """Previous mention of any entity in this article."""
        if self.article_view.step_mention(-1) is None:
            self.app.bell()

    def _focused_entity(self) -> str | None:
        """The entity pointed at: pane selection, entity view, or the mention under the cursor."""
        if self.entity_pane.has_focus and self.entity_pane.highlighted_entity:
            return self.entity_pane.highlighted_entity
        if self.entity_view.has_focus_within and self.entity_view.details:
            return self.entity_view.details.entity.id
        mention = self.article_view.current_mention
        return mention.entity if mention else None

    def action_follow_entity(self) -> None:
        """Follow the entity under the cursor: n/N now step through its mentions."""
        entity_id = self._focused_entity()
        if entity_id is None:
            self.notify(
                "Put the cursor on a highlighted mention first (] moves to one).",
                severity="warning",
            )
            return
        self.follow(entity_id)

    def follow(self, entity_id: str, step: int = 0, first_in_article: bool = False) -> None:
        """Make ``entity_id`` the followed trail (built in a thread)."""
        self.build_entity_trail(entity_id, step, first_in_article)

    @work(thread=True, exclusive=True, group="trail")
    def build_entity_trail(self, entity_id: str, step: int, first_in_article: bool) -> None:
        """Articles mentioning an entity, by date."""
        library = self.library
        entity = library.entity(entity_id)
        articles = [s.id for s in library.articles_mentioning(entity_id)]

        def spans_for(article_id: str) -> list[tuple[int, int]]:
            return [(m.start, m.end) for m in library.mentions(article_id) if m.entity == entity_id]

        label = entity.name if entity else entity_id
        trail = Trail(label, articles, spans_for, entity_id=entity_id)
        self.post_message(msg.TrailReady(trail, step, first_in_article))

    @on(msg.TrailReady)
    def _trail_ready(self, event: msg.TrailReady) -> None:
        self.trail = event.trail
        self.article_view.set_followed(event.trail.entity_id)
        here = self.here
        if event.first_in_article and here is not None:
            spans = event.trail.spans(here.article_id)
            if spans:
                self.open_at(Position(here.article_id, *spans[0]))
        if event.step:
            self._step(event.step)
        self._update_trail_status()
        self._prefetch_related()  # the trail's next and previous articles

    def _step(self, direction: int) -> None:
        if self.trail is None:
            self.notify(
                "Nothing to follow yet: press * on a mention, or search with /.", severity="warning"
            )
            return
        here = self.here or Position("", -1)
        target = self.trail.step(here, direction)
        if target is None:
            self.app.bell()
            self.notify(
                f"No {'later' if direction > 0 else 'earlier'} {self.trail.unit}"
                f" of {self.trail.label}."
            )
            return
        self.open_at(target)

    def action_next_match(self) -> None:
        """n: next mention of the followed entity (or next search hit)."""
        self._step(1)

    def action_previous_match(self) -> None:
        """N: previous mention of the followed entity (or previous search hit)."""
        self._step(-1)

    def _update_trail_status(self) -> None:
        here = self.here
        self.status.trail = self.trail.describe(here) if self.trail and here else ""

    def action_jump_back(self) -> None:
        """ctrl+o: back in the jump history."""
        here = self.here
        target = self.history.back(here) if here else None
        if target is None:
            self.app.bell()
            return
        self.open_at(target, record=False)

    def action_jump_forward(self) -> None:
        """ctrl+i: forward in the jump history."""
        here = self.here
        target = self.history.forward(here) if here else None
        if target is None:
            self.app.bell()
            return
        self.open_at(target, record=False)

    @on(ArticleView.MentionFocused)
    def _mention_focused(self, event: ArticleView.MentionFocused) -> None:
        self._update_trail_status()
        # The pane catches up a moment later: redrawing it on every jump would double the cost.
        self._pane_entity = event.mention.entity
        if not self._pane_timer_pending:
            self._pane_timer_pending = True
            self.set_timer(PANE_SYNC_DELAY, self._sync_entity_pane)

    def _sync_entity_pane(self) -> None:
        """Highlight the focused mention's entity in the entities pane."""
        self._pane_timer_pending = False
        if (
            self._pane_entity is not None
            and self.entity_pane.highlighted_entity != self._pane_entity
        ):
            self.entity_pane.select_entity(self._pane_entity)

    @on(ArticleView.MentionChosen)
    def _mention_chosen(self, event: ArticleView.MentionChosen) -> None:
        self.show_entity(event.mention.entity)

    @on(EntityPane.EntityChosen)
    def _entity_chosen(self, event: EntityPane.EntityChosen) -> None:
        self.follow(event.entity_id, first_in_article=True)

    def action_show_entity_view(self) -> None:
        """Open the entity view of the focused entity."""
        entity_id = self._focused_entity() or (self.trail.entity_id if self.trail else None)
        if entity_id is None:
            self.notify("Put the cursor on a highlighted mention first.", severity="warning")
            return
        self.show_entity(entity_id)

    def show_entity(self, entity_id: str) -> None:
        """Show the entity view pane for ``entity_id``."""
        self._show_tab("entity")
        self.workers.cancel_group(self, "entity-descriptions")  # the shown view's: not needed
        self.load_entity(entity_id)

    @work(thread=True, exclusive=True, group="entity")
    def load_entity(self, entity_id: str) -> None:
        """Gather the entity view data (cheap: lines are made as they are drawn, and the
        descriptions follow from :meth:`describe_entity`)."""
        details = load_entity_details(self.library, entity_id)
        if not get_current_worker().is_cancelled:
            self.post_message(msg.EntityLoaded(entity_id, details))

    @on(msg.EntityLoaded)
    def _entity_loaded(self, event: msg.EntityLoaded) -> None:
        if event.details is None:
            self.notify("That entity no longer exists (merged or removed).", severity="warning")
            return
        details = event.details
        self.entity_view.show_details(details)
        if details.pending:
            # After the view is drawn: the pass would otherwise compete with drawing it.
            self.call_after_refresh(self._describe_if_shown, details)

    def _describe_if_shown(self, details: EntityDetails) -> None:
        if self.entity_view.details is details:
            self.describe_entity(details)

    @work(thread=True, exclusive=True, group="entity-descriptions")
    def describe_entity(self, details: EntityDetails) -> None:
        """The slow part of an entity view: how sources describe it (a pass over every
        mention). A newer view cancels this one; a result arriving late is dropped."""
        descriptions = load_entity_descriptions(self.library, details.entity.id)
        if not get_current_worker().is_cancelled:
            self.post_message(msg.EntityDescribed(details, descriptions))

    @on(msg.EntityDescribed)
    def _entity_described(self, event: msg.EntityDescribed) -> None:
        self.entity_view.show_descriptions(event.details, event.descriptions)
