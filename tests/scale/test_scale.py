"""Scale (slow): 3,000 generated articles through the worker build, then edits.

Correctness at size, not speed (speed lives in ``bench/``): the worker-process build,
batch commits, incremental edits/deletes/additions, the query runner against Whoosh,
entity queries against the linking, related lists. Run: ``pytest -m slow tests/scale``.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from reader.index import update_run
from reader.index.search import parse, query_runner
from reader.library import Library

pytestmark = pytest.mark.slow

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
COUNT = 3000


def sentences() -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if 40 < len(s.strip()) < 400]


def write_article(folder: Path, n: int, rng: random.Random, pool: list[str], extra: str = "") -> None:
    body = "\n\n".join(" ".join(rng.sample(pool, rng.randint(1, 3))) for _ in range(rng.randint(2, 8)))
    (folder / f"a{n:05}.md").write_text(
        f"---\ntitle: Report {n} {rng.choice(['Aleppo', 'Idlib', 'Damascus', 'Moscow'])}\n"
        f"date: 20{rng.randint(10, 24)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}\n"
        f"source: {rng.choice(['Reuters', 'AP', 'SANA', 'TASS'])}\n---\n{body}{extra}\n",
        encoding="utf-8")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("scale")
    rng = random.Random(5)
    pool = sentences()
    for n in range(COUNT):
        write_article(folder, n, rng, pool)
    return folder


def whoosh_matches(searcher, q) -> set[int]:  # type: ignore[no-untyped-def]
    return set(searcher.docs_for_query(q)) & set(searcher.reader().all_doc_ids())


def test_build_edit_and_search_at_scale(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(update_run, "BATCH", 700)  # several batch commits and segments
    monkeypatch.setattr(update_run, "LAST_BATCH", 200)
    library = Library([corpus])
    report = library.update_index()
    assert report.added == COUNT and not report.skipped
    assert len(library.searcher().reader().leaf_readers()) >= 4

    rng = random.Random(9)
    words = ["aleppo", "airport", "rebels", "russian", "idlib", "turkey", "ceasefire", "offensive",
             "civilians", "government", "fighters", "damascus"]
    searcher = library.searcher()
    for _ in range(80):
        a, b = rng.sample(words, 2)
        text = rng.choice([a, f"{a} {b}", f"{a} OR {b}", f"{a} NOT {b}", f'"{a} {b}"', f"{a[:4]}*",
                           f"title:{a}", f"date:[2015-01-01 to 2020-12-31] {a}"])
        q = parse(text, library.resolve_field)
        assert query_runner(searcher).matches(q) == whoosh_matches(searcher, q), text

    # edits, deletions and additions, then an incremental update
    pool = sentences()
    files = sorted(corpus.glob("*.md"))
    edited = rng.sample(files[:1500], 50)
    deleted = rng.sample(files[1500:], 20)
    for path in edited:
        path.write_text(path.read_text(encoding="utf-8") + "\nZanzibarquake report.\n", encoding="utf-8")
    for path in deleted:
        path.unlink()
    for n in range(COUNT, COUNT + 30):
        write_article(corpus, n, rng, pool, extra="\n\nZanzibarquake follow-up.")
    report = library.update_index()
    assert (report.updated, report.removed, report.added) == (50, 20, 30)
    result = library.search("zanzibarquake", limit=200)
    assert result.total == 80
    assert {Path(h.path).name for h in result.hits} >= {p.name for p in edited}
    assert library.update_index().unchanged == COUNT + 10

    # entity queries agree with the linking; related lists explain themselves
    aleppo = library.entity("Aleppo")
    assert aleppo is not None
    assert {h.article_id for h in library.search("entity:aleppo", limit=5000).hits} == set(
        library.linking.articles_of(aleppo.id))
    lists = [(s.id, library.related(s.id)) for s in rng.sample(library.summaries(), 20)]
    assert sum(len(items) for _, items in lists) > 0
    for opened, items in lists:
        for item in items:
            assert item.summary.id != opened
            assert item.reason and (item.shared_entities or item.text_score > 0)
