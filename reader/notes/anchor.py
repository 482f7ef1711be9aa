"""Making selectors for a passage and re-anchoring them after the article changed.

All functions are pure (text in, values out). Re-anchoring tries, in order:

1. **position** — the recorded offsets, accepted only if the quote is still there;
2. **exact quote** — every occurrence of the quote, the one whose surroundings best
   match the recorded prefix/suffix winning (ties: nearest to the old position);
3. **bounded fuzzy** — ``rapidfuzz`` alignment of the quote against the body (quotes up
   to :data:`MAX_FUZZY_QUOTE` characters, bodies up to :data:`MAX_FUZZY_WINDOW`
   characters around the old position), boundaries refined, accepted above a score
   threshold;

and otherwise reports the note as an **orphan** (kept, with its quote).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import replace

from rapidfuzz import fuzz

from reader.notes.model import (
    ANCHORED,
    CONTEXT_CHARS,
    DEFAULT_COLOR,
    FUZZY,
    MOVED,
    ORPHAN,
    Anchor,
    Note,
    NoteEntity,
    NoteError,
    TextPositionSelector,
    TextQuoteSelector,
    new_note_id,
    normalise_tags,
    utc_now,
)
from reader.sentences import sentence_bounds as split_sentences

MAX_FUZZY_QUOTE = 5000
"""Longer quotes are only anchored exactly (fuzzy alignment cost grows with quote length)."""
MAX_FUZZY_WINDOW = 400_000
"""At most this many characters of body (centred on the old position) are searched fuzzily."""
FUZZY_THRESHOLD = 75.0
"""Minimum rapidfuzz ``ratio`` (0-100) between the quote and the passage found."""
SHORT_QUOTE = 24
SHORT_QUOTE_THRESHOLD = 85.0
"""Short quotes change a lot with one word, so they need a closer match (plus context)."""
MAX_OCCURRENCES = 10_000
"""Exact-match candidates considered at most (protects against one-letter quotes)."""


def make_selectors(
    body: str, start: int, end: int, context: int = CONTEXT_CHARS
) -> tuple[TextQuoteSelector, TextPositionSelector]:
    """Selectors for ``body[start:end]``: quote with ``context`` chars each side, and offsets."""
    if not (0 <= start < end <= len(body)):
        raise NoteError(f"passage {start}-{end} is not inside the text (length {len(body)})")
    quote = TextQuoteSelector(
        exact=body[start:end],
        prefix=body[max(0, start - context) : start],
        suffix=body[end : end + context],
    )
    return quote, TextPositionSelector(start, end)


def anchor(body: str, quote: TextQuoteSelector, position: TextPositionSelector) -> Anchor:
    """Place a quote in ``body``: position, exact quote with context, fuzzy, else orphan."""
    exact = quote.exact
    start, end = position.start, position.end
    if exact and 0 <= start <= end <= len(body) and body[start:end] == exact:
        return Anchor(ANCHORED, start, end, exact)
    if exact:
        found = _exact(body, quote, start)
        if found is not None:
            return Anchor(MOVED, found, found + len(exact), exact)
        fuzzy = _fuzzy(body, quote, start)
        if fuzzy is not None:
            s, e, score = fuzzy
            return Anchor(FUZZY, s, e, body[s:e], score)
    clamp_s = max(0, min(start, len(body)))
    clamp_e = max(clamp_s, min(end, len(body)))
    return Anchor(ORPHAN, clamp_s, clamp_e, "", 0.0)


def reanchor(note: Note, body: str) -> Note:
    """A copy of ``note`` with ``anchor`` set for the current ``body`` of its article."""
    return replace(note, anchor=anchor(body, note.quote, note.position))


def rebase(note: Note, body: str, content_hash: str) -> Note:
    """Make a (moved or fuzzy) re-anchoring permanent: new selectors from the current body.

    Orphans are returned unchanged (there is nothing to attach them to).
    """
    found = note.anchor or anchor(body, note.quote, note.position)
    if not found.placed or found.start >= found.end:
        return note
    quote, position = make_selectors(body, found.start, found.end)
    return replace(note, quote=quote, position=position, content_hash=content_hash, anchor=None)


def entities_in(mentions: Iterable, start: int, end: int) -> tuple[NoteEntity, ...]:
    """Distinct entities (id, name) of the mentions lying inside ``[start, end)``, in text order."""
    seen: dict[str, NoteEntity] = {}
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        if m.start >= start and m.end <= end and m.entity not in seen:
            seen[m.entity] = NoteEntity(m.entity, m.name)
    return tuple(seen.values())




def sentence_bounds(body: str, offset: int) -> tuple[int, int]:
    """The sentence around ``offset`` (for "annotate the sentence under the cursor").

    Uses the shared splitter (``reader.sentences``); an offset in the white space between
    two sentences takes the sentence before it. Surrounding white space is excluded.
    """
    if not body:
        return 0, 0
    offset = max(0, min(offset, len(body) - 1))
    bounds = split_sentences(body)
    if not bounds:
        return 0, 0
    index = max(0, bisect.bisect_right([s for s, _ in bounds], offset) - 1)
    start, end = bounds[index]
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


# --- internals ---------------------------------------------------------------------------


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _context_score(body: str, quote: TextQuoteSelector, start: int, end: int) -> int:
    """How many characters of the recorded prefix/suffix match around ``[start, end)``."""
    before = body[max(0, start - len(quote.prefix)) : start]
    after = body[end : end + len(quote.suffix)]
    return _common_suffix(before, quote.prefix) + _common_prefix(after, quote.suffix)


def _exact(body: str, quote: TextQuoteSelector, hint: int) -> int | None:
    """Start of the best exact occurrence of the quote (context first, then nearness to hint)."""
    exact = quote.exact
    best: tuple[int, int] | None = None
    best_start = None
    pos = body.find(exact)
    count = 0
    while pos != -1 and count < MAX_OCCURRENCES:
        key = (_context_score(body, quote, pos, pos + len(exact)), -abs(pos - hint))
        if best is None or key > best:
            best, best_start = key, pos
        pos = body.find(exact, pos + 1)
        count += 1
    return best_start


def _fuzzy(body: str, quote: TextQuoteSelector, hint: int) -> tuple[int, int, float] | None:
    """Best approximate passage for the quote as ``(start, end, score)``, or None."""
    exact = quote.exact
    if len(exact) > MAX_FUZZY_QUOTE or not body.strip():
        return None
    threshold = SHORT_QUOTE_THRESHOLD if len(exact) < SHORT_QUOTE else FUZZY_THRESHOLD
    lo = 0
    if len(body) > MAX_FUZZY_WINDOW:
        lo = max(0, min(hint - MAX_FUZZY_WINDOW // 2, len(body) - MAX_FUZZY_WINDOW))
    window = body[lo : lo + MAX_FUZZY_WINDOW]
    if len(exact) < SHORT_QUOTE and (quote.prefix or quote.suffix):
        located = _fuzzy_with_context(window, quote, threshold)
    else:
        located = _align(window, exact, threshold)
    if located is None:
        return None
    s, e = located
    s, e = _refine(window, exact, s, e)
    score = fuzz.ratio(exact, window[s:e])
    if score < threshold or s >= e:
        return None
    return lo + s, lo + e, round(score, 1)


def _align(text: str, needle: str, threshold: float) -> tuple[int, int] | None:
    """Rough location of ``needle`` in ``text`` by partial-ratio alignment."""
    found = fuzz.partial_ratio_alignment(needle, text, score_cutoff=threshold * 0.9)
    if found is None or found.score < threshold * 0.9:
        return None
    return found.dest_start, found.dest_end


def _fuzzy_with_context(
    text: str, quote: TextQuoteSelector, threshold: float
) -> tuple[int, int] | None:
    """Locate a short quote by aligning it together with its context, then trimming the context."""
    needle = quote.prefix + quote.exact + quote.suffix
    region = _align(text, needle, FUZZY_THRESHOLD)
    if region is None:
        return None
    rs, re_ = region
    slack = len(quote.exact) + 8
    lo = max(0, rs + len(quote.prefix) - slack)
    hi = min(len(text), re_ - len(quote.suffix) + slack)
    inner = _align(text[lo:hi], quote.exact, threshold)
    if inner is None:
        return None
    return lo + inner[0], lo + inner[1]


def _refine(text: str, needle: str, s: int, e: int) -> tuple[int, int]:
    """Move the boundaries a little to maximise ``fuzz.ratio(needle, text[s:e])``."""
    slack = min(40, max(6, len(needle) // 8))
    for _ in range(2):
        s = max(
            range(max(0, s - slack), min(e, s + slack + 1)),
            key=lambda x: (fuzz.ratio(needle, text[x:e]), -abs(x - s)),
            default=s,
        )
        e = max(
            range(max(s + 1, e - slack), min(len(text), e + slack) + 1),
            key=lambda x: (fuzz.ratio(needle, text[s:x]), -abs(x - e)),
            default=e,
        )
    return s, e


def new_note(
    article,
    start: int,
    end: int,
    *,
    comment: str = "",
    tags: Iterable[str] = (),
    color: str = DEFAULT_COLOR,
    mentions: Iterable = (),
) -> Note:
    """A new (not yet stored) note on ``article.body[start:end]``.

    ``article`` is a :class:`reader.model.Article` (anything with ``id``, ``body``,
    ``content_hash``, ``relpath``, ``title``); ``mentions`` are the article's
    :class:`reader.model.Mention` objects, from which the entities inside the quote
    are taken.
    """
    quote, position = make_selectors(article.body, start, end)
    stamp = utc_now()
    note = Note(
        id=new_note_id(),
        article_id=article.id,
        content_hash=article.content_hash,
        quote=quote,
        position=position,
        comment=comment,
        tags=normalise_tags(tags),
        entities=entities_in(mentions, start, end),
        color=color,
        created=stamp,
        modified=stamp,
        article_path=str(getattr(article, "relpath", "") or ""),
        article_title=str(getattr(article, "title", "") or ""),
    )
    note.validate()
    return note
