"""The last step of linking: user corrections (aliases, merges, splits, renames, kinds), then
the entity table with aliases and mention/article counts."""

from __future__ import annotations

from collections.abc import Callable

from reader.entities.corrections import CorrectionSet
from reader.entities.lexicon import Lexicon
from reader.entities.linking import Linking
from reader.entities.normalise import key, slug
from reader.model import ACTOR, KINDS, Entity


class Node:
    """A mutable entity under construction."""

    __slots__ = ("id", "name", "kind", "type", "aliases")

    def __init__(self, eid: str, name: str, kind: str, typ: str) -> None:
        self.id = eid
        self.name = name
        self.kind = kind
        self.type = typ
        self.aliases: dict[str, str] = {}


def build_linking(
    lexicon: Lexicon,
    nodes: dict[str, Node],
    raw: dict[str, list[tuple[int, int, str, str, str]]],
    corr: CorrectionSet,
    formerly: dict[str, str],
    target_of_key: Callable[[str], str | None],
    fresh_id: Callable[[str, str], str],
) -> Linking:
    """Apply ``corr`` to the linked mentions ``raw`` (doc id -> (start, end, text, id, key);
    an id starting with "@" is a user alias still to resolve) and build the :class:`Linking`."""
    user_alias = corr.alias_keys()
    linking = Linking()
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
        old_id, new_id = target_of_key(old_key), target_of_key(new_key)
        if old_id and new_id and old_id != new_id and old_id not in redirect:
            redirect.setdefault(old_id, new_id)
    for split_key, (from_id, new_name) in split_keys.items():
        nid = slug(new_name)
        if nid in nodes and nid != from_id:
            nid = f"{nid}-split"
        old = nodes.get(from_id)
        if nid not in nodes:
            nodes[nid] = Node(nid, new_name, old.kind if old else ACTOR, old.type if old else "")
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
                    eid = fresh_id(slug(eid[1:]), ACTOR)
                    if eid not in nodes:
                        nodes[eid] = Node(eid, eid[1:], ACTOR, "unknown")
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
