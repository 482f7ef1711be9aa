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
from collections import Counter, defaultdict
from collections.abc import Mapping

from rapidfuzz import fuzz, process

from reader.entities.analyse import FIRSTWORD, INITIAL, DocAnalysis
from reader.entities.corrections import CorrectionSet
from reader.entities.lexicon import Lexicon
from reader.entities.normalise import key, slug, tight_key
from reader.model import ACTOR, KINDS, Entity, Mention


def _surname(name_key: str) -> str:
    parts = name_key.split()
    last = parts[-1] if parts else ""
    return last


class Linking:
    """The linked corpus: entities, per-document mentions, reverse index and alias lookup."""

    def __init__(self) -> None:
        self.entities: dict[str, Entity] = {}
        """Entity id -> entity (aliases, mention and article counts filled)."""
        self._mentions: dict[str, list[tuple[int, int, str, str]]] = {}
        self._articles: dict[str, dict[str, int]] = {}
        self._alias_index: dict[str, str] = {}
        self._tight_index: dict[str, str] = {}
        self._choices: list[str] | None = None
        self._indexed = False
        self._aliases_before: list[tuple[str, str]] = []
        """(alias key, id) pairs that take precedence over entity names (user aliases)."""
        self._aliases_after: list[tuple[str, str]] = []
        """(alias key, id) pairs used only if nothing else claims the key (merged-away ids)."""

    def _ensure_index(self) -> None:
        """Build the alias index on first use (link() stays fast; lookups come later)."""
        if self._indexed:
            return
        for k, eid in self._aliases_before:
            self._alias_index.setdefault(k, eid)
        self._index_aliases()
        for k, eid in self._aliases_after:
            self._alias_index.setdefault(k, eid)
        self._indexed = True

    # -- queries -----------------------------------------------------------------------
    def mentions(self, doc_id: str) -> list[Mention]:
        """Mentions in one document, sorted by start offset."""
        out = []
        for start, end, text, eid in self._mentions.get(doc_id, ()):
            ent = self.entities[eid]
            out.append(Mention(start, end, text, eid, ent.name, ent.kind, ent.type))
        return out

    def doc_ids(self) -> list[str]:
        """Every document id that was linked."""
        return list(self._mentions)

    def articles_of(self, entity_id: str) -> dict[str, int]:
        """doc id -> number of mentions of the entity there."""
        return dict(self._articles.get(entity_id, {}))

    def resolve(self, name_or_id: str, kind: str | None = None) -> Entity | None:
        """The entity with this id or any alias (normalised: case, diacritics, hyphens, quotes)."""
        if not name_or_id:
            return None
        self._ensure_index()
        ent = self.entities.get(name_or_id)
        if ent is None:
            eid = self._alias_index.get(key(name_or_id)) or self._tight_index.get(
                tight_key(name_or_id)
            )
            if eid is None:
                eid = self._alias_index.get(slug(name_or_id).replace("-", " "))
            ent = self.entities.get(eid) if eid else None
        if ent is not None and kind is not None and ent.kind != kind:
            return None
        return ent

    def search_names(self, query: str, limit: int = 20) -> list[Entity]:
        """Entities whose name or an alias starts with or fuzzily matches ``query``."""
        self._ensure_index()
        q = key(query)
        if not q:
            ranked = sorted(self.entities.values(), key=lambda e: (-e.mention_count, e.name))
            return ranked[:limit]
        prefix = []
        seen = set()
        for alias_key, eid in self._alias_index.items():
            if alias_key.startswith(q) and eid not in seen:
                seen.add(eid)
                prefix.append(self.entities[eid])
        prefix.sort(key=lambda e: (-e.mention_count, e.name))
        out = prefix[:limit]
        if len(out) < limit:
            if self._choices is None:
                self._choices = list(self._alias_index)
            for alias_key, _score, _ in process.extract(
                q, self._choices, scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=70
            ):
                eid = self._alias_index[alias_key]
                if eid not in seen:
                    seen.add(eid)
                    out.append(self.entities[eid])
                if len(out) >= limit:
                    break
        return out

    # -- building ----------------------------------------------------------------------
    def _index_aliases(self) -> None:
        index = self._alias_index
        for ent in self.entities.values():
            for alias in (ent.name, *ent.aliases):
                k = key(alias)
                if k not in index:
                    index[k] = ent.id
        for ent in self.entities.values():
            index.setdefault(ent.id.replace("-", " "), ent.id)
        self._tight_index = {}
        for k, eid in index.items():
            self._tight_index.setdefault(k.replace(" ", ""), eid)


class _Node:
    """A mutable entity under construction."""

    __slots__ = ("id", "name", "kind", "type", "aliases")

    def __init__(self, eid: str, name: str, kind: str, typ: str) -> None:
        self.id = eid
        self.name = name
        self.kind = kind
        self.type = typ
        self.aliases: dict[str, str] = {}


