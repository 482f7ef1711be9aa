"""TermTable: the body field's statistics and postings, read once, equal to Whoosh's."""

from __future__ import annotations

import random

import pytest
from whoosh import fields, index
from whoosh.writing import NO_MERGE

from reader.analysis import term_table
from reader.analysis.term_table import TermTable

WORDS = [f"w{i}" for i in range(60)]


def _index(path, commits: int = 4, per_commit: int = 25, seed: int = 3):
    """A Whoosh index of several segments, some with deleted documents."""
    rng = random.Random(seed)
    schema = fields.Schema(id=fields.ID(stored=True, unique=True), body=fields.TEXT)
    ix = index.create_in(str(path), schema)
    n = 0
    for _ in range(commits):
        writer = ix.writer()
        for _ in range(per_commit):
            words = rng.choices(WORDS[: rng.randint(5, len(WORDS))], k=rng.randint(1, 40))
            writer.add_document(id=f"d{n}", body=" ".join(words))
            n += 1
        writer.commit(merge=NO_MERGE)
    writer = ix.writer()
    for doc in rng.sample(range(n), n // 5):
        writer.delete_by_term("id", f"d{doc}")
    writer.commit(merge=NO_MERGE)
    return ix


def _whoosh_postings(reader, word):
    matcher = reader.postings("body", word)
    out = []
    while matcher.is_active():
        out.append((matcher.id(), matcher.weight()))
        matcher.next()
    return out


@pytest.mark.parametrize("max_df", [10, 1000])
def test_statistics_and_postings_equal_whoosh(tmp_path, max_df):
    ix = _index(tmp_path)
    with ix.searcher() as searcher:
        reader = searcher.reader()
        assert len(reader.leaf_readers()) > 1 and reader.has_deletions()
        table = TermTable(reader, "body", max_df)
        words = [w.decode() for w in reader.lexicon("body")]
        assert words
        for word in words + ["absent"]:
            expected = reader.frequency("body", word) if word != "absent" else None
            assert table.frequency(word) == (pytest.approx(expected) if expected else None)
            ids, weights = table.postings(word)
            if word == "absent" or reader.doc_frequency("body", word) > max_df:
                assert len(ids) == 0
                continue
            assert list(zip(ids, weights, strict=True)) == pytest.approx(
                _whoosh_postings(reader, word)), word
        assert len(table) == sum(len(table.postings(w)[0]) for w in words)


def test_part_is_applied_per_posting(tmp_path):
    ix = _index(tmp_path)
    with ix.searcher() as searcher:
        reader = searcher.reader()
        plain = TermTable(reader, "body", 1000)
        parts = TermTable(reader, "body", 1000, part=lambda doc, w: doc * 1000 + w)
        ids, weights = plain.postings("w1")
        assert len(ids) > 3
        assert list(parts.postings("w1")[1]) == pytest.approx(
            [d * 1000 + w for d, w in zip(ids, weights, strict=True)])


def test_cache_is_used_for_the_same_segments_only(tmp_path, monkeypatch):
    (tmp_path / "ix").mkdir()
    ix = _index(tmp_path / "ix")
    cache = tmp_path / "terms.pickle"
    with ix.searcher() as searcher:
        first = TermTable(searcher.reader(), "body", 1000, cache=cache)
    assert cache.exists()
    reads = []
    real_read = TermTable._read
    monkeypatch.setattr(TermTable, "_read", lambda self, r: reads.append(1) or real_read(self, r))
    with ix.searcher() as searcher:
        again = TermTable(searcher.reader(), "body", 1000, cache=cache)
        assert reads == []  # loaded from the file
        assert list(again.postings("w2")[0]) == list(first.postings("w2")[0])
        TermTable(searcher.reader(), "body", 20, cache=cache)  # other settings: read again
        assert reads == [1]
    writer = ix.writer()
    writer.delete_by_term("id", "d3")
    writer.commit(merge=NO_MERGE)
    with ix.searcher() as searcher:
        changed = TermTable(searcher.reader(), "body", 1000, cache=cache)
        assert reads == [1, 1]  # a deletion changes the key
        assert changed.frequency("w2") == pytest.approx(searcher.reader().frequency("body", "w2"))
        assert set(changed.postings("w2")[0]) == {d for d, _ in _whoosh_postings(
            searcher.reader(), "w2")}


def test_damaged_or_unwritable_cache_is_only_a_cache(tmp_path, monkeypatch):
    (tmp_path / "ix").mkdir()
    ix = _index(tmp_path / "ix")
    cache = tmp_path / "terms.pickle"
    cache.write_bytes(b"\x80\x05not a pickle at all")
    with ix.searcher() as searcher:
        table = TermTable(searcher.reader(), "body", 1000, cache=cache)
        assert table.frequency("w1") == pytest.approx(searcher.reader().frequency("body", "w1"))

        def refuse(path, data):
            raise OSError("read-only")

        monkeypatch.setattr(term_table, "write_atomic", refuse)
        cache.unlink()
        TermTable(searcher.reader(), "body", 1000, cache=cache)  # no error
        assert not cache.exists()
