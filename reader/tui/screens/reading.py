"""Opening articles for the main screen: load in a thread, show, place the cursor.

A mixin of :class:`reader.tui.screens.main.MainScreen` (which declares the state it
uses: ``_pending``, ``_focus_view_after``, ``history``, ``trail``); related articles are
``related.py``.
"""

from __future__ import annotations

import threading
from typing import Any

from textual import on, work
from textual.screen import Screen
from textual.worker import get_current_worker

from reader.tui import messages as msg
from reader.tui.navigation import JumpHistory, Position, Trail
from reader.tui.widgets.article_list import ArticleList, item_article_id
from reader.tui.widgets.kwic_list import KwicList

MENTIONS_WAIT = 0.05
"""Seconds an article waits for its mentions before it is shown without them."""
LIST_SYNC_DELAY = 0.1
"""Seconds after an article is shown before the list cursor follows it."""


class ReadingMixin(Screen[None]):
    """Opening an article from the list, a related article, a context line or a jump."""

    library: Any
    trail: Trail | None
    history: JumpHistory
    _pending: Position | None
    _focus_view_after: bool

    @property
    def here(self) -> Position | None:
        """Where the reader is now."""
        article = self.article_view.article
        if article is None:
            return None
        view = self.article_view
        if view.selected_text:
            start, end = sorted((view.cursor_offset, view.anchor_offset))
            return Position(article.id, start, end)
        return Position(article.id, view.cursor_offset)

    def open_at(self, target: Position, *, record: bool = True, focus_view: bool = False) -> None:
        """Show ``target`` (loading the article in a thread when it is not open)."""
        here = self.here
        if (
            record
            and here is not None
            and (here.article_id, here.start) != (target.article_id, target.start)
        ):
            self.history.record(here)
        self._focus_view_after = focus_view
        if here is not None and here.article_id == target.article_id:
            self._pending = None
            self._place(target)
            self.article_list.paint_cursor()
            return
        self._pending = target
        heap = getattr(self.app, "heap", None)
        if heap is not None:
            heap.touch()  # an open makes garbage: collect it once the reader reads
        self._maybe_load_related(target.article_id)  # alongside the article, not after it
        self.load_article(target)

    @work(thread=True, exclusive=True, group="article")
    def load_article(self, target: Position) -> None:
        """Read one article and its mentions; post them together, or the text first when
        the mentions take long (the first call links the whole corpus)."""
        try:
            article = self.library.article(target.article_id)
        except Exception as exc:
            self.post_message(msg.ArticleLoaded(target, None, [], f"{type(exc).__name__}: {exc}"))
            return
        if get_current_worker().is_cancelled:
            return
        found: list[Any] = []

        def find_mentions() -> None:
            try:
                found.append(self.library.mentions(target.article_id))
            except Exception as exc:  # reported with the (empty) mentions
                found.append(exc)

        helper = threading.Thread(target=find_mentions, daemon=True)
        helper.start()
        helper.join(MENTIONS_WAIT)  # usually ready at once: then one message, one frame
        early = not found
        if early:  # linking the corpus for the first time: show the text meanwhile
            self.post_message(msg.ArticleLoaded(target, article, None))
            helper.join()
        result = found[0]
        error = f"{type(result).__name__}: {result}" if isinstance(result, Exception) else None
        if not early:
            self.wait_for_related(article.id)  # ready soon: drawn in the article's frame
        if early or error:
            if not early:
                self.post_message(msg.ArticleLoaded(target, article, None))
            self.post_message(msg.MentionsLoaded(article.id, [] if error else result, error))
        else:
            self.post_message(msg.ArticleLoaded(target, article, result))

    @on(msg.ArticleLoaded)
    def _article_loaded(self, event: msg.ArticleLoaded) -> None:
        if event.target != self._pending:
            return  # a newer request is on its way
        self._pending = None
        self.article_list.paint_cursor()  # a move in the list is drawn with its article
        if event.article is None:
            self.notify(event.error or "cannot open article", title="Cannot open", severity="error")
            return
        view = self.article_view
        view.show(event.article, event.mentions or [])
        self.notes_article_shown(event.article)
        view.set_followed(self.trail.entity_id if self.trail else None)
        self.header.show(event.article)
        if event.mentions is None:
            self.entity_pane.show_waiting()
        else:
            self.entity_pane.show_mentions(event.mentions)
        self._show_search_matches()
        current = self.article_list.current
        if current is None or item_article_id(current) != event.article.id:
            # opened by a jump, a link or n/N: the list catches up a moment later, so the
            # article paints first (scrolling the list far away redraws all its rows)
            self.set_timer(LIST_SYNC_DELAY, self._sync_list)
        self._place(event.target)
        self._maybe_load_related()

    @on(msg.MentionsLoaded)
    def _mentions_loaded(self, event: msg.MentionsLoaded) -> None:
        view = self.article_view
        if view.article is None or view.article.id != event.article_id:
            return
        if event.error:
            self.notify(event.error, title="Entities unavailable", severity="warning")
        view.set_mentions(event.mentions)
        self.entity_pane.show_mentions(event.mentions)
        i = view.mention_at(view.cursor_offset) if view.selected_text else None
        if i is not None:
            view.post_message(view.MentionFocused(view, view.mentions[i], i))
        self._update_trail_status()

    def _sync_list(self) -> None:
        """Put the list cursor on the open article (without re-opening it)."""
        if self._pending is not None:
            return  # another article is on its way; the list follows that one
        article = self.article_view.article
        index = self.article_list.index_of(article.id) if article else None
        if index is not None and index != self.article_list.cursor:
            self.article_list.move_to(index, announce=False)

    def _place(self, target: Position) -> None:
        view = self.article_view
        if target.end is not None:
            view.select_span(target.start, target.end)
            i = view.mention_at(target.start)
            if i is not None:
                view.post_message(view.MentionFocused(view, view.mentions[i], i))
        elif target.start:
            view.go_to_offset(target.start)
        self._update_trail_status()
        if self._focus_view_after:
            view.focus()

    @on(ArticleList.Highlighted, "#article-list")
    def _list_highlighted(self, event: ArticleList.Highlighted) -> None:
        article_id = item_article_id(event.item)
        if self.article_view.article is None or self.article_view.article.id != article_id:
            self.open_at(Position(article_id))  # the list's move is drawn with the article
        else:
            self.article_list.paint_cursor()

    @on(ArticleList.Selected, "#article-list")
    def _list_selected(self, event: ArticleList.Selected) -> None:
        article_id = item_article_id(event.item)
        self.open_at(self._first_stop(article_id), focus_view=True)

    @on(KwicList.Selected, "#kwic-list")
    def _kwic_selected(self, event: KwicList.Selected) -> None:
        line = event.item
        self.open_at(
            Position(line.summary.id, line.mention.start, line.mention.end), focus_view=True
        )
