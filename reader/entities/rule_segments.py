"""Names that no list knows: a capitalised segment becomes zero or more candidates, and its
kind (place or actor) and type come from designators ("Province", "Ministry"), titles,
given names and context ("in X", "X said", "the town of X", "X is a village")."""

from __future__ import annotations

import re

from reader.entities import rules
from reader.entities.candidates import FIRSTWORD, INITIAL, NORMAL, Candidate, new_candidate
from reader.entities.classify import classify
from reader.entities.demonyms import DemonymTable
from reader.entities.lexicon import Lexicon
from reader.entities.no_names import NoNames
from reader.entities.normalise import key
from reader.entities.text_shape import norm, starts_sentence
from reader.entities.whole_names import OF_HEADS
from reader.model import ACTOR, PLACE

EVENT_WORDS = frozenset("operation hurricane typhoon cyclone storm".split())
"""First words of named events, which are neither places nor actors."""
_DESIGNATORS = rules.ORG_SUFFIXES | rules.PLACE_SUFFIXES.keys()
"""Last words that make a run a name (a leading demonym is then part of it: "Syrian Arab Army")."""
_ROLES_OF = frozenset("fellow fellows member members descendant".split())
"""Words before "of" that name a role in an organisation, not the organisation."""
_TRAILING_NOUNS = frozenset("players fans supporters results mp mps mpp mla mep meps draft".split())
"""Plain nouns that end a capitalised run but not a name ("AFL Results", "Labor MP")."""
_COORDINATED = re.compile(r"(?:,|,? and|,? or) $")
"""Text between two names of one list ("Anadan and Haritan")."""
_ABBREVIATED = re.compile(r"[A-Z]\.[A-Z]\.?$|\b[A-Z][a-z]?\.$")
"""A name ending in an abbreviation ("U.S.", "Smith Jr."), whose full stop is its own."""
_CODE_WORD = re.compile(r"[A-Z]+\d+[A-Z]*\d*|[A-Z]\d*[A-Z]?\d+")
"""Capitals and digits in one unlisted word: an index, a model, a road ("BEL20", "X86")."""
_ACRONYM_PLURAL = re.compile(r"[A-Z]{2,}s")
"""An acronym in the plural ("KOs", "MPs", "IEDs"): things, not a name."""
_COMPASS = frozenset(
    "western eastern northern southern central northwestern northeastern southwestern "
    "southeastern".split()
)
"""Compass adjectives: a description before a listed place ("Northern Idlib"), part of any
other name ("Western Force", "Southern Cross Broadcasting")."""
_ORDINAL_WORDS = frozenset(
    """first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth
    thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth
    twentieth""".split()
)
"""Ordinal words that start the names of units ("Fourth Air Force", "Sixth Fleet")."""
_STRIPPED = rules.TITLES | rules.JOB_TITLES | _ROLES_OF | rules.STOP_WORDS | {"old"}
"""Every word the leading-word rules look at besides connectors, demonyms and lower-case words
(most words are none of these: one set lookup instead of five)."""


def designated_old(lex: Lexicon, rest) -> bool:
    """True if the words after "Old" are a listed place ("Old Goa")."""
    idx = lex.lookup(key(" ".join(t[2] for t in rest)))
    return idx is not None and lex.get(idx).kind == PLACE


