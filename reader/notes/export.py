"""Exporting notes: Markdown (YAML front matter, quotes as blockquotes) and Web Annotation JSON-LD.

Markdown output is checked with markdown-it-py while it is written: every quote
must read back exactly (:func:`read_markdown_export` is the reader), and a
comment whose Markdown would swallow the rest of the note (an unclosed code
fence, an HTML block) is written inside a code fence instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import yaml
from markdown_it import MarkdownIt

from reader.notes.backlink import format_backlink
from reader.notes.model import COLOR_HEX, COLORS, ORPHAN, Note, utc_now
from reader.notes.serial import dump_yaml

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
MARKER_RE = re.compile(r"<!-- reader-note ([0-9A-Z]{26}) -->")
_md = MarkdownIt("commonmark")


@dataclass(frozen=True)
class ExportArticle:
    """What an export says about a note's article (from the library, or from the note if gone)."""

    id: str
    title: str = ""
    source: str = ""
    date: str = ""
    path: str = ""
    content_hash: str = ""
    missing: bool = False
    """True if the article could not be found in the corpus any more."""

    @classmethod
    def from_article(cls, article) -> ExportArticle:
        """From a :class:`reader.model.Article`."""
        return cls(
            id=article.id,
            title=article.title,
            source=article.source,
            date=article.date_text,
            path=str(article.path),
            content_hash=article.content_hash,
        )

    @classmethod
    def from_note(cls, note: Note) -> ExportArticle:
        """What the note itself remembers about its article (used when the article is gone)."""
        return cls(
            id=note.article_id,
            title=note.article_title,
            path=note.article_path,
            content_hash=note.content_hash,
            missing=True,
        )

    def front_matter(self) -> dict[str, Any]:
        """The article's fields for YAML front matter."""
        data: dict[str, Any] = {
            "title": self.title,
            "source": self.source,
            "date": self.date,
            "path": self.path,
            "article_id": self.id,
            "content_hash": self.content_hash,
        }
        if self.missing:
            data["missing"] = True
        return data


def group_by_article(
    notes: Iterable[Note], articles: Mapping[str, ExportArticle]
) -> list[tuple[ExportArticle, list[Note]]]:
    """Notes grouped per article (articles by title, notes in text order)."""
    groups: dict[str, list[Note]] = {}
    for note in notes:
        groups.setdefault(note.article_id, []).append(note)
    out = []
    for article_id, group in groups.items():
        article = articles.get(article_id) or ExportArticle.from_note(group[0])
        group.sort(key=lambda n: (n.start, n.end, n.id))
        out.append((article, group))
    out.sort(key=lambda pair: (pair[0].title.casefold(), pair[0].path, pair[0].id))
    return out


# --- Markdown escaping -----------------------------------------------------------------------

_ALWAYS = set("\\`*_[]<>&~|")
_INVALID_REF = re.compile(
    r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)
"""Characters a numeric reference cannot carry (markdown-it turns them into U+FFFD)."""
_ORDERED = re.compile(r"(\d{1,9})([.)])")


def _is_punct(ch: str) -> bool:
    return ch.isascii() and ch.isprintable() and not ch.isalnum() and not ch.isspace()


def _ref(ch: str) -> str:
    return f"&#{ord(ch)};"


def escape_line(line: str, line_start: bool = True) -> str:
    """One line of literal text as Markdown inline source that reads back as exactly ``line``.

    With ``line_start`` (the text begins a source line) block syntax such as ``#``,
    ``-``, ``1.`` or ``>`` at its start is escaped too; fragments placed after
    other inline text pass ``False``.
    """
    out: list[str] = []
    n = len(line)
    lead = len(line) - len(line.lstrip())
    trail = n - len(line.rstrip()) if line.strip() else 0
    m = _ORDERED.match(line) if line_start else None
    for i, ch in enumerate(line):
        edge = i < lead or i >= n - trail
        if ch.isspace() and (edge or ch != " "):
            out.append(ch if _INVALID_REF.match(ch) else _ref(ch))
        elif ch in _ALWAYS or (line_start and i == lead and _is_punct(ch)):
            out.append("\\" + ch)
        elif m and i == m.end(2) - 1:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


_PARA_SPLIT = re.compile(r"(?<=[^\n])\n\n(?=[^\n])")


def _inline_quote(text: str) -> str:
    """The quote as blockquote source: paragraphs, hard line breaks, escapes."""
    paragraphs = []
    for para in _PARA_SPLIT.split(text):
        lines = para.split("\n")
        # newlines at the very end of a paragraph cannot be hard breaks: use &#10;
        tail = 0
        while len(lines) > 1 and lines[-1] == "":
            lines.pop()
            tail += 1
        body = "\\\n".join(escape_line(line) for line in lines) + "&#10;" * tail
        paragraphs.append(body)
    source = "\n\n".join(paragraphs)
    return "\n".join(("> " + line) if line else ">" for line in source.split("\n"))


