"""Entity view pieces (issue 4): KWIC, timeline buckets, descriptions, co-occurrence."""

from __future__ import annotations

import json
from datetime import date

import pytest

from reader.analysis.descriptions import count_descriptions, describe
from reader.analysis.entity_view import KwicLines, build_entity_view
from reader.analysis.kwic import KwicLine
from reader.analysis.kwic import context, sentence_bounds
from reader.analysis.timeline import auto_granularity, period, sparkline, timeline
from reader.cli import run as cli_run
from reader.model import ArticleSummary, Entity, Mention


def _mention(text: str, name: str, entity: str = "hts", nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Mention(start, start + len(name), name, entity, name, "actor", "armed-group")


# -- KWIC ----------------------------------------------------------------------------------
def test_kwic_is_the_sentence_on_one_line():
    body = "First one.\n\nRebels led by HTS took\nthe city on Sunday. Mr. Smith said so."
    left, match, right = context(body, *_span(body, "HTS"))
    assert (left, match, right) == ("Rebels led by ", "HTS", " took the city on Sunday.")
    left, match, right = context(body, *_span(body, "Smith"))
    assert left == "Mr. " and right == " said so."  # "Mr." does not end a sentence


def test_kwic_long_sentence_is_cut_at_words():
    body = "alpha " * 60 + "HTS" + " omega" * 60 + "."
    left, match, right = context(body, *_span(body, "HTS"))
    assert match == "HTS" and left.startswith("…") and right.endswith("…")
    assert 50 <= len(left) <= 62 and 50 <= len(right) <= 62
    assert "\n" not in left + right


def test_sentence_bounds():
    text = 'He said "go." Then they went. U.S. forces stayed.\n\nNew paragraph'
    sentences = [text[s:e] for s, e in sentence_bounds(text)]
    assert sentences == ['He said "go."', "Then they went.", "U.S. forces stayed.",
                         "New paragraph"]


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


# -- timeline ------------------------------------------------------------------------------
def test_periods_and_gaps():
    d = date(2020, 12, 31)
    assert [period(d, g) for g in ("day", "week", "month", "year")] == \
        ["2020-12-31", "2020-W53", "2020-12", "2020"]
    days = [date(2020, 1, 5), date(2020, 1, 20), date(2020, 3, 1), date(2020, 3, 2)]
    assert timeline(days, "month") == [("2020-01", 2), ("2020-02", 0), ("2020-03", 2)]
    weeks = timeline(days, "week")
    assert weeks[0] == ("2020-W01", 1) and weeks[-1] == ("2020-W10", 1)
    assert len(weeks) == 10 and sum(n for _, n in weeks) == 4
    assert timeline([], "day") == []
    with pytest.raises(ValueError):
        period(d, "fortnight")


def test_auto_granularity_and_sparkline():
    assert auto_granularity([date(2020, 1, 1), date(2020, 1, 30)]) == "day"
    assert auto_granularity([date(2020, 1, 1), date(2020, 9, 30)]) == "week"
    assert auto_granularity([date(2018, 1, 1), date(2020, 9, 30)]) == "month"
    assert auto_granularity([date(1950, 1, 1), date(2020, 9, 30)]) == "year"
    assert sparkline([0, 1, 4, 8]) == " ▂▅█"
    assert sparkline([]) == ""


# -- descriptions --------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "name", "expected"), [
    ("Fighting was led by the jihadist group HTS in the north.", "HTS", ["jihadist group"]),
    ("Yesterday HTS militants attacked a base.", "HTS", ["militants"]),
    ("They met HTS, a former al-Qaeda affiliate, on Friday.", "HTS", ["former al-Qaeda affiliate"]),
    ("Officials said HTS attacked the town.", "HTS", []),
    ("The pro-HTS media said so.", "HTS", ["media"]),
    ("President Bashar al-Assad spoke.", "Bashar al-Assad", ["President"]),
    ("Rebels fought Syrian Army troops near Idlib.", "Syrian Army", ["troops"]),
])
def test_describe(text, name, expected):
    mention = _mention(text, name)
    others = [(m.start(), m.end()) for m in __import__("re").finditer(r"Idlib", text)]
    assert describe(text, mention, others, 0) == expected


