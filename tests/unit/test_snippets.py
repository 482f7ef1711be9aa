"""Snippets: windows around query words, best window first, words marked, no partial words."""

from __future__ import annotations

from reader.index.snippets import make_snippet, query_words, term_pattern
from reader.model import HIGHLIGHT_CLOSE as C
from reader.model import HIGHLIGHT_OPEN as O


def test_window_with_most_distinct_words_comes_first() -> None:
    body = "Aleppo is a city. " * 20 + "Aleppo airport closed today. " + "Filler words here. " * 20
    snippet = make_snippet(body, term_pattern({"aleppo", "airport"}, set()))
    first = snippet.split(" … ")[0]
    assert f"{O}Aleppo{C} {O}airport{C}" in first


def test_short_stems_match_whole_words_only() -> None:
    body = "Hayat Tahrir al-Sham is also called HTS by all."
    snippet = make_snippet(body, term_pattern({"hayat", "tahrir", "al", "sham"}, set()))
    assert f"{O}al{C}-{O}Sham{C}" in snippet
    assert f"{O}also" not in snippet and f"{O}all" not in snippet


def test_prefixes_and_stems() -> None:
    words, prefixes = query_words('offens* title:"Aleppo airport" date:[2020 to 2021] AND x')
    assert prefixes == {"offens"}
    assert words == {"aleppo", "airport", "x"}
    body = "The offensive on the airports of Aleppo."
    snippet = make_snippet(body, term_pattern({"airport"}, words, prefixes))
    assert f"{O}offensive{C}" in snippet and f"{O}airports{C}" in snippet


def test_no_match_gives_empty_snippet() -> None:
    assert make_snippet("Nothing relevant.", term_pattern({"aleppo"}, set())) == ""
    assert make_snippet("Anything.", None) == ""
