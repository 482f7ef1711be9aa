"""The YAML note store: create/edit/delete/undo, conflicts, corrupt files, search, reload."""

from __future__ import annotations

import os

import pytest
import yaml
from notes_helpers import BODY, make_note

from reader.notes import NoteConflict, NoteNotFound, NoteStore, StoreError
from reader.notes.serial import note_from_yaml, note_to_yaml


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_HOME", str(tmp_path / "home"))


@pytest.fixture
def store(tmp_path):
    return NoteStore(tmp_path / "notes")


def test_store_loads_lazily_and_sees_its_own_writes(store):
    note = store.add(make_note())
    assert not store.folder.joinpath(".trash").exists()
    assert store.get(note.id) == note and store.errors == []
    second = store.add(make_note(comment="2"))
    assert [n.id for n in store.all()] == [note.id, second.id]


def test_empty_folder_is_fine(store):
    assert store.all() == [] and store.errors == [] and not store.can_undo
    assert store.undo() is None


def test_add_writes_one_readable_yaml_file(store):
    note = store.add(make_note(comment="Key *claim*\n\nsecond paragraph", tags=["syria", "#siege"]))
    files = list(store.folder.glob("*.yaml"))
    assert [f.stem for f in files] == [note.id]
    data = yaml.safe_load(files[0].read_text(encoding="utf-8"))
    assert data["quote"]["exact"] == "The anti-Assad forces now hold"
    assert data["tags"] == ["syria", "siege"]
    assert data["comment"] == "Key *claim*\n\nsecond paragraph"
    assert NoteStore(store.folder).get(note.id) == note


def test_edit_then_undo_restores_previous_version(store):
    note = store.add(make_note(comment="first"))
    edited = store.update(note.with_changes(comment="second", color="pink", tags=("x",)))
    assert edited.modified > note.modified and edited.created == note.created
    assert NoteStore(store.folder).get(note.id).comment == "second"
    assert store.undo().startswith("reverted")
    again = NoteStore(store.folder).get(note.id)
    assert (again.comment, again.color, again.tags) == ("first", "yellow", ())


def test_delete_moves_to_trash_and_undo_restores(store):
    keep = store.add(make_note(comment="keep"))
    gone = store.add(make_note(comment="gone"))
    store.delete(gone.id)
    assert store.get(gone.id) is None
    assert NoteStore(store.folder).get(gone.id) is None
    assert len(store.trashed()) == 1  # the file is kept, never erased
    assert store.undo().startswith("restored")
    reloaded = NoteStore(store.folder)
    assert {n.id for n in reloaded.all()} == {keep.id, gone.id}
    assert reloaded.get(gone.id) == gone


def test_undo_add_removes_note(store):
    note = store.add(make_note())
    assert store.undo().startswith("removed")
    assert NoteStore(store.folder).all() == []
    assert store.undo() is None


def test_update_conflict_with_other_instance(store):
    note = store.add(make_note(comment="v1"))
    other = NoteStore(store.folder)
    other.update(other.get(note.id).with_changes(comment="other's edit"))
    with pytest.raises(NoteConflict):
        store.update(note.with_changes(comment="my stale edit"))
    assert NoteStore(store.folder).get(note.id).comment == "other's edit"
    store.reload()
    mine = store.update(store.get(note.id).with_changes(comment="mine, after reload"))
    assert NoteStore(store.folder).get(note.id).comment == mine.comment


def test_undo_refuses_to_clobber_other_instance(store):
    note = store.add(make_note(comment="v1"))
    store.update(note.with_changes(comment="v2"))
    other = NoteStore(store.folder)
    other.update(other.get(note.id).with_changes(comment="v3 elsewhere"))
    with pytest.raises(NoteConflict):
        store.undo()
    assert NoteStore(store.folder).get(note.id).comment == "v3 elsewhere"


def test_update_and_delete_unknown(store):
    note = make_note()
    with pytest.raises(NoteNotFound):
        store.update(note)
    with pytest.raises(NoteNotFound):
        store.delete(note.id)


def test_corrupt_file_is_reported_and_never_overwritten(store):
    good = store.add(make_note(comment="good"))
    bad = store.add(make_note(comment="will break"))
    path = store.folder / f"{bad.id}.yaml"
    garbage = b"id: [unclosed\n  quote: {\x00\n"
    path.write_bytes(garbage)
    other_bad = store.folder / "01AAAAAAAAAAAAAAAAAAAAAAAA.yaml"
    other_bad.write_text("just a string\n", encoding="utf-8")
    fresh = NoteStore(store.folder)
    assert [n.id for n in fresh.all()] == [good.id]
    reported = {p.name: reason for p, reason in fresh.errors}
    assert set(reported) == {path.name, other_bad.name}
    assert "YAML" in reported[path.name] or "UTF-8" in reported[path.name]
    with pytest.raises(StoreError):
        fresh.update(bad.with_changes(comment="overwrite?"))
    with pytest.raises(StoreError):
        fresh.delete(bad.id)
    fresh.add(make_note(comment="more"))
    fresh.reload()
    assert path.read_bytes() == garbage
    assert other_bad.read_text(encoding="utf-8") == "just a string\n"
    assert len(fresh.all()) == 2 and len(fresh.errors) == 2


