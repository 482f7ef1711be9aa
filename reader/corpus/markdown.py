"""Markdown files: YAML front matter (safe, size-bounded) and body Markdown → plain paragraphs."""

from __future__ import annotations

import re

import yaml
from markdown_it import MarkdownIt

MAX_FRONT_MATTER = 64 * 1024
_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_md = MarkdownIt("commonmark")


class FrontMatterError(ValueError):
    """The front matter block is present but cannot be used."""


def split_front_matter(text: str) -> tuple[dict[str, object], int]:
    """Return (metadata, body_offset). No front matter gives ({}, 0).

    Raises ``FrontMatterError`` for invalid YAML, a non-mapping or an oversized block;
    the caller keeps the article and reports the problem.
    """
    match = _FRONT.match(text)
    if not match:
        return {}, 0
    block = match.group(1)
    if len(block) > MAX_FRONT_MATTER:
        raise FrontMatterError("front matter larger than 64 KB ignored")
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark else ""
        raise FrontMatterError(f"front matter is not valid YAML{where}; ignored") from None
    except RecursionError:
        raise FrontMatterError("front matter nested too deeply; ignored") from None
    except (ValueError, OverflowError, TypeError):  # e.g. a date that does not exist (2020-02-30)
        raise FrontMatterError("front matter holds an impossible value (e.g. a date); ignored") from None
    if data is None:
        return {}, match.end()
    if not isinstance(data, dict):
        raise FrontMatterError("front matter is not a mapping; ignored")
    return data, match.end()


def markdown_to_paragraphs(source: str) -> list[str]:
    """Plain-text blocks (paragraphs, headings, list items, quotes, code) of a Markdown body."""
    blocks: list[str] = []
    for token in _md.parse(source):
        if token.type == "inline":
            text = _inline_text(token)
            if text.strip():
                blocks.append(" ".join(text.split()))
        elif token.type in ("fence", "code_block") and token.content.strip():
            blocks.append(token.content.rstrip("\n"))
    return blocks


def _inline_text(token) -> str:  # markdown_it.token.Token
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content or "")
    return "".join(parts)
