"""The library facade: entity-aware search, corrections applied everywhere, cached linking."""

from __future__ import annotations

from pathlib import Path

from reader.library import Library


def names(result) -> list[str]:
    return sorted(Path(h.path).name[:3] for h in result.hits)


def test_entity_queries_resolve_aliases(seed_copy: Path) -> None:
    library = Library([seed_copy])
    library.update_index()
    expected = names(library.search("entity:hts"))
    assert expected == ["000", "001", "004"]
    assert names(library.search('entity:"Hayat Tahrir al Sham"')) == expected
    assert names(library.search("actor:hts")) == expected
    assert library.search("place:hts").error  # HTS is an actor, not a place
    assert "no entity" in library.search("entity:nosuchthing").error
    assert names(library.search("aleppo", filters={"entity": ["hts", "sohr"]})) == ["000"]


def test_correction_applies_at_once_and_survives_restart(seed_copy: Path) -> None:
    library = Library([seed_copy])
    library.update_index()
    sohr = library.entity("SOHR")
    assert sohr is not None
    library.correct("rename", sohr.id, "The Observatory")
    assert library.entity(sohr.id).name == "The Observatory"
    reopened = Library([seed_copy])  # a new process would read the cached linking
    reopened.update_index()
    assert reopened.entity(sohr.id).name == "The Observatory"
    assert library.undo_correction()
    again = Library([seed_copy])
    again.update_index()
    assert again.entity(sohr.id).name != "The Observatory"


def test_linking_cache_is_invalidated_by_reindex(seed_copy: Path) -> None:
    library = Library([seed_copy])
    library.update_index()
    assert library.entity("Zanzibar") is None
    target = next(seed_copy.glob("003_*.txt"))
    target.write_text(target.read_text(encoding="utf-8").replace(
        "Meanwhile, Ankara", "Meanwhile, in Zanzibar, Ankara"), encoding="utf-8")
    library.update_index()
    assert library.entity("Zanzibar") is not None


def test_entity_mentions_ordered_by_date_then_position(seed_copy: Path) -> None:
    library = Library([seed_copy])
    library.update_index()
    entity = library.entity("Aleppo")
    rows = library.entity_mentions(entity.id)
    keys = [(s.date == "", s.date, s.title.casefold(), s.id, m.start) for s, m in rows]
    assert keys == sorted(keys)
    for summary, mention in rows:
        assert library.article(summary.id).body[mention.start:mention.end] == mention.text


def test_warm_builds_the_first_use_tables(seed_copy: Path, monkeypatch) -> None:
    from reader.index import evaluate

    library = Library([seed_copy])
    library.update_index()
    library.warm()
    # the tables are built: the first query reads no field lengths
    monkeypatch.setattr(evaluate, "_leaf_lengths", lambda *a: (_ for _ in ()).throw(AssertionError))
    assert names(library.search("aleppo")) and any(k.startswith("analysis.related")
                                                   for k in library._derived)


def test_warm_on_an_empty_corpus(tmp_path: Path) -> None:
    library = Library([tmp_path])
    library.update_index()
    library.warm()
    assert library.search("anything").total == 0


def _full_checks(library: Library, monkeypatch) -> list[int]:
    """Count the library's full freshness checks (Whoosh listing the index folder)."""
    checks: list[int] = []
    searcher_type = type(library.searcher())
    real = searcher_type.up_to_date
    monkeypatch.setattr(searcher_type, "up_to_date", lambda self: checks.append(1) or real(self))
    return checks


def test_a_commit_by_another_instance_is_seen_and_a_settled_index_is_not_relisted(
        seed_copy: Path, monkeypatch) -> None:
    import os

    reader_a = Library([seed_copy])
    reader_a.update_index()
    first = reader_a.searcher()
    checks = _full_checks(reader_a, monkeypatch)
    folder = reader_a.indexer.folder
    settled = os.stat(folder).st_mtime_ns - 10 * Library.SETTLED_NS
    os.utime(folder, ns=(settled, settled))  # committed long ago
    assert reader_a.searcher() is first and checks == [1]  # one full check ...
    assert reader_a.searcher() is first and checks == [1]  # ... then the folder's time
    (seed_copy / "005_new.txt").write_text("Aleppo\n\nA new report from Aleppo.\n",
                                           encoding="utf-8")
    writer_b = Library([seed_copy])  # another instance commits
    assert writer_b.update_index().added == 1
    assert reader_a.searcher() is not first  # the folder changed: seen at once
    assert len(reader_a.summaries()) == 6


def test_a_recent_folder_time_is_always_checked_in_full(seed_copy: Path, monkeypatch) -> None:
    library = Library([seed_copy])
    library.update_index()
    checks = _full_checks(library, monkeypatch)
    library.searcher()
    library.searcher()
    assert checks == [1, 1]  # changed moments ago: its time may hide a later commit
