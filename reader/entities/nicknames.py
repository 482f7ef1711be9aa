"""A nickname in quotes inside a person's name: ``William "Bill" Cowley``, ``Joaquin “El
Chapo” Guzmán``. The capitalisation runs stop at the quotes, so the analyser first finds the
given name(s) and the surname as separate pieces; this joins them into one person.

Only where the first piece starts with a given name (or is one unlisted word), the quoted
part is one to three capitalised words, and a capitalised surname follows the closing quote
at once (not a stop word unless it is also a given name, "May"; not a word the text writes
in lower case: ``the Marillion "Misplaced" Tour``).
"""

from __future__ import annotations

import re

from reader.entities import rules
from reader.entities.candidates import Candidate
from reader.entities.normalise import key
from reader.model import ACTOR

NICKNAME_RE = re.compile(
    r"[\"“](?<=[ \t][\"“])[ \t]?[A-Z][\w'’.\-]*(?:[ \t]+[A-Z][\w'’.\-]*){0,2}[ \t]?[\"”][ \t]+"
    r"([A-Z][\w'’\-]*[a-z][\w'’\-]*)"
)
"""`` "Nick" Surname``: the quoted nickname (1-3 capitalised words) and the surname after it."""


def join_nicknames(analyser, text: str, cands: list[Candidate], hits, lower_words,
                   title_lines) -> list[Candidate]:
    """``cands`` (sorted by start) with every "Given "Nick" Surname" made one person; the
    words after the surname in its own capitalised run are analysed again on their own."""
    if '"' not in text and "“" not in text:
        return cands
    by_end: dict[int, int] = {}
    given = analyser._given
    joins = []
    for m in NICKNAME_RE.finditer(text):
        if not by_end:
            by_end = {c.end: i for i, c in enumerate(cands)}
        left_end = m.start()
        while left_end > 0 and text[left_end - 1] in " \t":
            left_end -= 1
        i = by_end.get(left_end)
        if i is None:
            continue
        left = cands[i]
        if left.kind != ACTOR and left.type not in ("city", "place"):
            continue
        first = left.text.split(maxsplit=1)[0]
        if key(first) not in given and (left.known >= 0 or first != left.text):
            continue  # a given name first, or one unlisted word ("Charalambos "Bambos" X")
        surname = m.group(1)
        low = surname.lower()
        if (low in rules.STOP_WORDS or low in lower_words) and key(surname) not in given:
            continue
        joins.append((left.start, m.end(1)))
    if not joins:
        return cands
    out = list(cands)
    for start, end in joins:
        rest_end = max((c.end for c in out if c.start < end and c.end > end), default=end)
        out = [c for c in out if c.end <= start or c.start >= end]
        surface = text[start:end]
        out.append(Candidate(start, end, surface, key(surface), -1, ACTOR, "person"))
        if rest_end > end:
            # "Harold "Junior" Theriault of the Liberal Party": the rest is a name of its own
            rest = _after_connectors(text, end, rest_end)
            if rest < rest_end:
                run_hits = [h for h in hits if rest <= h[0] and h[1] <= rest_end]
                analyser._run(text, rest, rest_end, run_hits, out, lower_words, title_lines)
    out.sort(key=lambda c: c.start)
    return out


_LEAD = re.compile(r"(?:[ \t]+|(?:of|for|and|the|de|at|in)\b)*")


def _after_connectors(text: str, pos: int, end: int) -> int:
    """Position of the first capitalised word after ``pos`` (spaces and connectors skipped)."""
    return _LEAD.match(text, pos, end).end()
