"""The header above the article text: title, source, date and byline."""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from reader.corpus.sanitize import single_line
from reader.model import Article

MAX_ROWS = 4
"""The header never takes more rows than this."""


def header_text(article: Article | None) -> Text:
    """Title on the first line, then source · date · byline (plain text, never markup)."""
    if article is None:
        return Text("No article open. Choose one in the list (enter) or search with /.", "italic")
    text = Text.assemble((" ".join(article.title.split()) or "(untitled)", "bold"))
    meta = [x for x in (article.source, article.date_text, article.byline) if x]
    # a file name can hold escape sequences: never show it unsanitised
    meta_line = " · ".join(" ".join(m.split()) for m in meta) or single_line(article.relpath, 300)
    text.append("\n" + meta_line, "italic")
    return text


class ArticleHeader(Widget):
    """Shows who published the open article, when and by whom.

    Draws itself and asks for a new layout only when its height changes, so
    opening an article repaints the header without reflowing the screen.
    """

    DEFAULT_CSS = """
    ArticleHeader { height: auto; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._text = header_text(None)
        """What is drawn."""
        self._height = 0
        """Rows used at the last layout."""

    def show(self, article: Article | None) -> None:
        """Display the header of ``article`` (or a hint when none)."""
        self._text = header_text(article)
        width = self.content_region.width
        height = self._rows(width) if width else -1
        self.refresh(layout=height != self._height)

    def _rows(self, width: int) -> int:
        return min(MAX_ROWS, len(self._text.wrap(self.app.console, max(1, width))))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """Rows needed at ``width`` (at most ``MAX_ROWS``)."""
        self._height = self._rows(width)
        return self._height

    def render(self) -> Text:
        """The header text."""
        return self._text
