"""Corpus analysis on top of the index and the linked entities (issue 4).

- :mod:`related`: other coverage of the same story (entities, text, phrasing, numbers, date),
  near-duplicates collapsed.
- :mod:`entity_view`: everything about one entity: keyword-in-context lines, timeline,
  co-occurring entities, sources and the descriptions outlets put next to the name.
- :mod:`facets`: article counts per entity, source and year for the article list.

Everything here returns plain dataclasses and never imports Textual. Precomputed structures
live in ``Library.derived`` so they are rebuilt after re-indexing or relinking.
"""

from reader.analysis.entity_view import EntityView, KwicLine, build_entity_view
from reader.analysis.related import Related, RelatedSettings, related_articles

__all__ = [
    "EntityView",
    "KwicLine",
    "Related",
    "RelatedSettings",
    "build_entity_view",
    "related_articles",
]
