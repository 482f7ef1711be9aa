"""User corrections: each operation, undo, history, file safety, and the extract CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from reader.entities import Corrections, CorrectionsError, EntityEngine

TEXTS = {
    "a": "Bashar al-Assad met envoys in Damascus. Assad said the Syrian Observatory for Human "
    "Rights (SOHR) lied. The Chrome browser crashed. Qaradagh Brigade fighters arrived.",
    "b": "The SOHR reported clashes near Aleppo. Chrome was blamed. Abu Karim Qasimi spoke.",
}


@pytest.fixture()
def setup(tmp_path):
    corrections = Corrections(tmp_path / "corrections.yaml")
    engine = EntityEngine(corrections)
    analyses = {k: engine.analyse(v) for k, v in TEXTS.items()}
    return corrections, engine, analyses


def ids(linking, doc):
    return {m.text: m.entity for m in linking.mentions(doc)}


def test_ignore_and_undo(setup):
    corrections, engine, analyses = setup
    assert "Chrome" in ids(engine.link(analyses), "a")
    assert corrections.ignore("Chrome") == 'ignore "Chrome" (not an entity)'
    linking = engine.link(analyses)
    assert "Chrome" not in ids(linking, "a") and "Chrome" not in ids(linking, "b")
    assert corrections.undo() == 'ignore "Chrome" (not an entity)'
    assert "Chrome" in ids(engine.link(analyses), "b")
    assert corrections.undo() is None


def test_merge_by_alias_and_undo(setup):
    corrections, engine, analyses = setup
    before = engine.link(analyses)
    qb = before.resolve("Qaradagh Brigade").id
    corrections.merge("Abu Karim Qasimi", "Qaradagh Brigade")
    linking = engine.link(analyses)
    target = linking.resolve("Abu Karim Qasimi").id
    assert ids(linking, "a")["Qaradagh Brigade"] == target
    assert linking.resolve(qb).id == target  # the old id still resolves
    assert "Qaradagh Brigade" in linking.entities[target].aliases
    assert linking.entities[target].article_count == 2
    corrections.undo()
    assert ids(engine.link(analyses), "a")["Qaradagh Brigade"] == qb


def test_split_rename_kind_alias(setup):
    corrections, engine, analyses = setup
    corrections.split("Bashar al-Assad", "Assad")
    linking = engine.link(analyses)
    a = ids(linking, "a")
    assert a["Assad"] != a["Bashar al-Assad"]
    corrections.rename("SOHR", "Syrian Observatory (SOHR)")
    corrections.set_kind("Qaradagh Brigade", "place", "district")
    corrections.add_alias("Damascus", "Chrome")
    linking = engine.link(analyses)
    sohr = linking.resolve("sohr")
    assert sohr.id == "syrian-observatory-for-human-rights"
    assert sohr.name == "Syrian Observatory (SOHR)"
    assert linking.resolve("Syrian Observatory (SOHR)").id == sohr.id
    qb = linking.resolve("Qaradagh Brigade")
    assert (qb.kind, qb.type) == ("place", "district")
    assert ids(linking, "b")["Chrome"] == "damascus"
    history = corrections.history()
    assert [h["op"] for h in history] == ["split", "rename", "kind", "alias"]
    assert all(h["description"] for h in history)


def test_file_is_readable_yaml(setup):
    corrections, _, _ = setup
    corrections.ignore("Chrome")
    data = yaml.safe_load(corrections.path.read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert data["corrections"][0]["op"] == "ignore"


def test_bad_file_raises_and_is_not_overwritten(tmp_path):
    path = tmp_path / "corrections.yaml"
    path.write_text("corrections: [unclosed\n", encoding="utf-8")
    corrections = Corrections(path)
    with pytest.raises(CorrectionsError):
        corrections.ignore("Chrome")
    with pytest.raises(CorrectionsError):
        EntityEngine(corrections).link({})
    assert path.read_text(encoding="utf-8") == "corrections: [unclosed\n"
    path.write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(CorrectionsError):
        corrections.history()


def test_invalid_arguments(tmp_path):
    corrections = Corrections(tmp_path / "c.yaml")
    with pytest.raises(CorrectionsError):
        corrections.set_kind("x", "animal")
    with pytest.raises(CorrectionsError):
        corrections.merge("", "b")
    assert not (tmp_path / "c.yaml").exists()


def test_two_writers_do_not_lose_edits(tmp_path):
    path = tmp_path / "corrections.yaml"
    code = (
        "import sys\nfrom reader.entities import Corrections\n"
        "c = Corrections(sys.argv[1])\n"
        "for i in range(15):\n    c.ignore(f'{sys.argv[2]}{i}')\n"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(path), tag]) for tag in ("x", "y")
    ]
    for p in procs:
        assert p.wait(timeout=60) == 0
    ops = Corrections(path).history()
    assert len(ops) == 30


def test_extract_cli_json_lines(tmp_path):
    one = tmp_path / "one.txt"
    two = tmp_path / "two.txt"
    one.write_text("Hayat Tahrir al-Sham (HTS) took Aleppo’s airport.\r\nSyria's war.", "utf-8")
    two.write_text("HTS fighters and Hayat Tahrir al Sham leaders.", "utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "reader", "extract", str(one), str(two), "--json"],
        capture_output=True, text=True, check=True,
        cwd=Path(__file__).resolve().parents[2],
    ).stdout
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["path"] for r in records] == [str(one), str(two)]
    for r in records:
        text = open(r["path"], encoding="utf-8", newline="").read()
        for m in r["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
            assert set(m) == {"start", "end", "text", "entity", "name", "kind", "type"}
    hts = {m["entity"] for r in records for m in r["mentions"] if "HTS" in m["text"] or "Tahrir" in m["text"]}
    assert hts == {"hayat-tahrir-al-sham"}
    assert any(m["text"] == "Syria" for m in records[0]["mentions"])


def test_extract_cli_missing_file(tmp_path):
    res = subprocess.run(
        [sys.executable, "-m", "reader", "extract", str(tmp_path / "nope.txt")],
        capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2],
    )
    assert res.returncode != 0
    assert "no such file" in res.stderr