def test_names_do_not_describe_names():
    text = "Russia backed Damascus forces on Monday."
    others = [(0, 6)]
    assert describe(text, _mention(text, "Damascus", "damascus"), others, 0) == ["forces"]
    text = "The Turkey-backed Syrian National Army fighters advanced."
    mention = _mention(text, "Syrian National Army", "sna")
    assert describe(text, mention, [(4, 10)], 0) == ["fighters"]


def test_count_descriptions_overall_and_per_source():
    overall, by_source = count_descriptions([
        ("SANA", ["terrorist group"]), ("SANA", ["Terrorist group"]), ("Reuters", ["rebels"]),
        ("Reuters", ["rebels", "terrorist group"]), ("", ["militants"])])
    assert overall[0] == ("terrorist group", 3)
    assert ("rebels", 2) in overall and ("militants", 1) in overall
    assert by_source["SANA"] == [("terrorist group", 2)]
    assert by_source["Reuters"] == [("rebels", 2), ("terrorist group", 1)]
    assert by_source["(unknown)"] == [("militants", 1)]


# -- the whole view on a small fake corpus -------------------------------------------------
class _Linking:
    def __init__(self, docs: dict[str, list[Mention]], entities: dict[str, Entity]) -> None:
        self.docs = docs
        self.entities = entities

    def mentions(self, doc_id: str) -> list[Mention]:
        return sorted(self.docs.get(doc_id, []), key=lambda m: m.start)


class _Library:
    def __init__(self, bodies: dict[str, str], summaries: dict[str, ArticleSummary],
                 names: dict[str, tuple[str, str]]) -> None:
        self.bodies = bodies
        self.summaries = summaries
        entities = {eid: Entity(eid, n, "actor" if k == "a" else "place", "x")
                    for eid, (n, k) in names.items()}
        docs: dict[str, list[Mention]] = {}
        for doc_id, body in bodies.items():
            for eid, (name, _) in names.items():
                start = body.find(name)
                while start >= 0:
                    e = entities[eid]
                    docs.setdefault(doc_id, []).append(
                        Mention(start, start + len(name), name, eid, e.name, e.kind, e.type))
                    start = body.find(name, start + 1)
        self.linking = _Linking(docs, entities)

    def entity(self, name_or_id: str):
        return self.linking.entities.get(name_or_id)

    def entity_mentions(self, entity_id: str):
        order = sorted(self.summaries.values(), key=lambda s: (s.date == "", s.date, s.id))
        return [(s, m) for s in order for m in self.linking.mentions(s.id) if m.entity == entity_id]


@pytest.fixture()
def fake_library():
    bodies = {
        "a": "HTS militants entered Aleppo. Turkey watched.\n\nRussia bombed Idlib.",
        "b": "Russia said HTS, a terrorist group, held Aleppo. Later HTS fighters left Idlib.",
        "c": "Rebels of HTS met Turkey in Idlib.",
    }
    summaries = {
        "a": ArticleSummary("a", "/a.txt", "A", "2020-02-03", "Reuters"),
        "b": ArticleSummary("b", "/b.txt", "B", "2020-02-20", "SANA"),
        "c": ArticleSummary("c", "/c.txt", "C", "", ""),
    }
    names = {"hts": ("HTS", "a"), "aleppo": ("Aleppo", "p"), "idlib": ("Idlib", "p"),
             "russia": ("Russia", "p"), "turkey": ("Turkey", "p")}
    return _Library(bodies, summaries, names)


