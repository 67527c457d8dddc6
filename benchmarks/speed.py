"""Whole-process start-up and command times, against the floor of importing DuckDB.

    python benchmarks/speed.py            # 9 runs of each command
    python benchmarks/speed.py --runs 21

Each run is a new process (cold interpreter; the operating system's file cache is
warm); the commands take turns, run after run, so that load on the machine falls on
all of them alike. The cache of built databases (coprod_data.cache) lives in a fresh temporary
folder: the first audit builds it and is reported on its own line; the medians are
for the runs after it, as a user sees them from the second command on.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

BIN = Path(sys.executable).parent
CLI = str(BIN / "coprod-data")
PY = sys.executable

COMMANDS = [
    ("floor: python -c 'import duckdb'", [PY, "-c", "import duckdb"], None),
    ("python -c 'import coprod_data'", [PY, "-c", "import coprod_data"], 1.3),
    ("coprod-data audit --format json", [CLI, "audit", "--format", "json"], 3.0),
    (
        'coprod-data sql "SELECT count(*) FROM figure_audit"',
        [CLI, "sql", "SELECT count(*) FROM figure_audit"],
        3.0,
    ),
    ("coprod-data validate", [CLI, "validate"], None),
    # with the cache off nothing is remembered: Frictionless's second opinion runs every time
    ("coprod-data validate, cache off", ["env", "COPROD_DATA_CACHE=off", CLI, "validate"], None),
]


def once(cmd: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
    return time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    cache = tempfile.mkdtemp(prefix="coprod-bench-cache-")
    env = {**os.environ, "COPROD_DATA_CACHE": cache}
    try:
        first_audit = once(COMMANDS[2][1], env)
        # round robin: a burst of load on the machine hits every command alike, not one of them
        times: dict[str, list[float]] = {label: [] for label, _, _ in COMMANDS}
        for _ in range(args.runs):
            for label, cmd, _target in COMMANDS:
                times[label].append(once(cmd, env))
        results = [
            (label, statistics.median(times[label]), min(times[label]), max(times[label]), target)
            for label, _, target in COMMANDS
        ]
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    floor = results[0][1]
    print(
        f"# coprod-data speed · {datetime.now(UTC):%Y-%m-%d} · {platform.machine()} · "
        f"{os.cpu_count()} cores · python {platform.python_version()} · {args.runs} runs each"
    )
    print(f"{'command':<55} {'median s':>9} {'min':>6} {'max':>6} {'x floor':>8}  target")
    for label, med, lo, hi, target in results:
        ratio = med / floor
        if label.startswith("floor"):
            verdict = ""
        elif "validate" in label:
            verdict = f"< 1 s: {'met' if med < 1 else 'MISSED'}"
        else:
            verdict = f"<= {target}x: {'met' if ratio <= target else 'MISSED'}"
        print(f"{label:<55} {med:>9.3f} {lo:>6.3f} {hi:>6.3f} {ratio:>8.2f}  {verdict}")
    print(f"{'first audit, empty cache (builds the database)':<55} {first_audit:>9.3f}")


if __name__ == "__main__":
    main()
