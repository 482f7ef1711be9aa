"""The Whoosh schema and its version (a different version triggers a rebuild)."""

from __future__ import annotations

from whoosh import fields
from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer

from reader.index.fast_postings import is_standard, positions_postings

SCHEMA_VERSION = 7
"""Bump whenever the schema or what goes into it changes; old indexes are rebuilt."""

SEARCH_FIELDS = ("title", "body")
"""Fields searched by unqualified terms."""

QUERY_FIELDS = {"title", "body", "source", "date", "tag", "tags", "year", "path", "id", "entity",
                "place", "actor", "note"}
"""Field names a user may write as ``field:value`` (entity/place/actor/note are resolved by the library)."""


class Postings(list):
    """The postings ``(term bytes, frequency, weight, encoded positions)`` of one text,
    computed ahead of time by ``PostedText.postings`` (in a worker process)."""


class PostedText(fields.TEXT):
    """A TEXT field that also accepts ``Postings`` computed ahead of time.

    A large build analyses text (tokenise, stem, encode positions) in worker processes,
    so the single Whoosh writer, the build's bottleneck, only files the postings. Plain
    strings are analysed here as usual (queries, key terms, small updates).
    """

    def index(self, value, **kwargs):  # type: ignore[no-untyped-def]
        if isinstance(value, Postings):
            return iter(value)
        return super().index(value, **kwargs)

    def postings(self, text: str) -> Postings:
        """What ``index`` yields for ``text``, as a picklable list.

        The standard stemming configuration takes the fast path (same output); any other
        analyzer or format goes through Whoosh.
        """
        if is_standard(self.analyzer, self.format):
            return Postings(positions_postings(text, self.format.field_boost))
        return Postings(super().index(text))


POSTED_FIELDS = ("title", "body")
"""Text fields whose postings the build computes ahead of time."""


def make_schema() -> fields.Schema:
    """A fresh schema instance."""
    stem = StemmingAnalyzer()
    return fields.Schema(
        id=fields.ID(stored=True, unique=True, sortable=True),
        path=fields.ID(stored=True),
        relpath=fields.STORED(),
        title=PostedText(analyzer=stem, stored=True, phrase=True, field_boost=2.0),
        body=PostedText(analyzer=stem, stored=True, phrase=True),
        source=fields.TEXT(analyzer=StandardAnalyzer(stoplist=None), stored=True, phrase=True),
        source_facet=fields.ID(stored=False, sortable=True),
        date=fields.DATETIME(stored=True, sortable=True),
        year=fields.ID(stored=True, sortable=True),
        tags=fields.KEYWORD(stored=True, lowercase=True, commas=True, scorable=True),
        entities=fields.KEYWORD(stored=False, commas=True, scorable=True),
    )
