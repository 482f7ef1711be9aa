"""Reading article files: decoding, sanitising, titles, datelines, boilerplate, bad files."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from reader.corpus import ArticleError, discover, load_article
from reader.corpus.sanitize import sanitize

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed(prefix: str):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return load_article(SEEDS, path)


def test_seed_titles_and_dates() -> None:
    assert seed("000").title == "Russian and Syrian jets bomb Aleppo as rebels reportedly capture half of city"
    assert seed("001").title.startswith("Syrian rebels went on a large-scale offensive on Aleppo")
    assert seed("002").title.startswith("Rebels launched the second stage of their offensive near Aleppo")
    assert seed("003").title == "Syrian gov’t forces capture most of Aleppo province before Turkey-Russia talks"
    a004 = seed("004")
    assert a004.title == "Syria recaptures most of Aleppo ahead of Russo-Turkish talks"
    assert a004.date is not None and a004.date.isoformat() == "2020-02-17"
    assert "Feb 17, 2020" not in a004.body


def test_missing_title_keeps_first_paragraph_in_body() -> None:
    article = seed("001")
    assert article.body.startswith("Syrian rebels went on a large-scale offensive")


def test_seed_boilerplate_removed_from_body_but_kept_in_raw() -> None:
    cases = {
        "000": ["For a better video viewing experience"],
        "001": ["Subscribe to Pravda.Ru Telegram channel"],
        "002": ["PHOTO:", "LATEST", "See Syria Developing:", "south-hama-aid-convoy-11-16"],
        "003": ["You might also like", "Turkish-backed militants shoot down second Syrian helicopter"],
    }
    for prefix, snippets in cases.items():
        article = seed(prefix)
        for snippet in snippets:
            assert snippet not in article.body, (prefix, snippet)
            assert snippet in article.raw, (prefix, snippet)
        assert article.removed, prefix
        for span in article.removed:
            assert span.label
    # real text next to boilerplate survives
    assert "Video: Islamic State Destroys Russian Helicopter in Homs Province" in seed("002").body
    assert "Rebels claim that they broke the first line of defense" in seed("002").body


def test_ids_are_stable_and_path_based(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title\n\nBody one.", encoding="utf-8")
    first = load_article(tmp_path, tmp_path / "a.txt")
    (tmp_path / "a.txt").write_text("Title\n\nBody two, edited.", encoding="utf-8")
    second = load_article(tmp_path, tmp_path / "a.txt")
    assert first.id == second.id
    assert first.content_hash != second.content_hash


@pytest.mark.parametrize(
    "data,expected",
    [
        (codecs.BOM_UTF8 + "Título\n\nCafé in Aleppo.".encode(), "Café in Aleppo."),
        ("Título\n\nCafé in Aleppo.".encode("utf-16"), "Café in Aleppo."),
        (b"Title\n\nCaf\xe9 in Aleppo \x93quoted\x94.", "Café in Aleppo “quoted”."),
    ],
)
def test_encodings(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    article = load_article(tmp_path, path)
    assert article.body == expected


def test_cp1252_fallback_warns(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes("Title\n\nCaf\xe9.".encode("cp1252"))
    assert any("cp1252" in w for w in load_article(tmp_path, path).warnings)


def test_control_sequences_are_neutralised(tmp_path: Path) -> None:
    path = tmp_path / "evil.txt"
    path.write_bytes(b"Title \x1b[31mred\x1b[0m\n\nBody \x1b]0;pwned\x07text\x07 with \x9b2J and \x00nul\x08.")
    article = load_article(tmp_path, path)
    for text in (article.title, article.body, article.raw):
        assert not any(ord(c) < 32 and c not in "\n\t" for c in text)
        assert not any(0x7F <= ord(c) <= 0x9F for c in text)
    assert article.title == "Title red"
    assert "pwned" not in article.body


def test_sanitize_normalises_newlines_and_nfc() -> None:
    assert sanitize("a\r\nb\rc") == "a\nb\nc"
    assert sanitize("Cafe\u0301") == "Café"
    assert sanitize("left\u202eright") == "leftright"


@pytest.mark.parametrize(
    "name,data,reason",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\n  ", "empty"),
        ("binary.txt", bytes(range(256)) * 10, "binary"),
    ],
)
def test_bad_files_raise_with_reason(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ArticleError, match=reason):
        load_article(tmp_path, path)


def test_huge_single_line_is_split(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Title\n\n" + "word " * 4_000_000, encoding="utf-8")  # 20 MB, one line
    article = load_article(tmp_path, path)
    assert max(len(line) for line in article.body.split("\n")) <= 20_000


def test_markdown_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text(
        "---\ntitle: Aleppo falls\ndate: 2024-11-30\nsource: Example Times\n"
        "url: https://example.org/a\ntags: [syria, aleppo]\n---\n\n"
        "# Ignored heading\n\nRebels **entered** [Aleppo](http://x) on Friday.\n\n- one item\n",
        encoding="utf-8",
    )
    article = load_article(tmp_path, path)
    assert article.title == "Aleppo falls"
    assert article.date.isoformat() == "2024-11-30"
    assert article.source == "Example Times"
    assert article.tags == ("syria", "aleppo")
    assert "Rebels entered Aleppo on Friday." in article.paragraphs
    assert "one item" in article.paragraphs
    assert "**" not in article.body and "](" not in article.body


def test_markdown_heading_becomes_title_without_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text("# The headline\n\nFirst paragraph.\n", encoding="utf-8")
    article = load_article(tmp_path, path)
    assert article.title == "The headline"
    assert article.body == "First paragraph."


@pytest.mark.parametrize(
    "front",
    [
        "title: [unclosed\n",
        "- just\n- a list\n",
        "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n",
        "x: !!python/object/apply:os.system ['echo pwned']\n",
    ],
)
def test_broken_or_hostile_front_matter_is_reported_not_fatal(tmp_path: Path, front: str) -> None:
    path = tmp_path / "story.md"
    path.write_text(f"---\n{front}---\n\nBody text here.\n", encoding="utf-8")
    article = load_article(tmp_path, path)
    assert "Body text here." in article.body
    if "python/object" in front or "unclosed" in front or "list" in front:
        assert article.warnings


def test_dateline_and_byline(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Big news today\nBy Jane Doe\nMarch 3, 2021\n\nThe story starts here.\n", encoding="utf-8")
    article = load_article(tmp_path, path)
    assert article.title == "Big news today"
    assert article.byline == "Jane Doe"
    assert article.date.isoformat() == "2021-03-03"
    assert article.body == "The story starts here."


def test_sidecar_metadata(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text("TITLE\n\nBody.", encoding="utf-8")
    (tmp_path / "metadata.jsonl").write_text(
        '{"file": "articles/a.txt", "date": "1987-02-26T15:01:01", "source": "Reuters"}\nnot json\n',
        encoding="utf-8",
    )
    article = load_article(tmp_path, tmp_path / "articles" / "a.txt")
    assert article.source == "Reuters"
    assert article.date.isoformat() == "1987-02-26"


def test_discover_recurses_and_filters(tmp_path: Path) -> None:
    (tmp_path / "sub" / ".hidden").mkdir(parents=True)
    for name in ("a.txt", "b.md", "c.markdown", "d.pdf", ".e.txt", "sub/f.TXT", "sub/.hidden/g.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = sorted(p.relative_to(tmp_path).as_posix() for _, p in discover([tmp_path]))
    assert found == ["a.txt", "b.md", "c.markdown", "sub/f.TXT"]


def test_outlet_named_in_boilerplate_becomes_the_source() -> None:
    assert seed("001").source == "Pravda.Ru"
    assert seed("000").source == ""
