"""Capitalised runs that name no place or actor: periods, holidays, wars, summits and time
zones ("Thanksgiving Day", "Iran-Iraq War"), ships ("USS Mahan"), roles with nobody named
("Special Envoy") and titles of works or headlines ("Gentle On Your Mind")."""

from __future__ import annotations

from reader.entities import rules
from reader.entities.normalise import key
from reader.entities.text_shape import norm

EVENT_ENDS = frozenset("age ages era day war wars summit time".split())
"""Last words of periods, holidays, wars, summits and time zones ("Middle Ages", "Thanksgiving
Day", "Iran-Iraq War", "Greenwich Mean Time"), which are no places or actors."""
SHIP_PREFIXES = frozenset("uss hms hmas hmcs hmnzs ins fs rfs mv hmt".split())
"""Ship prefixes ("USS Mahan", "HMS Belfast"): a ship is no place or actor."""
_ROLE_ENDS = rules.TITLES | rules.JOB_TITLES
"""Last words of a role ("Special Envoy", "Attorney General")."""
_TITLE_FUNCTION_WORDS = frozenset(
    """In At To By With From Into Your Is Are Was Were Be Been Not Do Does Did Would Could
    Should""".split()
)
"""Function words written with a capital inside a run: the title of a work or a headline
("Gentle On Your Mind", "Sox May Not Be Out"), not a name. Not "On" ("Stoke On Trent"),
"Our"/"His"/"Her" ("Our Lady", "Her Majesty"), nor words that are also names ("May", "Will",
"Can")."""


class NoNames:
    """Mixin of :class:`reader.entities.rule_segments.RuleSegments`: the tests above."""

    _given: frozenset[str]

    def _no_name(self, words, designated: bool) -> bool:
        """True if a name of two words or more (``words``, connectors left out) names no
        place or actor: an event or a ship (:meth:`_event_name`), or a role with nobody
        named ("Special Envoy", "Attorney General"). A name with a designator or starting
        with a given name ("John Judge") is kept."""
        if self._event_name(words):
            return True
        if any(w[2] in _TITLE_FUNCTION_WORDS for w in words[1:]):
            return True  # "Gentle On Your Mind", "Sox May Not Be Out": a title or a headline
        last = norm(words[-1][2])
        if last not in _ROLE_ENDS or designated:
            return False
        if norm(words[0][2]) in rules.ORG_PREFIXES or key(words[0][2]) in self._given:
            return False  # "Ministry of Justice", "John Judge"
        return not any(norm(w[2]) in rules.ORG_SUFFIXES for w in words[:-1])

    def _event_name(self, words) -> bool:
        """True for a period, holiday, war, summit or time zone ("Thanksgiving Day", "Iran-Iraq
        War", "Greenwich Mean Time") or a ship ("USS Mahan"): no place or actor, nor the
        listed names inside it. Not "Ministry of War", "Doris Day", "War Child"."""
        if not words:
            return False
        first, last = norm(words[0][2]), norm(words[-1][2])
        if first in SHIP_PREFIXES:
            return True
        if last not in EVENT_ENDS or len(words) < 2:
            return False
        if first in rules.ORG_PREFIXES or key(words[0][2]) in self._given:
            return False
        return not any(norm(w[2]) in rules.ORG_SUFFIXES for w in words[:-1])
