"""Fuzz: search queries of random text and syntax never raise; errors are one line."""

from __future__ import annotations

import os
import shutil

import pytest
from fuzz_strategies import queries
from fuzz_support import bounded, examples
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.library import Library
from reader.model import SearchResult

pytestmark = pytest.mark.slow

SEEDS = os.path.join(os.path.dirname(__file__), "..", "..", "seeds")


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """The seed corpus (plus a copy, for duplicates) indexed with entities and a note."""
    home = tmp_path_factory.mktemp("fuzz-search-home")
    corpus = tmp_path_factory.mktemp("fuzz-search-corpus")
    shutil.copytree(SEEDS, corpus / "seeds")
    previous = os.environ.get("READER_HOME")
    os.environ["READER_HOME"] = str(home)
    try:
        lib = Library([corpus])
        lib.update_index()
        _ = lib.linking
    finally:
        if previous is None:
            os.environ.pop("READER_HOME", None)
        else:
            os.environ["READER_HOME"] = previous
    return lib


@settings(max_examples=examples(1000))
@given(queries, st.sampled_from(["relevance", "date"]), st.integers(0, 60))
def test_search_returns_a_result_and_never_raises(library: Library, text: str, sort: str,
                                                  limit: int) -> None:
    with bounded("search.query"):
        result = library.search(text, limit=limit, sort=sort)
    assert isinstance(result, SearchResult)
    if result.error is not None:
        assert result.error.strip() and "\n" not in result.error, repr(result.error)
        assert result.hits == []
    assert len(result.hits) <= max(1, limit)
    assert result.total >= len(result.hits)


@settings(max_examples=examples(200))
@given(st.dictionaries(st.sampled_from(["source", "year", "entity", "place", "actor", "tag",
                                        "nosuch"]),
                       st.lists(queries, max_size=3), max_size=3), queries)
def test_search_with_random_facet_filters(library: Library, filters, text: str) -> None:
    with bounded("search.filters"):
        result = library.search(text, filters=filters)
    assert isinstance(result, SearchResult)
    assert result.error is None or (result.error.strip() and "\n" not in result.error)
