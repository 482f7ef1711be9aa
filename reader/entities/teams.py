"""A town's name used for its sports team: "played with Footscray", "signed with Coburg",
"losing to Tulsa 63-7", "Leeds beat Everton". The team is an organisation of its own, not the
town (the town keeps its id; the team gets one of its own, as any unlisted organisation).

A sports cue must touch the name: a verb of playing, signing, coaching or beating right
before it, or a score or such a verb right after it. The name of a second team in a list
after a cue ("played with Footscray and North Melbourne") counts too. One cue makes every
mention of that name in the article a team, except where the text says it is a place
("born in X", "in X", "near X"). Where the article also names the team in full ("Kansas
City Chiefs"), the short form links to it. Countries stay places (design: one entity per
country, also when its national team plays).
"""

from __future__ import annotations

import re

from reader.entities.candidates import Candidate
from reader.model import ACTOR, PLACE

_BEFORE = re.compile(
    r"\b(?:play(?:ed|s|ing)? (?:for|with|against)|sign(?:ed|s|ing)? (?:with|for)|"
    r"(?:traded|loaned|sold|dealt) to|(?:debut|debuted|games|matches|appearances|seasons?|"
    r"career|goals) (?:for|with)|coach(?:ed|es|ing)|captain(?:ed|s|ing)|beat|beats|beating|"
    r"defeated|defeating|lost to|losing to|loss to|defeat to|drew with|draw with|tied with|"
    r"win over|victory over|wins over)(?: the)? $"
)
"""Sports verbs right before a team's name."""
_AFTER = re.compile(
    r" (?:\d{1,3}-\d{1,3}(?![\d-])|beat |beats |defeated |edged |routed |thrashed |"
    r"drew with |lost to |won \d{1,3}-\d)"
)
"""A score or a sports verb right after a team's name ("Tulsa 63-7", "Leeds beat ...")."""
_LIST_GAP = re.compile(r"(?:,| and|, and) ")
"""Text between two teams of one list."""
_PLACE_BEFORE = re.compile(r"\b(?:in|near|born in|outside|around|from)(?: the)? $")
"""Text right before a town that is the town, even in a sports article."""
_TEAM_TYPES = frozenset({"city", "place", "district", "region"})
"""Listed place types a team is named after (not countries)."""


def mark_teams(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` with the town names this article uses for teams made organisations."""
    if " " not in text:
        return cands
    teams: set[str] = set()
    prev_team_end = -1
    for c in cands:
        if c.kind != PLACE or c.type not in _TEAM_TYPES:
            continue
        if (
            _cue_word(text, c.start) and _BEFORE.search(text, max(0, c.start - 40), c.start)
            or _AFTER.match(text, c.end)
            or 0 < c.start - prev_team_end <= 6
            and _LIST_GAP.fullmatch(text, prev_team_end, c.start)
        ):
            teams.add(c.key)
            prev_team_end = c.end
    if not teams:
        return cands
    # the team's full name in this article ("Kansas City Chiefs"): the short form is that team
    full = {}
    for c in cands:
        head, _, last = c.key.rpartition(" ")
        if head in teams and c.kind == ACTOR and last.endswith(("s", "x")):
            full[head] = None if head in full and full[head] != c.key else c.key
    out = []
    for c in cands:
        if c.key in teams and c.kind == PLACE and not _place_context(text, c):
            k = full.get(c.key) or c.key
            c = Candidate(c.start, c.end, c.text, k, -1, ACTOR, "organisation", c.flag)
        out.append(c)
    return out


_CUE_ENDS = frozenset(
    "for with against to coached coaches coaching captained captains captaining beat beats "
    "beating defeated defeating over the".split()
)
"""Last words of the sports cues before a name (a cheap test before the pattern)."""


def _cue_word(text: str, pos: int) -> bool:
    """True if the word before ``pos`` (after one space) can end a sports cue."""
    if pos < 2 or text[pos - 1] != " ":
        return False
    return text[text.rfind(" ", max(0, pos - 14), pos - 1) + 1 : pos - 1] in _CUE_ENDS


def _place_context(text: str, c: Candidate) -> bool:
    """True if the text right before ``c`` says it is the town ("born in X", "near X")."""
    return _PLACE_BEFORE.search(text, max(0, c.start - 14), c.start) is not None
