"""The reading screen: list | article | side panes, status line and footer.

The screen owns the state (open article, trail, jump history) and runs every
blocking call in a thread worker that only posts messages (``reader.tui.messages``).
Opening articles, related articles, search and corrections live in mixins (``reading.py``,
``related.py``, ``search.py``, ``corrections.py``).
"""

from __future__ import annotations

import time
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.getters import query_one
from textual.screen import Screen
from textual.widgets import Footer, TabbedContent, TabPane
from textual.worker import get_current_worker

from reader.config import load_state, save_state
from reader.tui import messages as msg
from reader.tui.commands import SCREEN_COMMANDS, bindings
from reader.tui.navigation import JumpHistory, Position, Trail
from reader.tui.screens.corrections import CorrectionsMixin
from reader.tui.screens.following import FollowingMixin
from reader.tui.screens.notes import NotesMixin
from reader.tui.screens.reading import ReadingMixin
from reader.tui.screens.related import RelatedMixin
from reader.tui.screens.search import SearchMixin
from reader.tui.widgets.article_header import ArticleHeader
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.entity_pane import EntityPane
from reader.tui.widgets.entity_view import EntityViewPane
from reader.tui.widgets.kwic_list import KwicList
from reader.tui.widgets.notes_pane import NotesList, NotesPane
from reader.tui.widgets.related_pane import RelatedPane
from reader.tui.widgets.search_bar import SearchBar
from reader.tui.widgets.status_line import StatusLine

LIST_REFRESH_SECONDS = 2.0
"""While indexing, the list is re-read this often (it shows what is committed so far)."""
NARROW_WIDTH = 110
"""Below this many columns the side panes become an overlay."""
PANE_IDS = {"list": "#article-list", "article": "#article-view"}
"""Pane name -> widget selector for ``focus_pane``."""
TAB_IDS = {
    "entities": "tab-entities",
    "related": "tab-related",
    "entity": "tab-entity",
    "notes": "tab-notes",
}
"""Side pane name -> tab id."""


