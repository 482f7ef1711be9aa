"""The Whoosh schema and its version (a different version triggers a rebuild)."""

from __future__ import annotations

from whoosh import fields
from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer

SCHEMA_VERSION = 6
"""Bump whenever the schema or what goes into it changes; old indexes are rebuilt."""

SEARCH_FIELDS = ("title", "body")
"""Fields searched by unqualified terms."""

QUERY_FIELDS = {"title", "body", "source", "date", "tag", "tags", "year", "path", "id", "entity",
                "place", "actor", "note"}
"""Field names a user may write as ``field:value`` (entity/place/actor/note are resolved by the library)."""


def make_schema() -> fields.Schema:
    """A fresh schema instance."""
    stem = StemmingAnalyzer()
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        path=fields.ID(stored=True),
        relpath=fields.STORED(),
        title=fields.TEXT(analyzer=stem, stored=True, phrase=True, field_boost=2.0),
        body=fields.TEXT(analyzer=stem, stored=True, phrase=True),
        source=fields.TEXT(analyzer=StandardAnalyzer(stoplist=None), stored=True, phrase=True),
        source_facet=fields.ID(stored=False, sortable=True),
        date=fields.DATETIME(stored=True, sortable=True),
        year=fields.ID(stored=True, sortable=True),
        tags=fields.KEYWORD(stored=True, lowercase=True, commas=True, scorable=True),
        entities=fields.KEYWORD(stored=False, commas=True, scorable=True),
    )
