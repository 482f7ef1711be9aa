"""A small in-memory library with the same methods as ``reader.library.Library``.

TUI tests run on it so they are fast and do not depend on the extractor's
quality: mentions come from a fixed alias table matched as whole words.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from reader.model import (
    HIGHLIGHT_CLOSE,
    HIGHLIGHT_OPEN,
    Article,
    ArticleSummary,
    Entity,
    IndexReport,
    Mention,
    SearchHit,
    SearchResult,
)

ENTITIES = {
    "hts": ("HTS", "actor", "armed-group", ["Hayat Tahrir al-Sham", "Hayat Tahrir al Sham", "HTS"]),
    "aleppo": ("Aleppo", "place", "city", ["Aleppo"]),
    "idlib": ("Idlib", "place", "region", ["Idlib"]),
    "assad": ("Bashar al-Assad", "actor", "person", ["Bashar al-Assad", "Assad"]),
    "russia": ("Russia", "place", "country", ["Russia"]),
    "reuters": ("Reuters", "actor", "media", ["Reuters"]),
}

ARTICLES = [
    (
        "a0",
        "Rebels reach Aleppo",
        "2024-11-29",
        "BBC",
        "Rebels led by Hayat Tahrir al-Sham entered Aleppo on Friday.\n\n"
        "HTS fighters said Aleppo airport was closed. Russia sent jets.\n\n"
        "Assad vowed to retake Aleppo, Reuters reported.",
    ),
    (
        "a1",
        "Aleppo airport shut as [bold]fighting[/bold] spreads",
        "2024-11-30",
        "Al Jazeera",
        "Aleppo airport shut down. HTS said it controls Idlib.\n\n"
        "Hayat Tahrir al Sham is a successor of al-Nusra.",
    ),
    (
        "a2",
        "Idlib ceasefire talks",
        "2020-02-20",
        "Reuters",
        "Russia and Turkey discussed Idlib. Bashar al-Assad was absent.\n\nNo HTS comment.",
    ),
    (
        "a3",
        "Markets steady",
        "2024-12-02",
        "FT",
        "Markets were steady on Monday. Nothing else happened.",
    ),
    (
        "a4",
        "Aleppo after the offensive",
        "2024-12-05",
        "Reuters",
        "In Aleppo, HTS set up checkpoints.\n\nResidents of Aleppo queued for bread.",
    ),
]


@dataclass
class FakeRelated:
    """Same fields as the library's Related."""

    summary: ArticleSummary
    score: float
    shared_entities: list[str]
    text_score: float = 0.0
    duplicate: bool = False
    reason: str = ""


