"""Related articles for the main screen: computed in a worker, kept, and prefetched.

A mixin of :class:`reader.tui.screens.main.MainScreen`. Lists are computed only while the
Related pane is on screen. The article being opened comes first (its list is computed
alongside the article's own load, which waits a moment for it so that both are drawn
together); once its list is drawn, the lists the reader may want next are computed
too: the related article under the pane's cursor when the pane has focus (enter opens it),
the open article's neighbours on the followed entity's or search's trail (where n and N
lead), and its neighbours in the article list (the next and previous article). Opening one
of those finds its list ready, and the pane fills in the same frame as the article. The
last ``RELATED_CACHE_SIZE`` lists are kept; a re-index or a correction forgets them.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from textual import on, work
from textual.screen import Screen
from textual.worker import get_current_worker

from reader.tui import messages as msg
from reader.tui.navigation import Position
from reader.tui.related_queue import RelatedJob, RelatedQueue
from reader.tui.widgets.article_list import item_article_id
from reader.tui.widgets.related_pane import RelatedPane

RELATED_TAB = "tab-related"
"""Tab id of the related pane."""
RELATED_CACHE_SIZE = 64
"""Articles whose related lists are kept (back and forth between articles is instant)."""
RELATED_WAIT = 0.03
"""Seconds an opened article waits for its related list (asked for at the same time) so
that both are drawn in one frame; a list that takes longer follows in a frame of its own."""
PREFETCH_OFFSETS = (1, -1, 2)
"""Neighbours (list rows after / before the open article) whose lists are prefetched,
most likely next first."""


class RelatedMixin(Screen[None]):
    """The Related pane: which list it shows, and computing lists ahead of time."""

    library: Any

    def init_related(self) -> None:
        """Declare the related state (called from ``MainScreen.__init__``)."""
        self._related_queue = RelatedQueue()
        """Lists to compute: the opened article's, then its neighbours'."""
        self._related_cache: OrderedDict[str, tuple[list[Any], str | None]] = OrderedDict()
        """Related lists already computed: article id -> (items, note)."""
        self._related_shown: str | None = None
        """Article whose related list (or "finding…" note) the Related pane shows."""

    def has_related(self, article_id: str) -> bool:
        """The related list of ``article_id`` is computed and kept (opening it shows the
        list at once)."""
        return article_id in self._related_cache

    def _related_visible(self) -> bool:
        """The Related pane is on screen."""
        visible = not self.has_class("-side-hidden") and (
            not self.has_class("-narrow") or self.has_class("-side-open")
        )
        return visible and self.side.active == RELATED_TAB

    def _maybe_load_related(self, article_id: str | None = None) -> None:
        """Show the related articles of the open article, or ask for those of
        ``article_id`` that is being opened (computed alongside the article's own load).

        Only while the Related pane is on screen (it costs CPU).
        """
        if not self._related_visible():
            return
        article = self.article_view.article
        if article_id is None:
            if article is None:
                return
            article_id = article.id
        shown = article is not None and article.id == article_id
        cached = self._related_cache.get(article_id)
        if cached is not None:
            self._related_cache.move_to_end(article_id)
            if shown and self._related_shown != article_id:
                self._show_related(article_id, *cached)
            return
        if self._related_queue.want(article_id):
            self.compute_related()
        if shown and self._related_shown != article_id:
            self._related_shown = article_id
            self.related_pane.show_finding(article_id)

    def wait_for_related(self, article_id: str) -> None:
        """Give the list of ``article_id``, asked for as it is being opened, up to
        ``RELATED_WAIT`` to be ready (called by the article's loader, in its thread): when
        it is, the article and its list are drawn in one frame."""
        self._related_queue.wait_for(article_id, RELATED_WAIT)

    def _show_related(self, article_id: str, items: list[Any], note: str | None) -> None:
        """Fill the pane (its ``Drawn`` message then starts the prefetch)."""
        self._related_shown = article_id
        self.related_pane.show_related(article_id, items, note)

    @on(RelatedPane.Drawn)
    def _related_drawn(self, event: RelatedPane.Drawn) -> None:
        """The open article's list is on screen: compute the lists the reader may want next
        while they read."""
        article = self.article_view.article
        if article is not None and article.id == event.article_id:
            self._prefetch_related()

    @on(RelatedPane.Highlighted)
    def _related_highlighted(self, event: RelatedPane.Highlighted) -> None:
        self._prefetch_related()

    def _prefetch_related(self) -> None:
        """Queue the lists not kept yet of: the related article under the pane's cursor
        (when the pane has focus: enter opens it), the open article's neighbours on the
        followed trail (n / N), then its neighbours in the article list."""
        article = self.article_view.article
        if article is None or not self._related_visible():
            return
        wanted: list[str] = []
        pane = self.related_pane
        if pane.has_focus and pane.article_id == article.id and pane.current is not None:
            wanted.append(pane.current.summary.id)
        trail = getattr(self, "trail", None)
        if trail is not None and article.id in trail.article_ids:  # where n / N lead
            at = trail.article_ids.index(article.id)
            wanted.extend(trail.article_ids[i] for i in (at + 1, at - 1)
                          if 0 <= i < len(trail.article_ids))
        index = self.article_list.index_of(article.id)
        if index is not None:
            items = self.article_list.items
            wanted.extend(
                item_article_id(items[index + offset])
                for offset in PREFETCH_OFFSETS
                if 0 <= index + offset < len(items)
            )
        missing = [a for a in wanted if a not in self._related_cache and a != article.id]
        if missing and self._related_queue.prefetch(missing):
            self.compute_related()

    def forget_related(self) -> None:
        """Related lists are stale (re-index, correction): compute them again when shown."""
        self._related_cache.clear()
        self._related_queue.forget()
        self._related_shown = None

    @work(thread=True, group="related", description="Finding related articles")
    def compute_related(self) -> None:
        """Compute the queued related lists, one after another, until none is left."""
        queue = self._related_queue
        worker = get_current_worker()
        try:
            while True:
                if worker.is_cancelled:
                    queue.stop()
                    return
                job = queue.next()
                if job is None:
                    return
                self.post_message(self._related_of(job))
        except BaseException:
            queue.stop()
            raise

    def _related_of(self, job: RelatedJob) -> msg.RelatedLoaded:
        """Compute one list (in the worker); failures become a note."""
        related = getattr(self.library, "related", None)
        if related is None:
            note = "Related articles are not available yet."
            return msg.RelatedLoaded(job.article_id, [], note, job.generation)
        try:
            items = related(job.article_id, limit=10)
        except Exception as exc:
            return msg.RelatedLoaded(job.article_id, [], f"Related failed: {exc}", job.generation)
        return msg.RelatedLoaded(job.article_id, items, None, job.generation)

    @on(msg.RelatedLoaded)
    def _related_loaded(self, event: msg.RelatedLoaded) -> None:
        if event.generation != self._related_queue.generation:
            return  # computed before a re-index or correction
        if event.note is None or event.items:  # failures are not kept: retried next time
            self._related_cache[event.article_id] = (event.items, event.note)
            while len(self._related_cache) > RELATED_CACHE_SIZE:
                self._related_cache.popitem(last=False)
        article = self.article_view.article
        if article is not None and article.id == event.article_id:
            self._show_related(event.article_id, event.items, event.note)

    @on(RelatedPane.ArticleChosen)
    def _related_chosen(self, event: RelatedPane.ArticleChosen) -> None:
        self.open_at(Position(event.article_id), focus_view=True)
