"""Facet filters for the article list: entity (any number, AND), source, year."""

from __future__ import annotations

from collections.abc import Callable

from whoosh import query

Resolver = Callable[[str, str], "set[str] | str"]


def filter_query(resolve: Resolver, filters: dict[str, list[str]]) -> tuple[query.Query | None, str | None]:
    """A Whoosh filter for ``filters`` ({"entity": [...], "source": [...], "year": [...]}).

    Entities combine with AND (articles mentioning all of them); several sources or
    years combine with OR. Returns (filter or None, error message or None).
    """
    parts: list[query.Query] = []
    for value in filters.get("entity", []):
        found = resolve("entity", value)
        if isinstance(found, str):
            return None, found
        parts.append(query.Or([query.Term("id", i) for i in sorted(found)]) if found else query.NullQuery)
    for name, field in (("source", "source_facet"), ("year", "year")):
        values = [v for v in filters.get(name, []) if v]
        if values:
            parts.append(query.Or([query.Term(field, v) for v in values]))
    unknown = set(filters) - {"entity", "source", "year"}
    if unknown:
        return None, f"unknown filter {sorted(unknown)[0]!r} (entity, source, year)"
    if not parts:
        return None, None
    return (parts[0] if len(parts) == 1 else query.And(parts)), None
