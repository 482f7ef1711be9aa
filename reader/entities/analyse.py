"""Per-document analysis: candidate mentions with exact offsets, plus the document's evidence.

The result (:class:`DocAnalysis`) depends only on the text and the shipped lists, so the index
can pickle one per article and reuse it until the file changes. Corpus-level decisions
(acronyms used in other articles, surnames, user corrections) are made later by ``link``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from reader.entities import rules
from reader.entities.lexicon import Lexicon
from reader.entities.normalise import fold, key
from reader.model import ACTOR, PLACE

NORMAL = 0
"""Candidate flag: a name in running text."""
MAX_RUN_TOKENS = 24
"""Capitalised runs longer than this are lists or menus, not names: only list hits count."""
INITIAL = 1
"""Candidate flag: a lone unknown word that starts a sentence (kept if the corpus confirms it)."""
FIRSTWORD = 2
"""Candidate flag: a name starting a sentence whose first word may be an ordinary word
("Stunning Williams"): ``link`` drops that word when the corpus knows the rest as a name."""


class Candidate(NamedTuple):
    """One candidate mention found in a document."""

    start: int
    end: int
    text: str
    key: str
    """Normalised key of the surface (see :func:`reader.entities.normalise.key`)."""
    known: int
    """Index of a known (listed) entity in the lexicon, or -1 for a name found by rules."""
    kind: str
    type: str
    flag: int = NORMAL


@dataclass
class DocAnalysis:
    """Everything ``link`` needs to know about one document (picklable, text not included)."""

    candidates: list[Candidate] = field(default_factory=list)
    acronyms: list[tuple[str, str]] = field(default_factory=list)
    """(acronym key, long-form key) pairs defined in the text: "Long Form (LF)"."""
    formerly: list[tuple[str, str]] = field(default_factory=list)
    """(name key, former name key) pairs: "X, formerly known as Y"."""
    length: int = 0
    """Length of the analysed text (a sanity check for callers)."""
    lower_vocab: frozenset[str] = frozenset()
    """Words written in lower case in the text: "housing" there means "Housing" is no name."""


_WORD_LOWER = re.compile(r"(?<![\w\-])[a-z]{3,}(?![\w\-])")
_EVENT_WORDS = frozenset("operation hurricane typhoon cyclone storm".split())
"""First words of named events, which are neither places nor actors."""
_ACRONYM_WORDS = frozenset("sana fars tass cent rand sport".split())
"""Acronyms that, written as Title Case words, are usually something else."""
_COORDINATED = re.compile(r"(?:,|,? and|,? or) $")
_TOWN_TYPES = frozenset({"city", "place", "district"})
"""Listed place types whose names are also surnames often enough ("Sheridan", "Norton")."""
_ARTICLE_GIVEN = frozenset({"al", "el"})
_CASE_SPLIT = re.compile(r"[\s\-/.,&()]+")


def _is_connector(tok: str) -> bool:
    return tok in rules.CONNECTORS


class Analyser:
    """Runs the list matcher and the capitalisation rules over one text."""

    def __init__(self, lexicon: Lexicon) -> None:
        from reader.entities.gazetteer import load_given_names

        self.lex = lexicon
        # "Al"/"El" start Arabic place and group names far more often than they are
        # given names ("Al Huwayjah", "El Bab"): no person evidence by themselves
        self._given = load_given_names() - _ARTICLE_GIVEN

    # -- list matches -------------------------------------------------------------------
    def list_hits(self, text: str, caps_lines: list[tuple[int, int]]) -> list[tuple[int, int, int, bool]]:
        """Leftmost-longest list matches ``(start, end, known index, acronym)`` in ``text``."""
        folded = " " + fold(text) + " "
        raw = []
        for end_idx, (length, idx, acronym) in self.lex.automaton.iter(folded):
            e = end_idx - 1
            s = e - length
            raw.append((s, e, idx, acronym))
        if not raw:
            return []
        given = self.lex_given_names()
        raw.sort(key=lambda h: (h[0], h[0] - h[1]))
        out = []
        last_end = -1
        for s, e, idx, acronym in raw:
            if s < last_end:
                continue
            if not self._case_ok(text, s, e, acronym, caps_lines):
                continue
            if text[s : s + 4] in ("the ", "The ", "THE "):
                s += 4
            if e < len(text) and text[e] == "." and re.fullmatch(r"(?:[A-Z]\.)+[A-Z]", text[s:e]):
                e += 1
            if idx >= self.lex.n_actors and " " not in folded[s + 1 : e + 1]:
                known = self.lex.get(idx)
                fk = folded[s + 1 : e + 1]
                if known.type == "city" and (
                    (fk in given and self.lex.population(idx) < 500_000) or fk in self.lex.surnames
                ):
                    continue  # "George", "David", "Obama": a person's name, not a town
            out.append((s, e, idx, acronym))
            last_end = e
        return out

    @staticmethod
    def _case_ok(text: str, s: int, e: int, acronym: bool, caps_lines) -> bool:
        surface = text[s:e]
        if acronym:
            if not surface.isupper():
                # "Nato", "Isis", "Unicef": some outlets write acronyms as names
                return (
                    len(surface) >= 4
                    and surface.isalpha()
                    and surface[0].isupper()
                    and surface[1:].islower()
                    and surface.lower() not in _ACRONYM_WORDS
                )
            letters = sum(c.isalpha() for c in surface)
            if letters <= 3 and "." not in surface and _in_caps_line(s, caps_lines):
                return False
            return True
        tokens = _CASE_SPLIT.split(surface)
        saw_cap = False
        for tok in tokens:
            if not tok:
                continue
            if tok[0].isupper() or tok[0].isdigit():
                saw_cap = True
            elif tok not in rules.CONNECTORS:
                return False
        return saw_cap

    # -- whole document -----------------------------------------------------------------
    def analyse(self, text: str) -> DocAnalysis:
        """Candidates and evidence for ``text`` (offsets are Python string offsets)."""
        result = DocAnalysis(length=len(text))
        if not text or not any(c.isupper() for c in text[:200000]) and text.islower():
            return result
        caps_lines, title_lines = _special_lines(text)
        hits = self.list_hits(text, caps_lines)
        cands: list[Candidate] = []
        covered_until = -1
        lower_words = set(_WORD_LOWER.findall(text))
        result.lower_vocab = frozenset(lower_words)
        hit_iter_pos = 0
        n_hits = len(hits)
        for m in rules.RUN_RE.finditer(text):
            rs, re_ = m.start(), m.end()
            # list hits that start before this run and were not consumed by a run
            while hit_iter_pos < len(hits) and hits[hit_iter_pos][0] < rs:
                h = hits[hit_iter_pos]
                if h[0] >= covered_until:
                    cands.append(self._known(text, h))
                    covered_until = h[1]
                hit_iter_pos += 1
            if rs < covered_until:
                continue
            if (hit_iter_pos >= n_hits or hits[hit_iter_pos][0] >= re_) and _is_lone_stop(m.group()):
                continue  # "The", "He", "President" alone: no name (most runs are like this)
            if caps_lines and _in_caps_line(rs, caps_lines):
                continue  # list hits only in ALL-CAPS headlines
            run_hits = []
            while hit_iter_pos < len(hits) and hits[hit_iter_pos][0] < re_:
                run_hits.append(hits[hit_iter_pos])
                hit_iter_pos += 1
            self._run(text, rs, re_, run_hits, cands, lower_words, title_lines)
            covered_until = max(covered_until, re_, *(h[1] for h in run_hits))
        while hit_iter_pos < len(hits):
            h = hits[hit_iter_pos]
            if h[0] >= covered_until:
                cands.append(self._known(text, h))
                covered_until = h[1]
            hit_iter_pos += 1
        cands.sort(key=lambda c: c.start)
        result.candidates = _dedupe(cands)
        self._evidence(text, result)
        return result

    def _known(self, text: str, hit: tuple[int, int, int, bool]) -> Candidate:
        s, e, idx, _acr = hit
        known = self.lex.get(idx)
        surface = text[s:e]
        return Candidate(s, e, surface, key(surface), idx, known.kind, known.type)

    # -- one capitalised run ------------------------------------------------------------
    def _run(self, text, rs, re_, run_hits, cands, lower_words, title_lines) -> None:
        tokens = [(t.start() + rs, t.end() + rs, t.group()) for t in rules.TOKEN_RE.finditer(text[rs:re_])]
        tokens = _split_hyphen_tails(tokens)
        if not tokens or len(tokens) > MAX_RUN_TOKENS:
            # no name is this long: a list of names without commas, a menu, a Title Case
            # paragraph. Only the listed names count (and the work stays linear).
            for h in run_hits:
                cands.append(self._known(text, h))
            return
        in_title = _in_caps_line(rs, title_lines)
        # split at "and" (unless a listed name spans it: "Bosnia and Herzegovina")
        parts: list[list] = [[]]
        for j, t in enumerate(tokens):
            if t[2] == "and" and not any(h[0] <= t[0] and t[1] <= h[1] for h in run_hits):
                after = [u for u in tokens[j + 1 :] if u[2] not in rules.CONNECTORS]
                if (
                    any(u[2] == "of" for u in parts[-1])
                    and 1 <= len(after) <= 2
                    and t[1] > t[0]
                    and not any(t[1] <= h[0] for h in run_hits)
                    and key(after[0][2]) not in self.lex_given_names()
                ):
                    parts[-1].append(t)  # "Academy of Motion Picture Arts and Sciences"
                    continue
                parts.append([])
            else:
                parts[-1].append(t)
        n0 = len(cands)
        for part in parts:
            if not part:
                continue
            ps, pe = part[0][0], part[-1][1]
            part_hits = [h for h in run_hits if ps <= h[0] and h[1] <= pe]
            self._part(text, part, part_hits, cands, lower_words, in_title, _starts_sentence(text, ps))
        # hits not inside any part (e.g. spanning a split) still count
        new = cands[n0:]
        for h in run_hits:
            if not any(c.start <= h[0] < c.end for c in new):
                cands.append(self._known(text, h))

    def _part(self, text, tokens, run_hits, cands, lower_words, in_title, sentence_start) -> None:
        """One "and"-free piece of a capitalised run: list hits and rule segments."""
        segments: list[tuple[str, list]] = []
        pos = 0
        n_tokens = len(tokens)
        for h in run_hits:
            end = pos
            while end < n_tokens and tokens[end][1] <= h[0]:
                end += 1
            if end > pos:
                segments.append(("rule", tokens[pos:end]))
            segments.append(("hit", [h]))
            pos = end
            while pos < n_tokens and tokens[pos][0] < h[1]:
                pos += 1
        rest = tokens[pos:]
        if rest:
            segments.append(("rule", rest))
        # a listed name inside a longer organisation/place/person name: the whole run wins
        if run_hits and len(segments) > 1:
            whole = self._whole_run_name(text, tokens, run_hits)
            if whole is not None:
                segments = [("rule", whole)]
        prev_title = False
        for i, (what, seg) in enumerate(segments):
            if what == "hit":
                h = seg[0]
                known = self.lex.get(h[2])
                if prev_title and known.type in _TOWN_TYPES and " " not in text[h[0] : h[1]]:
                    # "Mr Hammond", "Colonel Norton": a title makes a town's name a surname
                    surface = text[h[0] : h[1]]
                    cands.append(Candidate(h[0], h[1], surface, key(surface), -1, ACTOR, "person"))
                else:
                    cands.append(self._known(text, h))
                prev_title = False
                continue
            first_in_sentence = sentence_start and i == 0
            prev_title = self._rule_segment(
                text, seg, cands, lower_words, first_in_sentence, in_title, prev_title
            )

    def _whole_run_name(self, text, tokens, run_hits):
        """If the run is one name that merely contains a listed name, its tokens, else None.

        "University of Aleppo", "Perth Glory", "George Grljusich", "Idlib Governorate":
        a listed place (or short actor name) plus other capitalised words that are neither
        titles, demonyms nor listed names themselves.
        """
        words = [t for t in tokens if t[2] not in rules.CONNECTORS]
        if len(words) < 2:
            return None
        if any(t[2] == "and" for t in tokens):
            return None
        hit_spans = [(h[0], h[1]) for h in run_hits]
        free = [
            t for t in words
            if not any(s <= t[0] and t[1] <= e for s, e in hit_spans)
            and _norm(t[2]) not in rules.TITLES
            and _norm(t[2]) not in rules.STOP_WORDS
            and not _is_demonym(_norm(t[2]), self.lex)
        ]
        if not free:
            return None
        if free[0][0] >= run_hits[-1][1] and key(free[0][2]) in self.lex_given_names():
            return None  # "Middle East Tobias Ellwood": a person after a listed name
        if (
            key(free[0][2]) in self.lex_given_names()
            and free[0][1] <= run_hits[0][0]
            and any(t[2] == "of" and t[0] < run_hits[0][0] for t in tokens)
        ):
            return None  # "Vishwanand Subryan of Schenectady": a person from a place
        hit_kinds = [self.lex.get(h[2]) for h in run_hits]
        if any(k.kind == ACTOR and k.type == "person" for k in hit_kinds):
            return None
        last = _norm(words[-1][2])
        if any(k.kind == ACTOR for k in hit_kinds) and not (
            last in rules.ORG_SUFFIXES or _norm(words[0][2]) in rules.ORG_PREFIXES
        ):
            return None
        # the free words must touch a hit (no stripped words in between)
        return _strip_front(tokens)

    def lex_given_names(self) -> frozenset[str]:
        """Keys of common given names."""
        return self._given

    def _rule_segment(self, text, seg, cands, lower_words, first_in_sentence, in_title, prev_title) -> bool:
        """Turn a run segment not covered by lists into zero or more candidates."""
        given = self.lex_given_names()
        person_cue = prev_title
        # strip leading titles, "The", sentence-initial common words, demonyms
        designated = bool(seg) and _norm(seg[-1][2]) in rules.ORG_SUFFIXES | rules.PLACE_SUFFIXES.keys()
        i = 0
        if seg and seg[0][2][:1].isdigit() and not designated:
            i = 1  # an ordinal only starts a unit's name: "65th Air Division", not "3rd March"
        while i < len(seg):
            tok = seg[i][2]
            low = _norm(tok)
            if low in rules.TITLES or low in rules.JOB_TITLES:
                if low in rules.PERSON_TITLES or low in rules.JOB_TITLES:
                    person_cue = True
                i += 1
                continue
            if tok in rules.CONNECTORS or low in rules.STOP_WORDS:
                if tok in rules.CONNECTORS:
                    person_cue = False  # "Chief of Staff": the title did not precede a name
                if low in _EVENT_WORDS:
                    return False  # "Operation Inherent Resolve", "Hurricane Milton": events
                i += 1
                continue
            if not designated and _is_demonym(low, self.lex):
                i += 1
                continue
            if i == 0 and first_in_sentence and low in lower_words:
                i += 1
                continue
            break
        seg = seg[i:]
        # a possessive written without apostrophe inside a run: "Syrias Aleppo", "Assads forces"
        for j, t in enumerate(seg):
            low_t = _norm(t[2])
            if len(low_t) < 5 or not low_t.endswith("s") or not t[2][:1].isupper():
                continue
            stem_key = key(t[2])[:-1]
            idx = self.lex.lookup(stem_key)
            known = self.lex.get(idx) if idx is not None else None
            listed = known is not None and (known.kind == ACTOR or known.type in ("country", "region"))
            if not listed and stem_key not in self.lex.surnames:
                continue
            left, right = seg[:j], seg[j + 1 :]
            while left and left[-1][2] in rules.CONNECTORS:
                left = left[:-1]
            while right and right[0][2] in rules.CONNECTORS:
                right = right[1:]
            if left:
                self._rule_segment(text, left, cands, lower_words, first_in_sentence, in_title,
                                   person_cue)
            ts, te = t[0], t[1] - 1
            if listed:
                cands.append(Candidate(ts, te, text[ts:te], stem_key, idx, known.kind, known.type))
            else:  # a surname of the actor table: linked by the surname rule
                cands.append(Candidate(ts, te, text[ts:te], stem_key, -1, ACTOR, "person"))
            if right:
                rs_, re_r = right[0][0], right[-1][1]
                r_idx = self.lex.lookup(key(text[rs_:re_r]))
                if r_idx is not None:  # "Syrias Aleppo": the listed place after the possessive
                    r_known = self.lex.get(r_idx)
                    cands.append(Candidate(rs_, re_r, text[rs_:re_r], key(text[rs_:re_r]), r_idx,
                                           r_known.kind, r_known.type))
                else:
                    self._rule_segment(text, right, cands, lower_words, False, in_title, False)
            return False
        # "Representatives for the Syrian Armed Forces": a sentence-initial common noun and
        # its preposition are not part of the name that follows
        if (
            first_in_sentence
            and len(seg) > 2
            and seg[1][2] in ("for", "of")
            and _starts_sentence(text, seg[0][0])
        ):
            low0 = _norm(seg[0][2])
            if (
                (low0.endswith("s") or low0 in lower_words)
                and low0 not in rules.ORG_PREFIXES
                and low0 not in rules.PLACE_PREFIXES
                and key(seg[0][2]) not in self._given
                and self.lex.lookup(key(seg[0][2])) is None
            ):
                rest = seg[2:]
                while rest and rest[0][2] in rules.CONNECTORS:
                    rest = rest[1:]
                return self._rule_segment(text, rest, cands, lower_words, False, in_title, False)
        # ordinary words before a given name are a description: "Tower Man George Hauser"
        for j in range(1, min(len(seg), 4)):
            if key(seg[j][2]) in self._given and j + 1 < len(seg):
                if all(
                    _norm(t[2]) in lower_words or _norm(t[2]) in rules.JOB_TITLES
                    for t in seg[:j]
                ):
                    seg = seg[j:]
                    person_cue = True
                break
        # a title inside the run: "Santa Monica Chief Deputy City Attorney Terry White"
        last_title = -1
        for j in range(len(seg) - 1):
            low_j = _norm(seg[j][2])
            if (low_j in rules.JOB_TITLES or low_j in rules.PERSON_TITLES) and seg[j + 1][2][:1].isupper():
                last_title = j
        if last_title > 0:
            rest = seg[last_title + 1 :]
            if rest and _norm(rest[-1][2]) not in rules.ORG_SUFFIXES and _norm(rest[-1][2]) not in rules.PLACE_SUFFIXES:
                head = seg[:last_title]
                while head and (_norm(head[-1][2]) in rules.TITLES or _norm(head[-1][2]) in rules.JOB_TITLES):
                    head = head[:-1]
                if head:
                    self._rule_segment(text, head, cands, lower_words, first_in_sentence, in_title, False)
                return self._rule_segment(text, rest, cands, lower_words, False, in_title, True)
        while seg and (
            seg[-1][2] in rules.CONNECTORS
            or _is_demonym(_norm(seg[-1][2]), self.lex)
            or (_norm(seg[-1][2]) in rules.STOP_WORDS and _norm(seg[-1][2]) not in rules.ORG_SUFFIXES)
        ):
            seg = seg[:-1]
        if not seg:
            return person_cue
        # split at "and" unless the part before it has "of" (Ministry of Foreign Affairs and X)
        for j, t in enumerate(seg):
            if t[2] == "and" and not any(u[2] == "of" for u in seg[:j]):
                left, right = seg[:j], seg[j + 1 :]
                self._rule_segment(text, left, cands, lower_words, first_in_sentence, in_title, person_cue)
                self._rule_segment(text, right, cands, lower_words, False, in_title, False)
                return False
        words = [t for t in seg if t[2] not in rules.CONNECTORS]
        if len(words) > 2 and key(words[0][2]) in self._given:
            for j, t in enumerate(seg):
                if t[2] in ("for", "of") and j > 1:
                    # "Chris Byrd for the IBF", "Vishwanand Subryan of Schenectady"
                    self._rule_segment(text, seg[:j], cands, lower_words, first_in_sentence,
                                       in_title, person_cue)
                    rest = seg[j + 1 :]
                    while rest and rest[0][2] in rules.CONNECTORS:
                        rest = rest[1:]
                    if rest:
                        self._rule_segment(text, rest, cands, lower_words, False, in_title, False)
                    return False
        if len(words) > 8:
            return False  # a menu or a headline in Title Case, not a name
        s, e = seg[0][0], seg[-1][1]
        surface = text[s:e]
        if surface.endswith(".") and not re.search(r"[A-Z]\.[A-Z]\.?$|\b[A-Z][a-z]?\.$", surface):
            surface = surface[:-1]
            e -= 1
        if surface.endswith(".") and len(words) == 1 and len(surface) <= 3:
            return person_cue  # a lone initial
        k = key(surface)
        if not k or len(k) < 2:
            return person_cue
        if k.endswith("s") and len(k) > 3:
            # a possessive written without apostrophe: "Syrias", "Bashar al-Assads"
            idx = self.lex.lookup(k[:-1])
            known = self.lex.get(idx) if idx is not None else None
            if known is not None and (
                known.kind == ACTOR
                or known.type in ("country", "region")
                or self.lex.population(idx) >= 1_000_000
            ):
                cands.append(Candidate(s, e - 1, surface[:-1], k[:-1], idx, known.kind, known.type))
                return False
            if len(words) > 1 and _norm(words[-1][2]).endswith("s"):
                last_idx = self.lex.lookup(key(words[-1][2])[:-1])
                if last_idx is not None and self.lex.get(last_idx).type in ("country", "region"):
                    head = [t for t in seg if t[1] <= words[-1][0]]
                    while head and head[-1][2] in rules.CONNECTORS:
                        head = head[:-1]
                    if head:
                        self._rule_segment(text, head, cands, lower_words, first_in_sentence,
                                           in_title, person_cue)
                    known = self.lex.get(last_idx)
                    ws, we = words[-1][0], words[-1][1] - 1
                    cands.append(Candidate(ws, we, text[ws:we], key(text[ws:we]), last_idx,
                                           known.kind, known.type))
                    return False
        if s > 0 and text[s - 1] == "<" and surface.isupper():
            return person_cue  # a stock ticker: "<NOKS.HE>"
        single = len(words) == 1
        tok0 = words[0][2]
        if single:
            low = _norm(tok0)
            if (
                low in rules.STOP_WORDS
                or low in rules.SINGLE_STOP
                or low in rules.TITLES
                or (low.endswith("s") and (low[:-1] in rules.STOP_WORDS or low[:-1] in rules.SINGLE_STOP))
                or _is_demonym(low, self.lex)
            ):
                return person_cue
            if low in lower_words and not person_cue:
                return person_cue  # written in lower case elsewhere: a common word
        idx = self.lex.lookup(k)
        known = self.lex.get(idx) if idx is not None else None
        if known is not None and (known.kind == ACTOR or known.type in ("country", "region")):
            # a listed name after all (split off a longer run: "Syrias Aleppo")
            cands.append(Candidate(s, e, surface, k, idx, known.kind, known.type))
            return False
        kind, typ = self._classify(text, seg, words, s, e, person_cue, given)
        if typ == "unknown" and cands and _COORDINATED.search(text, max(0, s - 6), s):
            prev = cands[-1]
            if prev.kind == PLACE and 0 < s - prev.end <= 6 and prev.type != "country":
                kind, typ = PLACE, "place"  # "to Anadan and Haritan": one list, one kind
        flag = NORMAL
        starts = first_in_sentence and _starts_sentence(text, s)
        if single and starts and not person_cue and not rules.PLACE_DESCRIBED.match(text, e):
            flag = INITIAL
        elif starts and not single and key(tok0) not in given and self.lex.lookup(key(tok0)) is None:
            flag = FIRSTWORD
        if in_title and not person_cue and not (len(words) == 2 and key(tok0) in given):
            flag = INITIAL  # Title Case line: the corpus must confirm it (a title makes a person)
        cands.append(Candidate(s, e, surface, k, -1, kind, typ, flag))
        return False

    def _classify(self, text, seg, words, s, e, person_cue, given) -> tuple[str, str]:
        """Kind and type of an unlisted name from its designators and context."""
        last = words[-1][2].lower().rstrip(".")
        first = words[0][2].lower()
        if last in rules.PLACE_SUFFIXES and len(words) > 1:
            return PLACE, rules.PLACE_SUFFIXES[last]
        if last in rules.ORG_SUFFIXES and len(words) > 1:
            if last in ("hospital", "church", "mosque"):
                return PLACE, "facility"
            return ACTOR, "organisation"
        if first in rules.ORG_PREFIXES and len(words) > 1:
            return ACTOR, "organisation"
        if first in rules.PLACE_PREFIXES and len(words) > 1 and not person_cue:
            return PLACE, rules.PLACE_PREFIXES[first]
        if any(_norm(w[2]) in rules.ORG_SUFFIXES for w in words[:-1]) and not person_cue:
            return ACTOR, "organisation"  # "Union Bank of Switzerland"
        if len(words) == 1 and words[0][2].isupper() and len(words[0][2]) >= 2:
            return ACTOR, "organisation"  # an acronym: "The EPA said"
        if person_cue:
            return ACTOR, "person"
        after = text[e : e + 40]
        if rules.PERSON_AFTER.match(after) and (
            len(words) == 1 or key(words[0][2]) in given
        ):
            return ACTOR, "person"  # "Smith said"; "Trend Micro said" proves nothing
        if key(words[0][2]) in given and len(words) >= 2:
            return ACTOR, "person"
        if len(words) == 1 and _norm(words[0][2]).endswith(rules.PLACE_WORD_ENDINGS):
            return PLACE, "city"
        if len(words) > 1 and _norm(words[0][2]).removeprefix("al-") in rules.PLACE_PREFIXES:
            return PLACE, rules.PLACE_PREFIXES[_norm(words[0][2]).removeprefix("al-")]
        before_text = text[max(0, s - 40) : s]
        if rules.PLACE_BEFORE.search(before_text) or rules.PLACE_BEFORE_MOTION.search(before_text):
            return PLACE, "place"
        if rules.PLACE_DESCRIBED.match(after):
            return PLACE, "place"
        m = rules.PLACE_AFTER.match(after)
        if m:
            idx = self.lex.lookup(key(m.group(1)))
            if idx is not None and self.lex.get(idx).type in ("country", "region"):
                return PLACE, "city"
        before = before_text[-12:].split()
        if before and before[-1].lower() in rules.PLACE_CUE_WORDS and (
            len(words) == 1 or _norm(words[0][2]) in rules.ARTICLE_PREFIXES
        ):
            return PLACE, "place"  # "near Anadan", "in Al Huwayjah"
        if len(words) == 1 and words[0][2].isupper() and len(words[0][2]) >= 2:
            return ACTOR, "organisation"
        return ACTOR, "unknown"

    # -- evidence ---------------------------------------------------------------------
    def _evidence(self, text: str, result: DocAnalysis) -> None:
        if "(" in text:
            for m in rules.ACRONYM_DEF_RE.finditer(text):
                long_form, acr = m.group(1), m.group(2)
                long_form = _trim_long_form(long_form, acr)
                if long_form:
                    result.acronyms.append((key(acr), key(long_form)))
        low = text.lower()
        if "formerly" in low or "previously" in low or "originally" in low or "once known" in low:
            starts = [c.start for c in result.candidates]
            for m in rules.FORMERLY_RE.finditer(text):
                old = _strip_possessive(m.group(1))
                subject = None
                # the last candidate ending shortly before the phrase (bisect: linear overall)
                for c in reversed(result.candidates[max(0, bisect.bisect_left(starts, m.start()) - 8):
                                                    bisect.bisect_left(starts, m.start())]):
                    if c.end <= m.start() and m.start() - c.end < 60:
                        subject = c
                        break
                if subject is not None and key(old):
                    result.formerly.append((subject.key, key(old)))


@lru_cache(maxsize=65536)
def _is_lone_stop(run: str) -> bool:
    """A run of one plain word that is a stop word or a title: it yields no candidate."""
    if not run.isalpha():
        return False
    low = run.lower()
    return low in rules.STOP_WORDS or low in rules.TITLES or low in rules.JOB_TITLES


def _strip_possessive(name: str) -> str:
    return re.sub(r"['’]s?$", "", name)


def _trim_long_form(long_form: str, acronym: str) -> str | None:
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
        parts = "".join(re.sub(r"[^A-Z]", "", w) for w in tail)
        if inits == "".join(letters).upper() or parts == "".join(letters).upper():
            return " ".join(tail)
        if inits.startswith(letters[0].upper()) and _subsequence("".join(letters).upper(), parts):
            if len(tail) >= len(letters) - 1:
                return " ".join(tail)
    return None


def _subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(ch in it for ch in needle)


@lru_cache(maxsize=65536)
def _norm(word: str) -> str:
    """Lower case, curly apostrophe straightened, trailing full stop dropped."""
    return word.lower().replace("’", "'").rstrip(".")


def _is_demonym(low: str, lex: Lexicon) -> bool:
    """"Russian", "Iraqi", "Kurdish", "Syrians": an adjective/people of a listed place."""
    cache = _DEMONYM_CACHE.setdefault(id(lex), {})
    found = cache.get(low)
    if found is None:
        found = cache[low] = _is_demonym_uncached(low, lex)
        if len(cache) > 200_000:
            cache.clear()
    return found


_DEMONYM_CACHE: dict[int, dict[str, bool]] = {}


def _is_demonym_uncached(low: str, lex: Lexicon) -> bool:
    low = low.replace("’", "'")
    if low.endswith("'s"):
        low = low[:-2]
    if "-" in low:
        return all(
            p in rules.COMBINING_FORMS or _is_demonym_uncached(p, lex) for p in low.split("-") if p
        )
    if low in rules.DEMONYMS or low.rstrip("s") in rules.DEMONYMS:
        return True
    for suffix in ("man", "men", "woman", "women"):
        if low.endswith(suffix) and low[: -len(suffix)] in rules.DEMONYMS:
            return True  # "Englishman", "Frenchmen"
    if low in ("scotsman", "scotsmen", "kiwi", "kiwis", "aussie", "aussies", "yank", "yankees"):
        return low not in ("yankees",)
    if not low.isalpha() or len(low) < 4:
        return False
    for suf in rules.DEMONYM_SUFFIXES:
        if low.endswith(suf) and len(low) - len(suf) >= 3:
            stem = low[: -len(suf)]
            if lex.place_prefixes.has_prefix(stem) and lex.lookup(low) is None:
                # "Syrian" -> "syri..." (Syria); a listed name itself is not a demonym
                return _country_like(stem, lex)
    return False


def _country_like(stem: str, lex: Lexicon) -> bool:
    for ending in ("", "a", "ia", "y", "e", "o", "istan", "land", "ey"):
        idx = lex.lookup(stem + ending)
        if idx is not None and lex.get(idx).type in ("country", "region"):
            return True
    return False


def _split_hyphen_tails(tokens):
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


def _strip_front(tokens):
    i = 0
    while i < len(tokens) and (
        _norm(tokens[i][2]) in rules.TITLES or _norm(tokens[i][2]) in rules.STOP_WORDS
    ):
        i += 1
    return tokens[i:]


def _starts_sentence(text: str, pos: int) -> bool:
    j = pos - 1
    while j >= 0 and text[j] in " \t\"'“‘(":
        j -= 1
    if j < 0:
        return True
    ch = text[j]
    if ch in "\n.!?:;—•*#|>":
        if ch == "." and j >= 2 and text[j - 2 : j + 1] in ("Mr.", "Dr.", "Ms.", "St."):
            return False
        return True
    return False


_DROP_UPPER = {c: None for c in range(ord("A"), ord("Z") + 1)}
_DROP_LOWER = {c: None for c in range(ord("a"), ord("z") + 1)}
_DROP_UPPER.update({c: None for c in range(0xC0, 0xDF) if chr(c).isupper()})
_DROP_LOWER.update({c: None for c in range(0xDF, 0x100) if chr(c).islower()})


def _special_lines(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Line ranges written in capitals (Reuters titles) and in Title Case (headlines)."""
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
            elif line.count(" ") < 40:
                words = [w for w in line.split() if w[:1].isalpha()]
                if 3 <= len(words) <= 25:
                    capped = sum(w[0].isupper() for w in words if len(w) > 3)
                    longw = sum(1 for w in words if len(w) > 3)
                    ends_sentence = line.rstrip().endswith((".", "?", "!"))
                    if (longw >= 4 and capped / longw >= 0.8 and not ends_sentence) or (
                        longw >= 3 and capped == longw
                    ):
                        titles.append((pos, end))
        pos = end + 1
    return caps, titles


def _in_caps_line(pos: int, ranges: list[tuple[int, int]]) -> bool:
    """True if ``pos`` falls inside one of the sorted, disjoint ``ranges``."""
    if not ranges:
        return False
    i = bisect.bisect_right(ranges, (pos, float("inf"))) - 1
    return i >= 0 and ranges[i][0] <= pos < ranges[i][1]


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    last_end = -1
    for c in cands:
        if c.start < last_end or c.end <= c.start:
            continue
        out.append(c)
        last_end = c.end
    return out