def link(
    lexicon: Lexicon,
    analyses: Mapping[str, DocAnalysis],
    corrections: CorrectionSet | None = None,
) -> Linking:
    """Link every document's candidates to entities (see the module docstring)."""
    corr = corrections or CorrectionSet()
    ignored = corr.ignored_keys()
    user_alias = corr.alias_keys()  # alias key -> entity id/alias text (resolved below)

    # corpus evidence --------------------------------------------------------------------
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
                    person_fulls[_surname(k)].add(k)
                    doc_person_cands.setdefault(doc_id, []).append((k, known, _t))
            elif known in persons and " " in k:
                person_fulls[_surname(k)].add(known)
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

    nodes: dict[str, _Node] = {}
    known_node: dict[int, str] = {}
    key_node: dict[str, str] = {}

    def node_for_known(idx: int) -> str:
        """Entity id of a listed entity (created on first use)."""
        eid = known_node.get(idx)
        if eid is None:
            k = lexicon.get(idx)
            eid = k.id
            if eid not in nodes:
                nodes[eid] = _Node(eid, k.name, k.kind, k.type)
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
                nodes[eid] = _Node(eid, surface, kind, typ)
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
                nodes[eid] = _Node(eid, _display(name_key, surfaces), kind, typ)
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

    linking = Linking()
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
                    doc_people.setdefault(_surname(k), set()).add(pid)
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

    # user corrections: aliases, merges, splits, renames, kinds -------------------------------
    pre = Linking()
    if corr.ops:
        for doc_mentions in raw.values():
            for _s, _e, text, eid, k in doc_mentions:
                if not eid.startswith("@"):
                    aliases = nodes[eid].aliases
                    if k not in aliases:
                        aliases[k] = text
        pre.entities = {
            n.id: Entity(n.id, n.name, n.kind, n.type, aliases=list(n.aliases.values()))
            for n in nodes.values()
        }
        pre._ensure_index()
    redirect, split_keys, renames, kinds = corr.plan(pre, lexicon)
    for old_key, new_key in formerly.items():
        old_id, new_id = _target_of_key(old_key), _target_of_key(new_key)
        if old_id and new_id and old_id != new_id and old_id not in redirect:
            redirect.setdefault(old_id, new_id)
    for split_key, (from_id, new_name) in split_keys.items():
        nid = slug(new_name)
        if nid in nodes and nid != from_id:
            nid = f"{nid}-split"
        old = nodes.get(from_id)
        if nid not in nodes:
            nodes[nid] = _Node(nid, new_name, old.kind if old else ACTOR, old.type if old else "")
        split_keys[split_key] = (from_id, nid)

    def final_id(eid: str) -> str:
        """Follow merges to the entity an id ended up in."""
        seen = set()
        while eid in redirect and eid not in seen:
            seen.add(eid)
            eid = redirect[eid]
        return eid

    articles: dict[str, dict[str, int]] = {}
    simple = not (redirect or split_keys or user_alias)
    for doc_id, doc_mentions in raw.items():
        final = []
        if simple:  # the common case: no corrections to apply
            for s, e, text, eid, k in doc_mentions:
                final.append((s, e, text, eid))
                aliases = nodes[eid].aliases
                if k not in aliases:
                    aliases[k] = text
                per_doc = articles.get(eid)
                if per_doc is None:
                    articles[eid] = {doc_id: 1}
                else:
                    per_doc[doc_id] = per_doc.get(doc_id, 0) + 1
            linking._mentions[doc_id] = final
            continue
        for s, e, text, eid, k in doc_mentions:
            if eid.startswith("@"):
                ent = pre.resolve(eid[1:])
                if ent is None:
                    eid = _fresh_id(slug(eid[1:]), ACTOR)
                    if eid not in nodes:
                        nodes[eid] = _Node(eid, eid[1:], ACTOR, "unknown")
                else:
                    eid = ent.id
            sk = split_keys.get(k)
            if sk is not None and final_id(eid) == final_id(sk[0]):
                eid = sk[1]
            if redirect:
                eid = final_id(eid)
            final.append((s, e, text, eid))
            if k not in nodes[eid].aliases:
                nodes[eid].aliases[k] = text
            per_doc = articles.get(eid)
            if per_doc is None:
                articles[eid] = {doc_id: 1}
            else:
                per_doc[doc_id] = per_doc.get(doc_id, 0) + 1
        linking._mentions[doc_id] = final

    # entity table ----------------------------------------------------------------------
    counts: dict[str, int] = {}
    linking._articles = articles
    for eid, per_doc in articles.items():
        counts[eid] = sum(per_doc.values())
    for eid in counts:
        node = nodes[eid]
        name = renames.get(eid, node.name)
        kind, typ = kinds.get(eid, (node.kind, node.type))
        if kind not in KINDS:
            kind = node.kind
        aliases = sorted(a for a in node.aliases.values() if a != name)
        if eid in renames:
            name_key = key(name)
            aliases = [a for a in aliases if key(a) != name_key]
        linking.entities[eid] = Entity(
            id=eid,
            name=name,
            kind=kind,
            type=typ or node.type,
            aliases=aliases,
            mention_count=counts[eid],
            article_count=len(linking._articles[eid]),
        )
    for alias_key, target in user_alias.items():
        ent = pre.resolve(target)
        if ent is not None and final_id(ent.id) in linking.entities:
            linking._aliases_before.append((alias_key, final_id(ent.id)))
    # ids that were merged away still resolve to their new entity
    for old, _new in redirect.items():
        new = final_id(old)
        if new in linking.entities:
            linking._aliases_after.append((old.replace("-", " "), new))
    return linking


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
        return next(iter(forms))
    kinds: dict[str, int] = {}
    for (kind, typ), n in forms.items():
        weight = 0.1 if typ == "unknown" else (1 if typ == "place" else 2)
        kinds[kind] = kinds.get(kind, 0) + n * weight
    kind = max(kinds, key=lambda k: kinds[k])
    best, best_n = "unknown", 0
    for (k, t), n in forms.items():
        if k == kind and t != "unknown" and n > best_n:
            best, best_n = t, n
    return kind, best


def _display(name_key: str, surfaces: dict[str, str]) -> str:
    return surfaces.get(name_key) or " ".join(w.capitalize() for w in name_key.split())
