"""The linked corpus: entities, per-document mentions, reverse index and alias lookup."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from reader.entities.normalise import key, slug, tight_key
from reader.model import Entity, Mention


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