class RuleSegments(NoNames):
    """Mixin of :class:`reader.entities.analyse.Analyser`: the capitalisation rules."""

    lex: Lexicon
    _given: frozenset[str]
    _demonym: DemonymTable

    def _rule_segment(self, text, seg, cands, lower_words, first_in_sentence, in_title, prev_title) -> bool:
        """Turn a run segment not covered by lists into zero or more candidates."""
        given = self._given
        person_cue = prev_title
        # strip leading titles, "The", sentence-initial common words, demonyms
        designated = bool(seg) and (
            norm(seg[-1][2]) in _DESIGNATORS
            or len(seg) > 3 and any(
                seg[j + 1][2] in ("of", "for") and norm(seg[j][2]) in OF_HEADS
                for j in range(1, len(seg) - 2)
            )
        )
        i = 0
        if seg and seg[0][2][:1].isdigit() and not designated:
            i = 1  # an ordinal only starts a unit's name: "65th Air Division", not "3rd March"
        while i < len(seg):
            tok = seg[i][2]
            low = norm(tok)
            if low in _STRIPPED or tok in rules.CONNECTORS:
                if (low in rules.TITLES or low in rules.JOB_TITLES) and not (
                    low == "major"
                    and i + 1 < len(seg)
                    and norm(seg[i + 1][2]) in ("league", "leagues")
                ) and not (
                    # "King County", "Queen Street", "Defense Ministry": a title word inside a
                    # designated name without "of" names no person (unlike "Colonel Smith of
                    # the Army")
                    designated
                    and i + 1 < len(seg)
                    and norm(seg[-1][2]) in _DESIGNATORS
                    and not any(t[2] in rules.CONNECTORS for t in seg)
                ):
                    if low in rules.PERSON_TITLES or low in rules.JOB_TITLES:
                        person_cue = True
                    i += 1
                    continue
                if low in _ROLES_OF and i + 1 < len(seg) and seg[i + 1][2] in ("of", "for"):
                    i += 1  # "Fellow of the Royal Society", "Member of the Legislative Assembly"
                    continue
                if (
                    low == "old"
                    and i + 1 < len(seg)
                    and seg[i + 1][2][:1].isupper()
                    and designated_old(self.lex, seg[i + 1 :])
                ):
                    break  # "Old Goa", "Old Delhi": part of a place name
                if (
                    low in _COMPASS
                    and i + 1 < len(seg)
                    and seg[i + 1][2][:1].isupper()
                    and self.lex.lookup(key(text[seg[i + 1][0] : seg[-1][1]])) is None
                    and not self._demonym[norm(seg[i + 1][2])]
                ):
                    break  # "Western Force": part of the name ("northern Idlib" is not)
                if tok in rules.CONNECTORS or low in rules.STOP_WORDS:
                    if tok in rules.CONNECTORS:
                        person_cue = False  # "Chief of Staff": the title did not precede a name
                    if low in EVENT_WORDS:
                        return False  # "Operation Inherent Resolve", "Hurricane Milton": events
                    i += 1
                    continue
            if not designated and self._demonym[low]:
                i += 1
                continue
            if i == 0 and first_in_sentence and low in lower_words and not (
                designated and low in _ORDINAL_WORDS  # "Fourth Air Force" starting a sentence
            ):
                i += 1
                continue
            break
        if i:
            seg = seg[i:]
        # a possessive written without apostrophe inside a run: "Syrias Aleppo", "Assads forces"
        for j, t in enumerate(seg):
            low_t = norm(t[2])
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
        if len(seg) > 1:  # the rules below split or trim names of two words or more
            # "Representatives for the Syrian Armed Forces": a sentence-initial common noun and
            # its preposition are not part of the name that follows
            if (
                first_in_sentence
                and len(seg) > 2
                and seg[1][2] in ("for", "of")
                and starts_sentence(text, seg[0][0])
            ):
                low0 = norm(seg[0][2])
                if (
                    (low0.endswith(("s", "ly")) or low0 in lower_words)
                    and low0 not in rules.ORG_PREFIXES
                    and low0 not in rules.PLACE_PREFIXES
                    and key(seg[0][2]) not in self._given
                    and self.lex.lookup(key(seg[0][2])) is None
                ):
                    rest = seg[2:]
                    while rest and rest[0][2] in rules.CONNECTORS:
                        rest = rest[1:]
                    return self._rule_segment(text, rest, cands, lower_words, False, in_title,
                                              False)
            j = self._name_of_name(seg) if len(seg) > 3 else -1  # "X Y of Z": four words or more
            if j < 0 and len(seg) > 3:
                j = self._team_of(seg)  # "Oakland Athletics of Major League Baseball"
            if j > 0:
                # "Vancouver Canucks of the PCHL", "X Constituency for the National Party"
                rest = seg[j + 1 :]
                while rest and rest[0][2] in rules.CONNECTORS:
                    rest = rest[1:]
                self._rule_segment(text, seg[:j], cands, lower_words, first_in_sentence, in_title,
                                   person_cue)
                self._rule_segment(text, rest, cands, lower_words, False, in_title, False)
                return False
            # ordinary words before a given name are a description: "Tower Man George Hauser",
            # "Senior Kory Smith"
            for j in range(1, min(len(seg), 4)) if len(seg) > 2 else ():
                if key(seg[j][2]) in self._given and j + 1 < len(seg):
                    if all(
                        norm(t[2]) in lower_words
                        or norm(t[2]) in rules.JOB_TITLES
                        or norm(t[2]) in rules.RANK_WORDS
                        for t in seg[:j]
                    ):
                        seg = seg[j:]
                        person_cue = True
                    break
            # a title inside the run: "Santa Monica Chief Deputy City Attorney Terry White"
            last_title = -1
            for j in range(len(seg) - 1):
                low_j = norm(seg[j][2])
                if (
                    (low_j in rules.JOB_TITLES or low_j in rules.PERSON_TITLES)
                    and seg[j + 1][2][:1].isupper()
                    and not (low_j == "major" and norm(seg[j + 1][2]) in ("league", "leagues"))
                ):
                    last_title = j
            if last_title > 0:
                rest = seg[last_title + 1 :]
                if rest and norm(rest[-1][2]) not in _DESIGNATORS:  # the rest names no body
                    head = seg[:last_title]
                    while head and (
                        norm(head[-1][2]) in rules.TITLES or norm(head[-1][2]) in rules.JOB_TITLES
                    ):
                        head = head[:-1]
                    if head:
                        self._rule_segment(text, head, cands, lower_words, first_in_sentence,
                                           in_title, False)
                    return self._rule_segment(text, rest, cands, lower_words, False, in_title, True)
        while seg:
            last, low_last = seg[-1][2], norm(seg[-1][2])
            if not (
                last in rules.CONNECTORS
                or self._demonym[low_last] and low_last not in _DESIGNATORS  # "Parish"
                or (low_last in rules.STOP_WORDS and low_last not in rules.ORG_SUFFIXES)
                or (len(seg) > 1 and low_last in _TRAILING_NOUNS)
            ):
                break
            seg = seg[:-1]
        if not seg:
            return person_cue
        if len(seg) == 1:
            words = seg  # one word, no connector (trailing connectors are gone)
        else:
            # split at "and" unless the part before it has "of" (Ministry of Foreign Affairs and X)
            for j, t in enumerate(seg):
                if (
                    t[2] == "and"
                    and not any(u[2] == "of" for u in seg[:j])
                    and not (t[1] > t[0] and self._joint_name(text, seg[:j], seg[j + 1 :], ()))
                ):
                    left, right = seg[:j], seg[j + 1 :]
                    self._rule_segment(text, left, cands, lower_words, first_in_sentence, in_title,
                                       person_cue)
                    self._rule_segment(text, right, cands, lower_words, False, in_title, False)
                    return False
            words = [t for t in seg if t[2] not in rules.CONNECTORS]
        given_first = len(words) > 2 and key(words[0][2]) in self._given
        if given_first or person_cue and len(words) > 1 and not designated:
            for j, t in enumerate(seg):
                if t[2] in ("for", "of") and (j > 1 or j == 1 and not given_first):
                    # "Chris Byrd for the IBF", "Vishwanand Subryan of Schenectady", "Thomas D.
                    # Green of Ottawa" (a person: "Green" follows an initial)
                    self._rule_segment(text, seg[:j], cands, lower_words, first_in_sentence,
                                       in_title, person_cue)
                    rest = seg[j + 1 :]
                    while rest and rest[0][2] in rules.CONNECTORS:
                        rest = rest[1:]
                    if rest:
                        rs_, re_r = rest[0][0], rest[-1][1]
                        r_idx = self.lex.lookup(key(text[rs_:re_r]))
                        if r_idx is not None:  # "... of Leeds": the listed place
                            r_known = self.lex.get(r_idx)
                            cands.append(Candidate(rs_, re_r, text[rs_:re_r], key(text[rs_:re_r]),
                                                   r_idx, r_known.kind, r_known.type))
                        else:
                            self._rule_segment(text, rest, cands, lower_words, False, in_title,
                                               False)
                    return False
        if len(words) > 8:
            return False  # a menu or a headline in Title Case, not a name
        s, e = seg[0][0], seg[-1][1]
        surface = text[s:e]
        if surface.endswith(".") and not _ABBREVIATED.search(surface):
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
            if len(words) > 1 and norm(words[-1][2]).endswith("s"):
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
            low = norm(tok0)
            if (
                low in rules.STOP_WORDS
                or low in rules.SINGLE_STOP
                or low in rules.TITLES
                or (low.endswith("s") and (low[:-1] in rules.STOP_WORDS or low[:-1] in rules.SINGLE_STOP))
                or self._demonym[low]
            ):
                return person_cue
            if low in lower_words and not person_cue:
                return person_cue  # written in lower case elsewhere: a common word
            if not tok0.isalpha() and _CODE_WORD.fullmatch(tok0) or _ACRONYM_PLURAL.fullmatch(tok0):
                return person_cue  # "BEL20", "X86", "B1242": a code; "KOs", "MPs": a plural
        elif self._no_name(words, designated):
            return person_cue
        idx = self.lex.lookup(k)
        known = self.lex.get(idx) if idx is not None else None
        if known is not None and (known.kind == ACTOR or known.type in ("country", "region")):
            # a listed name after all (split off a longer run: "Syrias Aleppo")
            cands.append(Candidate(s, e, surface, k, idx, known.kind, known.type))
            return False
        kind, typ = classify(self.lex, text, words, s, e, person_cue, given)
        if typ == "unknown" and cands:
            prev = cands[-1]
            if (
                prev.kind == PLACE
                and 0 < s - prev.end <= 6
                and prev.type != "country"
                and _COORDINATED.search(text, max(0, s - 6), s)
            ):
                kind, typ = PLACE, "place"  # "to Anadan and Haritan": one list, one kind
        flag = NORMAL
        starts = first_in_sentence and starts_sentence(text, s)
        if single and starts and not person_cue and not (
            text.startswith(rules.DESCRIBED_STARTS, e) and rules.PLACE_DESCRIBED.match(text, e)
        ):
            flag = INITIAL
        elif starts and not single and key(tok0) not in given and self.lex.lookup(key(tok0)) is None:
            flag = FIRSTWORD
        if in_title and not person_cue and not (len(words) == 2 and key(tok0) in given):
            flag = INITIAL  # Title Case line: the corpus must confirm it (a title makes a person)
        cands.append(new_candidate((s, e, surface, k, -1, kind, typ, flag)))
        return False
