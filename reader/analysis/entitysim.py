"""Entity similarity: articles as vectors of linked entities weighted by rarity.

Each article is a vector over the entities it mentions (after alias linking, so "HTS" and
"Hayat Tahrir al-Sham" are one dimension), weighted by ``idf = log(N / articles mentioning it)``
(presence, not mention counts: a defined acronym or a repeated name says little more about the
story, and counts would let one verbose article dominate) and normalised to unit length; the
similarity of two articles is the cosine. Entities that every article mentions weigh nothing; a rare
actor shared by two articles weighs a lot. Shared entities are also the reason shown.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any


class EntityModel:
    """Unit-length IDF vectors of every article and the inverted lists to score them."""

    def __init__(self, linking: Any, docnum: dict[str, int], use_counts: bool = False) -> None:
        self.linking = linking
        self.docnum = docnum
        """article id -> docnum (of the searcher the model was built for)."""
        self.idf: dict[str, float] = {}
        """entity id -> inverse document frequency over the indexed articles."""
        self.vectors: dict[int, dict[str, float]] = defaultdict(dict)
        """docnum -> {entity id: weight} (unit length)."""
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        """entity id -> [(docnum, weight)]."""
        self.present: dict[int, list[str]] = defaultdict(list)
        """docnum -> every entity it mentions (also those in every article, which weigh 0)."""
        total = max(1, len(docnum))
        counts: dict[str, dict[int, int]] = {}
        for eid in linking.entities:
            per_doc = {docnum[a]: n for a, n in linking.articles_of(eid).items() if a in docnum}
            if per_doc:
                counts[eid] = per_doc
                self.idf[eid] = math.log(total / len(per_doc))
        for eid, per_doc in counts.items():
            for doc in per_doc:
                self.present[doc].append(eid)
            idf = self.idf[eid]
            if idf <= 0:
                continue
            for doc, n in per_doc.items():
                self.vectors[doc][eid] = (1.0 + math.log(n)) * idf if use_counts else idf
        for doc, vector in self.vectors.items():
            norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
            for eid in vector:
                vector[eid] /= norm
                self.postings[eid].append((doc, vector[eid]))

    def similar(self, docnum: int) -> dict[int, float]:
        """Cosine similarity of every other article sharing an entity with ``docnum``."""
        acc: dict[int, float] = defaultdict(float)
        for eid, weight in self.vectors.get(docnum, {}).items():
            for doc, other in self.postings[eid]:
                acc[doc] += weight * other
        acc.pop(docnum, None)
        return acc

    def shared(self, a: int, b: int, limit: int = 5) -> list[tuple[str, float]]:
        """Entities of both articles, by their share of the similarity (largest first)."""
        va, vb = self.vectors.get(a, {}), self.vectors.get(b, {})
        if len(vb) < len(va):
            va, vb = vb, va
        common = [(eid, w * vb[eid]) for eid, w in va.items() if eid in vb]
        common.sort(key=lambda item: (-item[1], item[0]))
        return common[:limit]

    def name(self, entity_id: str) -> str:
        """Display name of an entity."""
        entity = self.linking.entities.get(entity_id)
        return entity.name if entity is not None else entity_id
