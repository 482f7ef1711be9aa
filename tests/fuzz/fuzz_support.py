"""Per-case time guard, example budgets and the case counter shared by the fuzz suites.

Kept out of ``conftest.py`` so test modules can import it by name.
"""

from __future__ import annotations

import os
import signal
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

from hypothesis import HealthCheck, settings

_COMMON = dict(
    deadline=None,  # wall-clock deadlines are flaky on a loaded CI box; `bounded` catches hangs
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large, HealthCheck.large_base_example],
    print_blob=True,
    derandomize=False,
)
# Every fuzz property sets its own case count with `examples()`; the profiles carry the rest.
# "default" keeps Hypothesis's own default case count, because the default `pytest` run
# imports this module while collecting (and then deselects the slow tests).
settings.register_profile("ci", max_examples=60, **_COMMON)
settings.register_profile("default", max_examples=100, **_COMMON)
settings.register_profile("long", max_examples=5000, **_COMMON)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "default")
if PROFILE not in ("ci", "default", "long"):
    PROFILE = "default"
settings.load_profile(PROFILE)

_SCALE = {"ci": 0.3, "default": 1.0, "long": 25.0}


def examples(n: int) -> int:
    """Cases for a property that runs ``n`` cases under the default profile."""
    return max(3, int(n * _SCALE.get(PROFILE, 1.0)))


CASE_SECONDS = float(os.environ.get("READER_FUZZ_CASE_SECONDS", "20"))
"""Upper bound for one case; far above what any case needs (most take milliseconds)."""


class CaseTimeout(AssertionError):
    """A fuzz case ran longer than its bound: treated as a hang."""


COUNTS: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])


@contextmanager
def bounded(name: str, seconds: float = CASE_SECONDS) -> Iterator[None]:
    """Run one case of property ``name``: fail it if it takes longer than ``seconds``."""

    def expire(signum, frame):  # noqa: ARG001 - signal handler signature
        raise CaseTimeout(f"{name}: case still running after {seconds:.0f} s (hang?)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.perf_counter()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        stat = COUNTS[name]
        stat[0] += 1
        stat[1] += time.perf_counter() - started
