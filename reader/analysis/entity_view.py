"""Everything about one entity across the corpus: contexts, timeline, company, sources, framing."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any

from reader.analysis.descriptions import count_descriptions, describe
from reader.analysis.kwic import KwicLine, kwic_line, sentence_at, sentence_bounds
from reader.analysis.timeline import auto_granularity, timeline
from reader.model import ArticleSummary, Entity, Mention


@dataclass
class EntityView:
    """The entity view of one entity (see issue 4)."""

    entity: Entity
    contexts: list[KwicLine] = field(default_factory=list)
    """Every mention as a one-line keyword-in-context, by article date then position."""
    timeline: list[tuple[str, int]] = field(default_factory=list)
    """(period, articles mentioning it) at ``granularity``, empty periods included."""
    granularity: str = "month"
    """Granularity of ``timeline``: day, week, month or year (chosen to fit ~60 periods)."""
    cooccurring: list[tuple[Entity, int]] = field(default_factory=list)
    """Other entities by the number of articles mentioning both, commonest first."""
    cooccurring_sentences: list[tuple[Entity, int]] = field(default_factory=list)
    """Other entities by the number of sentences mentioning both, commonest first."""
    sources: list[tuple[str, int]] = field(default_factory=list)
    """(source, articles mentioning it), commonest first."""
    descriptions: list[tuple[str, int]] = field(default_factory=list)
    """(phrase next to the name, count), commonest first."""
    descriptions_by_source: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    """source -> (phrase, count) as in ``descriptions``."""
    aliases_used: list[tuple[str, int]] = field(default_factory=list)
    """(alias as written, mentions), commonest first."""
    dates: list[Date] = field(default_factory=list)
    """One date per dated article mentioning it (for other timelines)."""
    undated: int = 0
    """Articles mentioning it without a date."""

    def timeline_by(self, granularity: str) -> list[tuple[str, int]]:
        """The timeline at another granularity (day, week, month, year)."""
        return timeline(self.dates, granularity)


def _date(text: str) -> Date | None:
    try:
        return Date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def build_entity_view(library: Any, entity_id: str, limit_related: int = 20,
                      bodies: Any = None) -> EntityView | None:
    """The entity view of ``entity_id`` (an id or any alias); None when unknown.

    ``bodies(summary) -> str`` gives an article's indexed body text (default: the library's
    stored body via its searcher, falling back to reading the file).
    """
    entity = library.entity(entity_id)
    if entity is None:
        return None
    linking = library.linking
    pairs: list[tuple[ArticleSummary, Mention]] = library.entity_mentions(entity.id)
    body_of = bodies or _body_reader(library)
    view = EntityView(entity=entity)
    by_article: Counter[str] = Counter()
    by_sentence: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    aliases: Counter[str] = Counter()
    described: list[tuple[str, list[str]]] = []
    current: str | None = None
    for summary, mention in pairs:
        if summary.id != current:
            current = summary.id
            body = body_of(summary)
            bounds = sentence_bounds(body)
            others_all = linking.mentions(summary.id)
            spans = [(m.start, m.end) for m in others_all if m.entity != entity.id]
            by_article.update({m.entity for m in others_all if m.entity != entity.id})
            own_sentences = {sentence_at(bounds, m.start) for m in others_all
                             if m.entity == entity.id}
            for sentence in own_sentences:
                by_sentence.update({m.entity for m in others_all if m.entity != entity.id
                                    and sentence[0] <= m.start < sentence[1]})
            day = _date(summary.date)
            if day is None:
                view.undated += 1
            else:
                view.dates.append(day)
            sources[summary.source or "(unknown)"] += 1
        if mention.end > len(body) or body[mention.start:mention.end] != mention.text:
            continue  # the file changed since it was indexed
        view.contexts.append(kwic_line(summary, body, mention, bounds))
        aliases[mention.text] += 1
        sentence_start = sentence_at(bounds, mention.start)[0]
        described.append((summary.source, describe(body, mention, spans, sentence_start)))
    ents = linking.entities
    view.granularity = auto_granularity(view.dates)
    view.timeline = timeline(view.dates, view.granularity)
    view.cooccurring = [(ents[e], n) for e, n in _top(by_article, limit_related) if e in ents]
    view.cooccurring_sentences = [(ents[e], n) for e, n in _top(by_sentence, limit_related)
                                  if e in ents]
    view.sources = _top(sources, 0)
    view.aliases_used = _top(aliases, 0)
    view.descriptions, view.descriptions_by_source = count_descriptions(described)
    return view


def _top(counter: Counter, limit: int) -> list[tuple[str, int]]:
    items = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    return items[:limit] if limit else items


def _body_reader(library: Any):
    """summary -> indexed body text (what mention offsets index into)."""
    try:
        from reader.analysis.related import doc_table

        table = doc_table(library)
    except Exception:  # noqa: BLE001 - no index searcher: read the files instead
        table = None

    def body(summary: ArticleSummary) -> str:
        docnum = table.docnum.get(summary.id) if table is not None else None
        if docnum is not None:
            return table.body(docnum)
        return library.article(summary.id).body

    return body
