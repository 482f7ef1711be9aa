"""TUI latency on the Reuters corpus (19k articles), headless, with the index already built.

Measures: first paint (from before importing the app to the first frame of the
reading screen, and until the 19k-row list is filled), opening an article
(request -> the end of the first frame written after the text, mentions and entity pane
were applied), next-mention jumps (``]`` and ``n``: action -> the end of the frame that
shows it), search-as-you-type
latency after the last key (last key -> hits of that query listed -> frame), and
peak RSS of this process (indexing runs first in a separate process).

    python bench/tui_bench.py [--corpus PATH] [--home DIR] [--rounds N]

Also: related articles (Related tab shown, open request -> the Related pane filled with
that article's list -> next frame drawn), twice: "cold", articles far apart in the list
(each list is computed after the open request: what is prefetched once a list is drawn,
the lists of the open article's list neighbours and of the related article under the
pane's cursor, cannot help here), and "in list order", the down key in the article list
at reading pace (0.2 s per article), where the prefetch usually has the next list ready.
Each says how many opens found their list ready.
``--corpus`` may be given more than once (e.g. all shared corpora together).

Targets (issue 7): first paint <= 1.0 s, open <= 50 ms, jump <= 40 ms,
search p95 <= 30 ms, related <= 50 ms, RSS <= 300 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._corpora import peak_rss_mb, percentile, unpack  # noqa: E402

DEFAULT_CORPUS = Path("/tmp/corpora/corpus_reuters21578/articles")
QUERIES = [
    "oil prices opec",
    "bank of japan",
    "wheat exports",
    "coffee quota talks",
    "trade deficit",
    "interest rates",
    "dollar yen",
    "merger talks",
    "gold",
    "crude oil",
    "federal reserve",
    "sugar",
]


def corpus_paths(given: list[Path] | None) -> list[Path]:
    """The corpora to open (default: Reuters, unpacked from the shared archive when missing)."""
    if given:
        return given
    if DEFAULT_CORPUS.is_dir():
        return [DEFAULT_CORPUS]
    return [unpack("reuters21578") / "articles"]


def build_index(corpora: list[Path]) -> float:
    """Bring the index up to date in a child process; returns seconds."""
    start = time.perf_counter()
    args = [a for c in corpora for a in ("--corpus", str(c))]
    subprocess.run(
        [sys.executable, "-m", "reader", "index", *args],
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    return time.perf_counter() - start


async def wait_until(predicate, timeout: float = 30.0) -> float:  # type: ignore[no-untyped-def]
    """Yield to the event loop until ``predicate()``; returns the time it took."""
    start = time.perf_counter()
    while not predicate():
        if time.perf_counter() - start > timeout:
            raise TimeoutError("condition not reached")
        await asyncio.sleep(0.0005)
    return time.perf_counter() - start


def ms(values: list[float]) -> str:
    """Median / p90 / p95 / max in milliseconds."""
    if not values:
        return "(no samples)"
    return (
        f"median {statistics.median(values) * 1000:6.1f} ms"
        f"  p90 {percentile(values, 90) * 1000:6.1f} ms"
        f"  p95 {percentile(values, 95) * 1000:6.1f} ms"
        f"  max {max(values) * 1000:6.1f} ms  (n={len(values)})"
    )


async def run(corpora: list[Path], rounds: int) -> dict[str, object]:
    """Drive the app headless and time each interaction."""
    t0 = time.perf_counter()
    from reader.library import Library
    from reader.tui.app import ReaderApp
    from reader.tui.navigation import Position
    from reader.tui.widgets.article_list import item_article_id

    library = Library(list(corpora))
    app = ReaderApp(library, persist=False)
    results: dict[str, object] = {}
    painted: list[float] = []

    FRAMES.install()
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_until(
            lambda: app.screen.is_mounted and app.screen.__class__.__name__ == "MainScreen"
        )
        app.screen.call_after_refresh(lambda: painted.append(time.perf_counter()))
        await wait_until(lambda: bool(painted))
        results["first_paint"] = painted[0] - t0
        screen = app.screen
        await wait_until(lambda: screen.article_list.item_count > 0)
        results["list_filled"] = time.perf_counter() - t0
        results["articles"] = screen.article_list.item_count
        await wait_until(
            lambda: screen.article_view.article is not None and screen.article_view.mentions
        )
        await app.workers.wait_for_complete()
        watch_changes(screen)

        def changed_since(start: float, *keys: str) -> float:
            """The last of the marks ``keys`` made after ``start`` (else ``start``)."""
            return max([start, *(FRAMES.changed.get(k, 0.0) for k in keys)])

        view = screen.article_view
        ids = [s.id for s in screen.summaries[:: max(1, len(screen.summaries) // rounds)]][:rounds]
        opens = []
        open_cpu = []  # UI-thread CPU per open: what the TUI spends, whatever the machine's load
        for article_id in [i for i in ids if i != view.article.id]:  # each one a change
            start = time.perf_counter()
            cpu = time.thread_time()
            screen.open_at(Position(article_id))
            await wait_until(
                lambda aid=article_id: (
                    view.article is not None
                    and view.article.id == aid
                    and not screen._pending
                    and screen.entity_pane.item_count > 0
                    and (view.mentions or library.mentions(aid) == [])
                )
            )
            since = changed_since(start, f"article:{article_id}", f"mentions:{article_id}")
            opens.append(await next_frame(screen, since) - start)
            open_cpu.append(time.thread_time() - cpu)
            await asyncio.sleep(0.2)  # reading pace: the list cursor catches up in between
        results["open"] = opens
        results["open_cpu"] = open_cpu

        # ] jumps in an article with many mentions
        busiest = max(ids, key=lambda aid: len(library.mentions(aid)))
        screen.open_at(Position(busiest))
        await wait_until(
            lambda: view.article is not None and view.article.id == busiest and view.mentions
        )
        view.focus()
        await pilot.pause()
        jumps = []
        for _ in range(min(rounds, len(view.mentions) - 1)):
            start = time.perf_counter()
            screen.action_next_mention()  # what the ] binding runs
            jumps.append(await next_frame(screen, start) - start)
            await asyncio.sleep(0.2)  # reading pace: the entities pane catches up in between
        presses = []
        view.go_to_offset(0)
        for _ in range(min(rounds, len(view.mentions) - 1)):
            start = time.perf_counter()
            await pilot.press("right_square_bracket")
            presses.append(time.perf_counter() - start)
        results["press"] = presses
        results["jump"] = jumps

        # n: follow the most frequent entity of that article across articles
        counts: dict[str, int] = {}
        for m in view.mentions:
            counts[m.entity] = counts.get(m.entity, 0) + 1
        entity_id = max(counts, key=lambda e: counts[e])
        view.go_to_offset(0)
        await view_first_mention(pilot, view, entity_id)
        await pilot.press("asterisk")
        await wait_until(lambda: screen.trail is not None and screen.trail.entity_id == entity_id)
        follows = []
        for _ in range(rounds):
            before = screen.here
            start = time.perf_counter()
            screen.action_next_match()  # what the n binding runs
            try:
                await wait_until(lambda b=before: screen.here != b and not screen._pending,
                                 timeout=10)
            except TimeoutError:
                break  # the end of the entity's trail: n stays put
            here = screen.here
            since = changed_since(start, f"article:{here.article_id}") if here else start
            follows.append(await next_frame(screen, since) - start)
        results["follow"] = follows
        results["follow_label"] = screen.status.trail

        # search as you type: time from the last key to the list showing that query's hits
        searches = []
        for query in QUERIES:
            await pilot.press("slash")
            for key in query:
                await pilot.press("space" if key == " " else key)
            start = time.perf_counter()
            await wait_until(
                lambda q=query: screen.last_result is not None and screen.last_result.query == q
            )
            await pilot.pause()
            searches.append(time.perf_counter() - start)
            await pilot.press("escape")
            screen.search_bar.query_one("Input").value = ""
            await pilot.pause()
        results["search"] = searches

        # related: the Related tab is on screen; open -> that article's list shown -> frame
        screen.action_focus_pane("related")
        await pilot.pause()
        pane = screen.related_pane

        def related_shown(aid: str) -> bool:
            return pane.article_id == aid and not pane.pending

        def open_articles_related_shown() -> bool:
            article = screen.article_view.article
            return article is not None and related_shown(article.id)

        await wait_until(open_articles_related_shown, timeout=30)
        related, ready = [], 0
        for article_id in [i for i in reversed(ids) if i != view.article.id]:  # far apart: cold
            ready += screen.has_related(article_id)
            start = time.perf_counter()
            screen.open_at(Position(article_id))
            await wait_until(lambda aid=article_id: related_shown(aid), timeout=30)
            since = changed_since(start, f"related:{article_id}")
            related.append(await next_frame(screen, since) - start)
            await asyncio.sleep(0.2)
        results["related"] = related
        results["related_ready"] = ready

        # related in list order: down in the article list, at reading pace
        screen.action_focus_pane("list")
        await pilot.pause()
        articles = screen.article_list
        articles.move_to(articles.item_count // 2)
        await wait_until(open_articles_related_shown, timeout=30)
        await asyncio.sleep(0.2)
        in_order, in_order_cpu, ready = [], [], 0
        for _ in range(rounds):
            next_id = item_article_id(articles.items[articles.cursor + 1])
            ready += screen.has_related(next_id)
            start = time.perf_counter()
            cpu = time.thread_time()
            articles.action_cursor_down()  # what the down binding runs
            await wait_until(lambda aid=next_id: related_shown(aid), timeout=30)
            since = changed_since(start, f"related:{next_id}", f"article:{next_id}")
            in_order.append(await next_frame(screen, since) - start)
            in_order_cpu.append(time.thread_time() - cpu)
            await asyncio.sleep(0.2)
        results["related_in_order"] = in_order
        results["related_in_order_cpu"] = in_order_cpu
        results["related_in_order_ready"] = ready
    results["rss_mb"] = peak_rss_mb()
    return results


class FrameClock:
    """When the screen writes its frames: (start, end) of each compositor refresh.

    ``call_after_refresh`` is no frame clock: its callback may run before the frame with
    the change is written (too early), or wait for a later frame (too late). A benchmark
    may look inside Textual (the app never does): this wraps ``Screen._compositor_refresh``.
    """

    def __init__(self) -> None:
        self.frames: list[tuple[float, float]] = []
        self.changed: dict[str, float] = {}
        """What changed when (``mark``): an article shown, a related list filled."""

    def install(self) -> None:
        from textual.screen import Screen

        real = Screen._compositor_refresh
        frames = self.frames

        def timed(screen) -> None:  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            real(screen)
            frames.append((start, time.perf_counter()))

        Screen._compositor_refresh = timed  # type: ignore[method-assign]

    def mark(self, key: str) -> None:
        self.changed[key] = time.perf_counter()

    async def drawn(self, since: float, timeout: float = 30.0) -> float:
        """The end of the first frame begun at or after ``since`` (waits for it)."""
        def first() -> float | None:
            found = None
            for start, end in reversed(self.frames):  # back to the first one begun since
                if start < since:
                    break
                found = end
            return found

        await wait_until(lambda: first() is not None, timeout)
        return first()  # type: ignore[return-value]


FRAMES = FrameClock()


async def next_frame(screen, since: float | None = None) -> float:  # type: ignore[no-untyped-def]
    """Wait for the first frame written after ``since`` (default: now); returns its end."""
    return await FRAMES.drawn(time.perf_counter() if since is None else since)


def watch_changes(screen) -> None:  # type: ignore[no-untyped-def]
    """Mark when an article is shown (with its mentions) and when a related list is."""
    view, entities, pane = screen.article_view, screen.entity_pane, screen.related_pane
    show, show_mentions, show_related = view.show, entities.show_mentions, pane.show_related

    def shown(article, mentions):  # type: ignore[no-untyped-def]
        show(article, mentions)
        FRAMES.mark(f"article:{article.id}")

    def mentions_shown(mentions):  # type: ignore[no-untyped-def]
        show_mentions(mentions)
        if view.article is not None:
            FRAMES.mark(f"mentions:{view.article.id}")

    def related_shown(article_id, items, note=None):  # type: ignore[no-untyped-def]
        show_related(article_id, items, note)
        FRAMES.mark(f"related:{article_id}")

    view.show = shown
    entities.show_mentions = mentions_shown
    pane.show_related = related_shown


async def view_first_mention(pilot, view, entity_id: str) -> None:  # type: ignore[no-untyped-def]
    """Put the cursor on the first mention of ``entity_id``."""
    index = next(i for i, m in enumerate(view.mentions) if m.entity == entity_id)
    view.focus_mention(index)
    await pilot.pause()


def main() -> int:
    """Parse arguments, index, measure, print the table."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--corpus", type=Path, action="append", default=None,
        help="corpus folder (repeat for several; default: Reuters articles)",
    )
    parser.add_argument(
        "--home",
        type=Path,
        default=Path(tempfile.gettempdir()) / "reader-bench-home",
        help="READER_HOME for the index (kept between runs)",
    )
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    os.environ["READER_HOME"] = str(args.home)
    corpora = corpus_paths(args.corpus)
    seconds = build_index(corpora)
    print(f"index up to date in {seconds:.1f} s ({', '.join(map(str, corpora))})")
    r = asyncio.run(run(corpora, args.rounds))
    print(f"articles listed        {r['articles']}")
    print(
        f"first paint            {r['first_paint'] * 1000:7.0f} ms"
        "   (target <= 1000 ms; imports included)"
    )
    print(f"list filled            {r['list_filled'] * 1000:7.0f} ms")
    print(f"open article           {ms(r['open'])}   (target <= 50 ms)")  # type: ignore[arg-type]
    print(f"  UI-thread CPU of it  {ms(r['open_cpu'])}")  # type: ignore[arg-type]
    print(f"next mention  ]        {ms(r['jump'])}   (target <= 40 ms)")  # type: ignore[arg-type]
    print(f"  same, via Pilot.press {ms(r['press'])}   (includes Pilot's own settling)")  # type: ignore[arg-type]
    print(f"next followed n        {ms(r['follow'])}   [{r['follow_label']}]")  # type: ignore[arg-type]
    print(f"search after last key  {ms(r['search'])}   (target p95 <= 30 ms)")  # type: ignore[arg-type]
    print(f"related articles, cold {ms(r['related'])}   (target <= 50 ms)")  # type: ignore[arg-type]
    print(f"  ready in advance     {r['related_ready']} of {len(r['related'])}")  # type: ignore[arg-type]
    print(f"related, list order    {ms(r['related_in_order'])}   (target <= 50 ms)")  # type: ignore[arg-type]
    print(f"  UI-thread CPU of it  {ms(r['related_in_order_cpu'])}")  # type: ignore[arg-type]
    print(f"  ready in advance     {r['related_in_order_ready']} of {len(r['related_in_order'])}")  # type: ignore[arg-type]
    load = os.getloadavg()[0]
    print(f"load average           {load:7.2f}      (2 cores: above ~1, timings are inflated)")
    print(f"peak RSS               {r['rss_mb']:7.0f} MB  (target <= 300 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
