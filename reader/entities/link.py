"""Corpus-level linking: turn every document's candidates into mentions of stable entities.

Order of decisions for one candidate (all keyed on normalised names, so case, diacritics,
hyphens and quotes never split an entity):

1. a surface the user marked "not an entity" is dropped;
2. a listed entity (gazetteer / actor table) or a user alias gives the entity directly;
3. an acronym defined anywhere in the corpus ("Long Name (LN)") links to its long form, and
   "X, formerly known as Y" links Y to X;
4. a lone surname links to the one person of the corpus whose full name ends with it
   (several such persons: it stays separate);
5. otherwise the name is its own entity, id = slug of its name (stable across runs).
A lone word that only ever starts sentences is kept only if the corpus also has it mid-sentence;
a lone unknown word with no cue (title, "said", "in", designator) seen only once is dropped.
User corrections (merge, split, rename, kind) are applied last.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from reader.entities.candidates import FIRSTWORD, GIVEN_NAME, INITIAL, DocAnalysis
from reader.entities.corpus_evidence import gather, surname
from reader.entities.corrections import CorrectionSet
from reader.entities.entity_table import Node, build_linking
from reader.entities.lexicon import Lexicon
from reader.entities.linking import Linking
from reader.entities.normalise import key, slug
from reader.model import ACTOR

__all__ = ["Linking", "link"]


def link(
    lexicon: Lexicon,
    analyses: Mapping[str, DocAnalysis],
    corrections: CorrectionSet | None = None,
) -> Linking:
    """Link every document's candidates to entities (see the module docstring)."""
    corr = corrections or CorrectionSet()
    ignored = corr.ignored_keys()
    user_alias = corr.alias_keys()  # alias key -> entity id/alias text (resolved below)
    ev = gather(lexicon, analyses)
    acronym_map, formerly, confirmed = ev.acronym_map, ev.formerly, ev.confirmed
    rule_forms, person_fulls, group_rep = ev.rule_forms, ev.person_fulls, ev.group_rep
    corpus_lower, doc_person_cands = ev.corpus_lower, ev.doc_person_cands

    nodes: dict[str, Node] = {}
    known_node: dict[int, str] = {}
    key_node: dict[str, str] = {}

    def node_for_known(idx: int) -> str:
        """Entity id of a listed entity (created on first use)."""
        eid = known_node.get(idx)
        if eid is None:
            k = lexicon.get(idx)
            eid = k.id
            if eid not in nodes:
                nodes[eid] = Node(eid, k.name, k.kind, k.type)
            known_node[idx] = eid
        return eid

    def node_for_key(name_key: str, surface: str, seen_in_corpus: set[str]) -> str | None:
        """Entity id of a rule-found name, following acronym/formerly/surname evidence."""
        eid = key_node.get(name_key)
        if eid is not None:
            return eid
        spelled = _spelling_key(name_key)
        if spelled != name_key:
            if spelled not in key_node and name_key in rule_forms:
                merged = rule_forms[spelled]  # (a defaultdict: created if missing)
                for kt, n in rule_forms[name_key].items():
                    merged[kt] = merged.get(kt, 0) + n
            eid = key_node.get(spelled) or node_for_key(spelled, surface, seen_in_corpus)
            key_node[name_key] = eid
            return eid
        target = None
        long_key = acronym_map.get(name_key)
        if long_key is not None and long_key != name_key:
            target = _target_of_key(long_key)
        if target is None and name_key in formerly and formerly[name_key] != name_key:
            target = _target_of_key(formerly[name_key])
        if target is None and " " in name_key:
            # "Idlib Province", "Hama countryside": the listed place itself
            stem, _, last = name_key.rpartition(" ")
            if last in _REGION_WORDS:
                idx = lexicon.lookup(stem)
                if idx is not None and lexicon.get(idx).kind == "place":
                    target = node_for_known(idx)
        rep = group_rep.get(name_key)
        if target is None and rep is not None and rep != name_key:
            target = node_for_known(rep) if isinstance(rep, int) else _target_of_key(rep)
        if target is None and " " not in name_key:
            fulls = person_fulls.get(name_key)
            reps = {group_rep.get(f, f) for f in fulls} if fulls else set()
            if len(reps) == 1:
                (full,) = reps
                target = node_for_known(full) if isinstance(full, int) else _target_of_key(full)
            elif not fulls:
                table = lexicon.surnames.get(name_key)
                if table and len(table) == 1:
                    target = node_for_known(table[0])
        if target is None:
            forms = rule_forms.get(name_key)
            kind, typ = _vote(forms) if forms else (ACTOR, "unknown")
            eid = _fresh_id(_slug_of_key(name_key) or slug(surface), kind)
            if eid not in nodes:
                nodes[eid] = Node(eid, surface, kind, typ)
            target = eid
        key_node[name_key] = target
        return target

    def _target_of_key(name_key: str) -> str | None:
        idx = lexicon.lookup(name_key)
        if idx is not None:
            return node_for_known(idx)
        eid = key_node.get(name_key)
        if eid is not None:
            return eid
        if name_key in rule_forms:
            kind, typ = _vote(rule_forms[name_key])
            eid = _fresh_id(slug(name_key), kind)
            if eid not in nodes:
                nodes[eid] = Node(eid, _display(name_key, surfaces), kind, typ)
            key_node[name_key] = eid
            return eid
        return None

    def _fresh_id(base: str, kind: str) -> str:
        if lexicon.by_id(base) is not None and lexicon.by_id(base).kind != kind:
            return f"{base}-{kind}"
        return base

    surfaces: dict[str, str] = {}
    for analysis in analyses.values():
        for c in analysis.candidates:
            if c.known < 0 and c.key not in surfaces and c.flag == 0:
                surfaces[c.key] = c.text

    raw: dict[str, list[tuple[int, int, str, str, str]]] = {}
    lookup = lexicon.lookup
    dropped: set[str] = set()
    for doc_id, analysis in analyses.items():
        out = []
        # a surname alone refers to the one person of this article with that surname
        doc_people: dict[str, set[str]] = {}
        for k, known, _t in doc_person_cands.get(doc_id, ()):
            if k not in ignored:
                if known >= 0:
                    pid = node_for_known(known)
                else:
                    pid = key_node.get(k) or node_for_key(k, surfaces.get(k, _t), confirmed)
                if pid:
                    doc_people.setdefault(surname(k), set()).add(pid)
        for start, end, text, k, known, _kind, _typ, flag in analysis.candidates:
            if flag == INITIAL and " " in k and k not in confirmed:
                # a headline in Title Case: keep the longest start that is a known name
                word_ends = [m.end() for m in _WORD.finditer(text)]
                for n in range(len(word_ends) - 1, 0, -1):
                    sub = text[: word_ends[n - 1]]
                    sub_key = key(sub)
                    if sub_key in confirmed or lookup(sub_key) is not None:
                        end = start + len(sub)
                        text, k, flag = sub, sub_key, 0
                        idx = lookup(sub_key)
                        known = idx if idx is not None and sub_key not in rule_forms else -1
                        break
            if flag == FIRSTWORD and k not in confirmed:
                first, _, rest = text.partition(" ")
                rest = rest.lstrip()
                rest_key = key(rest)
                if rest and (rest_key in confirmed or lookup(rest_key) is not None):
                    start, text, k = start + len(text) - len(rest), rest, rest_key
                    idx = lookup(rest_key)
                    known = idx if idx is not None and rest_key not in rule_forms else -1
            if k in ignored:
                continue
            if k in user_alias:
                out.append((start, end, text, "@" + user_alias[k], k))
                continue
            if known >= 0:
                if doc_people and " " not in k and len(doc_people.get(k, ())) == 1 and (
                    lexicon.get(known).type in _TOWN_TYPES
                ):
                    # "Belgrano", "Sheridan": a town's name, but here the surname of the one
                    # person of this article who has it
                    (eid,) = doc_people[k]
                    out.append((start, end, text, eid, k))
                    continue
                eid = known_node.get(known) or node_for_known(known)
            elif " " not in k and len(doc_people.get(k, ())) == 1:
                (eid,) = doc_people[k]
            else:
                eid = key_node.get(k)
                if eid is None:
                    if k in dropped:
                        continue
                    if flag == INITIAL and k not in confirmed and lookup(k) is None and k not in person_fulls:
                        dropped.add(k)
                        continue
                    if (
                        k not in acronym_map
                        and (" " not in k or all(t == "unknown" for _, t in rule_forms[k]))
                        and all(w in corpus_lower or len(w) < 3 for w in k.split())
                        and (" " in k or k not in person_fulls)
                        and lookup(k) is None  # a listed name ("Boston" as a team)
                    ):
                        dropped.add(k)
                        continue  # every word is written in lower case somewhere: common words
                    if (
                        " " not in k
                        and k not in person_fulls
                        and k not in lexicon.surnames
                        and k not in acronym_map
                        and k not in formerly
                        and all(t == "unknown" for _, t in rule_forms[k])
                        and sum(rule_forms[k].values()) < 2
                    ):
                        dropped.add(k)
                        continue  # one lone capitalised word, seen once, no cue: too weak
                    eid = node_for_key(k, surfaces.get(k, text), confirmed)
                    if eid is None:
                        continue
            out.append((start, end, text, eid, k))
        raw[doc_id] = out

    return build_linking(lexicon, nodes, raw, corr, formerly, _target_of_key, _fresh_id)


