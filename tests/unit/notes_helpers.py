"""Shared helpers for the notes tests (articles and notes without a corpus)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from reader.model import Article, Mention
from reader.notes import new_note

BODY = (
    "Syrian government forces backed by Russian air strikes pushed into eastern Aleppo "
    "on Monday.\n\n"
    "The anti-Assad forces now hold almost all of the Dahiyat al-Assad district, to the north of "
    "the Ramouseh area where pro-Assad forces reimposed the siege in late August.\n\n"
    "Hayat Tahrir al-Sham (HTS) said its fighters had repelled the attack near Idlib.\n\n"
    "Aid agencies warned that 250,000 people remain trapped without food or medicine."
)


def article(body: str = BODY, article_id: str = "a1b2c3d4e5f60718", relpath: str = "002.txt",
            title: str = "Rebels hold Aleppo district") -> Article:
    """An in-memory article."""
    digest = hashlib.sha256(body.encode()).hexdigest()[:16]
    return Article(id=article_id, path=Path("/corpus") / relpath, relpath=relpath, title=title,
                   body=body, content_hash=digest, source="Test Wire")


def span(body: str, text: str) -> tuple[int, int]:
    """Offsets of the first occurrence of ``text`` in ``body``."""
    start = body.index(text)
    return start, start + len(text)


def mentions(body: str) -> list[Mention]:
    """A few hand-made entity mentions in ``body``."""
    out = []
    for text, ent, name, kind in [("Aleppo", "E_aleppo", "Aleppo", "place"),
                                  ("Assad", "E_assad", "Bashar al-Assad", "actor"),
                                  ("Idlib", "E_idlib", "Idlib", "place"),
                                  ("HTS", "E_hts", "Hayat Tahrir al-Sham", "actor")]:
        pos = body.find(text)
        while pos != -1:
            out.append(Mention(pos, pos + len(text), text, ent, name, kind, "x"))
            pos = body.find(text, pos + 1)
    return out


def make_note(body: str = BODY, text: str = "The anti-Assad forces now hold", **kw):
    """A new note on the first occurrence of ``text``."""
    start, end = span(body, text)
    return new_note(article(body), start, end, mentions=mentions(body), **kw)


# --- child-process workers (importable cheaply, so a forkserver can preload them) ------------


def save_loop(folder: str, acks, seed: int) -> None:
    """Add notes and update one "counter" note forever, acknowledging each finished save.

    Sends ``R`` once ready, then ``A <id>`` after each add and ``U <id> <n>`` after
    each update, on the connection ``acks`` (a short message is one atomic pipe write).
    """
    import random

    from reader.notes import NoteStore

    rng = random.Random(seed)
    store = NoteStore(Path(folder))
    acks.send_bytes(b"R")
    counter = store.add(make_note(comment="0", tags=[f"counter{seed}"]))
    acks.send_bytes(f"A {counter.id}".encode())
    n = 0
    while True:
        n += 1
        if rng.random() < 0.5:
            size = rng.choice([10, 1000, 20_000, 100_000])
            note = store.add(make_note(comment="x" * size + f"\nend {n}"))
            acks.send_bytes(f"A {note.id}".encode())
        else:
            counter = store.update(counter.with_changes(comment=str(n)))
            acks.send_bytes(f"U {counter.id} {n}".encode())


def add_many(folder: str, count: int, tag: str, start) -> None:
    """Wait for ``start``, then add ``count`` notes tagged ``tag``."""
    from reader.notes import NoteStore

    start.wait()
    store = NoteStore(Path(folder))
    for i in range(count):
        store.add(make_note(comment=f"{tag} {i}", tags=[tag]))
