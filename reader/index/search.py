"""Searching the index: query language, BM25F ranking, snippets, suggestions, facets.

Returns ``SearchResult``/``SearchHit`` dataclasses. A query that cannot be parsed
yields ``SearchResult.error`` (one line), never an exception.
"""

from __future__ import annotations

import re
import weakref
from collections import Counter
from collections.abc import Callable, Iterable

from whoosh import qparser, query
from whoosh.fields import ID
from whoosh.qparser.dateparse import DateParserPlugin
from whoosh.searching import Searcher

from reader.index.evaluate import QueryRunner, TooBroad
from reader.index.schema import QUERY_FIELDS, SEARCH_FIELDS, make_schema
from reader.index.snippets import make_snippet, query_words, term_pattern
from reader.model import SearchHit, SearchResult

SPECIAL_FIELDS = ("entity", "place", "actor", "note")
"""Fields the library resolves to sets of article ids (aliases, notes)."""
FIELD_ALIASES = {"tag": "tags"}
Resolver = Callable[[str, str], "set[str] | str"]
"""(field, value) -> article ids, or an error message."""

_FIELD_REF = re.compile(r"(?<![\w\"])([A-Za-z_]+):(?=\S)")
MAX_QUERY = 2000


class QueryError(ValueError):
    """The query cannot be run; the message is one line for the user."""


def _parser_schema():
    schema = make_schema()
    for name in SPECIAL_FIELDS:
        schema.add(name, ID())
    return schema


_PARSER_SCHEMA = _parser_schema()


def make_parser() -> qparser.QueryParser:
    """The query parser: AND by default, fields, phrases, prefix*, date ranges."""
    parser = qparser.MultifieldParser(list(SEARCH_FIELDS), _PARSER_SCHEMA, group=qparser.AndGroup)
    parser.add_plugin(DateParserPlugin(free=False))
    parser.add_plugin(qparser.FieldAliasPlugin({"tags": ["tag"]}))
    parser.remove_plugin_class(qparser.WildcardPlugin)
    parser.add_plugin(qparser.PrefixPlugin())
    return parser


def check_syntax(text: str) -> None:
    """Raise QueryError for unbalanced quotes/brackets and unknown fields."""
    if len(text) > MAX_QUERY:
        raise QueryError(f"query too long ({len(text)} characters; at most {MAX_QUERY})")
    if text.count('"') % 2:
        raise QueryError('unbalanced quote: every " needs a closing "')
    depth = {"(": 0, "[": 0, "{": 0}
    closing = {")": "(", "]": "[", "}": "{"}
    in_quote = False
    for char in text:
        if char == '"':
            in_quote = not in_quote
        elif in_quote:
            continue
        elif char in depth:
            depth[char] += 1
        elif char in closing:
            depth[closing[char]] -= 1
            if depth[closing[char]] < 0:
                raise QueryError(f"unexpected {char!r}: nothing to close")
    for opener, count in depth.items():
        if count:
            raise QueryError(f"unbalanced {opener!r}: missing closing bracket")
    for match in _FIELD_REF.finditer(text):
        name = match.group(1).lower()
        if name not in QUERY_FIELDS:
            known = ", ".join(sorted(QUERY_FIELDS - {"id", "path", "tags"}))
            raise QueryError(f"unknown field {match.group(1)!r} (fields: {known})")


def parse(text: str, resolve: Resolver | None = None) -> query.Query:
    """Parse ``text`` into a Whoosh query with special fields resolved; raises QueryError."""
    check_syntax(text)
    lowered = _FIELD_REF.sub(lambda m: m.group(1).lower() + ":", text)
    try:
        parsed = make_parser().parse(lowered)
    except Exception as exc:  # noqa: BLE001 - Whoosh raises assorted errors on odd input
        raise QueryError(f"cannot parse query ({_one_line(exc)})") from None
    _check_errors(parsed)
    return _rewrite(parsed, resolve)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:120] or type(exc).__name__


def _check_errors(q: query.Query) -> None:
    for node in _walk(q):
        if type(node).__name__ == "ErrorQuery":
            raise QueryError(f"cannot understand {node!s}")


def _walk(q: query.Query):
    yield q
    for child in q.children():
        yield from _walk(child)


def _special_value(q: query.Query) -> tuple[str, str] | None:
    if isinstance(q, query.Term | query.Prefix) and q.fieldname in SPECIAL_FIELDS:
        return q.fieldname, str(q.text)
    if isinstance(q, query.Phrase) and q.fieldname in SPECIAL_FIELDS:
        return q.fieldname, " ".join(q.words)
    return None


def _rewrite(q: query.Query, resolve: Resolver | None) -> query.Query:
    special = _special_value(q)
    if special is not None:
        if resolve is None:
            raise QueryError(f"{special[0]}: is not available for this corpus")
        found = resolve(*special)
        if isinstance(found, str):
            raise QueryError(found)
        if not found:
            return query.NullQuery
        return query.Or([query.Term("id", i) for i in sorted(found)])
    if q.is_leaf():
        return q
    return q.apply(lambda child: _rewrite(child, resolve))


