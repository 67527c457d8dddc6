"""same_figure with printed bounds, run on its inputs directly.

This package's counts know only the qualifiers ``exact`` and ``more_than``; another report's
package may declare ``at_least``, ``less_than`` or ``at_most`` too, or one the kind does not
understand. The kind's SQL file runs here over a hand-made ``internal.check_inputs``, so each
case's verdict can be worked out by hand: a bound is the whole numbers it allows, and the
printings agree when one whole number fits them all.
"""

from __future__ import annotations

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coprod_data.db import view_files


def sql_file(prefix: str) -> str:
    return next(p for p in view_files() if p.name.startswith(prefix)).read_text(encoding="utf-8")


def same_figure(printings: list[tuple[float, str, str]]) -> tuple:
    """Run 030_same_figure.sql on one check 'c' whose printings are (value, qualifier, unit)."""
    con = duckdb.connect()
    try:
        con.execute(sql_file("010_"))
        con.execute("CREATE TABLE checks AS SELECT 'c' AS check_id, 'same_figure' AS kind")
        con.execute(
            "CREATE TABLE internal.check_inputs (check_id VARCHAR, kind VARCHAR, term VARCHAR, "
            "position INTEGER, figure_id VARCHAR, value DOUBLE, qualifier VARCHAR, unit VARCHAR)"
        )
        con.executemany(
            "INSERT INTO internal.check_inputs VALUES ('c', 'same_figure', 'printing', ?, ?, ?, ?, ?)",
            [(i, f"f{i}", v, q, u) for i, (v, q, u) in enumerate(printings, start=1)],
        )
        con.execute(sql_file("030_"))
        return con.execute(
            "SELECT computable, holds_exact, recomputed, detail, singled_out, recomputed_lo, recomputed_hi "
            "FROM internal.check_result_same_figure"
        ).fetchone()
    finally:
        con.close()


P = "people"


@pytest.mark.parametrize(
    ("printings", "holds", "recomputed"),
    [
        ([(50, "more_than", P), (55, "exact", P)], True, "55"),
        ([(50, "more_than", P), (50, "exact", P)], False, "50"),
        ([(50, "at_least", P), (50, "exact", P)], True, "50"),
        ([(50, "more_than", P), (80, "more_than", P)], True, "81 or more"),
        ([(50, "more_than", P), (52, "less_than", P)], True, "51 to 51"),
        ([(50, "more_than", P), (51, "less_than", P)], False, "50 to 51"),  # no whole number between
        ([(40, "at_most", P), (40, "at_least", P)], True, "40 to 40"),
        ([(40, "at_most", P), (41, "exact", P)], False, "41"),
        ([(20, "less_than", P), (30, "at_most", P)], True, "0 to 19"),
        ([(0, "less_than", P), (5, "at_most", P)], False, "0 to 5"),  # a count is never below 0
    ],
)
def test_bounds_agree_when_one_whole_number_fits_them_all(printings, holds, recomputed):
    computable, holds_exact, got, detail, *_ = same_figure(printings)
    assert computable and holds_exact is holds and got == recomputed, detail


def test_the_majority_singles_out_a_bound_it_does_not_fit():
    computable, holds, _, detail, singled, *_ = same_figure(
        [(50, "exact", P), (60, "more_than", P), (50, "exact", P), (40, "at_least", P), (50, "exact", P)]
    )
    assert computable and not holds
    assert singled == ["f2"] and "The majority singles out f2." in detail


@pytest.mark.parametrize(
    ("printings", "why"),
    [
        ([(50, "about", P), (50, "exact", P)], "qualifier about ("),
        ([(50, "about", "percent"), (50, "exact", "percent")], "qualifier about ("),
        ([(50, "more_than", "percent"), (52, "exact", "percent")], "a bound on a percentage"),
    ],
)
def test_a_printing_the_kind_cannot_read_is_not_compared(printings, why):
    computable, _, _, detail, *_ = same_figure(printings)
    assert computable is False and f"Not compared: {why}" in detail
    assert f"{printings[0][1].replace('_', ' ')} 50" in detail  # the printing shows what stopped it


# --- against brute force, every qualifier ---------------------------------------------------
QUALIFIERS = ["exact", "more_than", "at_least", "less_than", "at_most"]


def fits(x: int, value: int, qualifier: str) -> bool:
    return {
        "exact": x == value,
        "more_than": x > value,
        "at_least": x >= value,
        "less_than": x < value,
        "at_most": x <= value,
    }[qualifier]


@settings(max_examples=150, deadline=None, print_blob=True)
@given(st.lists(st.tuples(st.integers(0, 12), st.sampled_from(QUALIFIERS)), min_size=2, max_size=5))
def test_same_figure_bounds_against_every_whole_number(printings):
    """Holds exactly when some whole number 0..20 fits every printing; a holding check with
    bounds reports the fitting range; a strict majority of equal exact printings singles out
    the printings its value does not fit."""
    _, holds, _, detail, singled, lo, hi = same_figure([(v, q, P) for v, q in printings])
    fitting = [x for x in range(21) if all(fits(x, v, q) for v, q in printings)]
    assert holds is bool(fitting), detail
    if fitting and any(q != "exact" for _, q in printings):
        unbounded_above = not any(q in ("less_than", "at_most", "exact") for _, q in printings)
        assert (lo, hi) == (min(fitting), None if unbounded_above else max(fitting))
    exact = [v for v, q in printings if q == "exact"]
    top = [v for v in set(exact) if 2 * exact.count(v) > len(printings)]
    expected = (
        [f"f{i}" for i, (v, q) in enumerate(printings, start=1) if not fits(top[0], v, q)]
        if len(printings) >= 3 and top
        else []
    )
    assert singled == expected
