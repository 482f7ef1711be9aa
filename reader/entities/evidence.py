"""Evidence in one document that links names: acronym definitions and former names."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from reader.entities import rules
from reader.entities.candidates import DocAnalysis
from reader.entities.normalise import key


def collect_evidence(text: str, result: DocAnalysis) -> None:
    """Acronyms defined in ``text`` ("Long Name (LN)") and "X, formerly known as Y" pairs."""
    if "(" in text:
        for m in acronym_definitions(text):
            long_form, acr = m.group(1), m.group(2)
            long_form = trim_long_form(long_form, acr)
            if long_form:
                result.acronyms.append((key(acr), key(long_form)))
    low = text.lower()
    if "formerly" in low or "previously" in low or "originally" in low or "once known" in low:
        starts = [c.start for c in result.candidates]
        for m in rules.FORMERLY_RE.finditer(text):
            old = strip_possessive(m.group(1))
            subject = None
            # the last candidate ending shortly before the phrase (bisect: linear overall)
            for c in reversed(result.candidates[max(0, bisect.bisect_left(starts, m.start()) - 8):
                                                bisect.bisect_left(starts, m.start())]):
                if c.end <= m.start() and m.start() - c.end < 60:
                    subject = c
                    break
            if subject is not None and key(old):
                result.formerly.append((subject.key, key(old)))


_POSSESSIVE = re.compile(r"['’]s?$")
_NOT_CAPITAL = re.compile(r"[^A-Z]")
_TAIL = re.compile(r"[ \t]+\((?:the[ \t]+)?(?:[A-Z][A-Za-z]{1,9}|[A-Z](?:\.[A-Z])+\.?)\)")
"""How every ACRONYM_DEF_RE match ends: `` (LN)``."""
_NAME_CHARS = re.compile(r"[\w'’\- \t]*")
"""Characters a long form is made of (used on the reversed text: how far back one reaches)."""


def acronym_definitions(text: str) -> Iterator[re.Match]:
    """The matches of ``ACRONYM_DEF_RE.finditer(text)``, found faster.

    A long form is a stretch of name characters (no "(") right before its `` (LN)``, so the
    pattern only runs over that stretch before each such ending: scanning the whole text,
    it would try every capital letter and backtrack through the rest of its capitalised run.
    """
    rev = text[::-1]
    last_end = 0
    for tail in _TAIL.finditer(text):
        at = len(text) - tail.start()  # the tail's start, counted from the end
        start = max(last_end, tail.start() - (_NAME_CHARS.match(rev, at).end() - at))
        m = rules.ACRONYM_DEF_RE.search(text, start, tail.end())
        if m is not None:
            yield m
            last_end = m.end()


def strip_possessive(name: str) -> str:
    return _POSSESSIVE.sub("", name)


def trim_long_form(long_form: str, acronym: str) -> str | None:
    """The words of ``long_form`` that the acronym abbreviates (initials check), or None."""
    letters = [c for c in acronym if c.isalpha()]
    if len(letters) < 2:
        return None
    # A long form has at most a few words per letter (connectors like "of", "al-"): looking
    # further back is pointless and would make long capitalised runs quadratic.
    words = long_form.split()[-(3 * len(letters) + 6):]
    # take the shortest tail of words whose capitalised initials cover the acronym's letters
    for n in range(1, len(words) + 1):
        tail = words[-n:]
        if not tail[0][:1].isupper():
            continue
        inits = "".join(w[0] for w in tail if w[:1].isupper()).upper()
        parts = "".join(_NOT_CAPITAL.sub("", w) for w in tail)
        if inits == "".join(letters).upper() or parts == "".join(letters).upper():
            return " ".join(tail)
        if inits.startswith(letters[0].upper()) and _subsequence("".join(letters).upper(), parts):
            if len(tail) >= len(letters) - 1:
                return " ".join(tail)
    return None


def _subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(ch in it for ch in needle)
