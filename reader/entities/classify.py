"""Kind and type of a name that no list knows, from its designators and its context:
"X Province", "Ministry of X", "Mr X", "X said", "the village of X", "X, Texas"."""

from __future__ import annotations

from reader.entities import rules
from reader.entities.candidates import GIVEN_NAME
from reader.entities.lexicon import Lexicon
from reader.entities.normalise import key
from reader.entities.text_shape import norm
from reader.model import ACTOR, PLACE

_BODY_DISTRICTS = frozenset("school water fire sanitation irrigation library hospital".split())
"""Kinds of special districts, which are public bodies, not areas ("X School District")."""
_PLACE_BEFORE_ENDS = ("of ", "in ", "to ", "toward ", "towards ")
"""How text matching PLACE_BEFORE or PLACE_BEFORE_MOTION ends (before an optional newline)."""


def classify(lex: Lexicon, text, words, s, e, person_cue, given) -> tuple[str, str]:
    """Kind and type of an unlisted name from its designators and context."""
    last = words[-1][2].lower().rstrip(".")
    first = words[0][2].lower()
    if last == "district" and len(words) > 2 and norm(words[-2][2]) in _BODY_DISTRICTS:
        return ACTOR, "organisation"  # "Coronado Unified School District": a public body
    if last in rules.PLACE_SUFFIXES and len(words) > 1:
        return PLACE, rules.PLACE_SUFFIXES[last]
    if last in rules.ORG_SUFFIXES and len(words) > 1:
        if last in ("hospital", "church", "mosque"):
            return PLACE, "facility"
        return ACTOR, "organisation"
    if first in rules.ORG_PREFIXES and len(words) > 1:
        return ACTOR, "organisation"
    if (
        len(words) > 1
        and _plural_name(lex, words[-1][2], last)
        and (
            first in rules.PLACE_PREFIXES
            or lex.lookup(key(" ".join(w[2] for w in words[:-1]))) is not None
        )
    ):
        # a place's name and a plural: "St. Louis Eagles", "River Cats", "West Coast Eagles"
        return ACTOR, "organisation"
    if first in rules.PLACE_PREFIXES and len(words) > 1 and not person_cue:
        return PLACE, rules.PLACE_PREFIXES[first]
    if (
        len(words) > 1
        and any(norm(w[2]) in rules.ORG_SUFFIXES for w in words[:-1])
        and not person_cue
    ):
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
    # a place's context outweighs a given name ("fled to Sandy Hook", "Laurel Hollow,
    # New York"): nobody flees to a person
    before_text = text[max(0, s - 40) : s]
    if (
        before_text.endswith(_PLACE_BEFORE_ENDS)
        or before_text.endswith("\n")
        and before_text[:-1].endswith(_PLACE_BEFORE_ENDS)  # "$" matches before a last newline
    ) and (rules.PLACE_BEFORE.search(before_text) or rules.PLACE_BEFORE_MOTION.search(before_text)):
        return PLACE, "place"
    if after.startswith(rules.DESCRIBED_STARTS) and rules.PLACE_DESCRIBED.match(after):
        return PLACE, "place"
    m = rules.PLACE_AFTER.match(after) if "," in after[:2] else None
    if m and not m.group(1).endswith(("'", "’", "'s", "’s")):  # "X, Texas' senator"
        idx = lex.lookup(key(m.group(1)))
        if idx is not None and lex.get(idx).type in ("country", "region"):
            return PLACE, "city"
    k0 = key(words[0][2])
    if k0 in given:
        if len(words) >= 2:
            return ACTOR, "person"
        if lex.lookup(k0) is None:
            # "Francine is against it", "his son Michael": a given name alone is a person
            # too (not a listed town: "Harrison"); the strong place contexts above outweigh
            # it here ("from Klaus" does not), and any place context does in the corpus vote
            return ACTOR, GIVEN_NAME
    if len(words) == 1 and norm(words[0][2]).endswith(rules.PLACE_WORD_ENDINGS):
        return PLACE, "city"
    if len(words) > 1 and norm(words[0][2]).removeprefix("al-") in rules.PLACE_PREFIXES:
        return PLACE, rules.PLACE_PREFIXES[norm(words[0][2]).removeprefix("al-")]
    before = before_text[-12:].split()
    if before and before[-1].lower() in rules.PLACE_CUE_WORDS and (
        len(words) == 1 or norm(words[0][2]) in rules.ARTICLE_PREFIXES
    ):
        return PLACE, "place"  # "near Anadan", "in Al Huwayjah"
    if len(words) == 1 and words[0][2].isupper() and len(words[0][2]) >= 2:
        return ACTOR, "organisation"
    return ACTOR, "unknown"


def _plural_name(lex: Lexicon, word: str, low: str) -> bool:
    """True if ``word`` (lower case ``low``) is a capitalised plural noun that ends no place
    name ("Eagles", "Dockers", "Trains"; not "Highlands", "Islands" or a listed place)."""
    return (
        len(low) > 3
        and low.endswith("s")
        and not low.endswith(("ss", "us", "is", "'s", "’s"))
        and word[:1].isupper()
        and not word.isupper()
        and low not in rules.PLACE_PLURALS
        and lex.lookup(key(word)) is None
    )
