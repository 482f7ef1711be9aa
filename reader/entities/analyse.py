"""Per-document analysis: candidate mentions with exact offsets, plus the document's evidence.

The result (:class:`DocAnalysis`) depends only on the text and the shipped lists, so the index
can pickle one per article and reuse it until the file changes. Corpus-level decisions
(acronyms used in other articles, surnames, user corrections) are made later by ``link``.
This module finds list matches and capitalised runs; :mod:`rule_segments` turns the rest of a
run into names, :mod:`evidence` collects acronyms and former names.
"""

from __future__ import annotations

import re
from operator import attrgetter

from reader.entities import rules
from reader.entities.candidates import (  # noqa: F401 - re-exported (pickles, callers)
    FIRSTWORD,
    INITIAL,
    MAX_RUN_TOKENS,
    NORMAL,
    Candidate,
    DocAnalysis,
    new_candidate,
)
from reader.entities.demonyms import demonym_table
from reader.entities.evidence import collect_evidence
from reader.entities.lexicon import Lexicon
from reader.entities.normalise import fold, key
from reader.entities.rule_segments import EVENT_WORDS, RuleSegments
from reader.entities.text_shape import (
    dedupe,
    in_ranges,
    is_lone_stop,
    norm,
    special_lines,
    run_tokens,
    starts_sentence,
)
from reader.model import ACTOR, PLACE

_WORD_LOWER = re.compile(r"(?<![\w\-])[a-z]{3,}(?![\w\-])")
_WORD_LOWER_ASCII = re.compile(_WORD_LOWER.pattern, re.ASCII)
"""The same matches in ASCII text (most articles), found faster."""
_START = attrgetter("start")
_ABBREVIATION = re.compile(r"(?:[A-Z]\.)+[A-Z]")
_ACRONYM_WORDS = frozenset("sana fars tass cent rand sport".split())
"""Acronyms that, written as Title Case words, are usually something else."""
_TOWN_TYPES = frozenset({"city", "place", "district"})
"""Listed place types whose names are also surnames often enough ("Sheridan", "Norton")."""
_ARTICLE_GIVEN = frozenset({"al", "el"})
_COMPANY_ENDS = frozenset(
    "co co. inc inc. corp corp. ltd ltd. plc llc company sons partners associates".split()
)
"""Company designators that alone end a name of two names ("Merrill Lynch and Co")."""
_INSTITUTION_TYPES = frozenset({"government-body", "political-party"})
"""Listed actor types that a place name before them makes a different, local body."""
_PLURAL_UNITS = frozenset("forces brigades battalions guards militias units markets".split())
"""Plural designators shared by two names ("Hezbollah and Amal Forces"): no joint name."""
_CASE_SPLIT = re.compile(r"[\s\-/.,&()]+")


