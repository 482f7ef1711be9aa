"""Related articles: the "when" and the figures of a story tell one event from a similar one."""

from __future__ import annotations

from datetime import date

import pytest

from reader.analysis.doctable import stated_date
from reader.analysis.duplicates import specifics, when_words
from reader.analysis.related import RelatedSettings, doc_table, related_model
from reader.library import Library


@pytest.mark.parametrize(("text", "expected"), [
    ("Quake shakes Lake County\nThursday , March 14 , 2013\nLake County was shaken", date(2013, 3, 14)),
    ("LONDON, 14 March 2013 - Shares fell", date(2013, 3, 14)),
    ("Posted 2013-03-14 by staff", date(2013, 3, 14)),
    ("On Sept. 3, 2009 the board met", date(2009, 9, 3)),
    ("February 30, 2013 is no day; June 2, 2012 is", date(2012, 6, 2)),
    ("No date here, only 2013 and March", None),
    ("x" * 400 + " March 14, 2013", None),  # beyond the opening lines
])
def test_stated_date(text, expected):
    assert stated_date(text) == expected


def test_specifics_are_figures_weekdays_and_months():
    text = "A 4 . 6 magnitude quake on Sunday, March 14; officials may say more on Monday."
    assert when_words(text) == {"sunday", "march", "monday"}  # "may" is the verb
    assert specifics(text) == {"4.6", "14", "sunday", "march", "monday"}


QUAKE = ("A magnitude {mag} earthquake shook the hills of Cobb Mountain in Lake County early on "
         "{day} and the residents said so. The Geological Survey reported that the quake was centered "
         "near the geothermal field at The Geysers. Cans and bottles fell from shelves at "
         "Hardester's Market and the Texaco station, but there were no reports of injuries. "
         "{extra}")


def _corpus(tmp_path, files: dict[str, str]) -> Library:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in files.items():
        (corpus / name).write_text(text, encoding="utf-8")
    library = Library([corpus])
    library.update_index()
    return library


def _ids(library: Library) -> dict[str, str]:
    return {s.path.rsplit("/", 1)[-1][:1]: s.id for s in library.summaries()}


@pytest.mark.parametrize("same", ["b", "c"])
def test_same_weekday_outranks_another_day(tmp_path, monkeypatch, same):
    """Two candidates alike in every other way: the one naming the anchor's day ranks first
    (either file, so the order is not a tie broken by id). The day sits between stop words, so
    shared phrasing does not see it; the text score is off, so only the specifics do."""
    monkeypatch.setenv("READER_HOME", str(tmp_path / "home"))
    other = "c" if same == "b" else "b"
    files = {
        "a.txt": "Quake shakes Lake County\n\n" + QUAKE.format(
            mag="4.4", day="Sunday", extra="Shaking is common in the area."),
        f"{same}.txt": "Earthquake rattles Cobb\n\n" + QUAKE.format(
            mag="4.4", day="Sunday", extra="Geologists said steam wells cause small quakes."),
        f"{other}.txt": "Earthquake rattles Cobb\n\n" + QUAKE.format(
            mag="4.4", day="Thursday", extra="Geologists said steam wells cause small quakes."),
        "d.txt": "Markets\n\nShares in Tokyo rose on Friday as exporters gained ground.",
    }
    library = _corpus(tmp_path, files)
    ids = _ids(library)
    model = related_model(library, RelatedSettings(collapse=False, text_weight=0.0))
    ranked = [r.summary.id for r in model.related(ids["a"], limit=3)]
    assert ranked[:2] == [ids[same], ids[other]]
    library.close()


def test_undated_articles_take_the_date_they_state(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_HOME", str(tmp_path / "home"))
    files = {
        "a.txt": "Quake shakes Lake County\n\nOn March 14, 2013 " + QUAKE.format(
            mag="4.4", day="Sunday", extra=""),
        "b.txt": "Earthquake rattles Cobb\n\nOn March 13, 2013 " + QUAKE.format(
            mag="4.4", day="Sunday", extra="Steam wells cause small quakes."),
        "c.txt": "Earthquake rattles Cobb\n\nOn March 13, 2009 " + QUAKE.format(
            mag="4.4", day="Sunday", extra="Steam wells cause small quakes."),
    }
    library = _corpus(tmp_path, files)
    ids = _ids(library)
    table = doc_table(library)
    assert table.days[table.docnum[ids["a"]]] == date(2013, 3, 14).toordinal()
    items = related_model(library, RelatedSettings(collapse=False)).related(ids["a"], limit=2)
    assert [i.summary.id for i in items] == [ids["b"], ids["c"]]
    assert items[0].days_apart == 1 and items[1].days_apart > 1000
    library.close()
