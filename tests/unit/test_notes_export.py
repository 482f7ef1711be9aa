"""Markdown / JSON-LD export and backlinks."""

from __future__ import annotations

import json

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from notes_helpers import BODY, article, make_note

from reader.notes import BacklinkError, format_backlink, new_note, parse_backlink, reanchor
from reader.notes.export import (
    ExportArticle,
    json_export,
    markdown_export,
    markdown_export_split,
    quote_markdown,
    read_markdown_export,
    split_front_matter,
)

NASTY = [
    "> quoted? # heading * star _under_ `tick` ``two`` [link](x) <b>html</b> &amp; \\ back",
    "   leading spaces\n\n\n\nafter blank lines\ttab  \ntrailing  ",
    "\nstarts and ends with newline\n",
    "1. not a list\n- nor this\n+ or this\n===\n---\n***\n```\ncode?\n```",
    "    four-space indent\n\t\ttabs",
    "<!-- reader-note 01AAAAAAAAAAAAAAAAAAAAAAAA -->",
    "emoji 😀, accents é, rtl العربية, nbsp\u00a0end\u00a0",
    "a\\\nb\\",
]


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_HOME", str(tmp_path / "home"))


def _notes_for(quotes: list[str]):
    body = "Intro paragraph.\n\n" + "\n\n~~~~\n\n".join(quotes) + "\n\nOutro."
    art = article(body)
    notes = []
    pos = 0
    for q in quotes:
        start = body.index(q, pos)
        pos = start + len(q)
        notes.append(reanchor(new_note(art, start, start + len(q), comment="c", tags=["t"]), body))
    return art, notes


def test_markdown_export_parses_and_round_trips_every_quote():
    art, notes = _notes_for(NASTY)
    text = markdown_export(notes, {art.id: ExportArticle.from_article(art)})
    front, body = split_front_matter(text)
    assert front["notes"] == len(NASTY)
    assert front["articles"][0]["content_hash"] == art.content_hash
    assert front["articles"][0]["title"] == art.title
    MarkdownIt("commonmark").parse(body)  # parses
    _, parsed = read_markdown_export(text)
    assert [p["quote"] for p in parsed] == NASTY
    assert [p["id"] for p in parsed] == [n.id for n in notes]
    for p, n in zip(parsed, notes, strict=True):
        assert parse_backlink(p["link"]) == (art.id, n.start, n.end)


def test_markdown_export_contents():
    note = make_note(comment="**Important**: check casualty figures", tags=["syria", "siege"],
                     color="pink")
    art = article()
    text = markdown_export([reanchor(note, BODY)], {art.id: ExportArticle.from_article(art)})
    assert "\n> The anti-Assad forces now hold\n" in text
    assert "**Important**: check casualty figures" in text
    assert "**Tags:** syria, siege" in text
    assert "**Entities:** Bashar al-Assad" in text
    assert f"<reader://{art.id}#{note.start}-{note.end}>" in text
    assert "pink (question)" in text


def test_comment_that_would_swallow_the_rest_is_fenced():
    art = article()
    bad = make_note(comment="```\nunclosed fence\n<!-- also unclosed")
    good = make_note(text="Aid agencies warned", comment="fine")
    text = markdown_export([bad, good], {art.id: ExportArticle.from_article(art)})
    _, parsed = read_markdown_export(text)
    assert [p["id"] for p in parsed] == [bad.id, good.id]
    assert all("link" in p for p in parsed)
    assert "unclosed fence" in text


