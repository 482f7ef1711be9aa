"""Search as you type, facet filters and list order, for the main screen.

A mixin of :class:`reader.tui.screens.main.MainScreen`. One search runs at a time in
a thread worker; keys typed meanwhile only update the wanted query, which runs as
soon as the running one finishes (searches for every key would compete for the
CPU and slow down the one that matters, the last). Results for a query that is
no longer in the field are dropped. After a search, n/N step through the hits (the
search becomes the trail).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.screen import Screen
from textual.widgets import Input
from textual.worker import get_current_worker

from reader.model import SearchResult
from reader.tui import messages as msg
from reader.tui.navigation import Position, Trail, search_spans
from reader.tui.screens.pickers import Choice, ChoicePicker
from reader.tui.widgets.search_bar import SearchBar, filters_text

SEARCH_LIMIT = 200
"""Hits fetched per query."""


class SearchMixin(Screen[None]):
    """Actions: / escape f F s, and the search messages."""

    library: Any
    trail: Trail | None

    def init_search(self) -> None:
        """Declare the search state (called from ``MainScreen.__init__``)."""
        self.searching = False
        """The list shows search hits."""
        self.filters: dict[str, list[str]] = {}
        """Active facet filters."""
        self.filter_labels: dict[str, str] = {}
        """Display names of filter values (entity id -> name)."""
        self.last_result: Any = None
        """The last search result shown (for facets)."""
        self._search_wanted: tuple[str, dict[str, list[str]]] | None = None
        """The query and filters the list should show (the newest request)."""
        self._search_running = False
        """A search worker is running (the next one starts when it finishes)."""

    def action_search(self) -> None:
        """Open the search field."""
        self.searching = True
        self.add_class("-searching")
        self.remove_class("-list-hidden")
        self.search_bar.focus_input()
        self.run_search()

    def action_close_search(self) -> None:
        """Leave search: show every article again (n/N keep following the last search)."""
        if self.has_class("-side-open"):
            self.remove_class("-side-open")
            self.article_view.focus()
            return
        if not self.searching:
            return
        self.searching = False
        self.remove_class("-searching")
        self.article_list.show_summaries(self.summaries, keep_cursor=False)
        index = self.article_list.index_of(self.here.article_id) if self.here else None
        if index is not None:
            self.article_list.move_to(index, announce=False)
        self.article_list.focus()

    @on(SearchBar.QueryChanged)
    def _query_changed(self, event: SearchBar.QueryChanged) -> None:
        self.run_search()

    def run_search(self) -> None:
        """Search for what is in the field, with the active filters (when the running
        search finishes, if one is running)."""
        self._search_wanted = (
            self.search_bar.query.strip(),
            {k: list(v) for k, v in self.filters.items()},
        )
        if not self._search_running:
            self._search_running = True
            self.search_articles(*self._search_wanted)

    @work(thread=True, exclusive=True, group="search")
    def search_articles(self, query: str, filters: dict[str, list[str]]) -> None:
        """Run one query (stale results are dropped by the handler)."""
        try:
            result = self.library.search(query, limit=SEARCH_LIMIT, filters=filters or None)
        except Exception as exc:  # reported in the search bar; the next search still runs
            result = SearchResult(query, [], 0, error=f"Search failed: {exc}")
        if not get_current_worker().is_cancelled:
            self.post_message(msg.SearchFinished(query, filters, result))

    @on(msg.SearchFinished)
    def _search_finished(self, event: msg.SearchFinished) -> None:
        self._search_running = False
        wanted = self._search_wanted
        if wanted is not None and wanted != (event.query, event.filters):
            self._search_running = True  # typed on meanwhile: run the newest query now
            self.search_articles(*wanted)
            return
        if (
            not self.searching
            or event.query != self.search_bar.query.strip()
            or event.filters != self.filters
        ):
            return
        result = event.result
        self.last_result = result
        info = Text()
        if result.error:
            info.append(result.error, "bold")
        else:
            info.append(f"{result.total} match{'es' if result.total != 1 else ''}")
            if result.suggestion:
                info.append(" · did you mean ")
                info.append(result.suggestion, "bold italic")
        if self.filters:
            info.append(" · ")
            info.append_text(filters_text(self.filters, self.filter_labels))
        self.search_bar.show_info(info)
        self.article_list.show_hits(result.hits, "No matches.")
        if event.query and result.hits:
            self._set_search_trail(event.query, [h.article_id for h in result.hits])

    def _set_search_trail(self, query: str, article_ids: list[str]) -> None:
        library = self.library

        def spans_for(article_id: str) -> list[tuple[int, int]]:
            return search_spans(library.article(article_id).body, query)

        self.trail = Trail(f"/{query}", article_ids, spans_for, unit="match", item="hit")
        self.article_view.set_followed(None)
        self._show_search_matches()
        self._update_trail_status()

    def _show_search_matches(self) -> None:
        """Highlight the search terms in the open article when the trail is a search."""
        article = self.article_view.article
        if article is None:
            return
        if self.trail is not None and self.trail.entity_id is None:
            self.article_view.set_matches(
                self.trail.spans(article.id) if article.id in self.trail.article_ids else []
            )
        elif self.article_view.matches:
            self.article_view.set_matches([])

    def _first_stop(self, article_id: str) -> Position:
        """Where opening an article from the list lands: its first search match, or the top."""
        if self.searching and self.trail is not None and self.trail.entity_id is None:
            spans = self.trail.spans(article_id)
            if spans:
                return Position(article_id, *spans[0])
        return Position(article_id)

    @on(Input.Submitted, "#search-input")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.article_list.item_count:
            self.article_list.move_to(0, announce=False)
            self.article_list.action_select()
        else:
            self.app.bell()

    # -- facets and order ------------------------------------------------------------

    @work
    async def action_facet_filter(self) -> None:
        """Pick an entity, source or year to filter the list by."""
        choices: list[Choice] = []
        entity = self._focused_entity() or (self.trail.entity_id if self.trail else None)
        if entity:
            found = self.library.entity(entity)
            if found is not None:
                choices.append(Choice(("entity", found.id, found.name), f"entity: {found.name}"))
        facets = self.last_result.facets if self.searching and self.last_result else {}
        if not facets:
            facets = self.library.search("", limit=1).facets
        for name in ("source", "year"):
            for value, count in list(facets.get(name, {}).items())[:30]:
                choices.append(Choice((name, str(value), str(value)), f"{name}: {value} ({count})"))
        if not choices:
            self.notify("No filters available.")
            return
        picked = await self.app.push_screen_wait(ChoicePicker("Filter the list by", choices))
        if picked is None:
            return
        name, value, label = picked
        values = self.filters.setdefault(name, [])
        if value not in values:
            values.append(value)
        self.filter_labels[value] = label
        if not self.searching:
            self.action_search()
        else:
            self.run_search()

    def action_clear_filters(self) -> None:
        """Remove every facet filter."""
        self.filters.clear()
        if self.searching:
            self.run_search()

    def action_toggle_sort(self) -> None:
        """Article list by date (newest first) or by title."""
        self.sort = "title" if self.sort == "date" else "date"
        self.notify(f"Articles sorted by {self.sort}.")
        self.load_summaries()
