"""The query runner against Whoosh itself: same matches, same BM25F scores.

A small corpus is indexed in several segments with deleted documents, then random
queries (terms, prefixes, phrases, fields, AND/OR/NOT, ranges) run both ways.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.index.search import parse, query_runner
from reader.library import Library

WORDS = ["oil", "bank", "banks", "banking", "trade", "grain", "wheat", "rates", "interest", "gold",
         "market", "markets", "price", "prices", "shares", "talks", "opec", "crude", "japan", "yen"]


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    home = tmp_path_factory.mktemp("home")
    corpus = tmp_path_factory.mktemp("corpus")
    import os

    os.environ["READER_HOME"] = str(home)
    rng = random.Random(3)

    def write(n: int) -> None:
        title = " ".join(rng.sample(WORDS, 3)).capitalize()
        body = "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 40))) + "."
                           for _ in range(rng.randint(1, 4)))
        year = rng.choice(["1987", "1990", "2020"])
        (corpus / f"a{n:03}.md").write_text(
            f"---\ntitle: {title}\ndate: {year}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}\n"
            f"source: {rng.choice(['Reuters', 'AP'])}\n---\n{body}\n", encoding="utf-8")

    from reader.index import update_run

    saved = update_run.BATCH, update_run.LAST_BATCH
    update_run.BATCH, update_run.LAST_BATCH = 9, 4  # several segments, none merged: deletions stay
    for n in range(40):
        write(n)
    lib = Library([corpus])
    lib.update_index()
    for n in range(40, 70):  # a second segment
        write(n)
    for n in range(0, 70, 9):  # deleted documents inside both segments
        (corpus / f"a{n:03}.md").unlink()
    for n in range(1, 70, 11):  # edited: an old copy deleted, a new one added
        if (corpus / f"a{n:03}.md").exists():
            write(n)
    lib.update_index()
    update_run.BATCH, update_run.LAST_BATCH = saved
    leaves = lib.searcher().reader().leaf_readers()
    assert len(leaves) > 3 and any(leaf.has_deletions() for leaf, _ in leaves)
    yield lib
    lib.close()
    os.environ.pop("READER_HOME", None)


def whoosh_matches(searcher, q) -> set[int]:
    # Whoosh's NOT (NOT x) can yield deleted documents; those never count as matches.
    live = set(searcher.reader().all_doc_ids())
    return set(searcher.docs_for_query(q)) & live


word = st.sampled_from(WORDS + ["zzz", "Oil", "BANK"])
leaf = st.one_of(
    word,
    word.map(lambda w: f"title:{w}"),
    word.map(lambda w: w[:3] + "*"),
    st.tuples(word, word).map(lambda p: f'"{p[0]} {p[1]}"'),
    st.tuples(word, word, word).map(lambda p: f'"{p[0]} {p[1]} {p[2]}"~3'),
    st.sampled_from(["date:[1987-01-01 to 1990-12-31]", "source:reuters", "year:2020",
                     "date:2020"]),
)
expression = st.recursive(
    leaf,
    lambda inner: st.one_of(
        st.tuples(inner, inner).map(" ".join),
        st.tuples(inner, inner).map(" OR ".join),
        st.tuples(inner, inner).map(" NOT ".join),
        inner.map(lambda e: f"({e})"),
        inner.map(lambda e: f"NOT {e}"),
    ),
    max_leaves=5,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=expression)
def test_matches_equal_whoosh(library: Library, text: str) -> None:
    searcher = library.searcher()
    q = parse(text, library.resolve_field)
    assert query_runner(searcher).matches(q) == whoosh_matches(searcher, q), text


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.lists(st.one_of(word, word.map(lambda w: f"title:{w}")), min_size=1, max_size=3)
       .map(" OR ".join))
def test_term_scores_equal_whoosh(library: Library, text: str) -> None:
    searcher = library.searcher()
    q = parse(text, library.resolve_field)
    runner = query_runner(searcher)
    ours = runner.scores(q, runner.matches(q))
    theirs = {hit.docnum: hit.score for hit in searcher.search(q, limit=None)}
    assert ours.keys() == theirs.keys()
    for doc, score in theirs.items():
        assert ours[doc] == pytest.approx(score, rel=1e-4), (text, doc)


def test_ranking_and_total(library: Library) -> None:
    result = library.search("oil OR bank", limit=5)
    searcher = library.searcher()
    expected = whoosh_matches(searcher, parse("oil OR bank"))
    assert result.total == len(expected)
    scores = [h.score for h in result.hits]
    assert scores == sorted(scores, reverse=True) and len(result.hits) == 5


def test_date_order_puts_undated_last(library: Library) -> None:
    hits = library.search("", limit=200).hits
    dates = [h.date for h in hits]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)
    assert dates[: len(dated)] == dated


def test_entity_ids_and_filters_combine(library: Library) -> None:
    some = library.search("oil", limit=3).hits
    searcher = library.searcher()
    runner = query_runner(searcher)
    from whoosh import query

    ids = query.Or([query.Term("id", h.article_id) for h in some] + [query.Term("id", "no-such-id")])
    assert len(runner.matches(ids)) == len(some)
    only_ap = library.search("oil", filters={"source": ["AP"]})
    assert only_ap.total and all(h.source == "AP" for h in only_ap.hits)


def test_too_broad_prefix_explains_itself(library: Library, monkeypatch) -> None:
    from reader.index import evaluate

    monkeypatch.setattr(evaluate, "MAX_EXPANSION", 1)
    library.searcher()
    result = library.search("t*")
    assert result.error and "type more letters" in result.error and result.hits == []



def test_field_lengths_equal_whoosh(library: Library) -> None:
    searcher = library.searcher()
    runner = query_runner(searcher)
    runner.warm()
    reader = searcher.reader()
    for field in ("title", "body"):
        assert runner.length(field) == [reader.doc_field_length(n, field) or 0
                                        for n in range(reader.doc_count_all())]


def test_a_segment_without_dates_or_sources(tmp_path: Path, monkeypatch) -> None:
    """A segment where no article has a date has no date column: newest-first still works."""
    monkeypatch.setenv("READER_HOME", str(tmp_path / "home"))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text("---\ntitle: A\ndate: 2020-01-02\nsource: AP\n---\nAleppo oil\n",
                                 encoding="utf-8")
    lib = Library([corpus])
    lib.update_index()
    (corpus / "b.txt").write_text("B title\n\nundated oil story\n", encoding="utf-8")
    lib.update_index()
    leaves = lib.searcher().reader().leaf_readers()
    assert [leaf.has_column("date") for leaf, _ in leaves] == [True, False]
    everything = lib.search("", limit=5)
    assert everything.error is None and [h.title for h in everything.hits] == ["A", "B title"]
    assert everything.facets["year"] == {"(undated)": 1, "2020": 1}
    assert lib.search("oil", sort="date").total == 2
    lib.close()
