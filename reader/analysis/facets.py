"""Facet counts for the article list: how many matching articles per entity, source and year."""

from __future__ import annotations

from collections import Counter
from typing import Any

from whoosh import query

from reader.index.facets import filter_query


def facet_counts(library: Any, filters: dict[str, list[str]] | None = None, text: str = "",
                 entity_limit: int = 30) -> dict[str, Any]:
    """Counts over the articles matching ``filters`` (entity: AND, source/year: OR) and ``text``.

    Returns ``{"total": n, "source": {source: n}, "year": {year: n},
    "entity": [(Entity, n), ...]}`` (entities commonest first, at most ``entity_limit``;
    entities already filtered on are left out). Raises ValueError for unknown values or a
    query that cannot be parsed.
    """
    from reader.analysis.related import doc_table, entity_model

    filters = {k: list(v) for k, v in (filters or {}).items() if v}
    filt, error = filter_query(library.resolve_field, filters)
    if error:
        raise ValueError(error)
    result = library.search(text, limit=1, filters=filters)
    if result.error:
        raise ValueError(result.error)
    model = entity_model(library)
    table = doc_table(library)
    searcher = table.searcher
    if text.strip():
        from reader.index.search import parse

        q = parse(text, library.resolve_field)
    else:
        q = query.Every()
    with table.lock:
        docnums = list(searcher.docs_for_query(q))
        if filt is not None:
            allowed = set(searcher.docs_for_query(filt))
            docnums = [d for d in docnums if d in allowed]
    chosen = {e.id for e in (library.entity(v) for v in filters.get("entity", [])) if e}
    counts: Counter[str] = Counter()
    total = 0
    for doc in docnums:
        total += 1
        counts.update(eid for eid in model.present.get(doc, ()) if eid not in chosen)
    ents = library.linking.entities
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:entity_limit]
    return {"total": total, "source": result.facets.get("source", {}),
            "year": result.facets.get("year", {}),
            "entity": [(ents[e], n) for e, n in top if e in ents]}
