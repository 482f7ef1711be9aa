"""The article list: every article (by date or title) or the hits of a search.

Rows are drawn from plain text (titles are never parsed as markup). Search hits
take two rows: the title and a snippet with the matched terms highlighted.
"""

from __future__ import annotations

from rich.text import Text

from reader.model import HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN, ArticleSummary, SearchHit
from reader.tui.widgets.virtual_list import VirtualList

ListItem = ArticleSummary | SearchHit
"""What the article list shows."""


def item_article_id(item: ListItem) -> str:
    """The article id of a list item."""
    return item.article_id if isinstance(item, SearchHit) else item.id


def snippet_text(snippet: str, match_style: object) -> Text:
    """Turn a snippet with HIGHLIGHT markers into Text (the markers become a style)."""
    text = Text()
    inside = False
    flat = snippet.replace("\n", " ").replace("\t", " ")
    for part in flat.replace(HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN).split(HIGHLIGHT_OPEN):
        if part:
            text.append(part, match_style if inside else None)  # type: ignore[arg-type]
        inside = not inside
    return text


class ArticleList(VirtualList[ListItem]):
    """Articles or search hits; posts ``Highlighted``/``Selected`` with the item."""

    empty_text = "No articles yet."
    paint_delay = 0.05  # a move opens an article: the screen draws both in one frame

    def item_key(self, item: ListItem) -> object:
        """Items are the same when they show the same article."""
        return item_article_id(item)

    def show_summaries(self, summaries: list[ArticleSummary], *, keep_cursor: bool = True) -> None:
        """Show a plain article list (one row per article)."""
        self.row_height = 1
        self.empty_text = "No articles yet."
        self.set_items(summaries, keep_cursor=keep_cursor)

    def show_hits(self, hits: list[SearchHit], empty_text: str = "No matches.") -> None:
        """Show search hits (two rows each: title, snippet)."""
        self.row_height = 2
        self.empty_text = empty_text
        self.set_items(hits, keep_cursor=False)

    def index_of(self, article_id: str) -> int | None:
        """Row of an article, if it is listed."""
        return self.position_of(article_id)

    def render_item(self, item: ListItem, index: int, width: int) -> list[Text]:
        """Title with date and source on the right; hits add a snippet row."""
        dim = self.style_for("virtual-list--dim")
        meta = " ".join(x for x in (item.date, item.source) if x)
        title = Text(" ".join(item.title.split()) or "(untitled)")
        room = width - len(meta) - 2
        if meta and width >= 40 and room >= 12:
            title.truncate(room, overflow="ellipsis", pad=True)
            title.append("  ")
            title.append(meta, dim)
        if isinstance(item, SearchHit):
            body = snippet_text(item.snippet, self.style_for("virtual-list--match"))
            first = max(item.snippet.find(HIGHLIGHT_OPEN), 0)  # markers before it: none
            if first > width // 3:  # keep the first highlighted term in view
                cut = body.plain.rfind(" ", 0, first - width // 4) + 1
                body = Text("…").append_text(body[cut:]) if cut > 0 else body
            snippet = Text("  ", dim)
            snippet.append_text(body)
            snippet.stylize_before(dim)
            return [title, snippet]
        return [title]
