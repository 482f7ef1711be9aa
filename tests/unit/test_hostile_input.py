"""Fast smoke versions of the hostile-input fuzz suites (tests/fuzz runs the long versions).

Hand-picked inputs that once broke something or that each attack one defence:
terminal escape sequences, bidi overrides, YAML that tries to construct objects or
explode through aliases, deep nesting, lone surrogates from YAML escapes, HTML
character references in Markdown, odd query syntax. Every case must finish quickly.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from reader.corpus import ArticleError, load_article
from reader.library import Library
from reader.model import HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN, SearchResult

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""What must never reach the terminal: C0 (except \\t \\n), DEL, C1, ESC, bidi overrides and
isolates, and lone surrogates (which cannot even be encoded for the terminal)."""


def billion_laughs(levels: int = 9) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    last = chr(96 + levels)
    return "\n".join(lines) + f"\ntitle: *{last}\ntags: *{last}\nsource: *{last}\n"


HOSTILE_FILES: dict[str, bytes] = {
    "escapes.txt": ("Title \x1b]0;pwned\x07here \x1b[31mred\x1b[0m \x9b2J\n\n"
                    "Body \x1bP1$r\x1b\\ dcs \x90x\x9c osc8 \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ "
                    "\u202eevil\u202c \u2066iso\u2069 bell\x07 bs\x08 nul\x00 del\x7f nel\x85\n"
                    ).encode(),
    "c1_bytes.txt": b"Title\n\nbody \x9b31m \x9d0;x\x07 cp1252 \x80 \xff\n",
    "utf16.txt": "\ufeffUTF-16 title\n\nbody \x1b[2J ok\n".encode("utf-16"),
    "mixed.txt": "caf\u00e9 ".encode() + "na\u00efve".encode("cp1252") + "\u00f1".encode("utf-16-le"),
    "tag_object.md": b"---\ntitle: !!python/object/apply:os.system ['echo pwned']\n---\nBody.\n",
    "tag_name.md": b"---\n!!python/name:os.system : x\ntitle: ok\n---\nBody.\n",
    "laughs.md": ("---\n" + billion_laughs() + "---\nBody text.\n").encode(),
    "deep_flow.md": ("---\ntitle: " + "[" * 10_000 + "]" * 10_000 + "\n---\nBody.\n").encode(),
    "deep_map.md": ("---\n" + "".join("  " * i + f"k{i}:\n" for i in range(300)) + "---\nB.\n").encode(),
    "surrogates.md": (b'---\ntitle: "bad \\ud800 \\e[31m \\u202e x"\nsource: "\\udfff"\n'
                      b'tags: ["\\ud800", "\\e"]\nbyline: "\\ud83d"\nurl: "\\udc00"\n---\n# T\n\nbody\n'),
    "entities.md": b"# Title &#x202E;evil &#27;[31m\n\nbody &#8238;rtl &#x2067;iso &#x9b; &#0; &#xD800;\n",
    "zero_width.txt": "Ti\u200btle\u200d\n\nbo\u200bdy \u200e\u200f \u061c arabic \u0627\u0644\n".encode(),
    "huge_line.txt": b"word " * 40_000,  # 200 KB on one line (tests/fuzz goes to megabytes)
    "binary.txt": bytes(range(256)) * 20,
    "empty.txt": b"   \n\n",
    "controls_only.txt": b"\x1b[31m\x1b[0m\n",
    "long_title.md": ("---\ntitle: " + "T" * 10_000 + "\n---\n" + "B" * 10_000 + "\n").encode(),
    "n" * 240 + ".txt": b"A file with a very long name\n\nbody\n",
}


def check_article_safe(article) -> None:
    for name in ("title", "body", "raw", "source", "byline", "url"):
        value = getattr(article, name)
        assert not UNSAFE.search(value), f"{name} holds {UNSAFE.search(value).group()!r}"
    for tag in article.tags:
        assert not UNSAFE.search(tag), f"tag holds {UNSAFE.search(tag).group()!r}"