class FakeLibrary:
    """In-memory corpus of a few articles (see ``ARTICLES``)."""

    def __init__(
        self, root: Path, articles: list[tuple[str, str, str, str, str]] | None = None
    ) -> None:
        self.roots = [root]
        self.name = "fake-corpus"
        self.entities_table = {k: [v[0], v[1], v[2], list(v[3])] for k, v in ENTITIES.items()}
        self.ignored: set[str] = set()
        self.undo_stack: list[tuple[str, dict, set]] = []
        self._articles = {}
        for aid, title, day, source, body in articles or ARTICLES:
            self._articles[aid] = Article(
                id=aid,
                path=root / f"{aid}.txt",
                relpath=f"{aid}.txt",
                title=title,
                body=body,
                content_hash=aid,
                date=date.fromisoformat(day),
                source=source,
            )
        self.indexed = False
        self.calls: Counter[str] = Counter()
        self.related_asked: list[str] = []
        """Article ids ``related`` was called for, in order."""

    # index
    def update_index(self, progress=None, rebuild=False) -> IndexReport:
        total = len(self._articles)
        for i, a in enumerate(self._articles.values(), 1):
            if progress:
                progress(i, total, str(a.path))
        added = 0 if self.indexed else total
        self.indexed = True
        return IndexReport(added=added, unchanged=total - added)

    def index_ready(self) -> bool:
        return self.indexed

    def warm(self) -> None:
        self.calls["warm"] += 1

    def _summary(self, a: Article) -> ArticleSummary:
        return ArticleSummary(a.id, str(a.path), a.title, a.date_text, a.source)

    def summaries(self, sort: str = "date") -> list[ArticleSummary]:
        items = [self._summary(a) for a in self._articles.values()]
        if sort == "title":
            return sorted(items, key=lambda s: s.title.casefold())
        return sorted(items, key=lambda s: s.date, reverse=True)

    def summary(self, article_id: str) -> ArticleSummary:
        return self._summary(self._articles[article_id])

    def article(self, article_id: str) -> Article:
        self.calls["article"] += 1
        return self._articles[article_id]

    # entities
    def mentions(self, article_id: str) -> list[Mention]:
        body = self._articles[article_id].body
        found: list[Mention] = []
        taken: list[tuple[int, int]] = []
        aliases = sorted(
            ((alias, eid) for eid, row in self.entities_table.items() for alias in row[3]),
            key=lambda p: -len(p[0]),
        )
        for alias, eid in aliases:
            if alias in self.ignored:
                continue
            for m in re.finditer(r"(?<!\w)" + re.escape(alias) + r"(?!\w)", body):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                taken.append(m.span())
                name, kind, type_, _ = self.entities_table[eid]
                found.append(Mention(m.start(), m.end(), m.group(), eid, name, kind, type_))
        return sorted(found, key=lambda m: m.start)

    def _entity(self, eid: str) -> Entity:
        name, kind, type_, aliases = self.entities_table[eid]
        arts = [a for a in self._articles if any(m.entity == eid for m in self.mentions(a))]
        count = sum(1 for a in arts for m in self.mentions(a) if m.entity == eid)
        return Entity(eid, name, kind, type_, list(aliases), count, len(arts))

    def entity(self, name_or_id: str, kind: str | None = None) -> Entity | None:
        if name_or_id in self.entities_table:
            return self._entity(name_or_id)
        for eid, row in self.entities_table.items():
            if name_or_id.casefold() in (a.casefold() for a in [row[0], *row[3]]):
                return self._entity(eid)
        return None

    def entities(self) -> list[Entity]:
        return [self._entity(e) for e in self.entities_table]

    def search_entities(self, text: str, limit: int = 20) -> list[Entity]:
        text = text.casefold()
        return [
            self._entity(e)
            for e, row in self.entities_table.items()
            if any(text in a.casefold() for a in [row[0], *row[3]])
        ][:limit]

    def articles_mentioning(self, entity_id: str) -> list[ArticleSummary]:
        items = [
            self._summary(a)
            for a in self._articles.values()
            if any(m.entity == entity_id for m in self.mentions(a.id))
        ]
        return sorted(items, key=lambda s: s.date)

    def entity_mentions(self, entity_id: str) -> list[tuple[ArticleSummary, Mention]]:
        return [
            (s, m)
            for s in self.articles_mentioning(entity_id)
            for m in self.mentions(s.id)
            if m.entity == entity_id
        ]

    def entity_view(self, entity_id: str):
        """The domain's EntityView, built from this fake's mentions with the domain helpers."""
        from reader.analysis.entity_view import EntityView
        from reader.analysis.kwic import kwic_line, sentence_bounds
        from reader.analysis.timeline import auto_granularity, timeline

        entity = self.entity(entity_id)
        view = EntityView(entity=entity)
        pairs = self.entity_mentions(entity.id)
        for summary, mention in pairs:
            body = self._articles[summary.id].body
            view.contexts.append(kwic_line(summary, body, mention, sentence_bounds(body)))
        articles = {s.id: s for s, _ in pairs}
        view.dates = [date.fromisoformat(s.date) for s in articles.values() if s.date]
        view.granularity = auto_granularity(view.dates)
        view.timeline = timeline(view.dates, view.granularity)
        sources = Counter(s.source for s in articles.values())
        view.sources = sorted(sources.items(), key=lambda kv: (-kv[1], kv[0]))
        others: Counter[str] = Counter()
        for aid in articles:
            others.update({m.entity for m in self.mentions(aid) if m.entity != entity.id})
        ranked = sorted(others.items(), key=lambda kv: (-kv[1], kv[0]))[:8]  # ties by id: stable
        view.cooccurring = [(self._entity(e), n) for e, n in ranked]
        return view

    def correct(self, action: str, *args: str) -> str:
        self.undo_stack.append(
            (
                action,
                {k: [v[0], v[1], v[2], list(v[3])] for k, v in self.entities_table.items()},
                set(self.ignored),
            )
        )
        if action == "merge":
            entity, other = args  # like Corrections.merge: ``other`` becomes part of ``entity``
            self.entities_table[entity][3].extend(self.entities_table.pop(other)[3])
            return f"merged {other} into {entity}"
        if action == "rename":
            self.entities_table[args[0]][0] = args[1]
            return f"renamed {args[0]} to {args[1]}"
        if action == "kind":
            self.entities_table[args[0]][1] = args[1]
            return f"{args[0]} is now a {args[1]}"
        if action == "ignore":
            self.ignored.add(args[0])
            return f"{args[0]!r} is not an entity"
        if action == "alias":
            self.entities_table[args[0]][3].append(args[1])
            return f"{args[1]!r} is another name for {args[0]}"
        self.undo_stack.pop()
        raise ValueError(action)

    def undo_correction(self) -> str | None:
        if not self.undo_stack:
            return None
        action, table, ignored = self.undo_stack.pop()
        self.entities_table, self.ignored = table, ignored
        return action

    # search
    def search(
        self, text: str, limit: int = 50, filters=None, sort: str = "relevance"
    ) -> SearchResult:
        self.calls["search"] += 1
        words = [w.casefold() for w in re.findall(r"\w+", text)]
        if text.count('"') % 2:
            return SearchResult(text, [], 0, error="unbalanced quote")
        hits = []
        for a in self._articles.values():
            hay = (a.title + " " + a.body).casefold()
            if words and not all(w in hay for w in words):
                continue
            if filters:
                if "source" in filters and a.source not in filters["source"]:
                    continue
                if "year" in filters and str(a.date.year) not in filters["year"]:
                    continue
                if "entity" in filters and not all(
                    any(m.entity == e for m in self.mentions(a.id)) for e in filters["entity"]
                ):
                    continue
            snippet = a.body[:120]
            for w in words:
                snippet = re.sub(
                    f"(?i)({re.escape(w)})", HIGHLIGHT_OPEN + r"\1" + HIGHLIGHT_CLOSE, snippet
                )
            hits.append(
                SearchHit(
                    a.id,
                    str(a.path),
                    a.title,
                    a.date_text,
                    a.source,
                    float(sum(hay.count(w) for w in words)),
                    snippet,
                )
            )
        hits.sort(key=lambda h: -h.score)
        hits = [replace(h, rank=i) for i, h in enumerate(hits, 1)]
        suggestion = "aleppo" if "aleppoo" in words else None
        facets = {
            "source": dict(Counter(h.source for h in hits)),
            "year": dict(Counter(h.date[:4] for h in hits)),
        }
        return SearchResult(text, hits[:limit], len(hits), suggestion, facets)

    def related(self, article_id: str, limit: int = 10) -> list[FakeRelated]:
        self.calls["related"] += 1
        self.related_asked.append(article_id)
        mine = {m.entity: m.name for m in self.mentions(article_id)}
        out = []
        for other in self._articles:
            if other == article_id:
                continue
            shared = [mine[m.entity] for m in self.mentions(other) if m.entity in mine]
            shared = list(dict.fromkeys(shared))
            if shared:
                out.append(
                    FakeRelated(
                        self.summary(other),
                        float(len(shared)),
                        shared,
                        reason=f"shares {', '.join(shared)}",
                    )
                )
        return sorted(out, key=lambda r: -r.score)[:limit]
