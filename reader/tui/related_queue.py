"""Which related lists to compute next, for the one worker that computes them.

The article the reader opens comes first; then its neighbours in the article list,
prefetched while the reader reads, so that the next open usually finds its list ready.
One worker at a time drains the queue (a second one would only wait for the first on the
library's lock). Thread-safe; no Textual here.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class RelatedJob:
    """One related list to compute."""

    article_id: str
    """The article whose related articles are wanted."""
    generation: int
    """``RelatedQueue.generation`` when it was asked for (older results are stale)."""
    prefetch: bool
    """Asked for ahead of time, not for the article being opened."""


class RelatedQueue:
    """The opened article's list first, then prefetches, one job at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        """Notified whenever a job ends (its result is posted before the next is taken)."""
        self._wanted: str | None = None
        """The article being opened, if its list is not computed yet."""
        self._ahead: list[str] = []
        """Articles to prefetch, most likely next first."""
        self._busy: RelatedJob | None = None
        """The job being computed now."""
        self._running = False
        """A worker is draining the queue."""
        self.generation = 0
        """Bumped by ``forget``: results of older jobs are not to be used."""

    def want(self, article_id: str) -> bool:
        """The reader opens ``article_id``: its list goes before any prefetch (and the
        prefetches of the previous article are dropped). True when a worker must start."""
        with self._lock:
            self._ahead = []
            if self._is_busy_with(article_id):
                self._wanted = None  # being computed: its result comes anyway
                return False
            self._wanted = article_id
            return self._start()

    def prefetch(self, article_ids: list[str]) -> bool:
        """Compute these lists next, in this order, unless the reader opens another article
        first (replaces earlier prefetches). True when a worker must start."""
        with self._lock:
            self._ahead = [
                a
                for a in dict.fromkeys(article_ids)
                if a != self._wanted and not self._is_busy_with(a)
            ]
            return self._start()

    def next(self) -> RelatedJob | None:
        """The next job (for the worker, once the previous job's result is posted); None
        when there is none: the worker then ends."""
        with self._lock:
            self._changed.notify_all()
            if self._wanted is not None:
                job = RelatedJob(self._wanted, self.generation, prefetch=False)
                self._wanted = None
            elif self._ahead:
                job = RelatedJob(self._ahead.pop(0), self.generation, prefetch=True)
            else:
                self._busy = None
                self._running = False
                return None
            self._busy = job
            return job

    def forget(self) -> None:
        """Everything computed or asked for so far is stale (re-index, correction)."""
        with self._lock:
            self.generation += 1
            self._wanted = None
            self._ahead = []

    def stop(self) -> None:
        """The worker was cancelled (the screen is going away)."""
        with self._lock:
            self._busy = None
            self._running = False
            self._changed.notify_all()

    def wait_for(self, article_id: str, timeout: float) -> bool:
        """Wait (up to ``timeout`` seconds) until the list of ``article_id`` is no longer
        waiting or being computed: then its result has been posted. True when it is not
        (or no longer) pending; False on timeout."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while self._wanted == article_id or self._is_busy_with(article_id):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._changed.wait(remaining)
            return True

    @property
    def idle(self) -> bool:
        """Nothing is being computed or waiting."""
        with self._lock:
            return not self._running

    def _is_busy_with(self, article_id: str) -> bool:
        busy = self._busy
        return (
            busy is not None
            and busy.article_id == article_id
            and (busy.generation == self.generation)
        )

    def _start(self) -> bool:
        """Mark a worker as running when there is work and none runs (lock held)."""
        if self._running or (self._wanted is None and not self._ahead):
            return False
        self._running = True
        return True