def _fenced_quote(text: str) -> str:
    """Fallback: the quote inside a code fence inside the blockquote."""
    longest = max((len(m) for m in re.findall(r"~+", text)), default=0)
    fence = "~" * max(3, longest + 1)
    source = f"{fence}\n{text}\n{fence}"
    return "\n".join(("> " + line) if line else ">" for line in source.split("\n"))


def quote_markdown(text: str) -> str:
    """Markdown blockquote source for a quote that reads back exactly (checked)."""
    for build in (_inline_quote, _fenced_quote):
        source = build(text)
        if _blockquote_text(_md.parse(source), 0)[0] == text:
            return source
    raise ValueError("quote contains characters Markdown cannot carry (e.g. NUL)")


def _inline_text(token) -> str:
    parts = []
    for child in token.children or ():
        if child.type in ("hardbreak", "softbreak"):
            parts.append("\n")
        else:
            parts.append(child.content)
    return "".join(parts)


def _blockquote_text(tokens, i: int) -> tuple[str | None, int]:
    """Text of the blockquote opening at ``tokens[i]`` and the index after it."""
    if i >= len(tokens) or tokens[i].type != "blockquote_open":
        return None, i
    level = tokens[i].level
    paragraphs: list[str] = []
    j = i + 1
    while j < len(tokens) and not (
        tokens[j].type == "blockquote_close" and tokens[j].level == level
    ):
        tok = tokens[j]
        if tok.type == "inline" and tok.level == level + 2:
            paragraphs.append(_inline_text(tok))
        elif tok.type == "fence" and tok.level == level + 1:
            paragraphs.append(tok.content[:-1] if tok.content.endswith("\n") else tok.content)
        j += 1
    return "\n\n".join(paragraphs), j + 1


# --- Markdown documents ----------------------------------------------------------------------


def _comment_markdown(comment: str) -> str:
    """The comment as Markdown; fenced verbatim if its Markdown would not close by itself."""
    text = comment.strip("\n")
    if not text:
        return ""
    probe = _md.parse(f"{text}\n\n<!-- reader-note {'0' * 26} -->\n")
    closed = any(t.type == "html_block" and MARKER_RE.search(t.content) for t in probe)
    if closed and not MARKER_RE.search(text):
        return text
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}markdown\n{text}\n{fence}"


def _note_markdown(note: Note, index: int) -> str:
    state = "" if note.state in ("anchored",) else f" · {note.state}"
    heading = f"### Note {index} · {note.color} ({COLORS.get(note.color, '')}){state}"
    parts = [f"<!-- reader-note {note.id} -->", heading, quote_markdown(note.quote.exact)]
    if note.state == ORPHAN:
        parts.append("*This passage is no longer in the article (orphaned note).*")
    comment = _comment_markdown(note.comment)
    if comment:
        parts.append(comment)
    meta = []
    if note.tags:
        meta.append("**Tags:** " + ", ".join(escape_line(t, False) for t in note.tags))
    if note.entities:
        meta.append("**Entities:** " + ", ".join(escape_line(n, False) for n in note.entity_names))
    meta.append(f"**Link:** <{backlink_for(note)}>")
    meta.append(f"**Created:** {note.created} · **Modified:** {note.modified}")
    parts.append("  \n".join(meta))
    return "\n\n".join(parts)


def backlink_for(note: Note) -> str:
    """The note's ``reader://`` link (current position if re-anchored, else as recorded)."""
    return format_backlink(note.article_id, note.start, note.end)


def _article_markdown(article: ExportArticle, notes: list[Note], heading: str, first: int) -> str:
    title = escape_line(" ".join(article.title.split()) or article.path or article.id, False)
    title = re.sub(r"(?<!&)#", r"\\#", title)  # a trailing " #" would close the ATX heading
    fields = (article.source, article.date, article.path)
    info = " · ".join(escape_line(x, False) for x in fields if x)
    parts = [f"{heading} {title}"]
    if info:
        parts.append(f"*{info}*")
    if article.missing:
        parts.append("*The article file is no longer in the corpus.*")
    parts.extend(_note_markdown(n, first + k) for k, n in enumerate(notes))
    return "\n\n".join(parts)


def _front_matter(data: dict[str, Any]) -> str:
    return f"---\n{dump_yaml(data)}---\n"


def markdown_export(notes: Iterable[Note], articles: Mapping[str, ExportArticle]) -> str:
    """One Markdown file with every note, grouped by article."""
    groups = group_by_article(notes, articles)
    total = sum(len(g) for _, g in groups)
    front = {
        "title": "reader notes",
        "exported": utc_now(),
        "notes": total,
        "articles": [a.front_matter() | {"notes": len(g)} for a, g in groups],
    }
    sections = ["# reader notes"]
    counter = 1
    for article, group in groups:
        sections.append(_article_markdown(article, group, "##", counter))
        counter += len(group)
    return _front_matter(front) + "\n" + "\n\n".join(sections) + "\n"