class MainScreen(
    ReadingMixin,
    RelatedMixin,
    FollowingMixin,
    SearchMixin,
    NotesMixin,
    CorrectionsMixin,
    Screen[None],
):
    """Everything a reader does happens here."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(SCREEN_COMMANDS)  # type: ignore[assignment]

    article_list = query_one("#article-list", ArticleList)
    article_view = query_one("#article-view", ArticleView)
    header = query_one(ArticleHeader)
    entity_pane = query_one(EntityPane)
    related_pane = query_one(RelatedPane)
    entity_view = query_one(EntityViewPane)
    status = query_one(StatusLine)
    search_bar = query_one(SearchBar)
    side = query_one("#side-panes", TabbedContent)

    def __init__(self, library: Any, start: Position | None = None, index: bool = True) -> None:
        super().__init__()
        self.library = library
        """The corpus facade (``reader.library.Library``)."""
        self.start = start
        """Where to open first (``reader open reader://...``), overriding remembered state."""
        self.run_indexing = index
        """Bring the index up to date at start."""
        self.state: dict[str, Any] = load_state(library.roots)
        """Remembered UI state of this corpus."""
        self.history = JumpHistory()
        """ctrl+o / ctrl+i positions."""
        self.trail: Trail | None = None
        """What n/N step through (followed entity or last search)."""
        self.summaries: list[Any] = []
        """Every article (list mode)."""
        self.sort = str(self.state.get("sort", "date"))
        """Article list order."""
        self._restored = False
        """The remembered article was reopened."""
        self._last_fill = time.monotonic()
        """When the list was last re-read during indexing."""
        self._pending: Position | None = None
        """The article position requested last (stale loads are dropped)."""
        self._focus_view_after = False
        """Focus the article text once the pending article is shown."""
        self.init_related()
        self.init_search()
        self.init_notes()

    def compose(self) -> ComposeResult:
        """List | article | side panes, then status line and footer."""
        with Horizontal(id="main"):
            with Vertical(id="list-pane"):
                yield SearchBar(id="search-bar")
                yield ArticleList(id="article-list")
            with Vertical(id="article-pane"):
                yield ArticleHeader(id="article-header")
                yield ArticleView(id="article-view")
            with TabbedContent(
                id="side-panes", initial=TAB_IDS.get(str(self.state.get("tab")), "tab-entities")
            ):
                with TabPane("Entities", id="tab-entities"):
                    yield EntityPane(id="entity-pane")
                with TabPane("Related", id="tab-related"):
                    yield RelatedPane(id="related-pane")
                with TabPane("Entity", id="tab-entity"):
                    yield EntityViewPane(id="entity-view")
                with TabPane("Notes", id="tab-notes"):
                    yield NotesPane(id="notes-pane")
        yield StatusLine(id="status-line")
        yield Footer(compact=True)

    # -- start up -----------------------------------------------------------------

    def on_mount(self) -> None:
        """Paint at once; list and index work go to threads."""
        self.status.corpus = self.library.name
        self.set_class(not self.state.get("side", True), "-side-hidden")
        self.set_class(not self.state.get("list", True), "-list-hidden")
        width = self.state.get("side_width")
        if isinstance(width, int):
            self.side.styles.width = max(24, min(width, 120))
        self._apply_width(self.app.size.width)
        self.article_list.focus()
        self.header.show(None)
        self.status.index_state = "opening index…"
        self.call_after_refresh(self.start_up)  # first frame before any work

    @work(thread=True, exclusive=True, group="index", description="Opening and updating the index")
    def start_up(self) -> None:
        """List what the index has now, then bring it up to date (both off the UI thread)."""
        ready = self.library.index_ready()
        if ready:
            self.post_message(msg.SummariesLoaded(self.library.summaries(sort=self.sort)))
        if self.run_indexing or not ready:
            self.post_message(msg.IndexProgress(0, 0, ""))
            self.index_corpus()
        else:
            self.post_message(msg.IndexFinished(None))
        try:
            # Build what the first search, entities and related list need now, while the
            # reader looks at the list, rather than on the first key press.
            self.library.warm()
        except Exception:  # noqa: BLE001 - an optimisation; every step is also done lazily
            pass

    def on_resize(self) -> None:
        """Switch between side-by-side and overlay side panes."""
        self._apply_width(self.size.width)

    def _apply_width(self, width: int) -> None:
        self.set_class(width < NARROW_WIDTH, "-narrow")

    def index_corpus(self) -> None:
        """Bring the index up to date, reporting progress (runs in the start-up thread)."""

        def progress(done: int, total: int, path: str) -> None:
            self.post_message(msg.IndexProgress(done, total, path))

        try:
            report = self.library.update_index(progress=progress)
        except Exception as exc:  # reported on screen, never fatal
            self.post_message(msg.IndexFinished(None, f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(msg.IndexFinished(report))

    @on(msg.IndexProgress)
    def _index_progress(self, event: msg.IndexProgress) -> None:
        if event.total:
            self.status.index_state = f"indexing {event.done}/{event.total}"
            now = time.monotonic()
            if now - self._last_fill >= LIST_REFRESH_SECONDS:  # the list fills in as it goes
                self._last_fill = now
                self.load_summaries()
        else:
            self.status.index_state = "checking for changes…"
        self.status.progress(event.done, event.total)

    @on(msg.IndexFinished)
    def _index_finished(self, event: msg.IndexFinished) -> None:
        self.status.progress(0, 0)
        if event.error:
            self.status.index_state = "index failed"
            self.notify(event.error, title="Indexing failed", severity="error")
            return
        report = event.report
        changed = report and (report.added or report.updated or report.removed)
        self.status.index_state = "index up to date" if report else "index not checked"
        if report and report.rebuilt_reason:
            self.notify(f"Index rebuilt: {report.rebuilt_reason}", title="Index")
        if report and report.skipped:
            self.notify(
                f"{len(report.skipped)} file(s) skipped (see `reader index`)", severity="warning"
            )
        if changed:
            self.thaw_heap()
        if changed or not self.summaries:
            self.load_summaries()

    @work(thread=True, exclusive=True, group="summaries")
    def load_summaries(self) -> None:
        """Read the article list from the index."""
        summaries = self.library.summaries(sort=self.sort)
        if not get_current_worker().is_cancelled:
            self.post_message(msg.SummariesLoaded(summaries))

    @on(msg.SummariesLoaded)
    def _summaries_loaded(self, event: msg.SummariesLoaded) -> None:
        self.summaries = event.summaries
        self.status.count = len(event.summaries)
        if not self.searching:
            self.article_list.show_summaries(event.summaries)
        if not self._restored and event.summaries:
            self._restored = True
            self._open_first()

    def _open_first(self) -> None:
        """Open the requested, remembered or first article."""
        if self.start is not None:
            self.open_at(self.start, record=False, focus_view=True)
            return
        remembered = self.state.get("article")
        known = {s.id for s in self.summaries}
        if isinstance(remembered, str) and remembered in known:
            offset = self.state.get("offset", 0)
            self.open_at(
                Position(remembered, offset if isinstance(offset, int) else 0), record=False
            )
        elif self.summaries:
            self.open_at(Position(self.summaries[0].id), record=False)

    def thaw_heap(self) -> None:
        """The library dropped its data (re-index, relink): let the collector reclaim it."""
        self.forget_related()
        heap = getattr(self.app, "heap", None)
        if heap is not None:
            heap.thaw()

    # -- panes -----------------------------------------------------------------------

    def _show_tab(self, name: str) -> None:
        self.remove_class("-side-hidden")
        self.add_class("-side-open")
        self.side.active = TAB_IDS[name]

    def action_focus_pane(self, name: str) -> None:
        """Focus a pane by name (list, article, entities, related, entity)."""
        if name in PANE_IDS:
            self.remove_class("-side-open")
            if name == "list":
                self.remove_class("-list-hidden")
            self.query_one(PANE_IDS[name]).focus()
            return
        self._show_tab(name)
        target = {
            "entities": EntityPane,
            "related": RelatedPane,
            "entity": KwicList,
            "notes": NotesList,
        }[name]
        self.call_after_refresh(self.query_one(target).focus)

    def action_toggle_side(self) -> None:
        """Show or hide the side panes (as an overlay on narrow terminals)."""
        if self.has_class("-narrow"):
            self.toggle_class("-side-open")
            self.remove_class("-side-hidden")
        else:
            self.toggle_class("-side-hidden")
        self._maybe_load_related()

    def action_toggle_list(self) -> None:
        """Show or hide the article list."""
        self.toggle_class("-list-hidden")
        if self.has_class("-list-hidden") and self.article_list.has_focus:
            self.article_view.focus()

    def action_resize_side(self, delta: int) -> None:
        """Make the side panes wider or narrower."""
        current = self.side.outer_size.width or 40
        self.side.styles.width = max(24, min(current + delta, self.size.width - 30))

    @on(TabbedContent.TabActivated)
    def _tab_changed(self, event: TabbedContent.TabActivated) -> None:
        event.stop()
        self._maybe_load_related()

    # -- leaving -------------------------------------------------------------------

    def remember(self) -> None:
        """Save the per-corpus state (article, position, layout, sort)."""
        here = self.here
        state = dict(self.state)
        if here is not None:
            state.update(article=here.article_id, offset=here.start)
        state.update(
            scroll=int(self.article_view.scroll_offset.y),
            side=not self.has_class("-side-hidden"),
            list=not self.has_class("-list-hidden"),
            side_width=int(self.side.outer_size.width)
            if not self.has_class("-narrow")
            else state.get("side_width"),
            tab=next((k for k, v in TAB_IDS.items() if v == self.side.active), "entities"),
            sort=self.sort,
        )
        try:
            save_state(self.library.roots, state)
        except OSError as exc:
            self.notify(f"Could not save position: {exc}", severity="warning")
