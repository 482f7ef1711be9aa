"""Trails (n/N), query spans and jump history: pure logic."""

from __future__ import annotations

from reader.tui.navigation import JumpHistory, Position, Trail, query_patterns, search_spans

SPANS = {"a": [(5, 8), (20, 23)], "b": [], "c": [(1, 4)]}


def _trail(unit: str = "mention") -> Trail:
    return Trail("HTS", ["a", "b", "c"], lambda aid: SPANS[aid], unit=unit, entity_id="hts")


def test_step_continues_into_next_article_and_skips_articles_without_spans() -> None:
    trail = _trail()
    assert trail.step(Position("a", 5, 8), 1) == Position("a", 20, 23)
    assert trail.step(Position("a", 20, 23), 1) == Position("c", 1, 4)
    assert trail.step(Position("c", 1, 4), 1) is None
    assert trail.step(Position("c", 1, 4), -1) == Position("a", 20, 23)
    assert trail.step(Position("zz", 0), 1) == Position("a", 5, 8)


def test_search_trails_stop_at_hits_without_visible_terms() -> None:
    trail = _trail(unit="match")
    assert trail.step(Position("a", 20, 23), 1) == Position("b", 0, None)


def test_describe_counts_mentions_and_articles() -> None:
    trail = _trail()
    assert trail.describe(Position("a", 20, 23)) == "HTS · mention 2/2 · article 1/3"
    assert trail.describe(Position("zz", 0)) == "HTS · 3 articles"


def test_query_spans_prefer_the_phrase_and_skip_fields() -> None:
    text = "Aleppo fell. Aleppo airport shut; the airport of Aleppo"
    assert search_spans(text, "aleppo airport") == [(13, 27)]
    assert len(search_spans(text, "airport source:bbc")) == 2
    assert [p.pattern for p in query_patterns('"x y" OR z source:q')] == [r"\bx\W+y\b"]


def test_history_back_and_forward() -> None:
    history = JumpHistory()
    history.record(Position("a", 1))
    history.record(Position("b", 2))
    assert history.back(Position("c", 3)) == Position("b", 2)
    assert history.back(Position("b", 2)) == Position("a", 1)
    assert history.back(Position("a", 1)) is None
    assert history.forward(Position("a", 1)) == Position("b", 2)
    history.record(Position("d", 0))
    assert history.forward(Position("d", 0)) is None