def markdown_export_split(
    notes: Iterable[Note], articles: Mapping[str, ExportArticle]
) -> dict[str, str]:
    """One Markdown document per article: ``{file name: text}`` (names are unique)."""
    out: dict[str, str] = {}
    for article, group in group_by_article(notes, articles):
        front = article.front_matter() | {"notes": len(group), "exported": utc_now()}
        text = _front_matter(front) + "\n" + _article_markdown(article, group, "#", 1) + "\n"
        out[_unique(_slug(article), out)] = text
    return out


def _slug(article: ExportArticle) -> str:
    base = article.title or article.path.rsplit("/", 1)[-1] or article.id
    slug = re.sub(r"[^\w]+", "-", base.casefold()).strip("-")[:60].strip("-")
    return f"{slug or 'article'}-{article.id[:8]}"


def _unique(stem: str, taken: Mapping[str, str]) -> str:
    name, k = f"{stem}.md", 2
    while name in taken:
        name, k = f"{stem}-{k}.md", k + 1
    return name


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """``(front matter parsed with yaml.safe_load, Markdown body)``; ValueError if malformed."""
    if not text.startswith("---\n"):
        raise ValueError("no YAML front matter")
    end = text.find("\n---\n", 3)
    if end == -1:
        raise ValueError("front matter is not closed")
    data = yaml.safe_load(text[4 : end + 1])
    if not isinstance(data, dict):
        raise ValueError("front matter is not a mapping")
    return data, text[end + 5 :]


def read_markdown_export(text: str) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """Parse an export: front matter and, per note, ``{"id", "quote", "link"}`` (markdown-it-py)."""
    front, body = split_front_matter(text)
    tokens = _md.parse(body)
    notes: list[dict[str, str]] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "html_block" and tok.level == 0 and (m := MARKER_RE.search(tok.content)):
            notes.append({"id": m.group(1)})
        elif (tok.type == "blockquote_open" and tok.level == 0 and notes
              and "quote" not in notes[-1]):
            notes[-1]["quote"], i = _blockquote_text(tokens, i)
            continue
        elif tok.type == "inline" and notes and "link" not in notes[-1]:
            for child in tok.children or ():
                href = child.attrs.get("href") if child.type == "link_open" else None
                if isinstance(href, str) and href.startswith("reader://"):
                    notes[-1]["link"] = href
        i += 1
    return front, notes


# --- JSON-LD -------------------------------------------------------------------------------


def annotation(note: Note, article: ExportArticle | None = None) -> dict[str, Any]:
    """One note as a W3C Web Annotation (JSON-LD object)."""
    article = article or ExportArticle.from_note(note)
    bodies: list[dict[str, Any]] = []
    if note.comment:
        bodies.append({"type": "TextualBody", "value": note.comment, "format": "text/markdown",
                       "purpose": "commenting"})
    bodies += [{"type": "TextualBody", "value": t, "purpose": "tagging"} for t in note.tags]
    bodies += [
        {"type": "SpecificResource", "source": f"reader-entity:{e.id}", "purpose": "identifying",
         "label": e.name}
        for e in note.entities
    ]
    target = {
        "type": "SpecificResource",
        "source": f"reader://{note.article_id}",
        "styleClass": note.color,
        "selector": [
            {"type": "TextQuoteSelector", "exact": note.quote.exact, "prefix": note.quote.prefix,
             "suffix": note.quote.suffix},
            {"type": "TextPositionSelector", "start": note.start, "end": note.end},
        ],
    }
    item: dict[str, Any] = {
        "id": f"urn:reader:note:{note.id}",
        "type": "Annotation",
        "motivation": "commenting" if note.comment else "highlighting",
        "created": note.created,
        "modified": note.modified,
        "stylesheet": {"type": "CssStylesheet",
                       "value": f".{note.color} {{ background-color: {COLOR_HEX[note.color]}; }}"},
        "target": target,
        "reader": {
            "note_id": note.id,
            "anchor": note.state,
            "color_label": COLORS.get(note.color, ""),
            "recorded_position": {"start": note.position.start, "end": note.position.end},
            "article": article.front_matter(),
            "link": backlink_for(note),
        },
    }
    if bodies:
        item["body"] = bodies if len(bodies) > 1 else bodies[0]
    return item


def json_export(notes: Iterable[Note], articles: Mapping[str, ExportArticle]) -> dict[str, Any]:
    """Every note as a Web Annotation collection (one JSON-LD document)."""
    items = [annotation(n, a) for a, group in group_by_article(notes, articles) for n in group]
    return {
        "@context": ANNO_CONTEXT,
        "type": "AnnotationCollection",
        "label": "reader notes",
        "generated": utc_now(),
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
