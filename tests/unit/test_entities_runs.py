"""Capitalised runs: the one-word fast paths give the same names as the full tokeniser."""

from __future__ import annotations

import pytest

from reader.entities import EntityEngine
from reader.entities.text_shape import is_lone_stop


@pytest.fixture(scope="module")
def engine() -> EntityEngine:
    return EntityEngine()


def texts(engine: EntityEngine, text: str) -> list[str]:
    return [c.text for c in engine.analyse(text).candidates]


def test_lone_stop_words_and_titles_are_skipped():
    assert is_lone_stop("The")
    assert is_lone_stop("President")
    assert not is_lone_stop("Anadan")
    assert not is_lone_stop("U.S.")  # not a plain word: the full rules decide


def test_one_word_runs_keep_apostrophes_and_dots(engine):
    found = texts(engine, "On Monday O'Brien met U.S. envoys and Kovalchik in Kyiv.")
    assert "O'Brien" in found
    assert "U.S." in found
    assert "Kyiv" in found
    assert "On" not in found and "Monday" not in found


def test_title_alone_in_its_run_gives_no_candidate(engine):
    assert texts(engine, "The President spoke.") == []