_WORD = re.compile(r"\S+")

_TOWN_TYPES = frozenset({"city", "place", "district"})
"""Listed place types whose names are also surnames often enough ("Sheridan", "Norton")."""

_REGION_WORDS = frozenset(
    "province provinces governorate governorates region countryside oblast prefecture".split()
)


_SPELLINGS = {
    "centre": "center", "defence": "defense", "organisation": "organization",
    "programme": "program", "harbour": "harbor", "theatre": "theater", "labour": "labor",
    "offence": "offense", "honour": "honor", "colour": "color", "favour": "favor",
}


def _spelling_key(name_key: str, cache: dict[str, str] = {}) -> str:  # noqa: B006 - a cache
    """``name_key`` with British spellings made American ("Treatment Centre" = "Center")."""
    found = cache.get(name_key)
    if found is None:
        words = name_key.split(" ")
        found = " ".join(_SPELLINGS.get(w, w) for w in words) if any(
            w in _SPELLINGS for w in words
        ) else name_key
        if len(cache) < 500_000:
            cache[name_key] = found
    return found


def _slug_of_key(name_key: str) -> str:
    """:func:`slug` computed from a name key (already folded), or "" if not plain ASCII."""
    if name_key.isascii() and name_key.replace(" ", "").isalnum():
        return name_key.replace(" ", "-")
    return ""


def _vote(forms: dict) -> tuple[str, str]:
    """Majority kind, then the most specific type seen for it (ties: first seen)."""
    if len(forms) == 1:
        kind, typ = next(iter(forms))
        return kind, "person" if typ == GIVEN_NAME else typ
    kinds: dict[str, float] = {}
    for (kind, typ), n in forms.items():
        weight = _VOTE_WEIGHT.get(typ, 2)
        kinds[kind] = kinds.get(kind, 0) + n * weight
    kind = max(kinds, key=lambda k: kinds[k])
    best, best_n = "unknown", 0
    for (k, t), n in forms.items():
        if k == kind and t != "unknown" and n > best_n:
            best, best_n = t, n
    return kind, "person" if best == GIVEN_NAME else best


_VOTE_WEIGHT = {"unknown": 0.1, GIVEN_NAME: 0.5, "place": 1}
"""Weight of one mention's kind in the corpus vote by its type (other types: 2)."""


def _display(name_key: str, surfaces: dict[str, str]) -> str:
    return surfaces.get(name_key) or " ".join(w.capitalize() for w in name_key.split())
