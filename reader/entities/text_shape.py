"""Where a position sits in the text and small token helpers: headline lines in capitals or
Title Case, sentence starts, hyphen tails, leading titles, lone stop words."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from reader.entities import rules
from reader.entities.candidates import Candidate
from reader.entities.gazetteer import load_given_names
from reader.entities.normalise import key


@lru_cache(maxsize=65536)
def norm(word: str) -> str:
    """Lower case, curly apostrophe straightened, trailing full stop dropped."""
    return word.lower().replace("’", "'").rstrip(".")


@lru_cache(maxsize=65536)
def is_lone_stop(run: str) -> bool:
    """A run of one plain word that is a stop word or a title: it yields no candidate."""
    if not run.isalpha():
        return False
    low = run.lower()
    return low in rules.STOP_WORDS or low in rules.TITLES or low in rules.JOB_TITLES


def run_tokens(run: str, start: int) -> list[tuple[int, int, str]]:
    """``(start, end, token)`` of the words of a capitalised run found at ``start`` (TOKEN_RE,
    hyphen tails split off)."""
    if _PLAIN_RUN.fullmatch(run):  # most runs: the words are the tokens
        tokens = []
        for word in run.split(" "):
            tokens.append((start, start + len(word), word))
            start += len(word) + 1
        return tokens
    found = rules.TOKEN_RE.finditer(run)
    return split_hyphen_tails([(t.start() + start, t.end() + start, t.group()) for t in found])


_PLAIN_RUN = re.compile(r"(?:[A-Z]\w*|[a-z]+)(?: (?:[A-Z]\w*|[a-z]+))*", re.ASCII)
"""Capitalised and lower-case ASCII words joined by single spaces ("Bank of England"):
TOKEN_RE finds exactly these words (no abbreviation, hyphen, apostrophe or ordinal)."""


def split_hyphen_tails(tokens):
    """"UK-based" -> "UK"; "Assad-backed" -> "Assad" (a lower-case tail is not part of a name)."""
    out = []
    for s, e, tok in tokens:
        if "-" in tok:
            parts = tok.split("-")
            if parts[0].lower() in rules.HYPHEN_PREFIXES and len(parts) > 1 and parts[1][:1].isupper():
                s += len(parts[0]) + 1
                tok = tok[len(parts[0]) + 1 :]
                parts = parts[1:]
            if parts[-1][:1].islower() and parts[-1] not in rules.CONNECTORS and (
                parts[-1] in rules.HYPHEN_TAILS or len(parts[-1]) >= 5
            ):
                keep = "-".join(p for p in parts[:1])
                e = s + len(keep)
                tok = keep
                out.append((s, e, tok))
                out.append((e, e, "and"))  # a break: never join across it
                continue
        out.append((s, e, tok))
    return out


def drop_honours(tokens, run_hits):
    """Tokens and list hits of a run without its "All-" compounds ("All-American", "All-Star",
    "Texas All-State"): honours and teams of the best, never names, and a break between the
    names either side. A run ending with a designator keeps them ("All-India Radio")."""
    last = norm(tokens[-1][2]) if tokens else ""
    if last in rules.ORG_SUFFIXES or last in rules.PLACE_SUFFIXES:
        return tokens, run_hits
    out = []
    for tok in tokens:
        if tok[2].startswith(("All-", "ALL-")) and len(tok[2]) > 4:
            out.append((tok[0], tok[0], "and"))  # a break: never join across it
            run_hits = [h for h in run_hits if not (tok[0] <= h[0] < tok[1])]
        else:
            out.append(tok)
    return out, run_hits


def starts_sentence(text: str, pos: int) -> bool:
    j = pos - 1
    while j >= 0 and text[j] in " \t\"'“‘(":
        j -= 1
    if j < 0:
        return True
    ch = text[j]
    if ch in "\n.!?:;—•*#|>":
        if ch == "." and j >= 2 and text[j - 2 : j + 1] in ("Mr.", "Dr.", "Ms.", "St."):
            return False
        if ch == "\n" and j >= 2 and text[j - 1] == "." or ch == ".":
            return not after_initial(text, pos)
        return True
    return False


_INITIAL_BEFORE = re.compile(r"\b([A-Z][a-z]+)[ \t]+[A-Z][ \t]?\.[ \t]*\n?[ \t]*$")
"""A name and an initial right before a position: "Thomas L. ", "Thomas L .\n"."""


def after_initial(text: str, pos: int) -> bool:
    """True if ``pos`` follows a given name, an initial and its full stop ("Thomas L . Hayes",
    also where a tokeniser split the sentence there): the word at ``pos`` is the surname."""
    j = pos - 1
    while j > 0 and text[j] in " \t\n":
        j -= 1
    if j < 3 or text[j] != "." or not (text[j - 1].isupper() or text[j - 2].isupper()):
        return False
    m = _INITIAL_BEFORE.search(text, max(0, pos - 40), pos)
    return m is not None and key(m.group(1)) in load_given_names()  # not "Plan B. Officials"


_DROP_UPPER = {c: None for c in range(ord("A"), ord("Z") + 1)}
_DROP_LOWER = {c: None for c in range(ord("a"), ord("z") + 1)}
_DROP_UPPER.update({c: None for c in range(0xC0, 0xDF) if chr(c).isupper()})
_DROP_LOWER.update({c: None for c in range(0xDF, 0x100) if chr(c).islower()})
_ASCII_UPPER = bytes(range(ord("A"), ord("Z") + 1))
_ASCII_LOWER = bytes(range(ord("a"), ord("z") + 1))
_LONG_LOWER_WORD = re.compile(rb"[\s\x1c-\x1f][a-z][^\s\x1c-\x1f]{3}")
"""A word of 4+ characters starting in lower case (after whitespace as ``str.split`` knows it)."""


def special_lines(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Line ranges written in capitals (Reuters titles) and in Title Case (headlines)."""
    if text.isascii():
        return _ascii_special_lines(text)
    caps: list[tuple[int, int]] = []
    titles: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        n_upper = len(line) - len(line.translate(_DROP_UPPER))
        if n_upper >= 2:
            n_letters = n_upper + len(line) - len(line.translate(_DROP_LOWER))
            if n_letters >= 4 and n_upper / n_letters > 0.7:
                caps.append((pos, end))
            elif line.count(" ") < 40 and _title_case(line):
                titles.append((pos, end))
        pos = end + 1
    return caps, titles


