"""The rows of the Related pane: each related article's title, date · source and reason,
wrapped to the pane's width, with a rule between two articles (plain text, no Textual)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.text import Text

SEPARATOR = "separator"
"""Kind of the rule drawn between two articles."""
KINDS = ("title", "meta", "reason", SEPARATOR, "note")
"""Kinds of rows (the pane styles each with a component class ``related-pane--<kind>``)."""


def related_reason(item: Any) -> str:
    """A short human reason for a related article."""
    reason = str(getattr(item, "reason", "") or "")
    if not reason:
        shared = list(getattr(item, "shared_entities", []) or [])
        reason = f"shares {', '.join(shared[:4])}" if shared else "similar wording"
    if getattr(item, "duplicate", False):
        reason = f"duplicate · {reason}"
    return " ".join(reason.split())


@dataclass(frozen=True)
class RelatedRow:
    """One terminal row of the pane: part of an article's text, or a separator."""

    item: int | None
    """Index of the article the row belongs to (None: separator or note)."""
    kind: str
    """``title``, ``meta``, ``reason``, ``separator`` or ``note`` (its component class)."""
    text: str
    """What the row says (already wrapped to the width)."""


def wrap_related(items: list[Any], width: int, console: Console) -> list[RelatedRow]:
    """The rows of ``items`` at ``width``: title, date · source, reason, then a separator."""
    rows: list[RelatedRow] = []
    for index, item in enumerate(items):
        if index:
            rows.append(RelatedRow(None, SEPARATOR, ""))
        summary = item.summary
        parts = (
            ("title", " ".join(summary.title.split()) or "(untitled)"),
            ("meta", " · ".join(x for x in (summary.date, summary.source) if x)),
            ("reason", related_reason(item)),
        )
        for kind, plain in parts:
            if not plain:
                continue
            for line in Text(plain).wrap(console, max(1, width)):
                rows.append(RelatedRow(index, kind, line.plain.rstrip()))
    return rows
