"""The entity engine: the one object the library, index, CLI and TUI use."""

from __future__ import annotations

from collections.abc import Mapping

from reader.entities.analyse import Analyser, DocAnalysis
from reader.entities.corrections import Corrections, CorrectionSet
from reader.entities.lexicon import lexicon
from reader.entities.link import Linking, link
from reader.model import Mention


class EntityEngine:
    """Loads the shipped lists once; analyses documents and links them into a corpus."""

    def __init__(self, corrections: Corrections | None = None) -> None:
        self.corrections = corrections
        self.lexicon = lexicon()
        self._analyser = Analyser(self.lexicon)

    def analyse(self, text: str) -> DocAnalysis:
        """Per-document candidates and evidence (deterministic, picklable, no corpus state)."""
        return self._analyser.analyse(text or "")

    def link(self, analyses: Mapping[str, DocAnalysis]) -> Linking:
        """Link documents into one corpus, applying corpus evidence and user corrections.

        Raises :class:`reader.entities.CorrectionsError` if the corrections file is unreadable.
        """
        ops = self.corrections.load() if self.corrections is not None else CorrectionSet()
        return link(self.lexicon, analyses, ops)

    def extract_texts(self, texts: Mapping[str, str]) -> dict[str, list[Mention]]:
        """Analyse and link ``texts`` (id -> text) together; id -> mentions sorted by start."""
        linking = self.link({doc_id: self.analyse(text) for doc_id, text in texts.items()})
        return {doc_id: linking.mentions(doc_id) for doc_id in texts}
