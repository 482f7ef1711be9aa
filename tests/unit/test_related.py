"""Related articles (issue 4): seeds ranking, reasons, duplicates, the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader.analysis.duplicates import content_pairs, cosine, near_duplicate, numbers, shingles
from reader.cli import run as cli_run
from reader.library import Library

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _by_prefix(library: Library) -> dict[str, str]:
    return {Path(s.path).name[:3]: s.id for s in library.summaries()}


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    """The seeds library, indexed once for the module (own READER_HOME)."""
    home = tmp_path_factory.mktemp("related-home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("READER_HOME", str(home))
        library = Library()
        library.update_index()
        yield library, _by_prefix(library)
        library.close()


@pytest.mark.parametrize(("a", "b"), [("003", "004"), ("004", "003"), ("000", "001"),
                                      ("001", "000")])
def test_same_story_ranks_first(seeds, a, b):
    library, ids = seeds
    items = library.related(ids[a], limit=4)
    assert items[0].summary.id == ids[b], [(i.summary.path, i.score, i.reason) for i in items]


def test_results_explain_themselves(seeds):
    library, ids = seeds
    for article_id in ids.values():
        items = library.related(article_id, limit=10)
        assert article_id not in {i.summary.id for i in items}
        assert [i.score for i in items] == sorted((i.score for i in items), reverse=True)
        for item in items:
            assert item.reason and 0.0 <= item.text_score <= 1.0
            assert item.shared_entities, item.reason
            assert item.reason.startswith("shares " + item.shared_entities[0])
            names_here = {m.name for m in library.mentions(article_id)}
            names_there = {m.name for m in library.mentions(item.summary.id)}
            assert set(item.shared_entities) <= names_here & names_there


def test_limit_and_unknown_article(seeds):
    library, ids = seeds
    assert len(library.related(ids["000"], limit=2)) == 2
    assert library.related("no-such-article") == []


def test_shared_entities_of_the_february_2020_pair(seeds):
    library, ids = seeds
    first = library.related(ids["003"], limit=1)[0]
    assert {"Ankara", "SANA"} <= set(first.shared_entities)


def test_duplicates_collapse(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_HOME", str(tmp_path / "home"))
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    text = (corpus / "003_32f38cb0c70e0b25.txt").read_text(encoding="utf-8")
    (corpus / "005_copy_of_003.txt").write_text(
        "Syrian forces take most of Aleppo province (wire copy)\n\n"
        + text.split("\n", 1)[1].replace("On the same day,", "The same day,"), encoding="utf-8")
    library = Library([corpus])
    library.update_index()
    ids = _by_prefix(library)
    own = library.related(ids["003"], limit=10)
    copies = [i for i in own if i.copy_of_open]
    assert [i.summary.id for i in copies] == [ids["005"]]
    assert copies[0].duplicate and "same wire copy" in copies[0].reason
    other = library.related(ids["000"], limit=10)
    shown = [i.summary.id for i in other]
    assert len({ids["003"], ids["005"]} & set(shown)) == 1  # one entry for both copies
    entry = next(i for i in other if i.summary.id in (ids["003"], ids["005"]))
    assert entry.duplicate and [d.id for d in entry.duplicates] == \
        [({ids["003"], ids["005"]} - {entry.summary.id}).pop()]
    assert "+1 copy" in entry.reason


def test_near_duplicate_detection():
    base = " ".join(f"word{i}" for i in range(200))
    edited = base.replace("word50 word51", "changed text") + " extra tail words here"
    assert near_duplicate(shingles(base), shingles(edited))
    assert not near_duplicate(shingles(base), shingles(" ".join(f"w{i}" for i in range(200))))
    assert not near_duplicate(shingles(base), shingles(" ".join(base.split()[:60])))  # excerpt
    assert not near_duplicate(shingles("too short"), shingles("too short"))
    pairs = content_pairs("Aleppo is Syria's second-largest city, the second largest city.")
    assert cosine(pairs, content_pairs("the second largest city")) > 0
    assert cosine(pairs, frozenset()) == 0.0
    assert numbers("A 4 . 6 quake at 17:06 killed 2,100; v2 and 3rd are not numbers.") == \
        {"4.6", "17:06", "2,100"}


def test_cli_related_json_and_text(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("READER_HOME", str(tmp_path / "home"))
    path = str(SEEDS / "003_32f38cb0c70e0b25.txt")
    assert cli_run(["related", path, "--json", "--limit", "2"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert len(items) == 2
    assert Path(items[0]["path"]).name.startswith("004")
    for key in ("path", "title", "score", "shared_entities", "reason", "duplicate"):
        assert key in items[0]
    assert cli_run(["related", path]) == 0
    out = capsys.readouterr().out
    assert "shares" in out and "004_" in out
    assert cli_run(["related", str(tmp_path / "nope.txt")]) == 1
    assert "not an article" in capsys.readouterr().err


def test_fast_more_like_this_equals_whoosh(seeds, monkeypatch):
    """With Whoosh's idf, TextModel ranks (and scores) exactly like Searcher.more_like."""
    from reader.analysis import textsim
    from reader.analysis.related import doc_table

    library, _ids = seeds
    monkeypatch.setattr(textsim, "idf", textsim.whoosh_idf)
    table = doc_table(library)
    model = textsim.TextModel(table, numterms=20)
    searcher = table.searcher
    for article_id, docnum in table.docnum.items():
        body = table.body(docnum)
        hits = searcher.more_like(docnum, "body", text=body, top=10, numterms=20)
        expected = [(h["id"], h.score) for h in hits]
        raw = model.scores(model.key_terms(body))
        raw.pop(docnum, None)
        ours = sorted(raw.items(), key=lambda kv: -kv[1])
        assert [table.ids[d] for d, _ in ours] == [i for i, _ in expected], article_id
        for (_, score), (_, theirs) in zip(ours, expected, strict=True):
            assert score == pytest.approx(theirs, rel=1e-4)