def run_search(searcher: Searcher, text: str, limit: int = 50, resolve: Resolver | None = None,
               filter_query: query.Query | None = None, sort: str = "relevance") -> SearchResult:
    """Run a user query. Empty text matches every article."""
    text = text.strip()
    try:
        q = parse(text, resolve) if text else query.Every()
    except QueryError as exc:
        return SearchResult(query=text, hits=[], total=0, error=str(exc))
    runner = query_runner(searcher)
    limit = max(1, limit)
    with runner.lock:
        try:
            matched = runner.matches(q)
            if filter_query is not None:
                matched &= runner.matches(filter_query)
            if sort == "date" or not text:
                top = [(d, 0.0) for d in runner.newest_first(matched)[:limit]]
            else:
                top = [(d, -s) for s, d in runner.top(runner.scores(q, matched), limit)]
            stored = [searcher.stored_fields(d) for d, _ in top]
        except TooBroad as exc:
            return SearchResult(query=text, hits=[], total=0, error=str(exc))
        except Exception as exc:  # noqa: BLE001 - e.g. an index file gone missing
            return SearchResult(query=text, hits=[], total=0, error=f"search failed ({_one_line(exc)})")
        facet_counts = facet_counts_for(searcher, matched)
        suggestion = _suggest(searcher, q, text, len(matched)) if text else None
    pattern = _snippet_pattern(q, text) if text else None
    hits = []
    for rank, ((_, score), fields) in enumerate(zip(top, stored, strict=True), 1):
        body = fields.get("body", "")
        hits.append(SearchHit(
            article_id=fields["id"], path=fields["path"], title=fields.get("title", ""),
            date=fields["date"].date().isoformat() if fields.get("date") else "",
            source=fields.get("source", ""), score=round(float(score), 4),
            snippet=make_snippet(body, pattern) or _lead(body), rank=rank))
    return SearchResult(query=text, hits=hits, total=len(matched), suggestion=suggestion,
                        facets=facet_counts)


FACET_FIELDS = {"source": "source_facet", "year": "year"}
_runners: weakref.WeakKeyDictionary[Searcher, QueryRunner] = weakref.WeakKeyDictionary()


def query_runner(searcher: Searcher) -> QueryRunner:
    """The query runner (tables and posting cache) of ``searcher``, made once per searcher."""
    runner = _runners.get(searcher)
    if runner is None:
        runner = _runners[searcher] = QueryRunner(searcher)
    return runner


def warm_search(searcher: Searcher) -> None:
    """Build the first query's tables now: lengths, ids, dates and the facet columns."""
    runner = query_runner(searcher)
    runner.warm()
    if runner.live:
        for field in FACET_FIELDS.values():
            runner.column(field)


def facet_counts_for(searcher: Searcher, docnums: Iterable[int]) -> dict[str, dict[str, int]]:
    """Counts per facet value (source, year) over ``docnums``, most frequent first.

    The facet columns are read once per searcher (the query runner keeps them).
    """
    docnums = list(docnums)
    if not docnums:
        return {name: {} for name in FACET_FIELDS}
    runner = query_runner(searcher)
    out: dict[str, dict[str, int]] = {}
    for name, field in FACET_FIELDS.items():
        values = runner.column(field)
        counts = Counter(values[d] for d in docnums)
        out[name] = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return out


def _snippet_pattern(q: query.Query, text: str):
    """The regex of the query's body/title terms (stemmed) and typed words."""
    try:
        terms = {str(t) for f, t in q.iter_all_terms() if f in SEARCH_FIELDS and isinstance(t, str)}
    except Exception:  # noqa: BLE001 - exotic query nodes without terms
        terms = set()
    words, prefixes = query_words(text)
    return term_pattern(terms, words, prefixes)


def _lead(body: str, limit: int = 200) -> str:
    body = " ".join(body[: limit * 2].split())
    return body if len(body) <= limit else body[:limit].rsplit(" ", 1)[0] + " …"


def _suggest(searcher: Searcher, q: query.Query, text: str, total: int) -> str | None:
    """A corrected query when some words appear in neither titles nor bodies of the index."""
    reader = searcher.reader()
    terms = []
    for node in _walk(q):
        # only plain terms are spell-checked: prefixes, ranges (title:[a TO b]) and
        # phrases are left as typed
        if not isinstance(node, query.Term) or node.fieldname not in SEARCH_FIELDS:
            continue
        if isinstance(node.text, str) and not any((n, node.text) in reader for n in SEARCH_FIELDS):
            terms.append((node.fieldname, node.text))
    if not terms:
        return None
    try:
        corrected = searcher.correct_query(q, text, terms=terms, maxdist=1, prefix=1,
                                           aliases={"title": "body"})
        if corrected.string is None or corrected.string.strip().lower() == text.lower():
            corrected = searcher.correct_query(q, text, terms=terms, maxdist=2, prefix=2,
                                               aliases={"title": "body"})
    except Exception:  # noqa: BLE001 - suggestions are a nicety
        return None
    if corrected.string is None or corrected.string.strip().lower() == text.lower():
        return None
    return corrected.string
