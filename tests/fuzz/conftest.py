"""Fuzz suites: Hypothesis profiles (in fuzz_support.py) and a count of the cases that ran.

Profiles (choose with ``HYPOTHESIS_PROFILE``):

* ``ci``      – a short budget: the whole ``pytest -m slow tests/fuzz`` run stays well under
  3 minutes on 2 cores (``.ci/run`` uses it);
* ``default`` – a few hundred cases per property (a few minutes);
* ``long``    – thousands of cases per property, for an overnight run.

Each test asks for ``examples(n)``: ``n`` cases under ``default``, scaled for the other
profiles, so expensive properties (a whole index build per case) get fewer cases than
cheap ones. Every case runs under ``fuzz_support.bounded``, a SIGALRM guard that turns a hang into
a failure (Hypothesis then shrinks the input that hung). The terminal summary reports
how many cases each property ran and for how long.
"""

from __future__ import annotations

from fuzz_support import COUNTS, PROFILE


def pytest_terminal_summary(terminalreporter) -> None:
    """Report how many cases each property ran, and for how long."""
    if not COUNTS:
        return
    terminalreporter.section(f"fuzz cases (profile {PROFILE})")
    total = 0
    seconds = 0.0
    for name in sorted(COUNTS):
        count, spent = COUNTS[name]
        total += int(count)
        seconds += spent
        terminalreporter.write_line(f"{name:<40} {int(count):>7} cases {spent:8.1f} s")
    terminalreporter.write_line(f"{'total':<40} {total:>7} cases {seconds:8.1f} s")