def test_entity_view_pieces(fake_library):
    view = build_entity_view(fake_library, "hts", bodies=lambda s: fake_library.bodies[s.id])
    assert [(k.summary.id, k.match) for k in view.contexts] == \
        [("a", "HTS"), ("b", "HTS"), ("b", "HTS"), ("c", "HTS")]
    assert view.contexts[0].right == " militants entered Aleppo."
    assert view.granularity == "day" and view.undated == 1
    assert view.timeline[0] == ("2020-02-03", 1) and view.timeline[-1] == ("2020-02-20", 1)
    assert view.timeline_by("month") == [("2020-02", 2)]
    by_article = {e.id: n for e, n in view.cooccurring}
    assert by_article == {"aleppo": 2, "idlib": 3, "russia": 2, "turkey": 2}
    by_sentence = {e.id: n for e, n in view.cooccurring_sentences}
    assert by_sentence == {"aleppo": 2, "russia": 1, "idlib": 2, "turkey": 1}
    assert view.sources == [("(unknown)", 1), ("Reuters", 1), ("SANA", 1)]
    assert dict(view.descriptions) == {"militants": 1, "terrorist group": 1, "fighters": 1}
    assert view.descriptions_by_source["SANA"] == [("fighters", 1), ("terrorist group", 1)]
    assert build_entity_view(fake_library, "nobody") is None


def test_cli_entity_view_on_seeds(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("READER_HOME", str(tmp_path / "home"))
    assert cli_run(["entity", "HTS", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["entity"]["name"] == "Hayat Tahrir al-Sham"
    assert len(doc["contexts"]) == doc["entity"]["mentions"]
    assert {c["text"] for c in doc["contexts"]} >= {"HTS", "Hayat Tahrir al-Sham"}
    assert any(d["name"] == "terrorist group" for d in doc["descriptions"])
    assert cli_run(["entity", "Aleppo"]) == 0
    out = capsys.readouterr().out
    assert "co-occurring (articles)" in out and "[Aleppo]" in out
    assert cli_run(["entity", "Atlantis Liberation Front"]) == 1


# -- laziness and the library's fast path -------------------------------------------------
def test_kwic_lines_build_only_the_articles_read():
    summaries = [ArticleSummary(i, f"/{i}.txt", i.upper(), "", "") for i in "abc"]
    built = []

    def lines_of(summary, count):
        built.append(summary.id)
        return [KwicLine(summary, _mention("x HTS", "HTS"), summary.id, "HTS", str(n))
                for n in range(count)]

    lines = KwicLines([(summaries[0], 2), (summaries[1], 1), (summaries[2], 3)], lines_of)
    assert len(lines) == 6 and built == []
    assert (lines[2].left, lines[2].right) == ("b", "0") and built == ["b"]
    assert [(k.left, k.right) for k in lines[-2:]] == [("c", "1"), ("c", "2")]
    assert lines[0].left == "a" and built == ["b", "c", "a"]
    assert [k.left for k in lines] == ["a", "a", "b", "c", "c", "c"]
    with pytest.raises(IndexError):
        lines[6]


def test_framing_is_computed_on_first_use(fake_library):
    view = build_entity_view(fake_library, "hts", bodies=lambda s: fake_library.bodies[s.id])
    assert callable(view.framing)
    assert dict(view.aliases_used) == {"HTS": 4}
    assert not callable(view.framing)


class _Slow:
    """A library without the precomputed tables: the view is built from entity_mentions."""

    def __init__(self, library) -> None:
        self._library = library
        self.linking = library.linking

    def entity(self, name):
        return self._library.entity(name)

    def entity_mentions(self, entity_id):
        return self._library.entity_mentions(entity_id)

    def article(self, article_id):
        return self._library.article(article_id)


def test_library_tables_give_the_same_view(tmp_path, monkeypatch):
    from reader.library import Library

    monkeypatch.setenv("READER_HOME", str(tmp_path / "home"))
    library = Library()
    library.update_index()
    for name in ("HTS", "Aleppo", "Russia", "SANA"):
        fast = library.entity_view(name)
        slow = build_entity_view(_Slow(library), name)
        assert isinstance(fast.contexts, KwicLines) and len(fast.contexts) > 0
        assert [(k.summary.id, k.mention.start, k.line) for k in fast.contexts] == \
            [(k.summary.id, k.mention.start, k.line) for k in slow.contexts]
        for part in ("timeline", "sources", "dates", "undated", "cooccurring",
                     "cooccurring_sentences", "descriptions", "descriptions_by_source",
                     "aliases_used"):
            assert getattr(fast, part) == getattr(slow, part), (name, part)
    library.close()
