"""The Whoosh schema and its version (a different version triggers a rebuild)."""

from __future__ import annotations

from whoosh import fields
from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer
from whoosh.codec.whoosh3 import W3Codec

from reader.index.fast_postings import is_standard, positions_postings

SCHEMA_VERSION = 7
"""Bump whenever the schema or what goes into it changes; old indexes are rebuilt."""

SEARCH_FIELDS = ("title", "body")
"""Fields searched by unqualified terms."""

QUERY_FIELDS = {"title", "body", "source", "date", "tag", "tags", "year", "path", "id", "entity",
                "place", "actor", "note"}
"""Field names a user may write as ``field:value`` (entity/place/actor/note are resolved by the library)."""


class PostedText(fields.TEXT):
    """A TEXT field whose postings come from ``fast_postings`` when its analyzer is the
    standard stemming one: the same postings as Whoosh's analyzer chain, about 4x faster.
    Any other analyzer or format, or a call with options, goes through Whoosh."""

    def index(self, value, **kwargs):  # type: ignore[no-untyped-def]
        if not kwargs and isinstance(value, str) and self._standard():
            return iter(positions_postings(value, self.format.field_boost))
        return super().index(value, **kwargs)

    def postings(self, text: str) -> list[tuple[bytes, int, float, bytes]]:
        """What ``index`` yields for ``text``, as a list."""
        return list(self.index(text))

    def _standard(self) -> bool:
        standard = self.__dict__.get("_is_standard")
        if standard is None:  # worked out once per field (also after unpickling)
            standard = self.__dict__["_is_standard"] = is_standard(self.analyzer, self.format)
        return standard



def make_codec() -> W3Codec:
    """How segments are written: Whoosh's format with posting blocks left uncompressed.

    zlib took about 8 % of a full build's CPU (0.9 s per 5,000 Reuters articles) and every
    block read at search time pays to inflate it again; the index is about half as large
    again on disk (files are read, not mapped, so memory use does not change).
    """
    return W3Codec(compression=0)


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
