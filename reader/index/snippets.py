"""Snippets: the passages of a body around the query's words, with the words marked.

Cheaper than Whoosh's highlighter (which re-analyses every body, or needs character
positions stored at several times the indexing cost): the query's stemmed terms and
its typed words become one case-insensitive regex over the stored body.
"""

from __future__ import annotations

import re

from reader.model import HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN

_WORD = re.compile(r"\w+", re.UNICODE)


def term_pattern(terms: set[str], words: set[str], prefixes: set[str] = frozenset()) -> re.Pattern[str] | None:
    """A regex matching a stemmed term plus a short ending, a typed word, or a ``word*`` prefix.

    Stems shorter than 4 letters match only as whole words ("al" must not light up "also").
    """
    stems = sorted({t for t in terms if len(t) >= 4}, key=len, reverse=True)
    exact = sorted({w for w in words | {t for t in terms if len(t) < 4} if len(w) >= 2},
                   key=len, reverse=True)
    parts = ([rf"{re.escape(p)}\w*" for p in sorted(prefixes, key=len, reverse=True) if p]
             + [rf"{re.escape(s)}\w{{0,4}}" for s in stems] + [re.escape(w) for w in exact])
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def make_snippet(body: str, pattern: re.Pattern[str] | None, width: int = 220, fragments: int = 2) -> str:
    """Up to ``fragments`` windows of about ``width`` characters around matches, joined by " … ".

    Windows holding more distinct query words win; ties go to the earlier window.
    """
    if pattern is None:
        return ""
    matches = [(m.start(), m.group(0).lower()) for _, m in zip(range(400), pattern.finditer(body))]
    if not matches:
        return ""
    candidates = []
    for index, (position, _) in enumerate(matches):
        start = max(0, position - width // 3)
        end = min(len(body), start + width)
        distinct = {word for pos, word in matches[index:] if pos < end}
        candidates.append((-len(distinct), start, end))
    windows: list[tuple[int, int]] = []
    for _, start, end in sorted(candidates):
        if all(end <= s or start >= e for s, e in windows):
            windows.append((start, end))
        if len(windows) >= fragments:
            break
    pieces = []
    for start, end in windows:  # best window first
        # widen to word boundaries so no word is cut in half
        while start > 0 and body[start - 1].isalnum():
            start -= 1
        while end < len(body) and body[end].isalnum():
            end += 1
        marked = pattern.sub(lambda m: f"{HIGHLIGHT_OPEN}{m.group(0)}{HIGHLIGHT_CLOSE}", body[start:end])
        pieces.append(("… " if start > 0 else "") + " ".join(marked.split())
                      + (" …" if end < len(body) else ""))
    return " ".join(pieces).replace("… …", "…")


def query_words(text: str) -> tuple[set[str], set[str]]:
    """The plain words a user typed and the prefixes written as ``word*`` (operators excluded)."""
    words: set[str] = set()
    prefixes: set[str] = set()
    for token in re.split(r"\s+", text):
        if any(c in token for c in "[]{}"):
            continue  # range bounds are not words of the text
        if ":" in token:
            token = token.split(":", 1)[1]
        found = _WORD.findall(token)
        if token.rstrip('")').endswith("*") and found:
            prefixes.add(found.pop().lower())
        for word in found:
            if word not in ("AND", "OR", "NOT", "TO", "to") and not word.isdigit():
                words.add(word.lower())
    return words, prefixes
