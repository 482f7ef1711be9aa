"""Read one article file into an ``Article``: decode, sanitise, metadata, title, dateline, boilerplate."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reader.corpus.boilerplate import find_boilerplate, source_named
from reader.corpus.dates import coerce_date, parse_dateline
from reader.corpus.decode import NotText, decode
from reader.corpus.markdown import FrontMatterError, markdown_to_paragraphs, split_front_matter
from reader.corpus.sanitize import sanitize, single_line
from reader.corpus.sidecar import sidecar_metadata
from reader.model import Article, Span

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_LINE = 20_000
"""Paragraphs longer than this are cut into pieces so no single line stalls a widget."""
_BULLET = re.compile(r"^[\s•·*#>\-–—]+")
_BYLINE = re.compile(r"^[Bb][Yy]:?\s+([A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|de|van|al-?\w+)){0,5})\s*$")
_SOURCE_LINE = re.compile(r"^source\s*:\s*(.{2,80})$", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")


class ArticleError(Exception):
    """The file cannot be read as an article; the message is the reason shown to the user."""


def article_id_for(relpath: str) -> str:
    """Stable article id from the corpus-relative path."""
    return hashlib.sha256(relpath.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def content_hash(data: bytes) -> str:
    """Short content hash of file bytes."""
    return hashlib.sha256(data).hexdigest()[:16]


@dataclass
class _Parts:
    title: str = ""
    date: date | None = None
    byline: str = ""
    source: str = ""
    url: str = ""
    tags: tuple[str, ...] = ()
    paragraphs: list[str] = field(default_factory=list)
    removed: list[Span] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def load_article(root: Path, path: Path, data: bytes | None = None) -> Article:
    """Read ``path`` (found under corpus ``root``) into an Article; raises ``ArticleError``."""
    path = Path(path).absolute()
    if data is None:
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise ArticleError(f"file too large ({size // (1024 * 1024)} MB > 50 MB)")
            data = path.read_bytes()
        except OSError as exc:
            raise ArticleError(f"cannot read file ({exc.strerror or exc})") from None
    if not data.strip():
        raise ArticleError("empty file")
    try:
        text, warnings = decode(data)
    except NotText as exc:
        raise ArticleError(str(exc)) from None
    raw = sanitize(text)
    if not raw.strip():
        raise ArticleError("no readable text")
    parts = _Parts(warnings=list(warnings))
    if path.suffix.lower() in (".md", ".markdown"):
        _parse_markdown(raw, parts)
    else:
        _parse_plain(raw, parts)
    _apply_sidecar(root, path, parts)
    if not parts.source:
        parts.source = source_named(raw, parts.removed)
    body = "\n\n".join(_limit(p) for p in parts.paragraphs)
    if not parts.title:
        parts.title = _derive_title(parts.paragraphs) or path.stem
    title = single_line(parts.title, 300)  # a file name can be blank once sanitised
    if not body.strip() and not title:
        raise ArticleError("no article text after removing boilerplate")
    relpath = relative_path(root, path)
    return Article(
        id=article_id_for(relpath),
        path=path,
        relpath=relpath,
        title=title,
        body=body,
        content_hash=content_hash(data),
        date=parts.date,
        source=single_line(parts.source, 120),
        byline=single_line(parts.byline, 200),
        url=single_line(parts.url, 500),
        tags=parts.tags,
        raw=raw,
        removed=tuple(parts.removed),
        warnings=tuple(parts.warnings),
    )


def relative_path(root: Path, path: Path) -> str:
    """``path`` relative to corpus ``root`` in POSIX form (the file name when outside it)."""
    try:
        return path.relative_to(Path(root).absolute()).as_posix()
    except ValueError:
        return path.name


def _limit(paragraph: str) -> str:
    if len(paragraph) <= MAX_LINE:
        return paragraph
    pieces = [paragraph[i : i + MAX_LINE] for i in range(0, len(paragraph), MAX_LINE)]
    return "\n".join(pieces)


def _lines_with_offsets(text: str, base: int = 0) -> list[tuple[int, str]]:
    lines, offset = [], base
    for line in text.split("\n"):
        lines.append((offset, line))
        offset += len(line) + 1
    return lines


def _parse_plain(raw: str, parts: _Parts) -> None:
    lines = _lines_with_offsets(raw)
    parts.removed = find_boilerplate(lines)
    removed_starts = {s.start for s in parts.removed}
    rest_from = min((s.start for s in parts.removed if s.end - s.start > 0 and "\n" in raw[s.start:s.end]),
                    default=None)
    kept = [(o, t) for o, t in lines if o not in removed_starts and (rest_from is None or o < rest_from)]
    kept = _take_header(kept, parts)
    parts.paragraphs = _paragraphs(kept)


def _take_header(lines: list[tuple[int, str]], parts: _Parts) -> list[tuple[int, str]]:
    """Consume leading dateline, title, byline and source lines (in any order, first few lines)."""
    remaining = list(lines)
    for _ in range(6):
        index = next((i for i, (_, t) in enumerate(remaining) if t.strip()), None)
        if index is None:
            break
        line = remaining[index][1].strip()
        rest_has_text = any(t.strip() for _, t in remaining[index + 1 :])
        if parts.date is None and (found := parse_dateline(line)):
            parts.date = found
        elif not parts.byline and (match := _BYLINE.match(line)):
            parts.byline = match.group(1)
        elif not parts.source and (match := _SOURCE_LINE.match(line)):
            parts.source = match.group(1)
        elif not parts.title and rest_has_text and _is_title_line(line):
            parts.title = _BULLET.sub("", line).strip()
        else:
            break
        remaining = remaining[index + 1 :]
    return remaining


def _is_title_line(line: str) -> bool:
    text = _BULLET.sub("", line).strip()
    if not text or len(text) > 200 or len(text.split()) > 30:
        return False
    return text[-1] not in ".,;:" or text.endswith("...")


def _paragraphs(lines: list[tuple[int, str]]) -> list[str]:
    blocks: list[list[str]] = [[]]
    for _, line in lines:
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    paragraphs: list[str] = []
    for block in blocks:
        if not block:
            continue
        if len(block) >= 3 and max(len(b) for b in block) <= 100 and _hard_wrapped(block):
            paragraphs.append(" ".join(block))
        else:
            paragraphs.extend(block)
    return paragraphs


def _hard_wrapped(block: list[str]) -> bool:
    """Lines of a block continue each other (hard-wrapped prose), not separate items."""
    continued = sum(1 for line in block[:-1] if line[-1] not in ".!?:\"”")
    return continued >= (len(block) - 1) / 2


def _parse_markdown(raw: str, parts: _Parts) -> None:
    try:
        meta, offset = split_front_matter(raw)
    except FrontMatterError as exc:
        meta, offset = {}, 0
        parts.warnings.append(str(exc))
    _apply_meta(meta, parts)
    lines = _lines_with_offsets(raw[offset:], offset)
    parts.removed = find_boilerplate(lines)
    removed = {s.start for s in parts.removed}
    rest_from = min((s.start for s in parts.removed if "\n" in raw[s.start : s.end]), default=None)
    kept = "\n".join(t for o, t in lines if o not in removed and (rest_from is None or o < rest_from))
    # Character references (&#x202E;) decode to characters: sanitise what Markdown produced.
    paragraphs = [sanitize(p) for p in markdown_to_paragraphs(kept)]
    if not parts.title and paragraphs and kept.lstrip().startswith("#"):
        parts.title = paragraphs.pop(0)
    if parts.date is None and paragraphs and (found := parse_dateline(paragraphs[0])):
        parts.date = found
        paragraphs.pop(0)
    parts.paragraphs = paragraphs


def _apply_meta(meta: dict[str, object], parts: _Parts, override: bool = True) -> None:
    def text(key: str) -> str:
        value = meta.get(key)
        return single_line(value, 500) if isinstance(value, str | int | float) else ""

    if text("title") and (override or not parts.title):
        parts.title = text("title")
    found = coerce_date(meta.get("date"))
    if found and (override or parts.date is None):
        parts.date = found
    for key in ("source", "url", "byline"):
        value = text(key) or (text("author") if key == "byline" else "")
        if value and (override or not getattr(parts, key)):
            setattr(parts, key, value)
    tags = meta.get("tags")
    if isinstance(tags, str):
        tags = [t for t in re.split(r"[,\s]+", tags) if t]
    if isinstance(tags, list) and (override or not parts.tags):
        parts.tags = tuple(single_line(t, 60) for t in tags[:50] if isinstance(t, str | int) and str(t).strip())


def _apply_sidecar(root: Path, path: Path, parts: _Parts) -> None:
    meta = sidecar_metadata(root, path)
    if meta:
        _apply_meta(meta, parts, override=False)


def _derive_title(paragraphs: list[str]) -> str:
    """A title for a file without one: the first sentence, cut at a word boundary."""
    if not paragraphs:
        return ""
    first = _SENTENCE_END.split(paragraphs[0], maxsplit=1)[0].strip()
    if len(first) > 120:
        first = first[:120].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return first
