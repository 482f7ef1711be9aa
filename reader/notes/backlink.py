"""Backlinks to a passage: ``reader://ARTICLE-ID#START-END`` (offsets into ``Article.body``)."""

from __future__ import annotations

import re
from typing import NamedTuple

SCHEME = "reader"
_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]*")
_RANGE_RE = re.compile(r"(\d{1,12})-(\d{1,12})")


class BacklinkError(ValueError):
    """A string is not a valid ``reader://`` backlink; the message says why."""


class Backlink(NamedTuple):
    """A parsed backlink; ``start == end == 0`` when the url names no passage."""

    article_id: str
    start: int
    end: int


def format_backlink(article_id: str, start: int, end: int) -> str:
    """``reader://ARTICLE-ID#START-END``."""
    if not _ID_RE.fullmatch(article_id or ""):
        raise BacklinkError(f"article id {article_id!r} cannot be used in a backlink")
    if not (0 <= start <= end):
        raise BacklinkError(f"bad passage {start}-{end}: need 0 <= start <= end")
    return f"{SCHEME}://{article_id}#{start}-{end}"


def parse_backlink(url: str) -> Backlink:
    """Split a backlink into ``(article_id, start, end)``; raises :class:`BacklinkError`.

    ``reader://ID`` without a fragment is accepted and means the start of the article.
    """
    if not isinstance(url, str):
        raise BacklinkError("a backlink must be text")
    text = url.strip()
    scheme, sep, rest = text.partition("://")
    if not sep or scheme.lower() != SCHEME:
        raise BacklinkError(
            f"{url!r} is not a reader:// link (expected reader://ARTICLE-ID#START-END)"
        )
    ident, hash_, fragment = rest.partition("#")
    ident = ident.rstrip("/")
    if not ident:
        raise BacklinkError(f"{url!r} has no article id")
    if not _ID_RE.fullmatch(ident):
        raise BacklinkError(f"{url!r}: article id {ident!r} has characters ids never contain")
    if not hash_:
        return Backlink(ident, 0, 0)
    m = _RANGE_RE.fullmatch(fragment)
    if not m:
        raise BacklinkError(f"{url!r}: passage {fragment!r} is not START-END (two whole numbers)")
    start, end = int(m.group(1)), int(m.group(2))
    if start > end:
        raise BacklinkError(f"{url!r}: passage start {start} is after its end {end}")
    return Backlink(ident, start, end)
