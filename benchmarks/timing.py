"""Shared by the benchmark scripts: take turns, repeat, report median and range.

Every comparison in benchmarks/ runs its contenders in turn, repetition after
repetition (A B C, B C A, C A B, ...), so that load from other work on the machine falls on
all of them alike, and reports each one's median with its range (min-max) and the
ratio of medians measured in the same run (with the range of the per-turn ratios).
"""

from __future__ import annotations

import math
import os
import platform
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime


def interleaved(
    contenders: dict[str, Callable[[], object]], reps: int, min_seconds: float = 2.0, max_turns: int = 50
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Wall and CPU seconds of each contender over a number of turns, after one untimed
    warm-up turn.

    At least ``reps`` turns; more (up to ``max_turns``) when a turn is short, so that
    the timed turns last about ``min_seconds`` and a millisecond of noise cannot decide
    a ratio. CPU time is this process's, all its threads (DuckDB's too): on a loaded
    machine a query of a few milliseconds is often descheduled for as long as it runs,
    which moves its wall time but not its CPU time.
    """
    t = time.perf_counter()
    for fn in contenders.values():
        fn()
    one_turn = time.perf_counter() - t
    turns = max(reps, min(max_turns, math.ceil(min_seconds / max(one_turn, 1e-6))))
    wall: dict[str, list[float]] = {name: [] for name in contenders}
    cpu: dict[str, list[float]] = {name: [] for name in contenders}
    names = list(contenders)
    for i in range(turns):
        for name in rotated(names, i):
            t, c = time.perf_counter(), time.process_time()
            contenders[name]()
            wall[name].append(time.perf_counter() - t)
            cpu[name].append(time.process_time() - c)
    return wall, cpu


def rotated(names: list, i: int) -> list:
    """Turn i starts at the i-th contender (A B C, B C A, C A B, ...): none always runs
    first, or always right after the same neighbour (whose caches and memory it meets)."""
    k = i % len(names)
    return names[k:] + names[:k]


def med(times: list[float]) -> float:
    return statistics.median(times)


def spread(times: list[float], digits: int = 3) -> str:
    """'median (min-max)' in seconds."""
    return f"{med(times):.{digits}f} ({min(times):.{digits}f}-{max(times):.{digits}f})"


def ratio(num: list[float], den: list[float]) -> str:
    """Ratio of medians, with the range of the per-turn ratios."""
    per_turn = [a / b for a, b in zip(num, den, strict=True)]
    return f"{med(num) / med(den):.2f} ({min(per_turn):.2f}-{max(per_turn):.2f})"


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min)"


def header(title: str, reps: int | None = None) -> str:
    import duckdb

    turns = f" · at least {reps} turns each" if reps else ""
    return (
        f"# {title} · {datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {platform.machine()} · "
        f"{os.cpu_count()} cores · python {platform.python_version()} · duckdb {duckdb.__version__}"
        f"{turns} · {load()}"
    )
