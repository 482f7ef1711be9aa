"""``reader notes ...`` and ``reader open`` on a copy of the seeds (real library, real files)."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml

from reader import paths
from reader.cli import run
from reader.notes.export import read_markdown_export

SEED = "002_57ef6752fde517cb.txt"
QUOTE = "The area, west of Aleppo, is adjacent to the territory taken by rebels last weekend"


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_HOME", str(tmp_path / "home"))
    folder = tmp_path / "corpus"
    shutil.copytree(paths.seeds_dir(), folder)
    return folder


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _body(corpus, capsys) -> tuple[str, str]:
    from reader.library import Library

    library = Library([corpus])
    library.update_index()
    article = library.article_by_path(corpus / SEED)
    return article.id, article.body


def _add(capsys, corpus, body, text=QUOTE, *extra) -> dict:
    start = body.index(text)
    code, out, err = cli(capsys, "notes", "add", str(corpus / SEED), "--start", str(start),
                         "--end", str(start + len(text)), "--corpus", str(corpus), "--json", *extra)
    assert code == 0, err
    return json.loads(out)


def test_add_list_edit_delete(corpus, capsys):
    article_id, body = _body(corpus, capsys)
    note = _add(capsys, corpus, body, QUOTE, "--comment", "rebels *advance*", "--tag", "aleppo",
                "--color", "green")
    assert note["quote"]["exact"] == QUOTE and note["article"] == article_id
    assert note["anchor"]["state"] == "anchored"
    assert "Aleppo" in [e["name"] for e in note["entities"]]
    files = list((paths.corpus_data_dir([corpus]) / "notes").glob("*.yaml"))
    assert len(files) == 1
    assert yaml.safe_load(files[0].read_text(encoding="utf-8"))["id"] == note["id"]

    code, out, _ = cli(capsys, "notes", "list", "--corpus", str(corpus), "--tag", "aleppo")
    assert code == 0 and note["id"] in out and "anchored" in out and "#aleppo" in out

    code, out, _ = cli(capsys, "notes", "edit", note["id"][:20], "--comment", "changed",
                       "--corpus", str(corpus), "--json")
    assert code == 0 and json.loads(out)["comment"] == "changed"

    code, out, _ = cli(capsys, "notes", "list", "--corpus", str(corpus), "--json", "--article",
                       str(corpus / SEED))
    listed = json.loads(out)["notes"]
    assert [n["comment"] for n in listed] == ["changed"]

    code, out, _ = cli(capsys, "notes", "delete", note["id"], "--corpus", str(corpus))
    assert code == 0 and "deleted" in out
    code, out, _ = cli(capsys, "notes", "list", "--corpus", str(corpus), "--json")
    assert json.loads(out)["count"] == 0


def test_bad_add_is_one_line_error(corpus, capsys):
    _, body = _body(corpus, capsys)
    code, _, err = cli(capsys, "notes", "add", str(corpus / SEED), "--start", "10", "--end", "5",
                       "--corpus", str(corpus))
    assert code != 0 and err.count("\n") == 1 and "not inside the text" in err
    code, _, err = cli(capsys, "notes", "delete", "NOPE", "--corpus", str(corpus))
    assert code != 0 and "no note" in err


def test_list_reanchors_after_the_file_changed(corpus, capsys):
    _, body = _body(corpus, capsys)
    moved = _add(capsys, corpus, body, QUOTE)
    fuzzy = _add(capsys, corpus, body, "The focus of the attacks were the New Aleppo district")
    path = corpus / SEED
    raw = path.read_text(encoding="utf-8")
    raw = raw.replace("The focus of the attacks were the New Aleppo",
                      "The main focus of the attacks was the New Aleppo")
    raw = raw.replace("See Syria Developing",
                      "A new paragraph inserted by the editor.\n\nSee Syria Developing")
    path.write_text(raw, encoding="utf-8")
    code, out, _ = cli(capsys, "notes", "list", "--corpus", str(corpus), "--json")
    states = {n["id"]: n["anchor"]["state"] for n in json.loads(out)["notes"]}
    assert states == {moved["id"]: "moved", fuzzy["id"]: "fuzzy"}


def test_export_markdown_json_split_and_open_backlink(corpus, capsys, tmp_path, monkeypatch):
    _, body = _body(corpus, capsys)
    note = _add(capsys, corpus, body, QUOTE, "--comment", "**why** here?", "--tag", "siege")
    out_file = tmp_path / "notes.md"
    code, out, err = cli(capsys, "notes", "export", "--format", "md", "--output", str(out_file),
                         "--corpus", str(corpus))
    assert code == 0, err
    front, parsed = read_markdown_export(out_file.read_text(encoding="utf-8"))
    assert front["notes"] == 1 and front["articles"][0]["path"].endswith(SEED)
    assert parsed[0]["quote"] == QUOTE

    code, out, _ = cli(capsys, "notes", "export", "--format", "json", "--corpus", str(corpus))
    doc = json.loads(out)
    assert doc["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert doc["first"]["items"][0]["target"]["selector"][0]["exact"] == QUOTE

    split_dir = tmp_path / "split"
    code, out, _ = cli(capsys, "notes", "export", "--split", "--output", str(split_dir),
                       "--corpus", str(corpus), "--json")
    written = json.loads(out)["files"]
    assert len(written) == 1
    front, parsed = read_markdown_export((split_dir / written[0].rsplit("/", 1)[-1]).read_text())
    assert front["content_hash"] == note["content_hash"]

    link = parsed[0]["link"]
    code, out, _ = cli(capsys, "open", link, "--print", "--json", "--corpus", str(corpus))
    assert code == 0 and json.loads(out)["passage"] == QUOTE

    import reader.cli.tui_cmd as tui_cmd

    calls = []
    monkeypatch.setattr(tui_cmd, "open_tui_at", lambda *a: calls.append(a) or 0)
    code, _, _ = cli(capsys, "open", link, "--corpus", str(corpus))
    start = body.index(QUOTE)
    assert code == 0 and calls == [([corpus], note["article"], start, start + len(QUOTE))]


def test_open_rejects_malformed_links(corpus, capsys):
    code, _, err = cli(capsys, "open", "reader://abc#oops", "--print", "--corpus", str(corpus))
    assert code == 2 and "START-END" in err
    code, _, err = cli(capsys, "open", "reader://0000000000000000#1-2", "--print",
                       "--corpus", str(corpus))
    assert code == 1 and "no article" in err


def test_list_warns_about_corrupt_file_and_leaves_it(corpus, capsys):
    _, body = _body(corpus, capsys)
    note = _add(capsys, corpus, body, QUOTE)
    folder = paths.corpus_data_dir([corpus]) / "notes"
    broken = folder / "01BBBBBBBBBBBBBBBBBBBBBBBB.yaml"
    broken.write_text("id: [oops\n", encoding="utf-8")
    code, out, err = cli(capsys, "notes", "list", "--corpus", str(corpus), "--json")
    assert code == 0 and json.loads(out)["count"] == 1
    assert str(broken) in err and "not loaded" in err
    _add(capsys, corpus, body, "The focus of the attacks")
    assert broken.read_text(encoding="utf-8") == "id: [oops\n"
    assert (folder / f"{note['id']}.yaml").exists()