def test_file_name_must_match_id(store):
    note = store.add(make_note())
    (store.folder / f"{note.id}.yaml").rename(store.folder / "renamed.yaml")
    fresh = NoteStore(store.folder)
    assert fresh.all() == []
    assert "does not match" in fresh.errors[0][1]


def test_invalid_fields_are_reported(store):
    note = store.add(make_note())
    path = store.folder / f"{note.id}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["color"] = "octarine"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    fresh = NoteStore(store.folder)
    assert fresh.all() == [] and "octarine" in fresh.errors[0][1]


def test_reload_sees_other_instance_and_only_reparses_changes(store, monkeypatch):
    a = store.add(make_note(comment="a"))
    assert store.all() == [a]  # loaded now
    other = NoteStore(store.folder)
    b = other.add(make_note(comment="b"))
    assert store.get(b.id) is None  # not until reload
    assert store.reload() is True
    assert store.get(b.id) == b
    parsed = []
    real = NoteStore._parse
    
    def spy(self, path):
        if self is store:
            parsed.append(path.name)
        return real(self, path)

    monkeypatch.setattr(NoteStore, "_parse", spy)
    assert store.reload() is False and parsed == []
    other.update(other.get(a.id).with_changes(comment="a2"))
    assert store.reload() is True
    assert parsed == [f"{a.id}.yaml"] and store.get(a.id).comment == "a2"


def test_search_tags_and_for_article(store):
    n1 = store.add(make_note(text="The anti-Assad forces", comment="siege lines", tags=["Syria"]))
    n2 = store.add(make_note(text="Hayat Tahrir al-Sham (HTS) said", tags=["syria", "hts"]))
    n3 = store.add(make_note(text="Aid agencies warned", comment="humanitarian", tags=["aid"]))
    assert [n.id for n in store.search(tag="#syria")] == [n1.id, n2.id]
    assert [n.id for n in store.search(text="SIEGE")] == [n1.id]
    assert [n.id for n in store.search(text="aid agencies")] == [n3.id]
    assert [n.id for n in store.search(entity="hayat tahrir al-sham")] == [n2.id]
    assert [n.id for n in store.search(entity="E_assad", tag="syria")] == [n1.id]
    assert store.tags() == ["Syria", "aid", "hts"]
    assert [n.id for n in store.for_article(n1.article_id)] == [n1.id, n2.id, n3.id]
    assert store.resolve(n2.id.lower()).id == n2.id
    with pytest.raises(NoteNotFound):
        store.resolve("ZZZ")


def test_yaml_round_trip_of_awkward_text(store):
    body = ("  lead spaces: #hash > quote *star* `tick`\n\n"
            "next\ttab \u2028 é ü 中文 \"q\" 'a' ---\n")
    note = make_note(body=body, text=body[:-1], comment=": not a key\n- not a list\n  indented  ")
    assert note_from_yaml(note_to_yaml(note)) == note
    stored = store.add(note)
    assert NoteStore(store.folder).get(note.id) == stored


def test_stale_temp_files_are_cleaned_but_fresh_ones_kept(store):
    store.add(make_note())
    old = store.folder / ".x.yaml.abc.tmp"
    new = store.folder / ".y.yaml.def.tmp"
    old.write_text("partial")
    new.write_text("partial")
    os.utime(old, (1, 1))
    store.reload()
    assert not old.exists() and new.exists()
    assert store.errors == []


def test_body_constant_used(store):
    # notes keep their article path and title for people reading the files
    note = store.add(make_note())
    assert note.article_path == "002.txt" and note.article_title
    assert BODY[note.position.start : note.position.end] == note.quote.exact


def test_anchored_orders_by_current_position_and_puts_orphans_last(store):
    from notes_helpers import article

    first = store.add(make_note(text="Syrian government forces"))
    gone = store.add(make_note(text="Aid agencies warned"))
    middle = store.add(make_note(text="Hayat Tahrir al-Sham"))
    edited = article(BODY.replace("Aid agencies warned", "Officials said"))
    notes = store.anchored(edited)
    assert [n.id for n in notes] == [first.id, middle.id, gone.id]
    assert [n.state for n in notes] == ["anchored", "anchored", "orphan"]
