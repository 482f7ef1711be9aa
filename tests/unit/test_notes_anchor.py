"""Selectors and re-anchoring (pure functions)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from notes_helpers import BODY, article, make_note, mentions, span

from reader.notes import (
    ANCHORED,
    FUZZY,
    MOVED,
    ORPHAN,
    NoteError,
    anchor,
    make_selectors,
    new_note,
    reanchor,
    rebase,
    sentence_bounds,
)
from reader.notes.anchor import entities_in

QUOTE = "The anti-Assad forces now hold almost all of the Dahiyat al-Assad district"


def test_selectors_capture_quote_and_context():
    start, end = span(BODY, QUOTE)
    quote, position = make_selectors(BODY, start, end)
    assert quote.exact == QUOTE
    assert (position.start, position.end) == (start, end)
    assert BODY[start - len(quote.prefix) : start] == quote.prefix
    assert len(quote.prefix) == 32 and len(quote.suffix) == 32
    assert BODY[end : end + 32] == quote.suffix


@pytest.mark.parametrize("start,end", [(-1, 3), (5, 5), (10, 4), (0, len(BODY) + 1)])
def test_selectors_reject_bad_ranges(start, end):
    with pytest.raises(NoteError):
        make_selectors(BODY, start, end)


def test_unchanged_article_is_anchored_in_place():
    note = make_note(text=QUOTE)
    found = anchor(BODY, note.quote, note.position)
    assert found.state == ANCHORED
    assert (found.start, found.end) == (note.position.start, note.position.end)


def test_paragraph_inserted_before_quote_moves_the_note():
    note = make_note(text=QUOTE)
    inserted = "EDITOR'S NOTE: this story was updated with new casualty figures.\n\n"
    edited = inserted + BODY
    found = anchor(edited, note.quote, note.position)
    assert found.state == MOVED
    assert found.start == note.position.start + len(inserted)
    assert edited[found.start : found.end] == QUOTE


def test_word_changed_inside_quote_anchors_fuzzily():
    note = make_note(text=QUOTE)
    edited = BODY.replace("almost all of the Dahiyat", "nearly all of the Dahiyat")
    found = anchor(edited, note.quote, note.position)
    assert found.state == FUZZY
    expected = QUOTE.replace("almost", "nearly")
    assert edited[found.start : found.end] == expected
    assert found.text == expected
    assert 75 <= found.score < 100


def test_quote_deleted_becomes_orphan_and_keeps_quote():
    note = make_note(text=QUOTE)
    start, _ = span(BODY, "The anti-Assad")
    end = BODY.index("\n\n", start) + 2
    edited = BODY[:start] + BODY[end:]
    found = anchor(edited, note.quote, note.position)
    assert found.state == ORPHAN
    assert not found.placed
    placed = reanchor(note, edited)
    assert placed.state == ORPHAN
    assert placed.quote.exact == QUOTE  # never dropped: the quote is still there to show


def test_position_is_only_trusted_if_the_quote_is_still_there():
    note = make_note(text=QUOTE)
    # same length, different text at the recorded position: must not claim "anchored"
    shifted = "X" * 10 + BODY[:-10]
    found = anchor(shifted, note.quote, note.position)
    assert found.state == MOVED
    assert shifted[found.start : found.end] == QUOTE


def test_repeated_quote_picks_the_occurrence_with_matching_context():
    body = ("Aleppo was quiet. Shelling resumed at dawn in the east.\n\n"
            "In Idlib, later: shelling resumed at dawn in the south.")
    start, end = span(body, "shelling resumed at dawn")
    note = new_note(article(body), start, end)
    edited = "Update.\n\n" + body.replace("Shelling resumed", "shelling resumed")
    found = anchor(edited, note.quote, note.position)
    assert found.state == MOVED
    assert edited[found.end : found.end + 12] == " in the sout"


def test_short_quote_fuzzy_uses_context():
    body = "Forces entered the town of Saraqeb on Tuesday after heavy fighting overnight."
    start, end = span(body, "Saraqeb")
    note = new_note(article(body), start, end)
    edited = body.replace("Saraqeb", "Saraqib")
    found = anchor(edited, note.quote, note.position)
    assert found.state == FUZZY
    assert edited[found.start : found.end] == "Saraqib"


def test_unrelated_text_does_not_fuzzy_match():
    note = make_note(text=QUOTE)
    found = anchor("Completely different article about football results and weather.",
                   note.quote, note.position)
    assert found.state == ORPHAN


def test_orphan_position_is_clamped_to_short_body():
    note = make_note(text=QUOTE)
    found = anchor("tiny", note.quote, note.position)
    assert found.state == ORPHAN
    assert 0 <= found.start <= found.end <= 4


def test_rebase_makes_fuzzy_anchor_permanent():
    note = make_note(text=QUOTE)
    edited = BODY.replace("almost all", "nearly all")
    a = article(edited)
    rebased = rebase(reanchor(note, edited), edited, a.content_hash)
    assert rebased.quote.exact == QUOTE.replace("almost", "nearly")
    assert rebased.content_hash == a.content_hash
    assert anchor(edited, rebased.quote, rebased.position).state == ANCHORED


def test_entities_inside_the_quote_only():
    hts = "Hayat Tahrir al-Sham (HTS) said its fighters had repelled the attack near Idlib"
    start, end = span(BODY, hts)
    ents = entities_in(mentions(BODY), start, end)
    assert [e.id for e in ents] == ["E_hts", "E_idlib"]
    note = make_note(text=QUOTE)
    assert [e.name for e in note.entities] == ["Bashar al-Assad"]


def test_sentence_bounds():
    offset = BODY.index("fighters")
    s, e = sentence_bounds(BODY, offset)
    assert BODY[s:e] == ("Hayat Tahrir al-Sham (HTS) said its fighters had repelled "
                         "the attack near Idlib.")
    s, e = sentence_bounds(BODY, 3)
    assert BODY[s:e].startswith("Syrian government") and BODY[s:e].endswith("on Monday.")


def test_reanchoring_is_bounded_for_huge_bodies():
    import time

    note = make_note(text=QUOTE)
    filler = ("lorem ipsum dolor sit amet " * 40_000)  # ~1 MB, quote gone
    t0 = time.perf_counter()
    found = anchor(filler, note.quote, note.position)
    assert found.state == ORPHAN
    assert time.perf_counter() - t0 < 2.0


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_insertions_outside_the_quote_never_lose_it(data):
    body = data.draw(st.text(min_size=1, max_size=300), label="body")
    start = data.draw(st.integers(0, len(body) - 1), label="start")
    end = data.draw(st.integers(start + 1, len(body)), label="end")
    quote, position = make_selectors(body, start, end)
    inserted = data.draw(st.text(max_size=80), label="inserted")
    where = data.draw(st.sampled_from(["before", "after"]), label="where")
    at = data.draw(st.integers(0, start) if where == "before" else st.integers(end, len(body)))
    edited = body[:at] + inserted + body[at:]
    found = anchor(edited, quote, position)
    assert found.state in (ANCHORED, MOVED)
    assert edited[found.start : found.end] == quote.exact
    if where == "after":
        assert found.state == ANCHORED and found.start == start