def _ascii_special_lines(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """:func:`special_lines` of an ASCII text (most articles): the letters of a line are
    counted with ``bytes.translate``, and a line with many long lower-case words (a sentence)
    is no Title Case line."""
    caps: list[tuple[int, int]] = []
    titles: list[tuple[int, int]] = []
    pos = 0
    for line in text.encode("ascii").split(b"\n"):
        end = pos + len(line)
        n_upper = len(line) - len(line.translate(None, _ASCII_UPPER))
        if n_upper >= 2:
            n_letters = n_upper + len(line) - len(line.translate(None, _ASCII_LOWER))
            if n_letters >= 4 and n_upper / n_letters > 0.7:
                caps.append((pos, end))
            # Title Case needs 3+ capitalised words, at least 4 per long lower-case word (a
            # sentence has too many of these in its first 80 characters already)
            elif (
                n_upper >= 3
                and line.count(b" ") < 40
                and 4 * len(_LONG_LOWER_WORD.findall(line, 0, 80)) <= n_upper
                and 4 * len(_LONG_LOWER_WORD.findall(line)) <= n_upper
                and _title_case(line.decode("ascii"))
            ):
                titles.append((pos, end))
        pos = end + 1
    return caps, titles


def _title_case(line: str) -> bool:
    """3-25 words, the long ones (nearly) all capitalised: a headline, not a sentence."""
    words = [w for w in line.split() if w[:1].isalpha()]
    if not 3 <= len(words) <= 25:
        return False
    initials = [w[0] for w in words if len(w) > 3]
    longw = len(initials)
    capped = sum(c.isupper() for c in initials)
    ends_sentence = line.rstrip().endswith((".", "?", "!"))
    return (longw >= 4 and capped / longw >= 0.8 and not ends_sentence) or (
        longw >= 3 and capped == longw
    )


def in_ranges(pos: int, ranges: list[tuple[int, int]]) -> bool:
    """True if ``pos`` falls inside one of the sorted, disjoint ``ranges``."""
    if not ranges:
        return False
    i = bisect.bisect_right(ranges, (pos, float("inf"))) - 1
    return i >= 0 and ranges[i][0] <= pos < ranges[i][1]


def dedupe(cands: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    last_end = -1
    for c in cands:
        if c.start < last_end or c.end <= c.start:
            continue
        out.append(c)
        last_end = c.end
    return out