def check_reason(exc: ArticleError) -> None:
    reason = str(exc)
    assert reason.strip() and "\n" not in reason and not UNSAFE.search(reason)


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_load_article_is_safe_or_rejects_with_reason(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(HOSTILE_FILES[name])
    started = time.perf_counter()
    try:
        article = load_article(tmp_path, path)
    except ArticleError as exc:
        check_reason(exc)
    else:
        check_article_safe(article)
    assert time.perf_counter() - started < 10.0  # a hang detector (loaded CI machines are slow)


def test_surrogates_from_yaml_escapes_become_replacement_characters(tmp_path: Path) -> None:
    path = tmp_path / "s.md"
    path.write_bytes(HOSTILE_FILES["surrogates.md"])
    article = load_article(tmp_path, path)
    assert article.title.startswith("bad \ufffd")
    assert article.source == "\ufffd"


def test_markdown_character_references_cannot_smuggle_bidi_overrides(tmp_path: Path) -> None:
    path = tmp_path / "e.md"
    path.write_bytes(HOSTILE_FILES["entities.md"])
    article = load_article(tmp_path, path)
    assert "rtl" in article.body and "\u202e" not in article.body and "\u2067" not in article.body


def test_object_constructing_yaml_is_never_run(tmp_path: Path, monkeypatch) -> None:
    import os

    calls = []
    monkeypatch.setattr(os, "system", lambda *a: calls.append(a) or 0)
    path = tmp_path / "t.md"
    path.write_bytes(HOSTILE_FILES["tag_object.md"])
    article = load_article(tmp_path, path)
    assert calls == []
    assert any("YAML" in w for w in article.warnings)


def test_update_index_over_hostile_folder_reports_each_skipped_file(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, data in HOSTILE_FILES.items():
        (corpus / name).write_bytes(data)
    library = Library([corpus])
    report = library.update_index()
    skipped = dict(report.skipped)
    assert {Path(p).name for p in skipped} == {"binary.txt", "empty.txt", "controls_only.txt"}
    for reason in skipped.values():
        assert reason.strip() and "\n" not in reason
    assert report.added == len(HOSTILE_FILES) - len(skipped)
    for summary in library.summaries():
        assert not UNSAFE.search(summary.title + summary.source)
    result = library.search("title")
    assert result.error is None and result.total >= 1
    for hit in result.hits:  # snippets mark matches with \x02/\x03, which the list turns into style
        snippet = hit.snippet.replace(HIGHLIGHT_OPEN, "").replace(HIGHLIGHT_CLOSE, "")
        assert not UNSAFE.search(hit.title + snippet + hit.source)


QUERIES = [
    "", "\udcff", "aleppo\udcff", "title:\udcff", '"unclosed', "((((", "))", "a" * 3000,
    "year:[a TO]", "title:[a TO b]", "[a TO]", "source:{a TO z}", "date:[2020 to", "date:yesterday",
    "entity:\udcff", "AND OR NOT", "title:", ":", "\x00", "\x1b[31m", "a~3", "a^9999999999999",
    "a^", "*", "x*", "NOT", "-", "+", "date:<", "nosuchfield:x", "place:", "note:x", "tag:",
]


@pytest.fixture(scope="module")
def seeds_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    import os

    home = tmp_path_factory.mktemp("hostile-home")
    previous = os.environ.get("READER_HOME")
    os.environ["READER_HOME"] = str(home)
    try:
        library = Library()
        library.update_index()
        _ = library.linking
    finally:
        if previous is None:
            del os.environ["READER_HOME"]
        else:
            os.environ["READER_HOME"] = previous
    return library


@pytest.mark.parametrize("query", QUERIES, ids=range(len(QUERIES)))
def test_search_never_raises_and_errors_are_one_line(seeds_library: Library, query: str) -> None:
    result = seeds_library.search(query)
    assert isinstance(result, SearchResult)
    assert result.error is None or (result.error.strip() and "\n" not in result.error)


def test_entities_offsets_valid_on_hostile_text() -> None:
    from reader.entities import EntityEngine

    engine = EntityEngine()
    texts = {str(i): data.decode("utf-8", "replace")[:20_000]
             for i, data in enumerate(HOSTILE_FILES.values())}
    texts["caps"] = "Al-Al-Al " * 300 + "(HTS) " * 100 + "Bashar al-Assad, formerly known as X. " * 40
    linking = engine.link({k: engine.analyse(v) for k, v in texts.items()})
    for doc_id, text in texts.items():
        for m in linking.mentions(doc_id):
            assert 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.text


def test_article_header_never_shows_control_characters_from_a_file_name(tmp_path: Path) -> None:
    from reader.tui.widgets.article_header import header_text

    path = tmp_path / "\x1b]0;pwned\x07\x94.txt"
    path.write_bytes(b"\xa5(?")  # no title, date, source or byline: the header shows the path
    article = load_article(tmp_path, path)
    shown = header_text(article).plain
    assert shown.endswith(".txt") and not UNSAFE.search(shown), repr(shown)  # OSC removed whole


def test_cli_never_prints_control_characters_from_file_names(tmp_path: Path, capsys) -> None:
    from reader.cli import run

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "\x1b]0;pwned\x07bin\n.txt").write_bytes(bytes(range(256)) * 4)  # skipped
    (corpus / "\x1b[2Jgood\x9b31m.txt").write_bytes(b"Good title\n\nA story about zebras.\n")
    assert run(["index", "--corpus", str(corpus)]) == 0
    assert run(["search", "--corpus", str(corpus), "zebras"]) == 0
    out = capsys.readouterr().out
    assert "skipped" in out and "good" in out
    assert not UNSAFE.search(out.replace("\n", "")), repr(out)
    assert not any(line.startswith(".txt") for line in out.splitlines())  # no injected line


@pytest.mark.parametrize("name", [" .md", "\x1b.md", "\u202e.txt"])
def test_a_file_with_no_text_and_a_blank_name_is_rejected(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"---\n\n" if name.endswith(".md") else b"\xe2\x80\xae\n")
    with pytest.raises(ArticleError) as raised:
        load_article(tmp_path, path)
    check_reason(raised.value)


@pytest.mark.parametrize("value", ["2020-02-30", "2020-13-01", "!!timestamp 2021-02-29 10:00:00",
                                   "2020-01-01 25:61:61"])
def test_impossible_yaml_dates_are_a_warning_not_a_crash(tmp_path: Path, value: str) -> None:
    path = tmp_path / "d.md"
    path.write_text(f"---\ntitle: {value}\ndate: {value}\n---\nBody text.\n", encoding="utf-8")
    article = load_article(tmp_path, path)  # a ValueError from the YAML date constructor escaped
    check_article_safe(article)
    assert "Body text." in article.body
    assert any("front matter" in w for w in article.warnings)