def test_key_terms_equal_whoosh_expander(seeds):
    """The cached Bo1 key terms are Whoosh's Expander's, word for word and weight for weight."""
    from whoosh import classify

    from reader.analysis import textsim
    from reader.analysis.related import doc_table

    library, _ids = seeds
    table = doc_table(library)
    for numterms in (5, 30):
        model = textsim.TextModel(table, numterms=numterms)
        for docnum in table.docnum.values():
            body = table.body(docnum)
            expander = classify.Expander(table.searcher.reader(), "body", model=classify.Bo1Model)
            expander.add_text(body)
            expected = expander.expanded_terms(numterms, normalize=False)
            ours = model.key_terms(body)
            assert [w for w, _ in ours] == [w for w, _ in expected]
            assert [x for _, x in ours] == pytest.approx([x for _, x in expected], rel=1e-9)
            assert model.key_terms(body) == ours  # the cached frequencies change nothing


def test_facet_counts(seeds):
    library, ids = seeds
    everything = library.facet_counts({})
    assert everything["total"] == 5
    assert sum(everything["year"].values()) == 5
    by_name = {e.name: n for e, n in everything["entity"]}
    assert by_name["Aleppo"] == 5
    hts = library.facet_counts({"entity": ["HTS"]})
    assert hts["total"] == len(library.linking.articles_of("hayat-tahrir-al-sham")) == 3
    names = {e.name: n for e, n in hts["entity"]}
    assert "Hayat Tahrir al-Sham" not in names and names["Aleppo"] == 3
    both = library.facet_counts({"entity": ["HTS", "SANA"]})  # AND
    expected = set(library.linking.articles_of("hayat-tahrir-al-sham")) & \
        set(library.linking.articles_of(library.entity("SANA").id))
    assert both["total"] == len(expected) < 3
    assert library.facet_counts({"year": ["2020"]})["total"] == 1
    assert library.facet_counts({}, text="Ankara")["total"] == 2
    with pytest.raises(ValueError):
        library.facet_counts({"entity": ["Atlantis Liberation Front"]})


def test_corrections_and_reindex_refresh_related(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_HOME", str(tmp_path / "home"))
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    library = Library([corpus])
    library.update_index()
    ids = _by_prefix(library)
    assert "SANA" in library.related(ids["003"], limit=1)[0].shared_entities
    library.correct("ignore", "SANA")
    library.correct("ignore", "Syrian Arab News Agency")
    assert "SANA" not in library.related(ids["003"], limit=1)[0].shared_entities
    (corpus / "004_1696775620530b7c.txt").unlink()
    library.update_index()
    assert ids["004"] not in {r.summary.id for r in library.related(ids["003"], limit=10)}


def test_related_runs_beside_searches_in_threads(seeds):
    import threading

    library, ids = seeds
    errors: list[BaseException] = []

    def work(kind: str) -> None:
        try:
            for _ in range(15):
                if kind == "related":
                    for article_id in ids.values():
                        assert library.related(article_id, limit=3)
                else:
                    assert library.search("Aleppo").hits
                    library.entity_view("Aleppo")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in ("related", "search", "related")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
