"""Everything about one entity across the corpus: contexts, timeline, company, sources, framing.

Opening an entity must stay interactive even for one mentioned in thousands of articles, so the
view is built in two tiers. Counting parts (timeline, sources, co-occurring entities by article)
come from precomputed per-article entity lists and the manifest: a few milliseconds. Parts that
need the article texts are computed when first used: ``contexts`` is a lazy sequence that builds
the keyword-in-context lines of an article when one of its lines is read (so the first screen
costs a few bodies), and the framing (co-occurrence by sentence, descriptions, aliases used) is
one pass over the mentions, run on first access to any of those fields and kept.
"""

from __future__ import annotations

import bisect
import heapq
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any, overload

from reader.analysis.descriptions import count_descriptions, describe
from reader.analysis.kwic import KwicLine, kwic_line, sentence_at, sentence_bounds
from reader.analysis.timeline import auto_granularity, timeline
from reader.model import ArticleSummary, Entity, Mention


class KwicLines(Sequence):
    """Every mention of an entity as a :class:`KwicLine`, built an article at a time on use.

    ``articles`` are (summary, mentions of the entity there) in display order; ``lines_of``
    gives one article's lines, exactly that many. Recently built articles are kept.
    """

    CACHE = 256
    """Articles whose lines are kept."""

    def __init__(self, articles: list[tuple[ArticleSummary, int]],
                 lines_of: Callable[[ArticleSummary, int], list[KwicLine]]) -> None:
        self._articles = articles
        self._lines_of = lines_of
        self._starts: list[int] = []
        total = 0
        for _, count in articles:
            self._starts.append(total)
            total += count
        self._total = total
        self._cache: dict[int, list[KwicLine]] = {}

    def __len__(self) -> int:
        return self._total

    @overload
    def __getitem__(self, index: int) -> KwicLine: ...

    @overload
    def __getitem__(self, index: slice) -> list[KwicLine]: ...

    def __getitem__(self, index: int | slice) -> KwicLine | list[KwicLine]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._total))]
        if index < 0:
            index += self._total
        if not 0 <= index < self._total:
            raise IndexError("KwicLines index out of range")
        article = bisect.bisect_right(self._starts, index) - 1
        return self._article_lines(article)[index - self._starts[article]]

    def __iter__(self):
        for article in range(len(self._articles)):
            yield from self._article_lines(article)

    def _article_lines(self, article: int) -> list[KwicLine]:
        lines = self._cache.pop(article, None)
        if lines is None:
            summary, count = self._articles[article]
            lines = self._lines_of(summary, count)
            if len(lines) != count:
                raise RuntimeError(f"{summary.id}: {len(lines)} lines for {count} mentions")
        self._cache[article] = lines
        while len(self._cache) > self.CACHE:
            self._cache.pop(next(iter(self._cache)))
        return lines


