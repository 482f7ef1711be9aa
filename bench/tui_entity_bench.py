"""Opening an entity's view in the TUI, for the most mentioned entities and a small one.

Times ``load_entity_details`` (what the worker gathers before the view can be shown) and,
headless with Pilot on the real index, the time from the request (what enter on a mention
runs) to the entity view being drawn with that entity, and until its descriptions (the slow
pass over every mention, run in the background) are drawn too.

    READER_HOME=DIR python bench/tui_entity_bench.py --corpus PATH   # an index built under DIR

The index must already be built under READER_HOME; nothing is indexed here. Target for an
interactive action: <= 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


async def wait_until(predicate, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    """Poll ``predicate`` every millisecond."""
    deadline = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > deadline:
            raise TimeoutError
        await asyncio.sleep(0.001)


async def next_frame(screen) -> None:  # type: ignore[no-untyped-def]
    """Wait until the screen has drawn the frame after the current state."""
    done: list[bool] = []
    screen.call_after_refresh(lambda: done.append(True))
    await wait_until(lambda: bool(done))


def pick(library, top: int, names: list[str]) -> list:  # type: ignore[no-untyped-def]
    """The ``top`` most mentioned entities, those named, and one with about ten mentions."""
    entities = sorted(library.entities(), key=lambda e: -e.mention_count)
    small = next((e for e in entities if e.mention_count <= 10), entities[-1])
    named = [e for e in (library.entity(n) for n in names) if e is not None]
    return [*entities[:top], *[e for e in named if e not in entities[:top]], small]


def time_loads(library, entities, rounds: int) -> None:  # type: ignore[no-untyped-def]
    """``load_entity_details`` per entity: best and range of ``rounds``."""
    from reader.tui.entity_data import load_entity_details

    print("load_entity_details (ms): best [range]")
    for entity in entities:
        times = []
        for _ in range(rounds):
            start = time.perf_counter()
            load_entity_details(library, entity.id)
            times.append((time.perf_counter() - start) * 1000)
        print(f"  {entity.name[:28]:<28} {entity.mention_count:>6} mentions"
              f"  {min(times):7.1f} [{min(times):.1f}-{max(times):.1f}]")


async def time_views(library, entities, rounds: int) -> None:  # type: ignore[no-untyped-def]
    """Request -> entity view drawn, and -> descriptions drawn, per entity."""
    from reader.tui.app import ReaderApp

    app = ReaderApp(library, persist=False)
    async with app.run_test(size=(160, 45)):
        await wait_until(lambda: app.screen.__class__.__name__ == "MainScreen"
                         and app.screen.article_list.item_count > 0)
        await app.workers.wait_for_complete()
        screen = app.screen
        pane = screen.entity_view
        print("request -> view drawn / -> descriptions drawn (ms): best [range]")
        for entity in entities:
            shown, described = [], []
            for _ in range(rounds):
                pane.details = None
                start = time.perf_counter()
                screen.show_entity(entity.id)  # what enter on a mention runs
                await wait_until(lambda e=entity: pane.details is not None
                                 and pane.details.entity.id == e.id)
                await next_frame(screen)
                shown.append((time.perf_counter() - start) * 1000)
                await wait_until(lambda: not getattr(pane.details, "pending", False), 60)
                await next_frame(screen)
                described.append((time.perf_counter() - start) * 1000)
                await asyncio.sleep(0.2)
            print(f"  {entity.name[:28]:<28} {entity.mention_count:>6} mentions"
                  f"  {min(shown):7.1f} [{min(shown):.1f}-{max(shown):.1f}]"
                  f"  {min(described):7.1f} [{min(described):.1f}-{max(described):.1f}]")


def main() -> int:
    """Parse arguments and run both measurements."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--top", type=int, default=3)
    parser.add_argument("--name", action="append", default=["Reuters"],
                        help="also time this entity (default: Reuters)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-tui", action="store_true", help="only time load_entity_details")
    args = parser.parse_args()
    from reader.library import Library

    library = Library([args.corpus])
    if not (library.indexer.folder / "meta.json").exists():
        print("no index under READER_HOME for that corpus: build it first", file=sys.stderr)
        return 1
    entities = pick(library, args.top, args.name)
    library.entity_view(entities[0].id)  # warm the library (tables, linking, doc table)
    time_loads(library, entities, args.rounds)
    if not args.no_tui:
        asyncio.run(time_views(library, entities, args.rounds))
    library.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
