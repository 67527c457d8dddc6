"""Rounding rules, granularity and reconstruction in plain Python.

The same algorithms as the SQL macros in ``sql/010_rounding_macros.sql`` and
``sql/015_table_macros.sql``, written independently so that property tests can set
one against the other, and against brute force. Integer arithmetic throughout.

A whole percentage ``p`` *covers* the share ``k/n`` when rounding ``100 k / n`` to a
whole number prints ``p``:

* ``half_up``: ``(2p - 1) n <= 200 k < (2p + 1) n``;
* ``half_even``: as half up, but a share exactly on .5 goes to the even neighbour;
* ``either``: half up or half even prints ``p``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

RULES = ("half_up", "half_even", "either")


def _check_rule(rule: str) -> None:
    if rule not in RULES:
        raise ValueError(f"unknown rounding rule {rule!r}; choose from {', '.join(RULES)}")


def round_pct(k: int, n: int, rule: str = "half_up") -> int:
    """``100 k / n`` rounded to a whole percent under ``rule`` (half_up or half_even).

    Examples:
        >>> round_pct(1, 8), round_pct(1, 8, "half_even"), round_pct(3, 8, "half_even")
        (13, 12, 38)
    """
    if n <= 0:
        raise ValueError("n must be positive")
    q, rem = divmod(100 * k, n)
    if 2 * rem > n:
        return q + 1
    if 2 * rem < n:
        return q
    if rule == "half_even":
        return q + (q % 2)
    return q + 1


def covers(p: int, k: int, n: int, rule: str = "either") -> bool:
    """Whether the printed whole percentage ``p`` can come from ``k`` of ``n`` under ``rule``.

    Examples:
        >>> covers(38, 3, 8, "half_up"), covers(37, 3, 8, "either")
        (True, False)
    """
    _check_rule(rule)
    if n <= 0 or not 0 <= k <= n:
        return False
    lo_num, hi_num = (2 * p - 1) * n, (2 * p + 1) * n
    x = 200 * k
    if x < lo_num or x > hi_num:
        return False
    if x == lo_num:  # exactly p - 0.5: half up prints p; half even only when p is even
        return rule != "half_even" or p % 2 == 0
    if x == hi_num:  # exactly p + 0.5: half up prints p + 1; half even prints p when p is even
        return rule != "half_up" and p % 2 == 0
    return True


def k_bounds(p: int, n: int, rule: str = "either") -> tuple[int, int]:
    """Smallest and largest whole ``k`` in ``0..n`` covered by ``p`` (an empty range when lo > hi).

    Examples:
        >>> k_bounds(57, 76, "half_up")
        (43, 43)
    """
    _check_rule(rule)
    lo_num, hi_num = (2 * p - 1) * n, (2 * p + 1) * n
    strict_lo = rule == "half_even" and p % 2 == 1
    strict_hi = rule == "half_up" or (rule in ("half_even", "either") and p % 2 == 1)
    lo = lo_num // 200 + 1 if strict_lo else -(-lo_num // 200)
    hi = -(-hi_num // 200) - 1 if strict_hi else hi_num // 200
    return max(0, lo), min(n, hi)


def grim(p: int, n: int, rule: str = "either") -> list[int]:
    """The whole counts ``k`` of ``n`` people whose share prints as ``p`` (the GRIM test).

    Examples:
        >>> grim(77, 76), grim(59, 76)
        ([], [45])
    """
    lo, hi = k_bounds(p, n, rule)
    return list(range(lo, hi + 1))


def rounding_slack(n_items: int) -> int:
    """Largest amount n shares rounded to whole percent can miss 100 by: ``floor(n/2)``."""
    return n_items // 2


@dataclass(frozen=True)
class Reconstruction:
    """Smallest total and counts per item reproducing a set of shares."""

    total: int
    counts: tuple[int, ...]


def reconstruct(
    shares: Sequence[int], rule: str = "either", *, closed: bool = True, max_total: int = 5000
) -> Reconstruction | None:
    """The smallest total ``N <= max_total`` and whole counts whose shares print as ``shares``.

    For a closed set the counts sum to ``N``; for an open one they fit within it.
    Returns None when no total up to the bound works (the bound is part of the answer:
    "none up to max_total"). Cost: O(len(shares) x max_total).

    Examples:
        >>> reconstruct([33, 33, 33])
        Reconstruction(total=3, counts=(1, 1, 1))
        >>> reconstruct([1, 1, 1, 1, 1], max_total=1000) is None
        True
    """
    _check_rule(rule)
    for n in range(1, max_total + 1):
        bounds = [k_bounds(p, n, rule) for p in shares]
        if any(lo > hi for lo, hi in bounds):
            continue
        sum_lo = sum(lo for lo, _ in bounds)
        sum_hi = sum(hi for _, hi in bounds)
        if sum_lo > n or (closed and n > sum_hi):
            continue
        counts = [lo for lo, _ in bounds]
        if closed:
            remainder = n - sum_lo
            for i, (lo, hi) in enumerate(bounds):
                extra = min(hi - lo, remainder)
                counts[i] += extra
                remainder -= extra
        return Reconstruction(n, tuple(counts))
    return None


def rate_solutions(p: int, n_max: int, rule: str = "either") -> list[tuple[int, int]]:
    """Every ``(returns, eligible)`` with ``1 <= eligible <= n_max`` whose rate prints as ``p``.

    Examples:
        >>> rate_solutions(55, 12)
        [(6, 11)]
    """
    out: list[tuple[int, int]] = []
    for e in range(1, n_max + 1):
        lo, hi = k_bounds(p, e, rule)
        out.extend((r, e) for r in range(lo, hi + 1))
    return out


class SearchBoundError(RuntimeError):
    """A search stopped at its documented bound before it finished."""


MAX_STATES = 1_000_000  # reachable (returns, eligible) pairs kept at once
MAX_WORK = 5_000_000  # state x solution combinations tried in one step


def rate_joint(
    units: Iterable[tuple[int, int]],
    rule: str = "either",
    *,
    max_states: int = MAX_STATES,
    max_work: int = MAX_WORK,
) -> set[tuple[int, int]]:
    """Reachable ``(total returns, total eligible)`` taking one solution per unit.

    ``units`` are ``(published_pct, n_max)`` pairs. A dynamic programme over the
    units: cost O(units x states x solutions per unit), with at most
    ``(sum n_max + 1)^2`` states. Raises :class:`SearchBoundError` rather than run
    on when the state set would pass ``max_states`` or one step would try more than
    ``max_work`` combinations.

    Examples:
        >>> sorted(rate_joint([(50, 2), (100, 2)], "half_up"))
        [(2, 3), (3, 4)]
    """
    states = {(0, 0)}
    for i, (p, n_max) in enumerate(units, start=1):
        sols = rate_solutions(p, n_max, rule)
        if len(states) * len(sols) > max_work:
            raise SearchBoundError(
                f"stopped at unit {i}: {len(states)} states x {len(sols)} solutions "
                f"passes the bound of {max_work}"
            )
        states = {(r0 + r, e0 + e) for r0, e0 in states for r, e in sols}
        if len(states) > max_states:
            raise SearchBoundError(f"stopped at unit {i}: {len(states)} states, bound {max_states}")
        if not states:
            break
    return states
