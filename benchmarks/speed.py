"""Whole-process start-up and command times, against the floor of importing DuckDB.

    python benchmarks/speed.py            # 5 turns (about 1 minute on 2 cores, 2.5 under load)
    python benchmarks/speed.py --runs 21

Each run is a new process (cold interpreter; the operating system's file cache is
warm). The commands take turns, turn after turn (after one untimed warm-up turn; turn
i starts at the i-th command), so
that load on the machine falls on all of them alike; each gets its median, its range
(min-max) and its ratio to the floor, `python -c "import duckdb"`, measured in the same
turns (ratio of medians, with the range of the per-turn ratios). CPU time (user + system of
the process and its threads) is printed beside: on a loaded machine it moves less
than wall time.

The cache of built databases (coprod_data.cache) lives in a temporary folder that the
warm-up turn fills, as a user sees it from the second command on. Two more rows build
the database every time: the first `audit` after a change (a fresh, empty cache folder
each turn) and `audit` with the cache turned off (COPROD_DATA_CACHE=off).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import header, load, ratio, rotated, spread

BIN = Path(sys.executable).parent
CLI = str(BIN / "coprod-data")
PY = sys.executable
FLOOR = "floor: python -c 'import duckdb'"

# (label, command, cache: "warm" | "empty" | "off", target as a multiple of the floor or None)
COMMANDS = [
    (FLOOR, [PY, "-c", "import duckdb"], "warm", None),
    ("python -c 'import coprod_data'", [PY, "-c", "import coprod_data"], "warm", 1.3),
    ("coprod-data audit --format json", [CLI, "audit", "--format", "json"], "warm", 3.0),
    (
        'coprod-data sql "SELECT count(*) FROM figure_audit"',
        [CLI, "sql", "SELECT count(*) FROM figure_audit"],
        "warm",
        3.0,
    ),
    ("coprod-data validate", [CLI, "validate"], "warm", None),
    # with the cache off nothing is remembered: Frictionless's second opinion runs every time
    ("coprod-data validate, cache off", [CLI, "validate"], "off", None),
    ("first audit, empty cache (builds the database)", [CLI, "audit", "--format", "json"], "empty", None),
    ("audit, COPROD_DATA_CACHE=off (builds in memory)", [CLI, "audit", "--format", "json"], "off", 10.0),
]


def children_cpu() -> float:
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def once(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, all the process's threads) of one run."""
    t, c = time.perf_counter(), children_cpu()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
    return time.perf_counter() - t, children_cpu() - c


def turn(warm_cache: str, i: int = 0) -> dict[str, tuple[float, float]]:
    out = {}
    for label, cmd, cache, _target in rotated(COMMANDS, i):
        empty = tempfile.mkdtemp(prefix="coprod-bench-empty-") if cache == "empty" else None
        folder = {"warm": warm_cache, "empty": empty, "off": "off"}[cache]
        try:
            out[label] = once(cmd, {**os.environ, "COPROD_DATA_CACHE": folder})
        finally:
            if empty:
                shutil.rmtree(empty, ignore_errors=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="timed turns (default 5)")
    args = parser.parse_args()
    print(header("coprod-data speed", args.runs))
    warm = tempfile.mkdtemp(prefix="coprod-bench-cache-")
    try:
        turn(warm)  # warm-up: builds the warm cache, loads the files into the OS cache
        turns = [turn(warm, i) for i in range(args.runs)]
    finally:
        shutil.rmtree(warm, ignore_errors=True)
    times = {label: [t[label][0] for t in turns] for label, *_ in COMMANDS}
    cpu = {label: [t[label][1] for t in turns] for label, *_ in COMMANDS}
    floor = statistics.median(times[FLOOR])
    print(
        f"{'command':<50} {'median s (min-max)':>22}  {'÷ floor (per-turn range)':>24}  "
        f"{'CPU s':>6} {'CPU ÷ floor':>11}  target"
    )
    for label, _cmd, _cache, target in COMMANDS:
        med = statistics.median(times[label])
        if label == FLOOR:
            verdict, cell = "", ""
        else:
            cell = ratio(times[label], times[FLOOR])
            if "validate" in label:
                verdict = f"< 1 s: {'met' if med < 1 else 'MISSED'}"
            elif target:
                verdict = f"<= {target}x: {'met' if med / floor <= target else 'MISSED'}"
            else:
                verdict = ""
        cpu_ratio = (
            "" if label == FLOOR else f"{statistics.median(cpu[label]) / statistics.median(cpu[FLOOR]):.2f}"
        )
        print(
            f"{label:<50} {spread(times[label]):>22}  {cell:>24}  "
            f"{statistics.median(cpu[label]):>6.3f} {cpu_ratio:>11}  {verdict}"
        )
    print(f"\n{load()} at the end")


if __name__ == "__main__":
    main()
