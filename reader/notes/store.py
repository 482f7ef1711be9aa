"""The durable note store: one YAML file per note in a folder of the user data dir.

Why one file per note: a person can read, diff and back up each note, and two
running instances adding notes never write the same file, so neither can lose
the other's notes. Every write goes through :func:`reader.atomic.write_atomic`
(temp file, fsync, rename), so a crash leaves the old or the new file, whole.
Read-check-write sequences (update, delete, undo) hold an inter-process lock and
refuse to overwrite a note another instance changed since it was loaded.

Files that cannot be read or parsed are listed in :attr:`NoteStore.errors` with a
reason and never written to; every other note still loads. Deleted notes are
moved to ``.trash/`` (never erased), which is what :meth:`NoteStore.undo` restores.
"""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

from reader.atomic import write_atomic
from reader.locking import file_lock
from reader.notes.model import NOTE_ID_RE, Note, NoteError, utc_now
from reader.notes.serial import note_from_yaml, note_to_yaml

SUFFIX = ".yaml"
TRASH = ".trash"
LOCK = ".lock"
STALE_TEMP_SECONDS = 24 * 3600


class StoreError(RuntimeError):
    """A store operation cannot be done safely (e.g. the note's file is unreadable)."""


class NoteNotFound(StoreError, KeyError):
    """No note has this id (or prefix)."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else "note not found"


class NoteConflict(StoreError):
    """Another instance changed the note since this one loaded it."""


@dataclass(frozen=True)
class _Undo:
    action: str  # "add" | "update" | "delete"
    note_id: str
    previous: Note | None = None  # version before an update
    written: str = ""  # ``modified`` stamp this store wrote (to detect later changes)
    trash: Path | None = None  # where a deleted note went


class NoteStore:
    """All notes of one corpus, kept in ``folder`` (created on first write).

    The folder is read on first use (any read method or :attr:`errors`) and then
    kept up to date for this instance's own writes; call :meth:`reload` to see
    other instances' writes.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._cache: dict[str, tuple[tuple, Note | str]] = {}
        self._map: dict[str, Note] = {}
        self._errors: list[tuple[Path, str]] = []
        self._loaded = False  # the folder is read on first use, so add-only scripts stay fast
        self._undo: list[_Undo] = []

    @property
    def errors(self) -> list[tuple[Path, str]]:
        """``(path, reason)`` for each note file that could not be loaded (left untouched)."""
        self._ensure_loaded()
        return self._errors

    @property
    def _notes(self) -> dict[str, Note]:
        self._ensure_loaded()
        return self._map

    def _ensure_loaded(self) -> None:
        if not self._loaded:
            self.reload()

    # --- reading ---------------------------------------------------------------------------

    def reload(self) -> bool:
        """Re-read the folder; only files whose stat changed are parsed again.

        Returns True if the set of notes or errors changed. Cheap enough to call
        whenever another instance may have written (one ``scandir`` plus a ``stat``
        per file).
        """
        seen: dict[str, tuple[tuple, Note | str]] = {}
        try:
            entries = list(os.scandir(self.folder))
        except FileNotFoundError:
            entries = []
        now = time.time()
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                if name.endswith(".tmp"):
                    self._remove_stale_temp(entry, now)
                continue
            if not name.endswith(SUFFIX):
                continue
            try:
                st = entry.stat()
            except OSError:
                continue  # vanished between scandir and stat
            if not entry.is_file():
                continue
            sig = (st.st_ino, st.st_size, st.st_mtime_ns)
            cached = self._cache.get(name)
            if cached and cached[0] == sig:
                seen[name] = cached
            else:
                seen[name] = (sig, self._parse(Path(entry.path)))
        changed = seen.keys() != self._cache.keys() or any(
            seen[k][0] != self._cache[k][0] for k in seen
        )
        self._cache = seen
        self._map = {}
        self._errors = []
        for name in sorted(seen):
            value = seen[name][1]
            if isinstance(value, Note):
                self._map[value.id] = value
            else:
                self._errors.append((self.folder / name, value))
        self._loaded = True
        return changed

    def _parse(self, path: Path) -> Note | str:
        """The note in ``path``, or the reason it cannot be loaded."""
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            return f"not UTF-8 text: {exc.reason} at byte {exc.start}"
        except OSError as exc:
            return f"cannot read: {exc.strerror or exc}"
        try:
            note = note_from_yaml(text)
        except NoteError as exc:
            return str(exc)
        if path.stem != note.id:
            return f"file name does not match the note id {note.id!r}"
        return note

    def _remove_stale_temp(self, entry: os.DirEntry, now: float) -> None:
        """Delete a temp file left by a crashed write, once it is clearly abandoned."""
        with contextlib.suppress(OSError):
            if now - entry.stat().st_mtime > STALE_TEMP_SECONDS:
                os.unlink(entry.path)

    def all(self) -> list[Note]:
        """Every loaded note, oldest first."""
        return sorted(self._notes.values(), key=lambda n: (n.created, n.id))

    def __len__(self) -> int:
        return len(self._notes)

    def get(self, note_id: str) -> Note | None:
        """The note with this id, or None."""
        return self._notes.get(note_id)

    def resolve(self, id_or_prefix: str) -> Note:
        """The note whose id is, or uniquely starts with, ``id_or_prefix`` (case-insensitive)."""
        key = id_or_prefix.strip().upper()
        if key in self._notes:
            return self._notes[key]
        matches = [n for i, n in self._notes.items() if key and i.startswith(key)]
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise NoteNotFound(
                f"{id_or_prefix!r} matches {len(matches)} notes; give more of the id"
            )
        raise NoteNotFound(f"no note with id {id_or_prefix!r}")

    def for_article(self, article_id: str) -> list[Note]:
        """Notes on one article, in text order (recorded position)."""
        notes = [n for n in self._notes.values() if n.article_id == article_id]
        return sorted(notes, key=lambda n: (n.position.start, n.position.end, n.id))

    def anchored(self, article) -> list[Note]:
        """Notes on ``article`` (a :class:`reader.model.Article`) re-anchored against its body.

        Sorted by where they sit now; orphans (``note.state == "orphan"``) come last.
        """
        from reader.notes.anchor import reanchor

        notes = [reanchor(n, article.body) for n in self.for_article(article.id)]
        return sorted(notes, key=lambda n: (not n.anchor.placed, n.start, n.end, n.id))

    def search(
        self,
        text: str | None = None,
        tag: str | None = None,
        entity: str | None = None,
        article_id: str | None = None,
    ) -> list[Note]:
        """Notes matching every given filter, oldest first.

        ``text``: case-insensitive substring of the quote, comment, tags, entity names
        or article title/path. ``tag``: one of the note's tags (case-insensitive, a
        leading ``#`` ignored). ``entity``: an entity id or name inside the quote.
        """
        needle = text.casefold() if text else None
        tag_key = tag.lstrip("#").casefold() if tag else None
        ent_key = entity.casefold() if entity else None
        out = []
        for note in self.all():
            if article_id and note.article_id != article_id:
                continue
            if tag_key and tag_key not in (t.casefold() for t in note.tags):
                continue
            if ent_key and not any(
                ent_key in (e.id.casefold(), e.name.casefold()) for e in note.entities
            ):
                continue
            if needle and needle not in searchable_text(note).casefold():
                continue
            out.append(note)
        return out

    def tags(self) -> list[str]:
        """Every tag in use (for completion), most used first, then alphabetically."""
        counts: dict[str, int] = {}
        spelling: dict[str, str] = {}
        for note in self._notes.values():
            for tag in note.tags:
                key = tag.casefold()
                counts[key] = counts.get(key, 0) + 1
                spelling.setdefault(key, tag)
        return [spelling[k] for k in sorted(counts, key=lambda k: (-counts[k], k))]

    # --- writing ---------------------------------------------------------------------------

    def _path(self, note_id: str) -> Path:
        if not NOTE_ID_RE.fullmatch(note_id):
            raise NoteError(f"bad note id {note_id!r}")
        return self.folder / f"{note_id}{SUFFIX}"

    def _lock(self):
        return file_lock(self.folder / LOCK)

    def _write(self, note: Note) -> None:
        path = self._path(note.id)
        write_atomic(path, note_to_yaml(note))
        if not self._loaded:
            return  # the first read will load it with everything else
        with contextlib.suppress(OSError):
            st = path.stat()
            self._cache[path.name] = ((st.st_ino, st.st_size, st.st_mtime_ns), note)
        self._map[note.id] = note

    def _read_disk(self, note_id: str) -> Note | None:
        """The note as it is on disk now (None if absent); unreadable files raise StoreError."""
        path = self._path(note_id)
        if not path.exists():
            return None
        value = self._parse(path)
        if isinstance(value, str):
            raise StoreError(f"{path} cannot be loaded ({value}); it was left untouched")
        return value

    def add(self, note: Note) -> Note:
        """Store a new note (fills in created/modified if empty); returns the stored note."""
        created = note.created or utc_now()
        note = replace(note, anchor=None, created=created, modified=note.modified or created)
        note.validate()
        with self._lock():
            if self._path(note.id).exists():
                raise StoreError(f"a note with id {note.id} already exists")
            self._write(note)
        self._undo.append(_Undo("add", note.id, written=note.modified))
        return note

    def update(self, note: Note, force: bool = False) -> Note:
        """Replace a stored note with this edited copy; returns the stored version.

        ``note.modified`` must still be the stamp of the version on disk, otherwise
        another instance edited it meanwhile and :class:`NoteConflict` is raised
        (pass ``force=True`` to overwrite anyway).
        """
        note = replace(note, anchor=None)
        note.validate()
        with self._lock():
            current = self._read_disk(note.id)
            if current is None:
                raise NoteNotFound(f"no note with id {note.id!r} (deleted meanwhile?)")
            if not force and current.modified != note.modified:
                raise NoteConflict(f"note {note.id} was changed by another reader; reload first")
            stored = replace(note, created=current.created, modified=_later(utc_now(), current))
            self._write(stored)
        self._undo.append(_Undo("update", note.id, previous=current, written=stored.modified))
        return stored

    def delete(self, note_id: str) -> Note:
        """Move a note's file to the trash; returns the deleted note (undo restores it)."""
        with self._lock():
            current = self._read_disk(note_id)
            if current is None:
                raise NoteNotFound(f"no note with id {note_id!r}")
            trash = self._trash(current)
        self._undo.append(_Undo("delete", note_id, previous=current, trash=trash))
        return current

    def _trash(self, note: Note) -> Path:
        """Move the note's file into ``.trash/`` (caller holds the lock)."""
        source = self._path(note.id)
        target_dir = self.folder / TRASH
        target_dir.mkdir(parents=True, exist_ok=True)
        target = target_dir / f"{note.id}.{time.time_ns()}{SUFFIX}"
        os.replace(source, target)
        _fsync_dir(self.folder)
        _fsync_dir(target_dir)
        self._cache.pop(source.name, None)
        self._map.pop(note.id, None)
        return target

    @property
    def can_undo(self) -> bool:
        """True if this store has an add, update or delete it can undo."""
        return bool(self._undo)

    def undo(self) -> str | None:
        """Undo this store's last add/update/delete; returns a short description (None if nothing).

        Raises :class:`NoteConflict` if another instance changed the note since.
        """
        if not self._undo:
            return None
        step = self._undo[-1]
        with self._lock():
            current = self._read_disk(step.note_id)
            if step.action == "delete":
                if current is not None:
                    raise NoteConflict(f"note {step.note_id} exists again; not restoring the trash")
                assert step.trash is not None
                os.replace(step.trash, self._path(step.note_id))
                _fsync_dir(self.folder)
                self._undo.pop()
                self.reload()
                return f"restored note {step.note_id}"
            if current is None:
                self._undo.pop()
                raise NoteNotFound(f"note {step.note_id} is gone; nothing to undo")
            if current.modified != step.written:
                raise NoteConflict(f"note {step.note_id} was changed by another reader since")
            if step.action == "add":
                self._trash(current)
                self._undo.pop()
                return f"removed note {step.note_id}"
            assert step.previous is not None
            restored = replace(step.previous, modified=_later(utc_now(), current))
            self._write(restored)
        self._undo.pop()
        return f"reverted note {step.note_id}"

    def trashed(self) -> list[Path]:
        """Files of deleted notes (newest last); they are kept until a person removes them."""
        folder = self.folder / TRASH
        return sorted(folder.glob(f"*{SUFFIX}"), key=lambda p: p.name) if folder.is_dir() else []


def searchable_text(note: Note) -> str:
    """All text of a note that search should see (also for indexing notes)."""
    return "\n".join(
        [note.quote.exact, note.comment, " ".join(note.tags), " ".join(note.entity_names),
         note.article_title, note.article_path]
    )


def _later(stamp: str, current: Note) -> str:
    """``stamp``, or just after ``current.modified`` if the clock went backwards."""
    if stamp > current.modified:
        return stamp
    try:
        previous = datetime.strptime(current.modified, "%Y-%m-%dT%H:%M:%S.%fZ")
    except ValueError:
        return stamp  # hand-edited stamp: any different value marks the new version
    return (previous + timedelta(microseconds=1)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
