"""Fuzz: hostile article files through ``load_article`` and a whole ``Library.update_index``."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from fuzz_strategies import UNSAFE, article_bytes, file_name, hostile_text
from fuzz_support import bounded, examples
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.corpus import ArticleError, load_article
from reader.library import Library
from reader.model import HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN

pytestmark = pytest.mark.slow


def assert_safe_article(article) -> None:
    # relpath is identity (it keeps the file name as it is); what is shown must be safe
    for name in ("title", "body", "raw", "source", "byline", "url"):
        value = getattr(article, name)
        found = UNSAFE.search(value)
        assert found is None, f"Article.{name} holds {found.group()!r}"
    for tag in article.tags:
        assert UNSAFE.search(tag) is None, f"tag {tag!r} holds an unsafe character"
    assert "\n" not in article.title and article.title.strip()
    for warning in article.warnings:
        assert "\n" not in warning and UNSAFE.search(warning) is None


def assert_reason(reason: str) -> None:
    assert reason.strip(), "empty reason"
    assert "\n" not in reason, f"reason is not one line: {reason!r}"
    assert UNSAFE.search(reason) is None, f"reason holds an unsafe character: {reason!r}"


def check_load(root: Path, path: Path, data: bytes | None = None) -> None:
    try:
        article = load_article(root, path, data)
    except ArticleError as exc:
        assert_reason(str(exc))
    else:
        assert_safe_article(article)


@settings(max_examples=examples(400))
@given(article_bytes(), st.data())
def test_load_article_returns_safe_text_or_a_reason(file, data) -> None:
    suffix, payload = file
    name = data.draw(file_name(suffix))
    with bounded("corpus.load_article"), tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(payload)
        check_load(Path(folder), path)


@settings(max_examples=examples(100))
@given(article_bytes(), st.integers(1000, 10_000), hostile_text)
def test_names_of_10000_characters(file, length, stem) -> None:
    """Paths longer than any file system allows (so the bytes are passed in)."""
    suffix, payload = file
    stem = (stem.replace("/", "_").replace("\x00", "_") or "x") * (length // max(1, len(stem)) + 1)
    folder = Path(tempfile.gettempdir()) / ("d" * 200)
    path = folder / (stem[:length] + suffix)
    with bounded("corpus.long_names"):
        check_load(folder, path, payload)
        check_load(folder, path, None)  # cannot even be opened: a reason, not a crash


def _write_corpus(folder: Path, files: list[tuple[str, bytes]], depth: int) -> set[str]:
    written = set()
    for i, (name, payload) in enumerate(files):
        sub = folder.joinpath(*[f"level{j}" + "x" * 200 for j in range(depth)]) if i % 2 else folder
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / name
        if str(path) in written:
            continue
        path.write_bytes(payload)
        written.add(str(path))
    return written


@settings(max_examples=examples(60))
@given(st.lists(st.tuples(article_bytes(), st.data()), min_size=1, max_size=6),
       st.integers(0, 12))
def test_update_index_over_a_hostile_folder(files, depth) -> None:
    """Never raises; every file is indexed or reported skipped with a one-line reason."""
    with tempfile.TemporaryDirectory() as home, tempfile.TemporaryDirectory() as folder:
        os.environ["READER_HOME"] = home
        named = [(data.draw(file_name(suffix)), payload) for (suffix, payload), data in files]
        with bounded("corpus.update_index", 60):
            written = _write_corpus(Path(folder), named, depth)
            library = Library([Path(folder)])
            report = library.update_index()
            skipped = dict(report.skipped)
            for reason in skipped.values():
                assert_reason(reason)
            manifest = library._load_manifest()
            indexed = set(manifest.entries) if manifest else set()
            assert not indexed & set(skipped)
            assert indexed | set(skipped) == written, "a file was neither indexed nor reported"
            assert report.added == len(indexed)
            for summary in library.summaries():
                assert UNSAFE.search(summary.title + summary.source) is None
            result = library.search("")
            assert result.error is None and result.total == len(indexed)
            for hit in library.search("the OR a OR x").hits:
                snippet = hit.snippet.replace(HIGHLIGHT_OPEN, "").replace(HIGHLIGHT_CLOSE, "")
                assert UNSAFE.search(hit.title + snippet) is None
            again = library.update_index()  # a second start only looks at what changed
            assert again.added == again.updated == again.removed == 0
            assert dict(again.skipped) == {} or set(dict(again.skipped)) <= set(skipped)
            library.close()
