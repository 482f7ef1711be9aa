"""Re-anchoring many notes against the current articles (library-agnostic glue).

The caller passes a function returning the current :class:`reader.model.Article`
for an id (raising ``LookupError``/``OSError`` if it is gone), so this module does
not depend on the library layer above it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from reader.notes.anchor import reanchor
from reader.notes.export import ExportArticle
from reader.notes.model import ORPHAN, Anchor, Note


def reanchor_all(
    notes: Iterable[Note], get_article: Callable[[str], object]
) -> tuple[list[Note], dict[str, ExportArticle]]:
    """Re-anchor each note against its article as it is now.

    Returns the notes (copies with ``anchor`` set) and export data for every
    article found. Notes whose article is gone become orphans at their recorded
    position; they are kept, never dropped.
    """
    articles: dict[str, ExportArticle] = {}
    bodies: dict[str, str | None] = {}
    out: list[Note] = []
    for note in notes:
        if note.article_id not in bodies:
            try:
                article = get_article(note.article_id)
            except (LookupError, OSError, ValueError):
                bodies[note.article_id] = None
            else:
                bodies[note.article_id] = article.body
                articles[note.article_id] = ExportArticle.from_article(article)
        body = bodies[note.article_id]
        if body is None:
            lost = Anchor(ORPHAN, note.position.start, note.position.end, "", 0.0)
            out.append(replace(note, anchor=lost))
        else:
            out.append(reanchor(note, body))
    return out, articles
