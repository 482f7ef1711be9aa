"""Command-line contracts: exit codes, JSON output, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from reader.cli import run


def reader_json(capsys, *argv: str):
    code = run(list(argv))
    out = capsys.readouterr().out
    assert code == 0, out
    return json.loads(out)


def test_search_json_finds_hts_articles(capsys) -> None:
    data = reader_json(capsys, "search", "--json", "Hayat Tahrir")
    names = sorted(Path(h["path"]).name[:3] for h in data["hits"])
    assert names == ["000", "001", "004"]
    for hit in data["hits"]:
        assert set(hit) >= {"path", "title", "date", "source", "score", "snippet"}
        assert "\x02" not in hit["snippet"]


def test_search_limit_and_corpus(capsys, seed_copy: Path) -> None:
    data = reader_json(capsys, "search", "--json", "--limit", "2", "--corpus", str(seed_copy), "aleppo")
    assert len(data["hits"]) == 2 and data["total"] == 5
    assert all(h["path"].startswith(str(seed_copy)) for h in data["hits"])


def test_search_suggestion_in_json(capsys) -> None:
    data = reader_json(capsys, "search", "--json", "Alepo")
    assert data["suggestion"] == "aleppo"


def test_bad_query_is_one_line_on_stderr(capsys) -> None:
    code = run(["search", 'aleppo AND ("'])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith("reader: bad query")


def test_missing_corpus_is_an_error(capsys, tmp_path: Path) -> None:
    code = run(["search", "--corpus", str(tmp_path / "nope"), "x"])
    assert code == 1
    assert "no such file or folder" in capsys.readouterr().err


def test_index_reports_counts_and_skips(capsys, seed_copy: Path) -> None:
    (seed_copy / "empty.txt").write_bytes(b"")
    data = reader_json(capsys, "index", "--json", "--corpus", str(seed_copy))
    assert data["added"] == 5 and data["skipped"][0]["reason"] == "empty file"
    data = reader_json(capsys, "index", "--json", "--corpus", str(seed_copy))
    assert data["added"] == 0 and data["unchanged"] == 5


def test_python_dash_m_works(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "reader", "--version"], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("reader ")


def test_domain_code_does_not_import_textual() -> None:
    code = (
        "import sys, reader.library, reader.corpus, reader.index, reader.entities, reader.notes, "
        "reader.config, reader.cli; "
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith(('textual.', 'reader.tui'))]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
