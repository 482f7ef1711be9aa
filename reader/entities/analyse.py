"""Per-document analysis: candidate mentions with exact offsets, plus the document's evidence.

The result (:class:`DocAnalysis`) depends only on the text and the shipped lists, so the index
can pickle one per article and reuse it until the file changes. Corpus-level decisions
(acronyms used in other articles, surnames, user corrections) are made later by ``link``.
This module walks the capitalised runs of a text with the list matches in them
(:mod:`list_hits`); :mod:`whole_names` decides when a listed name is part of a longer one,
:mod:`rule_segments` turns the rest of a run into names and :mod:`evidence` collects acronyms
and former names.
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
from reader.entities.list_hits import list_hits
from reader.entities.nicknames import join_nicknames
from reader.entities.no_names import EVENT_ENDS, SHIP_PREFIXES
from reader.entities.normalise import key
from reader.entities.rule_segments import EVENT_WORDS, RuleSegments
from reader.entities.teams import mark_teams
from reader.entities.text_shape import (
    after_initial,
    dedupe,
    drop_honours,
    in_ranges,
    is_lone_stop,
    norm,
    run_tokens,
    special_lines,
    starts_sentence,
)
from reader.entities.whole_names import COMPANY_ENDS, WholeNames
from reader.model import ACTOR

_WORD_LOWER = re.compile(r"\b(?<!-)[a-z]{3,}\b(?!-)")
"""A word written in lower case, between no word characters and no hyphens (the document's
``lower_vocab``; ``\\b`` first: the scan fails at once inside a word)."""
_WORD_LOWER_ASCII = re.compile(_WORD_LOWER.pattern, re.ASCII)
"""The same matches in ASCII text (most articles), found faster."""
_AND = re.compile(r"(?<![a-z])and(?![a-z])")
"""Where a run can have an "and" token (not in "England", "Rand")."""
_START = attrgetter("start")
"""Sort key of candidates (a C function, not a lambda)."""
_TOWN_TYPES = frozenset({"city", "place", "district"})
"""Listed place types whose names are also surnames often enough ("Sheridan", "Norton")."""
_ARTICLE_GIVEN = frozenset({"al", "el"})


class Analyser(WholeNames, RuleSegments):
    """Runs the list matcher and the capitalisation rules over one text."""

    def __init__(self, lexicon: Lexicon) -> None:
        from reader.entities.gazetteer import load_given_names

        self.lex = lexicon
        # "Al"/"El" start Arabic place and group names far more often than they are
        # given names ("Al Huwayjah", "El Bab"): no person evidence by themselves
        self._given = load_given_names() - _ARTICLE_GIVEN
        self._demonym = demonym_table(lexicon)
        """``self._demonym[low]``: is the (normalised) word a demonym ("Syrian")?"""

    # -- whole document -----------------------------------------------------------------
    def analyse(self, text: str) -> DocAnalysis:
        """Candidates and evidence for ``text`` (offsets are Python string offsets)."""
        result = DocAnalysis(length=len(text))
        if not text or not any(c.isupper() for c in text[:200000]) and text.islower():
            return result
        caps_lines, title_lines = special_lines(text)
        hits = list_hits(self.lex, self._given, text, caps_lines)
        cands: list[Candidate] = []
        covered_until = -1
        ascii_text = text.isascii()
        word_lower = _WORD_LOWER_ASCII if ascii_text else _WORD_LOWER
        lower_words = result.lower_vocab = frozenset(word_lower.findall(text))
        hit_iter_pos = 0
        n_hits = len(hits)
        caps_at, n_caps = 0, len(caps_lines)
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
            if caps_at < n_caps:  # runs come in order: walk the ALL-CAPS lines along
                while caps_at < n_caps and caps_lines[caps_at][1] <= rs:
                    caps_at += 1
                if caps_at < n_caps and caps_lines[caps_at][0] <= rs:
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
        cands = join_nicknames(self, text, cands, hits, lower_words, title_lines)
        cands = mark_teams(text, cands)
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
                               starts_sentence(text, rs), in_ranges(rs, title_lines),
                               rs > 1 and text[rs - 2] == "." and after_initial(text, rs))
            return
        elif len(run_hits) == 1 and run_hits[0][1] <= re_:
            cand = self._known(text, run_hits[0])  # one word, one listed name in it
            if cand.type in _TOWN_TYPES and after_initial(text, rs):
                # "Thomas L . Hayes": a town's name after an initial is a surname
                cand = Candidate(cand.start, cand.end, cand.text, cand.key, -1, ACTOR, "person")
            cands.append(cand)
            return
        else:
            tokens = [(rs, re_, run)]  # one word: TOKEN_RE would find just it
        if not tokens or len(tokens) > MAX_RUN_TOKENS:
            # no name is this long: a list of names without commas, a menu, a Title Case
            # paragraph. Only the listed names count (and the work stays linear).
            for h in run_hits:
                cands.append(self._known(text, h))
            return
        if "All-" in run or "ALL-" in run:
            tokens, run_hits = drop_honours(tokens, run_hits)
        in_title = in_ranges(rs, title_lines)
        # split at "and": only a run with an "and" token or a hyphen tail's break has one
        split = ("and" in run and _AND.search(run) is not None) or "-" in run
        parts = self._and_parts(text, tokens, run_hits) if split else [tokens]
        n0 = len(cands)
        events = []
        for part in parts:
            if not part:
                continue
            ps, pe = part[0][0], part[-1][1]
            if len(part) > 1 and (
                norm(part[0][2]) in EVENT_WORDS
                or (norm(part[-1][2]) in EVENT_ENDS or norm(part[0][2]) in SHIP_PREFIXES)
                and self._event_name([t for t in part if t[2] not in rules.CONNECTORS])
            ):
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
                    and norm(after[-1][2]) not in COMPANY_ENDS  # "... and Salomon Inc"
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
        prev_title = after_initial(text, tokens[0][0])  # "Thomas D . Green of Ottawa"
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

    def lex_given_names(self) -> frozenset[str]:
        """Keys of common given names."""
        return self._given
