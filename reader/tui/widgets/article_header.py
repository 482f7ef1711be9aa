"""The header above the article text: title, source, date and byline."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from reader.corpus.sanitize import single_line
from reader.model import Article


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


class ArticleHeader(Static):
    """Shows who published the open article, when and by whom."""

    def show(self, article: Article | None) -> None:
        """Display the header of ``article`` (or a hint when none)."""
        self.update(header_text(article))
