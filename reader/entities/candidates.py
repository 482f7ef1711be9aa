"""What the per-document analysis produces: candidate mentions and the document's evidence.

The result (:class:`DocAnalysis`) depends only on the text and the shipped lists, so the index
can pickle one per article and reuse it until the file changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import NamedTuple

NORMAL = 0
"""Candidate flag: a name in running text."""
MAX_RUN_TOKENS = 24
"""Capitalised runs longer than this are lists or menus, not names: only list hits count."""
INITIAL = 1
"""Candidate flag: a lone unknown word that starts a sentence (kept if the corpus confirms it)."""
GIVEN_NAME = "given-name"
"""Candidate type of a lone given name with no other cue ("his son Michael"): a person, but
the weakest evidence in the corpus vote (below any place context); shown as "person"."""
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


new_candidate = partial(tuple.__new__, Candidate)
"""``new_candidate((start, end, text, key, known, kind, type, flag))``: the same Candidate,
made without the named tuple's Python-level ``__new__`` (for the analyser's hot paths)."""


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

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        # Pickled as plain values (candidates as tuples, the words as one string): a large
        # build sends every analysis from a worker process and saves them all, and this is
        # several times faster than pickling named tuples and sets of strings one by one.
        return (_restore, (list(map(tuple, self.candidates)), self.acronyms, self.formerly,
                           self.length, " ".join(self.lower_vocab)))


def _restore(rows: list[tuple], acronyms: list[tuple[str, str]], formerly: list[tuple[str, str]],
             length: int, words: str) -> DocAnalysis:
    """A pickled :class:`DocAnalysis` back (see ``DocAnalysis.__reduce__``)."""
    return DocAnalysis(list(map(_candidate, rows)), acronyms, formerly, length,
                       frozenset(words.split()))


_candidate = partial(tuple.__new__, Candidate)
"""A Candidate from a plain tuple (no Python-level call per candidate)."""