def test_split_export_one_file_per_article_with_front_matter():
    a1 = article()
    a2 = article(body="Other text about Idlib and Aleppo.", article_id="ffff000011112222",
                 relpath="other.txt", title="Other")
    n1 = make_note()
    n2 = new_note(a2, 17, 22)
    files = markdown_export_split([n1, n2], {a.id: ExportArticle.from_article(a) for a in (a1, a2)})
    assert len(files) == 2
    fronts = {}
    for name, text in files.items():
        assert name.endswith(".md")
        front, notes = read_markdown_export(text)
        fronts[front["article_id"]] = (front, notes)
    front, notes = fronts[a2.id]
    assert front["title"] == "Other" and front["content_hash"] == a2.content_hash
    assert front["path"].endswith("other.txt") and front["source"] == "Test Wire"
    assert [n["quote"] for n in notes] == ["Idlib"]


def test_missing_article_still_exported_from_note():
    note = make_note()
    text = markdown_export([note], {})
    front, parsed = read_markdown_export(text)
    assert front["articles"][0]["missing"] is True
    assert parsed[0]["quote"] == note.quote.exact


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
               min_size=1, max_size=60)
       | st.lists(st.sampled_from(list("\n \t>#*-_`~[]()!<&;=+.1)\\|:") + ["&amp;", "```", "\r\n",
                                                                            "\xa0", "\u2028"]),
                  min_size=1, max_size=25).map("".join))
def test_quote_markdown_round_trips_anything(quote):
    source = quote_markdown(quote)
    text = "---\nx: 1\n---\n\n<!-- reader-note 01AAAAAAAAAAAAAAAAAAAAAAAA -->\n\n" + source + "\n"
    _, parsed = read_markdown_export(text)
    assert parsed[0]["quote"] == quote


def test_json_ld_export():
    note = make_note(comment="why *this*?", tags=["syria"], color="green")
    art = article()
    doc = json.loads(json.dumps(json_export([reanchor(note, BODY)],
                                            {art.id: ExportArticle.from_article(art)})))
    assert doc["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert doc["type"] == "AnnotationCollection" and doc["total"] == 1
    item = doc["first"]["items"][0]
    assert item["type"] == "Annotation" and item["motivation"] == "commenting"
    bodies = item["body"]
    assert {"type": "TextualBody", "value": "why *this*?", "format": "text/markdown",
            "purpose": "commenting"} in bodies
    assert {"type": "TextualBody", "value": "syria", "purpose": "tagging"} in bodies
    target = item["target"]
    assert target["source"] == f"reader://{art.id}" and target["styleClass"] == "green"
    quote_sel, pos_sel = target["selector"]
    assert quote_sel == {"type": "TextQuoteSelector", "exact": note.quote.exact,
                         "prefix": note.quote.prefix, "suffix": note.quote.suffix}
    assert pos_sel == {"type": "TextPositionSelector", "start": note.start, "end": note.end}
    assert item["reader"]["article"]["content_hash"] == art.content_hash
    assert item["created"] and item["modified"]


def test_backlink_round_trip():
    url = format_backlink("a1b2c3d4e5f60718", 120, 180)
    assert url == "reader://a1b2c3d4e5f60718#120-180"
    assert parse_backlink(url) == ("a1b2c3d4e5f60718", 120, 180)
    assert parse_backlink("READER://abc/#0-0") == ("abc", 0, 0)
    assert parse_backlink("reader://abc") == ("abc", 0, 0)


@pytest.mark.parametrize("url,why", [
    ("http://abc#1-2", "not a reader://"),
    ("reader:abc#1-2", "not a reader://"),
    ("reader://#1-2", "no article id"),
    ("reader://a b#1-2", "characters"),
    ("reader://abc#1", "START-END"),
    ("reader://abc#x-2", "START-END"),
    ("reader://abc#-1-2", "START-END"),
    ("reader://abc#9-2", "after its end"),
])
def test_backlink_errors_are_clear(url, why):
    with pytest.raises(BacklinkError, match=why):
        parse_backlink(url)


def test_front_matter_is_plain_yaml():
    art, notes = _notes_for(["plain quote"])
    text = markdown_export(notes, {art.id: ExportArticle.from_article(art)})
    raw = text.split("---\n")[1]
    assert isinstance(yaml.safe_load(raw), dict)
