"""Timelines: counts per day, ISO week, month or year, with empty periods filled in."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date as Date
from datetime import timedelta

GRANULARITIES = ("day", "week", "month", "year")

SPARK = "▁▂▃▄▅▆▇█"
"""Bar characters of a text sparkline, lowest first."""


def period(day: Date, granularity: str) -> str:
    """The label of the period containing ``day``: 2020-02-17, 2020-W08, 2020-02 or 2020."""
    if granularity == "day":
        return day.isoformat()
    if granularity == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if granularity == "month":
        return f"{day.year}-{day.month:02d}"
    if granularity == "year":
        return str(day.year)
    raise ValueError(f"unknown granularity {granularity!r} (one of {', '.join(GRANULARITIES)})")


def _next_start(day: Date, granularity: str) -> Date:
    """The first day of the period after the one containing ``day``."""
    if granularity == "day":
        return day + timedelta(days=1)
    if granularity == "week":
        return day - timedelta(days=day.weekday()) + timedelta(days=7)
    if granularity == "month":
        return Date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return Date(day.year + 1, 1, 1)


def auto_granularity(days: Iterable[Date], max_periods: int = 60) -> str:
    """The finest granularity giving at most ``max_periods`` periods for these dates."""
    days = list(days)
    if not days:
        return "month"
    first, last = min(days), max(days)
    for granularity in GRANULARITIES:
        if len(periods_between(first, last, granularity)) <= max_periods:
            return granularity
    return "year"


def periods_between(first: Date, last: Date, granularity: str) -> list[str]:
    """Every period label from the one containing ``first`` to the one containing ``last``."""
    labels = []
    day = first
    while day <= last:
        labels.append(period(day, granularity))
        day = _next_start(day, granularity)
    end = period(last, granularity)
    if labels and labels[-1] != end:
        labels.append(end)
    return labels


def timeline(days: Iterable[Date], granularity: str = "month") -> list[tuple[str, int]]:
    """(period, count) for every period between the first and the last date, zeros included."""
    days = list(days)
    if not days:
        return []
    counts = Counter(period(d, granularity) for d in days)
    return [(label, counts.get(label, 0))
            for label in periods_between(min(days), max(days), granularity)]


def sparkline(counts: list[int]) -> str:
    """A one-line text sparkline (▁▂▃▄▅▆▇█) of ``counts``; zero is a space."""
    if not counts:
        return ""
    top = max(counts) or 1
    return "".join(" " if c == 0 else SPARK[max(0, min(len(SPARK) - 1,
                   round(c / top * (len(SPARK) - 1))))] for c in counts)
