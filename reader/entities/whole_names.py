"""Names made of names: a listed name inside a capitalised run that is only part of a longer
name ("University of Aleppo", "Ohio Senate", "Marks and Spencer Group"), a person's name
before "of" and a name ("Dr Sue Black of the University of Westminster"), and a name "of"
another ("Vancouver Canucks of the PCHL")."""

from __future__ import annotations

from reader.entities import rules
from reader.entities.demonyms import DemonymTable
from reader.entities.lexicon import Lexicon
from reader.entities.normalise import key
from reader.entities.text_shape import norm
from reader.model import ACTOR, PLACE

COMPANY_ENDS = frozenset(
    "co co. inc inc. corp corp. ltd ltd. plc llc company sons partners associates".split()
)
"""Company designators that alone end a name of two names ("Merrill Lynch and Co")."""
_INSTITUTION_TYPES = frozenset({"government-body", "political-party"})
"""Listed actor types that a place name before them makes a different, local body."""
_PLURAL_UNITS = frozenset("forces brigades battalions guards militias units markets".split())
"""Plural designators shared by two names ("Hezbollah and Amal Forces"): no joint name."""
OF_HEADS = rules.ORG_SUFFIXES | rules.ORG_PREFIXES
"""Heads of "X of Y" organisation names ("American College of Physicians", "Bulgarian Academy
of Sciences"): a demonym before them is part of the name too."""
_COMPLEMENT_HEADS = frozenset(
    "association society academy commission committee federation union league agency "
    "organisation organization board bureau centre center".split()
)
"""Heads that take an "of"/"for" complement ("National Association of Broadcasters")."""
_PLURAL_DESIGNATORS = frozenset("forces services guards brigades units markets".split())


class WholeNames:
    """Mixin of :class:`reader.entities.analyse.Analyser`: listed names inside longer names."""

    lex: Lexicon
    _given: frozenset[str]
    _demonym: DemonymTable

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
        if len(right) == 1 and last not in COMPANY_ENDS:
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
        free = []  # words outside the hits that are no title, stop word or demonym
        for t in words:
            for h in run_hits:
                if h[0] <= t[0] and t[1] <= h[1]:
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

    def _team_of(self, seg) -> int:
        """Index of the "of"/"for" after a team's name ("<listed place> <plural>": "Oakland
        Athletics of Major League Baseball"), else -1."""
        for j in range(2, len(seg) - 1):
            if seg[j][2] in ("of", "for"):
                last = seg[j - 1][2]
                low = norm(last)
                if (
                    low.endswith("s")
                    and not low.endswith(("ss", "us", "is"))
                    and low not in rules.PLACE_PLURALS
                    and all(t[2][:1].isupper() for t in seg[:j])
                    and self.lex.lookup(key(" ".join(t[2] for t in seg[: j - 1]))) is not None
                    and self.lex.lookup(key(last)) is None
                ):
                    return j
                return -1
        return -1

    @staticmethod
    def _name_of_name(seg) -> int:
        """Index of the "of"/"for" between two names in one run, else -1: a name of two or
        more words, then an acronym or a designated name ("Vancouver Canucks of the PCHL"; see
        also :meth:`_team_of`). Names whose head asks for a
        complement ("Department of ...", "Supreme Council of the Armed Forces") stay whole."""
        words = 0
        for j, t in enumerate(seg):
            tok = t[2]
            if tok in ("of", "for") and words >= 2:
                head = norm(seg[j - 1][2])
                if head in OF_HEADS or head in _COMPLEMENT_HEADS:
                    return -1
                tail = [u for u in seg[j + 1 :] if u[2] not in ("the",)]
                if not tail or any(u[2] in ("of", "for") for u in tail):
                    return -1
                if len(tail) == 1 and tail[0][2].isupper() and len(tail[0][2]) >= 2:
                    return j
                if len(tail) >= 2 and norm(tail[-1][2]) in rules.ORG_SUFFIXES and (
                    norm(tail[-1][2]) not in _PLURAL_DESIGNATORS
                ):
                    return j
                return -1
            if tok in rules.CONNECTORS:
                return -1
            words += 1
        return -1
