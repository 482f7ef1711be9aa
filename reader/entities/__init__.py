"""Entities: find places and actors in text, link every alias to one entity, apply corrections.

Public API (see docs/entities.md)::

    engine = EntityEngine(corrections=Corrections(path))
    analysis = engine.analyse(text)           # per document, picklable
    linking = engine.link({doc_id: analysis})  # corpus level
    linking.mentions(doc_id); linking.entities; linking.resolve("HTS")

No Textual and no heavy NLP here: a compiled multi-pattern matcher over shipped lists plus
capitalisation rules and corpus evidence.
"""

from __future__ import annotations

from reader.entities.analyse import Candidate, DocAnalysis
from reader.entities.corrections import Corrections, CorrectionsError, CorrectionSet
from reader.entities.engine import EntityEngine
from reader.entities.link import Linking

__all__ = [
    "Candidate",
    "CorrectionSet",
    "Corrections",
    "CorrectionsError",
    "DocAnalysis",
    "EntityEngine",
    "Linking",
]
