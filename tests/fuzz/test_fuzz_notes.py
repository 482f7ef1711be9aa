"""Fuzz: notes with random text survive the store and the Markdown/JSON export exactly."""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path

import pytest
import yaml
from fuzz_strategies import hostile_text
from fuzz_support import bounded, examples
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from reader.corpus.sanitize import sanitize
from reader.model import Article
from reader.notes import NoteError, NoteStore, new_note
from reader.notes.export import (
    ExportArticle,
    json_export,
    markdown_export,
    read_markdown_export,
    split_front_matter,
)

pytestmark = pytest.mark.slow

MARKDOWN_SPECIALS = st.lists(st.sampled_from(
    list("\n \t>#*-_`~[]()!<&;=+.1)\\|:{}") + ["&amp;", "```", "~~~", "\n\n", "    ", "<!--", "-->",
                                              "---", "...", "<reader-note>", "\xa0", "\u2028",
                                              "[x]: http://y", "$", "%", "'", '"']),
    min_size=1, max_size=30).map("".join)
quote_text = st.one_of(hostile_text, MARKDOWN_SPECIALS).map(sanitize)
"""Quotes come from article bodies, which are always sanitised."""
comment_text = st.one_of(hostile_text, MARKDOWN_SPECIALS)
"""Comments are typed or pasted by the user: anything."""
tag_text = st.from_regex(r"[^\s,#][^\s,]{0,15}", fullmatch=True)


def article_with(prefix: str, quote: str, suffix: str) -> tuple[Article, int, int]:
    body = prefix + quote + suffix
    digest = hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    art = Article(id="f00dfeedf00dfeed", path=Path("/corpus/a.md"), relpath="a.md",
                  title=sanitize("T " + prefix[:20]).replace("\n", " ") or "T", body=body,
                  content_hash=digest, source="Wire")
    return art, len(prefix), len(prefix) + len(quote)


@pytest.fixture
def no_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    """Durability is tested in tests/faults; here fsync only costs time."""
    import os

    monkeypatch.setattr(os, "fsync", lambda fd: None)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.glob("*.yaml")} if folder.exists() else {}


@settings(max_examples=examples(300))
@given(quote_text, quote_text, quote_text, comment_text, st.lists(tag_text, max_size=5),
       st.sampled_from(["yellow", "green", "blue", "pink", "purple"]))
def test_note_round_trips_through_store_and_exports(no_fsync, prefix, quote, suffix, comment, tags,
                                                    color) -> None:
    assume(quote.strip())
    art, start, end = article_with(prefix, quote, suffix)
    with bounded("notes.round_trip"), tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "notes"
        try:
            note = new_note(art, start, end, comment=comment, tags=tags, color=color)
        except NoteError as exc:  # e.g. a tag that is only "#" after normalising
            assert str(exc).strip()
            return
        store = NoteStore(folder)
        before = _files(folder)
        try:
            stored = store.add(note)
        except ValueError as exc:  # text that cannot be stored (lone surrogates): a clear error
            assert str(exc).strip()
            assert _files(folder) == before, "a failed save changed the folder"
            assert NoteStore(folder).errors == []
            return
        again = NoteStore(folder)
        assert again.errors == []
        loaded = again.get(stored.id)
        assert loaded is not None
        assert loaded.quote == note.quote and loaded.quote.exact == quote
        assert loaded.position == note.position
        assert loaded.comment == comment and loaded.tags == note.tags and loaded.color == color

        articles = {art.id: ExportArticle.from_article(art)}
        text = markdown_export([loaded], articles)
        front, body = split_front_matter(text)
        assert isinstance(yaml.safe_load(text.split("---\n")[1]), dict)
        assert front["notes"] == 1
        MarkdownIt("commonmark").parse(body)
        _, parsed = read_markdown_export(text)
        assert [p["id"] for p in parsed] == [loaded.id]
        assert parsed[0]["quote"] == quote

        document = json.loads(json.dumps(json_export([loaded], articles)))
        item = document["first"]["items"][0]
        assert item["target"]["selector"][0]["exact"] == quote
        bodies = item.get("body", [])
        bodies = bodies if isinstance(bodies, list) else [bodies]
        comments = [b["value"] for b in bodies if b.get("purpose") == "commenting"]
        assert comments == ([comment] if comment else [])
