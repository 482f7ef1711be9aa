"""Recognise datelines ("Feb 17, 2020 07:45 UTC", "17 February 2020", "2020-02-17") and date values."""

from __future__ import annotations

import re
from datetime import date, datetime

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"), ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_TIME = r"(?:\s*(?:[,|·–-]|at)?\s*\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}|GMT[+-]?\d*|UTC[+-]?\d*)?)?"
_PATTERNS = [
    re.compile(rf"^{_WEEKDAY}{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}}){_TIME}$", re.I),
    re.compile(rf"^{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4}}){_TIME}$", re.I),
    re.compile(rf"^(?P<year>\d{{4}})-(?P<mnum>\d{{2}})-(?P<day>\d{{2}})(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}})?(?:\.\d+)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?{_TIME}$", re.I),
]
_PREFIX = re.compile(r"^(?:published|updated|posted|last updated|date)\s*(?:on|:)?\s*", re.I)


def parse_dateline(line: str) -> date | None:
    """The date if ``line`` is only a dateline (optionally "Published:"-prefixed), else None."""
    text = _PREFIX.sub("", line.strip().strip("|·–-•").strip())
    if not text or len(text) > 60:
        return None
    for pattern in _PATTERNS:
        match = pattern.match(text)
        if match:
            return _build(match)
    return None


def _build(match: re.Match[str]) -> date | None:
    parts = match.groupdict()
    month = int(parts["mnum"]) if parts.get("mnum") else _MONTHS.get(parts["month"].lower().rstrip("."))
    try:
        return date(int(parts["year"]), month or 0, int(parts["day"]))
    except (TypeError, ValueError):
        return None


def coerce_date(value: object) -> date | None:
    """A date from a YAML/JSON value (date, datetime, ISO string, or a dateline-like string)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()[:60]
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            return parse_dateline(text)
    return None
