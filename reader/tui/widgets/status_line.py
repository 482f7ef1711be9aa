"""The status line: corpus, article count, index state and where n/N will go."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import ProgressBar, Static


class StatusLine(Horizontal):
    """One row: left the corpus and index state, then a progress bar while indexing,
    then the trail position ("HTS · mention 3/7 · article 2/3")."""

    corpus: reactive[str] = reactive("")
    """Display name of the corpus."""
    count: reactive[int] = reactive(0)
    """Articles listed."""
    index_state: reactive[str] = reactive("")
    """What the index is doing ("indexing 120/5000", "index up to date" ...)."""
    trail: reactive[str] = reactive("")
    """Position on the followed trail (entity or search)."""

    def compose(self) -> ComposeResult:
        """Left text, progress bar, right text."""
        yield Static(id="status-left")
        yield ProgressBar(total=None, show_eta=False, show_percentage=True, id="index-progress")
        yield Static(id="status-trail")

    def _redraw(self) -> None:
        if not self.is_mounted:
            return
        left = Text.assemble((self.corpus or "", "bold"))
        left.append(f" · {self.count} articles")
        if self.index_state:
            left.append(f" · {self.index_state}")
        self.query_one("#status-left", Static).update(left)
        self.query_one("#status-trail", Static).update(Text(self.trail))

    def on_mount(self) -> None:
        """Draw once mounted."""
        self._redraw()

    def watch_corpus(self) -> None:
        """Redraw."""
        self._redraw()

    def watch_count(self) -> None:
        """Redraw."""
        self._redraw()

    def watch_index_state(self) -> None:
        """Redraw."""
        self._redraw()

    def watch_trail(self) -> None:
        """Redraw."""
        self._redraw()

    def progress(self, done: int, total: int) -> None:
        """Show indexing progress (hidden when ``total`` is 0)."""
        bar = self.query_one(ProgressBar)
        bar.set_class(total > 0 and done < total, "-active")
        if total > 0:
            bar.update(total=total, progress=done)