@dataclass
class Framing:
    """The parts of an entity view read from the article texts (see ``EntityView``)."""

    cooccurring_sentences: list[tuple[Entity, int]] = field(default_factory=list)
    descriptions: list[tuple[str, int]] = field(default_factory=list)
    descriptions_by_source: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    aliases_used: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class EntityView:
    """The entity view of one entity (see issue 4)."""

    entity: Entity
    contexts: Sequence[KwicLine] = field(default_factory=list)
    """Every mention as a one-line keyword-in-context, by article date then position (a lazy
    :class:`KwicLines` when built by :func:`build_entity_view`: lines are made when read)."""
    timeline: list[tuple[str, int]] = field(default_factory=list)
    """(period, articles mentioning it) at ``granularity``, empty periods included."""
    granularity: str = "month"
    """Granularity of ``timeline``: day, week, month or year (chosen to fit ~60 periods)."""
    cooccurring: list[tuple[Entity, int]] = field(default_factory=list)
    """Other entities by the number of articles mentioning both, commonest first."""
    sources: list[tuple[str, int]] = field(default_factory=list)
    """(source, articles mentioning it), commonest first."""
    dates: list[Date] = field(default_factory=list)
    """One date per dated article mentioning it (for other timelines)."""
    undated: int = 0
    """Articles mentioning it without a date."""
    framing: Framing | Callable[[], Framing] = field(default_factory=Framing, repr=False,
                                                      compare=False)
    """Co-occurrence by sentence, descriptions and aliases used, or how to compute them (on
    first use of any of the properties below, which read every mention's text)."""

    def _framing(self) -> Framing:
        if not isinstance(self.framing, Framing):
            self.framing = self.framing()
        return self.framing

    @property
    def cooccurring_sentences(self) -> list[tuple[Entity, int]]:
        """Other entities by the number of sentences mentioning both, commonest first."""
        return self._framing().cooccurring_sentences

    @property
    def descriptions(self) -> list[tuple[str, int]]:
        """(phrase next to the name, count), commonest first."""
        return self._framing().descriptions

    @property
    def descriptions_by_source(self) -> dict[str, list[tuple[str, int]]]:
        """source -> (phrase, count) as in ``descriptions``."""
        return self._framing().descriptions_by_source

    @property
    def aliases_used(self) -> list[tuple[str, int]]:
        """(alias as written, mentions), commonest first."""
        return self._framing().aliases_used

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
    stored body via its searcher, falling back to reading the file). A library with
    ``entity_articles`` and ``entities_in`` (``reader.library.Library``) is served from its
    precomputed tables; otherwise every mention is read through ``entity_mentions``.
    """
    entity = library.entity(entity_id)
    if entity is None:
        return None
    linking = library.linking
    body_of = bodies or _body_reader(library)
    articles, entities_in = _articles_and_entities(library, entity.id)
    view = EntityView(entity=entity)
    by_article: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    for found in entities_in([summary.id for summary, _ in articles]):
        by_article.update(found)
    for summary, _ in articles:
        day = _date(summary.date)
        if day is None:
            view.undated += 1
        else:
            view.dates.append(day)
        sources[summary.source or "(unknown)"] += 1
    by_article.pop(entity.id, None)
    ents = linking.entities
    view.granularity = auto_granularity(view.dates)
    view.timeline = timeline(view.dates, view.granularity)
    view.cooccurring = [(ents[e], n) for e, n in _top(by_article, limit_related) if e in ents]
    view.sources = _top(sources, 0)
    texts = _Texts(linking, body_of, entity.id)
    view.contexts = KwicLines(articles, texts.kwic_lines)
    view.framing = lambda: _framing(texts, articles, ents, limit_related)
    return view


def _articles_and_entities(library: Any, entity_id: str):
    """([(summary, mentions of the entity there)] in display order, article id -> entity ids)."""
    if hasattr(library, "entity_articles") and hasattr(library, "entities_in"):
        return library.entity_articles(entity_id), library.entities_in
    counts: Counter[str] = Counter()
    order: dict[str, ArticleSummary] = {}
    for summary, _ in library.entity_mentions(entity_id):
        order.setdefault(summary.id, summary)
        counts[summary.id] += 1
    articles = [(summary, counts[aid]) for aid, summary in order.items()]
    return articles, lambda ids: [{m.entity for m in library.linking.mentions(aid)} for aid in ids]


class _Texts:
    """Per-article text work shared by the contexts and the framing (last article kept)."""

    def __init__(self, linking: Any, body_of: Any, entity_id: str) -> None:
        self.linking = linking
        self.body_of = body_of
        self.entity_id = entity_id
        self._last: tuple[str, tuple[str, list[tuple[int, int]], list[Mention]]] | None = None

    def article(self, summary: ArticleSummary) -> tuple[str, list[tuple[int, int]], list[Mention]]:
        """(body, sentence bounds, all mentions) of one article."""
        if self._last is None or self._last[0] != summary.id:
            body = self.body_of(summary)
            self._last = (summary.id, (body, sentence_bounds(body),
                                       self.linking.mentions(summary.id)))
        return self._last[1]

    def own(self, mentions: list[Mention]) -> list[Mention]:
        return [m for m in mentions if m.entity == self.entity_id]

    def kwic_lines(self, summary: ArticleSummary, count: int) -> list[KwicLine]:
        """The lines of the entity's ``count`` mentions in one article. A mention whose text
        no longer matches the body (the file changed since it was indexed) gets a bare line."""
        body, bounds, mentions = self.article(summary)
        lines = []
        for mention in self.own(mentions)[:count]:
            if _current(body, mention):
                lines.append(kwic_line(summary, body, mention, bounds))
            else:
                lines.append(KwicLine(summary, mention, "", mention.text, ""))
        return lines


def _current(body: str, mention: Mention) -> bool:
    return mention.end <= len(body) and body[mention.start:mention.end] == mention.text


def _framing(texts: _Texts, articles: list[tuple[ArticleSummary, int]],
             ents: dict[str, Entity], limit_related: int) -> Framing:
    """Co-occurrence by sentence, descriptions and aliases: one pass over the mentions."""
    entity_id = texts.entity_id
    by_sentence: Counter[str] = Counter()
    aliases: Counter[str] = Counter()
    described: list[tuple[str, list[str]]] = []
    for summary, _ in articles:
        body, bounds, mentions = texts.article(summary)
        spans = [(m.start, m.end) for m in mentions if m.entity != entity_id]
        own = texts.own(mentions)
        for sentence in {sentence_at(bounds, m.start) for m in own}:
            by_sentence.update({m.entity for m in mentions if m.entity != entity_id
                                and sentence[0] <= m.start < sentence[1]})
        for mention in own:
            if not _current(body, mention):
                continue  # the file changed since it was indexed
            aliases[mention.text] += 1
            sentence_start = sentence_at(bounds, mention.start)[0]
            described.append((summary.source, describe(body, mention, spans, sentence_start)))
    framing = Framing()
    framing.cooccurring_sentences = [(ents[e], n) for e, n in _top(by_sentence, limit_related)
                                     if e in ents]
    framing.aliases_used = _top(aliases, 0)
    framing.descriptions, framing.descriptions_by_source = count_descriptions(described)
    return framing


def _top(counter: Counter, limit: int) -> list[tuple[str, int]]:
    if limit:
        return heapq.nsmallest(limit, counter.items(), key=lambda kv: (-kv[1], kv[0]))
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))


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