class Analyser(RuleSegments):
    """Runs the list matcher and the capitalisation rules over one text."""

    def __init__(self, lexicon: Lexicon) -> None:
        from reader.entities.gazetteer import load_given_names

        self.lex = lexicon
        # "Al"/"El" start Arabic place and group names far more often than they are
        # given names ("Al Huwayjah", "El Bab"): no person evidence by themselves
        self._given = load_given_names() - _ARTICLE_GIVEN
        self._demonym = demonym_table(lexicon)
        """``self._demonym[low]``: is the (normalised) word a demonym ("Syrian")?"""

    # -- list matches -------------------------------------------------------------------
    def list_hits(self, text: str, caps_lines: list[tuple[int, int]]) -> list[tuple[int, int, int, bool]]:
        """Leftmost-longest list matches ``(start, end, known index, acronym)`` in ``text``."""
        folded = f" {fold(text)} "
        raw = []
        for end_idx, (length, idx, acronym) in self.lex.automaton.iter(folded):
            e = end_idx - 1
            s = e - length
            raw.append((s, e, idx, acronym))
        if not raw:
            return []
        given = self._given
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
            if e < len(text) and text[e] == "." and _ABBREVIATION.fullmatch(text[s:e]):
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
            if letters <= 3 and "." not in surface and in_ranges(s, caps_lines):
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
        caps_lines, title_lines = special_lines(text)
        hits = self.list_hits(text, caps_lines)
        cands: list[Candidate] = []
        covered_until = -1
        ascii_text = text.isascii()
        word_lower = _WORD_LOWER_ASCII if ascii_text else _WORD_LOWER
        lower_words = result.lower_vocab = frozenset(word_lower.findall(text))
        hit_iter_pos = 0
        n_hits = len(hits)
        for m in (rules.RUN_RE_ASCII if ascii_text else rules.RUN_RE).finditer(text):
            rs, re_ = m.span()
            # list hits that start before this run and were not consumed by a run
            while hit_iter_pos < n_hits and hits[hit_iter_pos][0] < rs:
                h = hits[hit_iter_pos]
                if h[0] >= covered_until:
                    cands.append(self._known(text, h))
                    covered_until = h[1]
                hit_iter_pos += 1
            if rs < covered_until:
                continue
            if (hit_iter_pos >= n_hits or hits[hit_iter_pos][0] >= re_) and is_lone_stop(m.group()):
                continue  # "The", "He", "President" alone: no name (most runs are like this)
            if caps_lines and in_ranges(rs, caps_lines):
                continue  # list hits only in ALL-CAPS headlines
            run_hits = []
            while hit_iter_pos < n_hits and hits[hit_iter_pos][0] < re_:
                run_hits.append(hits[hit_iter_pos])
                hit_iter_pos += 1
            self._run(text, rs, re_, run_hits, cands, lower_words, title_lines)
            covered_until = max(covered_until, re_)
            for h in run_hits:
                covered_until = max(covered_until, h[1])
        while hit_iter_pos < n_hits:
            h = hits[hit_iter_pos]
            if h[0] >= covered_until:
                cands.append(self._known(text, h))
                covered_until = h[1]
            hit_iter_pos += 1
        cands.sort(key=_START)
        result.candidates = dedupe(cands)
        collect_evidence(text, result)
        return result

    def _known(self, text: str, hit: tuple[int, int, int, bool]) -> Candidate:
        s, e, idx, _acr = hit
        known = self.lex.get(idx)
        surface = text[s:e]
        return new_candidate((s, e, surface, key(surface), idx, known.kind, known.type, NORMAL))

    # -- one capitalised run ------------------------------------------------------------
    def _run(self, text, rs, re_, run_hits, cands, lower_words, title_lines) -> None:
        run = text[rs:re_]
        if " " in run or "\t" in run or "-" in run:
            tokens = run_tokens(run, rs)
        elif not run_hits:
            # one word and no list hit (most runs): one rule segment, nothing to split
            self._rule_segment(text, [(rs, re_, run)], cands, lower_words,
                               starts_sentence(text, rs), in_ranges(rs, title_lines), False)
            return
        elif len(run_hits) == 1 and run_hits[0][1] <= re_:
            cands.append(self._known(text, run_hits[0]))  # one word, one listed name in it
            return
        else:
            tokens = [(rs, re_, run)]  # one word: TOKEN_RE would find just it
        if not tokens or len(tokens) > MAX_RUN_TOKENS:
            # no name is this long: a list of names without commas, a menu, a Title Case
            # paragraph. Only the listed names count (and the work stays linear).
            for h in run_hits:
                cands.append(self._known(text, h))
            return
        in_title = in_ranges(rs, title_lines)
        if "and" in run or "-" in run:  # an "and" token, or the break after a hyphen tail
            parts = self._and_parts(text, tokens, run_hits)
        else:
            parts = [tokens]
        n0 = len(cands)
        events = []
        for part in parts:
            if not part:
                continue
            ps, pe = part[0][0], part[-1][1]
            if len(part) > 1 and norm(part[0][2]) in EVENT_WORDS:
                events.append((ps, pe))  # "Operation Euphrates Shield": no name inside either
                continue
            part_hits = [h for h in run_hits if ps <= h[0] and h[1] <= pe] if run_hits else None
            if part_hits:
                self._part(text, part, part_hits, cands, lower_words, in_title,
                           starts_sentence(text, ps))
            else:  # no listed name inside: the part is one rule segment
                self._rule_segment(text, part, cands, lower_words, starts_sentence(text, ps),
                                   in_title, False)
        if not run_hits:
            return
        # hits not inside any part (e.g. spanning a split) still count
        new = cands[n0:]
        for h in run_hits:
            if not any(c.start <= h[0] < c.end for c in new) and not any(
                s <= h[0] < e for s, e in events
            ):
                cands.append(self._known(text, h))

    def _and_parts(self, text, tokens, run_hits) -> list[list]:
        """The run split at "and" (unless a listed name spans it: "Bosnia and Herzegovina")."""
        parts: list[list] = [[]]
        for j, t in enumerate(tokens):
            if t[2] == "and" and not any(h[0] <= t[0] and t[1] <= h[1] for h in run_hits):
                after = [u for u in tokens[j + 1 :] if u[2] not in rules.CONNECTORS]
                if (
                    any(u[2] == "of" for u in parts[-1])
                    and 1 <= len(after) <= 2
                    and t[1] > t[0]
                    and not any(t[1] <= h[0] for h in run_hits)
                    and key(after[0][2]) not in self._given
                    and norm(after[-1][2]) not in _COMPANY_ENDS  # "... and Salomon Inc"
                ):
                    parts[-1].append(t)  # "Academy of Motion Picture Arts and Sciences"
                    continue
                if t[1] > t[0] and self._joint_name(text, parts[-1], tokens[j + 1 :], run_hits):
                    parts[-1].append(t)  # "Portland and Ogdensburg Railroad"
                    continue
                parts.append([])
            else:
                parts[-1].append(t)
        return parts

    def _part(self, text, tokens, run_hits, cands, lower_words, in_title, sentence_start) -> None:
        """One "and"-free piece of a capitalised run: list hits and rule segments."""
        j = self._person_of(tokens, run_hits) if run_hits else -1
        if j > 0:
            # "Dr Sue Black of the University of Westminster": a person, then the rest
            cut = tokens[j][0]
            right = tokens[j + 1 :]
            while right and right[0][2] in rules.CONNECTORS:
                right = right[1:]
            self._part(text, tokens[:j], [h for h in run_hits if h[1] <= cut], cands,
                       lower_words, in_title, sentence_start)
            if right:
                self._part(text, right, [h for h in run_hits if h[0] >= right[0][0]], cands,
                           lower_words, in_title, False)
            return
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

    def _joint_name(self, text, left, right, run_hits) -> bool:
        """"Portland and Ogdensburg Railroad", "Marks and Spencer Group": one organisation
        named after two names (1-3 words each side, the right ending with a designator)."""
        if not left or not right or len(left) > 3 or len(right) > 3:
            return False
        last = norm(right[-1][2])
        if last not in rules.ORG_SUFFIXES or last in _PLURAL_UNITS:
            return False
        for tok in (*left, *right):
            if tok[2] in rules.CONNECTORS or not tok[2][:1].isupper():
                return False  # "Turkey and the Free Syrian Army"
            low = norm(tok[2])
            if tok is not right[-1] and (low in rules.ORG_SUFFIXES or low in rules.TITLES):
                return False  # "Hamas Movement and Jihad Group": two names
        if len(right) == 1 and last not in _COMPANY_ENDS:
            return False  # "House and Senate": two bodies ("Beck and Co" is one)
        if len(right) > 1 and len(left) >= 2 and key(left[0][2]) in self._given:
            return False  # "Paul Volcker and International Monetary Fund"
        idx = self.lex.lookup(key(text[left[0][0] : left[-1][1]]))
        if idx is not None and (
            self.lex.get(idx).type in ("country", "region") or self.lex.get(idx).kind == ACTOR
        ):
            return False  # "Syria and Iraq Command": two countries
        if self.lex.lookup(key(text[right[0][0] : right[-1][1]])) is not None:
            return False  # "Volcker and International Monetary Fund": a listed name
        return True

    def _person_of(self, tokens, run_hits) -> int:
        """Index of the "of" in "Given Surname of <a name with a listed part>", else -1."""
        first_hit = run_hits[0][0]
        given = self._given
        names = 0
        for j, t in enumerate(tokens):
            if t[0] >= first_hit:
                return -1
            low = norm(t[2])
            if t[2] == "of":
                return j if names >= 2 else -1
            if t[2] in rules.CONNECTORS:
                continue
            if names == 0:
                if low in rules.TITLES or low in rules.STOP_WORDS:
                    continue
                if key(t[2]) not in given:
                    return -1
            names += 1
        return -1

    def _whole_run_name(self, text, tokens, run_hits):
        """If the run is one name that merely contains a listed name, its tokens, else None.

        "University of Aleppo", "Perth Glory", "George Grljusich", "Idlib Governorate":
        a listed place (or short actor name) plus other capitalised words that are neither
        titles, demonyms nor listed names themselves.
        """
        words = [t for t in tokens if t[2] not in rules.CONNECTORS]
        if len(words) < 2:
            return None
        for j, t in enumerate(tokens):
            if t[2] == "and" and (
                t[0] == t[1]  # a break ("Istanbul-based National Coalition")
                or (
                    not any(u[2] == "of" for u in tokens[:j])
                    and not self._joint_name(text, tokens[:j], tokens[j + 1 :], run_hits)
                )
            ):
                return None  # two names ("of ... and": one name, "Institute of Arts and Sciences")
        hit_spans = [(h[0], h[1]) for h in run_hits]
        free = []  # words outside the hits that are no title, stop word or demonym
        for t in words:
            for s, e in hit_spans:
                if s <= t[0] and t[1] <= e:
                    break
            else:
                low = norm(t[2])
                if (
                    low not in rules.TITLES
                    and (low not in rules.STOP_WORDS or low == "old")  # "Old Goa"
                    and not self._demonym[low]
                ):
                    free.append(t)
        if not free:
            return self._place_institution(text, tokens, words, run_hits)
        if (
            free[0][0] >= run_hits[-1][1]
            and key(free[0][2]) in self._given
            and not (
                len(run_hits) == 1
                and run_hits[0][0] == words[0][0]
                and key(text[run_hits[0][0] : run_hits[0][1]]) in self._given
            )
        ):
            return None  # "Middle East Tobias Ellwood": a person after a listed name
            # (but "Chad Edward Gaudin": the listed name is his given name)
        if (
            key(free[0][2]) in self._given
            and free[0][1] <= run_hits[0][0]
            and any(t[2] == "of" and t[0] < run_hits[0][0] for t in tokens)
        ):
            return None  # "Vishwanand Subryan of Schenectady": a person from a place
        hit_kinds = [self.lex.get(h[2]) for h in run_hits]
        if any(k.kind == ACTOR and k.type == "person" for k in hit_kinds):
            return None
        last = norm(words[-1][2])
        if any(k.kind == ACTOR for k in hit_kinds) and not (
            last in rules.ORG_SUFFIXES or norm(words[0][2]) in rules.ORG_PREFIXES
        ):
            return None
        # the free words must touch a hit (no stripped words in between)
        return tokens  # titles and "The" are stripped by the rules (a title marks a person)

    def _place_institution(self, text, tokens, words, run_hits):
        """"Ohio Senate", "Fiji Labour Party", "Fairmont State College": a listed place right
        before a listed name that ends with an organisation designator is one name (the
        institution of that place), else None."""
        if len(run_hits) != 2 or norm(words[-1][2]) not in rules.ORG_SUFFIXES:
            return None
        (s0, e0, i0, _), (s1, e1, i1, _) = run_hits
        if not text[e0:s1].isspace() or e1 != tokens[-1][1] or s0 != words[0][0]:
            return None
        first, second = self.lex.get(i0), self.lex.get(i1)
        if first.kind != PLACE or not (
            second.type in _INSTITUTION_TYPES or second.kind == PLACE
        ):
            return None  # "Syria Al-Nusra Front": a place, then a group active there
        return tokens

    def lex_given_names(self) -> frozenset[str]:
        """Keys of common given names."""
        return self._given
