"""Descriptions: the words outlets put right next to a name ("rebels", "terrorist group").

For each mention three light patterns are tried (no tagger, so they are deliberately strict):

- modifiers right before the name: "the jihadist group HTS" -> "jihadist group",
  "President Bashar al-Assad" -> "President";
- a noun right after it: "HTS militants" -> "militants", "Assad regime" -> "regime";
- an apposition after a comma: "HTS, a former al-Qaeda affiliate," -> "former al-Qaeda affiliate".

Words that cannot describe (articles, prepositions, pronouns, auxiliaries, common verbs,
numbers) end a phrase; a phrase must end on a word that can head a noun phrase.
"""

from __future__ import annotations

import re
from collections import Counter

from reader.model import Mention

MAX_WORDS = 3
"""At most this many words per description (apposition: ``MAX_WORDS + 2``)."""

_STOP = frozenset("""
a an the this that these those its his her their our your my some any each every no all both
of in on at by for from with without to into onto over under about after before during since
until against between among through across near via per than as like and or but nor yet so if
including following regarding concerning excluding despite toward towards amid amidst besides
while whereas because although though when where whom who whose which what why how
i you he she it we they me him us them one ones itself themselves himself herself
is are was were be been being am has have had having do does did done will would shall should
can could may might must not also only just even still already again more most less least very
said says say saying told tells tell according reported reports report added adds asked
announced announces claimed claims stated states confirmed warned urged called calls
took takes take made makes make gave gives give got gets get went goes go came comes come
there here then now today yesterday tomorrow monday tuesday wednesday thursday friday saturday
sunday week month year years
""".split())
"""Words that never belong to a description."""

_VERBISH = re.compile(r"(?:ed|ing|ly)$")
"""Endings of words that cannot end a description (verbs, adverbs): "attacked", "quickly"."""
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
_APPOSITION = re.compile(r"\s*,\s*(?:a|an|the)\s+", re.IGNORECASE)
_BETWEEN = re.compile(r"[ \t]+")


def _describing(word: str) -> bool:
    return word.casefold() not in _STOP and len(word) > 1


def _head_ok(word: str) -> bool:
    return _describing(word) and not _VERBISH.search(word.casefold())


def _covered(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _norm(words: list[str]) -> str:
    return " ".join(w if any(c.isupper() for c in w) else w.casefold() for w in words)


def describe(text: str, mention: Mention, others: list[tuple[int, int]],
             sentence_start: int = 0) -> list[str]:
    """Description phrases next to one mention in ``text`` (see module docstring).

    ``others`` are the spans of the article's other mentions (names never describe a name,
    except inside an apposition); ``sentence_start`` is where the mention's sentence begins.
    """
    found = []
    left = _left(text, mention.start, others, sentence_start)
    if left:
        found.append(left)
    right = _right(text, mention.end, others)
    if right:
        found.append(right)
    apposition = _apposition(text, mention.end)
    if apposition:
        found.append(apposition)
    return found


_OPENERS = frozenset("""
the a an its his her their our this that these those of by from with against including and or
for to on at in between among as like rival allied fellow
""".split())
"""Words after which a run of describing words is a noun phrase ("the [jihadist group] HTS")."""

_TITLES = frozenset("""
president minister premier leader general commander chief spokesman spokeswoman spokesperson king
queen prince princess sheikh emir secretary ambassador envoy senator governor mayor chairman
chairwoman director head founder colonel lieutenant sergeant captain major admiral marshal
""".split())
"""Titles that describe a name even at the start of a sentence ("President Assad said")."""


_HEADS = frozenset("""
regime government group army militia movement administration alliance coalition authority
leadership offensive official spokesman spokeswoman leader commander camp side faction branch
affiliate force unit wing party province city region district area countryside airport border
media police press personnel staff
""".split())
"""Singular nouns that describe the name before them ("Assad regime", "HTS offensive");
plural nouns ("militants", "forces") are accepted without a list."""


def _left(text: str, start: int, others: list[tuple[int, int]], sentence_start: int) -> str:
    if start == 0 or text[start - 1] not in " \t":
        return ""  # "pro-Assad", "(HTS", line start: nothing adjacent
    lo = max(sentence_start, start - 80)
    tokens = list(_WORD.finditer(text, lo, start))
    words: list[str] = []
    pos = start
    opener = False
    for match in reversed(tokens):
        if _BETWEEN.fullmatch(text, match.end(), pos) is None:
            opener = bool(text[match.end():pos].strip(" \t") in {",", "(", ";", ":", "—", "–"})
            break
        word = match.group()
        if word.casefold() in _OPENERS:
            opener = True
            break
        if len(words) == MAX_WORDS or _covered(match.start(), match.end(), others) \
                or not _describing(word):
            break
        words.insert(0, word)
        pos = match.start()
    while words and not _head_ok(words[-1]):
        words.pop()
    if not words:
        return ""
    if not opener and not all(w.casefold() in _TITLES for w in words):
        return ""  # "They met HTS", "Officials fought HTS": probably a verb, not a description
    return _norm(words)


def _right(text: str, end: int, others: list[tuple[int, int]]) -> str:
    match = _WORD.match(text, end + 1) if text[end:end + 1] == " " else None
    if match is None or _covered(match.start(), match.end(), others):
        return ""
    word = match.group()
    folded = word.casefold()
    if word[:1].isupper() or not _head_ok(word):
        return ""
    if folded in _HEADS or (folded.endswith("s") and not folded.endswith("ss")):
        return folded
    return ""  # "Assad spoke", "HTS fled": a verb, not a description


def _apposition(text: str, end: int) -> str:
    lead = _APPOSITION.match(text, end)
    if lead is None:
        return ""
    words: list[str] = []
    pos = lead.end()
    while len(words) < MAX_WORDS + 2:
        match = _WORD.match(text, pos)
        if match is None:
            break
        word = match.group()
        if word.casefold() in _STOP or _VERBISH.search(word.casefold()) and words:
            break
        words.append(word)
        pos = match.end()
        if text[pos:pos + 1] != " ":
            break
        pos += 1
    while words and not _head_ok(words[-1]):
        words.pop()
    return _norm(words) if words else ""


Counts = list[tuple[str, int]]


def count_descriptions(items: list[tuple[str, list[str]]]) -> tuple[Counts, dict[str, Counts]]:
    """From (source, phrases) per mention: overall (phrase, count) and per source, commonest first.

    Phrases differing only in case count together under their commonest spelling.
    """
    total: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}
    per_source: dict[str, Counter[str]] = {}
    for source, phrases in items:
        for phrase in phrases:
            k = phrase.casefold()
            total[k] += 1
            forms.setdefault(k, Counter())[phrase] += 1
            per_source.setdefault(source or "(unknown)", Counter())[k] += 1

    def shown(k: str) -> str:
        return forms[k].most_common(1)[0][0]

    def ranked(counter: Counter[str]) -> list[tuple[str, int]]:
        return [(shown(k), n) for k, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))]

    return ranked(total), {s: ranked(c) for s, c in sorted(per_source.items())}
