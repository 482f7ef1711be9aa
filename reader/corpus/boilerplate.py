"""Boilerplate rules kept as data (``boilerplate.yaml``), applied line by line.

A rule never destroys text silently: it returns the spans it removed, labelled
with the rule name, and the raw text stays available.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from reader import paths
from reader.model import Span

RULES_FILE = Path(__file__).with_name("boilerplate.yaml")


@dataclass(frozen=True)
class Rule:
    """One boilerplate rule."""

    name: str
    pattern: re.Pattern[str]
    scope: str = "line"
    headline_before: bool = False
    source: re.Pattern[str] | None = None
    """Optional pattern whose ``source`` group names the outlet."""


def _parse_rules(data: object, origin: str) -> list[Rule]:
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise ValueError(f"{origin}: expected a mapping with a 'rules' list")
    rules = []
    for number, item in enumerate(data["rules"], 1):
        if not isinstance(item, dict) or not isinstance(item.get("match"), str):
            raise ValueError(f"{origin}: rule {number} needs a 'match' string")
        scope = item.get("scope", "line")
        if scope not in ("line", "rest"):
            raise ValueError(f"{origin}: rule {number} has unknown scope {scope!r}")
        try:
            pattern = re.compile(item["match"], re.IGNORECASE)
            source = re.compile(item["source"]) if isinstance(item.get("source"), str) else None
        except re.error as exc:
            raise ValueError(f"{origin}: rule {number} has a bad regex ({exc})") from None
        if source is not None and "source" not in source.groupindex:
            raise ValueError(f"{origin}: rule {number}: 'source' needs a (?P<source>...) group")
        rules.append(
            Rule(str(item.get("name", f"rule-{number}")), pattern, scope,
                 bool(item.get("headline_before", False)), source)
        )
    return rules


@lru_cache(maxsize=1)
def load_rules() -> tuple[Rule, ...]:
    """Shipped rules plus the user's ``boilerplate.yaml`` (a broken user file is ignored)."""
    rules = _parse_rules(yaml.safe_load(RULES_FILE.read_text(encoding="utf-8")), str(RULES_FILE))
    user = paths.config_dir() / "boilerplate.yaml"
    try:
        rules += _parse_rules(yaml.safe_load(user.read_text(encoding="utf-8")), str(user))
    except FileNotFoundError:
        pass
    except (OSError, ValueError, yaml.YAMLError):
        pass  # reported by `reader index` through warnings would be noisy per file; keep shipped rules
    return tuple(rules)


def looks_like_headline(line: str) -> bool:
    """A short line without closing sentence punctuation (a teaser or title)."""
    line = line.strip()
    return 0 < len(line) <= 140 and len(line.split()) <= 20 and line[-1] not in ".,;:"


def find_boilerplate(lines: list[tuple[int, str]], rules: tuple[Rule, ...] | None = None) -> list[Span]:
    """Return removed spans for ``lines`` given as ``(offset, line_text)`` pairs (offsets into raw).

    Spans cover whole lines (without the newline). A ``rest`` rule removes its line and
    every line after it.
    """
    rules = load_rules() if rules is None else rules
    removed: list[Span] = []
    for position, (offset, line) in enumerate(lines):
        stripped = line.strip()
        if not stripped or len(stripped) > 400:
            continue
        for rule in rules:
            if not rule.pattern.search(stripped):
                continue
            if rule.scope == "rest":
                if rule.headline_before:
                    previous = [(o, t) for o, t in lines[:position] if t.strip()]
                    if previous and looks_like_headline(previous[-1][1]) and not any(
                        s.start == previous[-1][0] for s in removed
                    ):
                        o, t = previous[-1]
                        removed.append(Span(o, o + len(t), rule.name))
                end_offset, end_line = lines[-1]
                removed.append(Span(offset, end_offset + len(end_line), rule.name))
                return removed
            removed.append(Span(offset, offset + len(line), rule.name))
            break
    return removed


def source_named(raw: str, removed: list[Span], rules: tuple[Rule, ...] | None = None) -> str:
    """The outlet named by a removed boilerplate line ("Subscribe to X Telegram channel"), or ""."""
    by_name = {rule.name: rule for rule in (load_rules() if rules is None else rules)}
    for span in removed:
        rule = by_name.get(span.label)
        if rule is None or rule.source is None:
            continue
        match = rule.source.search(raw[span.start : span.end].strip())
        if match and match.group("source"):
            return match.group("source").strip()
    return ""
