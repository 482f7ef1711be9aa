"""Evidence from the whole corpus, gathered before any candidate is linked: acronyms defined
anywhere, former names, names confirmed mid-sentence, the kinds each rule-found name was given,
full names of persons by surname, and words written in lower case somewhere."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from reader.entities.candidates import INITIAL, DocAnalysis
from reader.entities.lexicon import Lexicon
from reader.entities.normalise import key


def surname(name_key: str) -> str:
    """The last word of a name key."""
    parts = name_key.split()
    return parts[-1] if parts else ""


@dataclass
class CorpusEvidence:
    """What :func:`gather` found (see the module docstring)."""

    acronym_map: dict[str, str]
    """Acronym key -> the long-form key most often defined for it."""
    formerly: dict[str, str]
    """Former name key -> current name key."""
    confirmed: set[str]
    """Keys written mid-sentence somewhere: surely names."""
    rule_forms: dict[str, dict]
    """Rule-found key -> {(kind, type): count}."""
    person_fulls: dict[str, set]
    """Surname -> full-name keys (or lexicon indices of listed persons)."""
    group_rep: dict[str, object]
    """Full-name key -> the representative of its (first, last word) group."""
    corpus_lower: set[str]
    """Words written in lower case somewhere in the corpus."""
    doc_person_cands: dict[str, list]
    """Doc id -> (key, known index, text) of full person names in it."""


def gather(lexicon: Lexicon, analyses: Mapping[str, DocAnalysis]) -> CorpusEvidence:
    """Collect the corpus evidence of every document's analysis."""
    acronym_longs: dict[str, Counter] = defaultdict(Counter)
    formerly: dict[str, str] = {}
    confirmed: set[str] = set()
    rule_forms: dict[str, dict] = defaultdict(dict)
    person_fulls: dict[str, set[str]] = defaultdict(set)  # surname -> full-name keys
    corpus_lower: set[str] = set()
    persons = lexicon.person_indices
    doc_person_cands: dict[str, list] = {}
    for doc_id, analysis in analyses.items():
        corpus_lower.update(analysis.lower_vocab)
        for acr, long_key in analysis.acronyms:
            acronym_longs[acr][long_key] += 1
        for new, old in analysis.formerly:
            formerly[old] = new
        for _s, _e, _t, k, known, kind, typ, flag in analysis.candidates:
            if flag == 0:  # written mid-sentence: the corpus confirms this is a name
                confirmed.add(k)
            if known < 0:
                forms = rule_forms[k]
                kt = (kind, typ)
                forms[kt] = forms.get(kt, 0) + 1
                if typ == "person" and " " in k and flag != INITIAL:
                    person_fulls[surname(k)].add(k)
                    doc_person_cands.setdefault(doc_id, []).append((k, known, _t))
            elif known in persons and " " in k:
                person_fulls[surname(k)].add(known)
                doc_person_cands.setdefault(doc_id, []).append((k, known, _t))
    # persons written with and without middle names/initials ("Mark Heller", "Mark Jay Heller")
    # are one person: group full names by (first word, last word)
    person_groups: dict[tuple[str, str], list] = defaultdict(list)
    for fulls in person_fulls.values():
        for full in fulls:
            words = (lexicon.get(full).name if isinstance(full, int) else full)
            words = key(words).split() if isinstance(full, int) else full.split()
            person_groups[(words[0], words[-1])].append(full)
    group_rep: dict[str, object] = {}
    for members in person_groups.values():
        known_members = sorted(m for m in members if isinstance(m, int))
        rule_members = sorted((m for m in members if not isinstance(m, int)),
                              key=lambda m: (-len(m.split()), m))
        rep = known_members[0] if known_members else rule_members[0]
        for m in rule_members:
            group_rep[m] = rep
    acronym_map: dict[str, str] = {}
    for acr, longs in acronym_longs.items():
        (best, n), *rest = longs.most_common()
        if not rest or n > rest[0][1]:
            acronym_map[acr] = best
    return CorpusEvidence(acronym_map, formerly, confirmed, rule_forms, person_fulls, group_rep,
                          corpus_lower, doc_person_cands)
