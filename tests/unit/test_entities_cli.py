"""``reader entities`` / ``reader mentions`` and corrections through the library, on the seeds."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from reader.cli import run as cli_run


@pytest.fixture()
def run(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("READER_HOME", str(tmp_path / "home"))

    def _run(*args: str, ok: bool = True) -> SimpleNamespace:
        code = cli_run(list(args))
        out, err = capsys.readouterr()
        res = SimpleNamespace(returncode=code, stdout=out, stderr=err)
        if ok:
            assert code == 0, err
        return res

    return _run


def test_entities_table_mentions_and_corrections(run):
    table = json.loads(run("entities", "--json").stdout)
    by_id = {e["id"]: e for e in table}
    hts = by_id["hayat-tahrir-al-sham"]
    assert hts["kind"] == "actor" and hts["type"] == "armed-group"
    assert hts["articles"] >= 3 and "HTS" in hts["aliases"]
    assert "anadolu-agency" in by_id

    doc = json.loads(run("mentions", "HTS", "--json").stdout)
    assert doc["entity"]["id"] == "hayat-tahrir-al-sham"
    assert len(doc["mentions"]) == hts["mentions"]
    for m in doc["mentions"]:
        assert m["text"] in m["context"]
        assert m["entity"] == "hayat-tahrir-al-sham"

    assert "ignore" in run("entities", "ignore", "Anadolu").stdout
    table = json.loads(run("entities", "--json").stdout)
    assert "anadolu-agency" not in {e["id"] for e in table}

    run("entities", "merge", "Syrian Observatory for Human Rights", "Reuters")
    ent = json.loads(run("mentions", "Reuters", "--json").stdout)["entity"]
    assert ent["id"] == "syrian-observatory-for-human-rights"

    history = json.loads(run("entities", "history", "--json").stdout)
    assert [h["op"] for h in history] == ["ignore", "merge"]
    assert "merge" in run("entities", "undo").stdout
    assert json.loads(run("mentions", "Reuters", "--json").stdout)["entity"]["id"] == "reuters"


def test_errors_are_one_line(run):
    res = run("mentions", "No Such Entity Anywhere", ok=False)
    assert res.returncode != 0 and "no entity" in res.stderr
    res = run("entities", "kind", "HTS", "animal", ok=False)
    assert res.returncode == 2
    res = run("entities", "merge", "HTS", ok=False)
    assert res.returncode == 2 and "usage" in res.stderr
