"""The fast postings path against Whoosh's own (``fields.TEXT.index``): equal lists, byte for byte.

Generated text mixes what the tokenizer, the lowercase and stop filters and the stemmer treat
specially; the seed articles and a realistic news paragraph are checked as they are.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import fields
from whoosh.analysis import (
    LowercaseFilter,
    NormalizingRegexTokenizer,
    RegexTokenizer,
    StandardAnalyzer,
    StemFilter,
    StemmingAnalyzer,
    StopFilter,
)

from reader.corpus import load_article
from reader.index import fast_postings
from reader.index.fast_postings import is_standard, positions_postings
from reader.index.schema import SEARCH_FIELDS, PostedText, make_schema

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

SCHEMA = make_schema()

SAMPLE = (
    "U.S. Treasury Secretary James Baker said on Tuesday the dollar's 3.5 pct fall against the "
    "yen was \"not in anybody's interest\", and the G-7 finance ministers would meet in Paris. "
    "Crude oil futures for April delivery rose 42 cts to 18.75 dlrs a barrel on the NYMEX; "
    "analysts at Shearson Lehman-Brothers expect OPEC's output ceiling of 15.8 mln bpd to hold. "
    "Shares of Texaco Inc rose 1-3/8 to 36-1/4 in heavy trading, while Pennzoil_Co fell. "
    "The company said it was, is and will be acquiring the stake through its unit, A.G. Edwards."
)
"""A news paragraph: abbreviations, decimals, hyphens, possessives, stop words, repeats."""

PIECES = st.one_of(
    st.text(min_size=1, max_size=12),
    st.text(st.characters(categories=["L", "M", "N"]), min_size=1, max_size=12),
    st.sampled_from([
        " ", "  ", "\n", "\t", "\u00a0", "\u2003", ".", "..", "'", "\u2019", "-", "_", "*", "**",
        "U.S.", "u.s", "3.5", "1,000", "e.g.", "x-ray", "foo_bar", "a.b.c", ".5", "5.", "***a",
        "the", "The", "THE", "a", "A", "and", "it's", "is", "be", "of", "to", "in", "yet", "us",
        "running", "Runs", "ran", "generalizations", "happiness", "sky", "skies", "y", "yes",
        "café", "cafe\u0301", "naïve", "Ærø", "straße", "İstanbul", "ΟΔΟΣ", "Σ", "ﬁnance",
        "東京", "Москва", "القاهرة", "\u0301", "e\u0301", "\u0663\u0665", "①", "Ⅻ", "\ud800",
        "x" * 300, "ab" * 200,
    ]),
)
"""Fragments joined (without separators) into generated text."""


def whoosh_postings(name: str, text: str) -> list:
    """What Whoosh itself yields for ``text`` in the schema's field ``name``."""
    return list(fields.TEXT.index(SCHEMA[name], text))


def assert_same(text: str) -> None:
    for name in SEARCH_FIELDS:
        expected = whoosh_postings(name, text)
        assert SCHEMA[name].postings(text) == expected
        assert positions_postings(text, SCHEMA[name].format.field_boost) == expected


def test_schema_fields_take_the_fast_path() -> None:
    for name in SEARCH_FIELDS:
        assert is_standard(SCHEMA[name].analyzer, SCHEMA[name].format)
    assert not is_standard(SCHEMA["source"].analyzer, SCHEMA["source"].format)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_generated_text_matches_whoosh(text: str) -> None:
    assert_same(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_text_matches_whoosh(text: str) -> None:
    assert_same(text)


@pytest.mark.parametrize("text", ["", " ", " \n\t \u00a0 ", ".", "a", "the of and", "I",
                                  "x" * 5000])
def test_edge_cases_match_whoosh(text: str) -> None:
    assert_same(text)


def test_sample_and_seed_articles_match_whoosh() -> None:
    assert_same(SAMPLE)
    assert_same(SAMPLE.lower() + " " + SAMPLE.upper())
    seeds = sorted(SEEDS.glob("*.txt"))
    assert len(seeds) == 5
    for path in seeds:
        article = load_article(SEEDS, path)
        assert_same(article.title)
        assert_same(article.body)


def test_long_text_matches_whoosh() -> None:
    """Positions past the remembered single-occurrence encodings, and large gaps."""
    words = SAMPLE.split()
    text = " ".join(words[i % len(words)] + ("" if i % 7 else str(i)) for i in range(20_000))
    assert_same(text)


def test_word_cache_starting_again_keeps_output(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fast_postings, "_TERMS_LIMIT", 3)
    for _ in range(3):
        assert_same(SAMPLE)


@pytest.mark.parametrize("analyzer", [
    StemmingAnalyzer(minsize=3),
    StemmingAnalyzer(maxsize=6),
    StemmingAnalyzer(stoplist=["oil"]),
    StemmingAnalyzer(stoplist=None),
    StemmingAnalyzer(ignore=["shares"]),
    StemmingAnalyzer(expression=r"\w+"),
    StemmingAnalyzer(gaps=True, expression=r"\s+"),
    StemmingAnalyzer(stemfn=str.upper),
    StandardAnalyzer(),
    NormalizingRegexTokenizer() | StopFilter() | StemFilter(),
    RegexTokenizer() | LowercaseFilter() | StopFilter(renumber=False) | StemFilter(),
    RegexTokenizer() | LowercaseFilter() | StopFilter() | StemFilter(lang="fr"),
])
def test_other_analyzers_go_through_whoosh(analyzer: object) -> None:
    field = PostedText(analyzer=analyzer, phrase=True)
    assert not is_standard(field.analyzer, field.format)
    text = SAMPLE + " e\u0301te\u0301"
    assert field.postings(text) == list(fields.TEXT.index(field, text))


def test_other_formats_go_through_whoosh() -> None:
    for field in (PostedText(analyzer=StemmingAnalyzer(), phrase=False),
                  PostedText(analyzer=StemmingAnalyzer(), chars=True)):
        assert not is_standard(field.analyzer, field.format)
        assert field.postings(SAMPLE) == list(fields.TEXT.index(field, SAMPLE))
