"""Run every benchmark and print one table (bench | figure | value).

Each benchmark prints ``label  value`` lines (two or more spaces between); this
collects them. Heavy: the full run takes tens of minutes on 2 cores.
Run: ``python bench/run_all.py [--quick]`` (quick = smaller corpora where supported).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = [
    ("index", ["index_bench.py"], ["--limit", "3000"]),
    ("postings", ["postings_bench.py"], ["--limit", "3000"]),
    ("entities speed", ["entities_speed.py"], []),
    ("entities quality", ["entities_quality.py"], []),
    ("related quality", ["related_quality.py"], []),
    ("related latency", ["related_latency.py"], []),
    ("tui", ["tui_bench.py"], []),
    ("scale", ["scale_bench.py"], ["--sizes", "2000"]),
]
_ROW = re.compile(r"^\s*(\S.*?\S)\s{2,}(\S.*)$")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller corpora where supported")
    args = parser.parse_args()
    rows: list[tuple[str, str, str]] = []
    for name, script, quick_args in BENCHES:
        path = HERE / script[0]
        if not path.exists():
            rows.append((name, "(missing)", str(path.name)))
            continue
        started = time.perf_counter()
        result = subprocess.run([sys.executable, str(path), *(quick_args if args.quick else [])],
                                capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - started
        if result.returncode:
            rows.append((name, "FAILED", result.stderr.strip().splitlines()[-1:][0] if result.stderr else "?"))
            continue
        for line in result.stdout.splitlines():
            match = _ROW.match(line)
            if match:
                rows.append((name, match.group(1), match.group(2)))
        rows.append((name, "bench wall time", f"{elapsed:.0f} s"))
    widths = [max(len(r[i]) for r in rows) for i in range(2)]
    for bench, figure, value in rows:
        print(f"{bench:<{widths[0]}}  {figure:<{widths[1]}}  {value}")


if __name__ == "__main__":
    main()
