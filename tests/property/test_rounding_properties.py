"""Properties of the rounding machinery, in Python and in SQL, on data Hypothesis makes up.

Guards: the SQL macros pct_k_lo / pct_k_hi / pct_covers (010_rounding_macros.sql),
shares_of_counts, reconstruct_shares, reconstruct_share_counts, rate_solutions and
rate_joint (015_table_macros.sql), the share_list check kind (032_share_list.sql), and
their Python twins in coprod_data.rounding and coprod_data.checks.rounding_slack.
"""

from __future__ import annotations

import itertools

from hypothesis import example, given
from hypothesis import strategies as st

from coprod_data import checks
from coprod_data.rounding import (
    RULES,
    covers,
    grim,
    k_bounds,
    rate_joint,
    rate_solutions,
    reconstruct,
    round_pct,
)
from tests.views.minidb import set_share_list

rules = st.sampled_from(RULES)
concrete_rules = st.sampled_from(("half_up", "half_even"))
sample_sizes = st.integers(min_value=1, max_value=3000)
count_lists = st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=9).filter(
    lambda c: sum(c) > 0
)


def brute_covers(p: int, k: int, n: int, rule: str) -> bool:
    if rule == "either":
        return round_pct(k, n, "half_up") == p or round_pct(k, n, "half_even") == p
    return round_pct(k, n, rule) == p


# ---- shares of counts ------------------------------------------------------------------
@given(counts=count_lists)
@example(counts=[1, 7])  # 12.5%: half up 13, half even 12
@example(counts=[3, 5])  # 37.5%: both rules give 38
def test_sql_shares_equal_python_shares(macros, counts):
    con = macros()  # the database as built: nothing left by other tests
    con.execute(
        "CREATE OR REPLACE TEMP TABLE c AS SELECT 'l' AS list_id, i AS item_id, n FROM "
        "(SELECT unnest(range(?)) AS i, unnest(?::BIGINT[]) AS n)",
        [len(counts), counts],
    )
    rows = con.execute(
        "SELECT item_id, pct_half_up, pct_half_even FROM shares_of_counts('c') ORDER BY item_id"
    ).fetchall()
    total = sum(counts)
    assert rows == [
        (i, round_pct(n, total, "half_up"), round_pct(n, total, "half_even")) for i, n in enumerate(counts)
    ]


@given(counts=count_lists, rule=concrete_rules)
def test_rounded_closed_shares_sum_within_the_slack(counts, rule):
    total = sum(counts)
    shares = [round_pct(n, total, rule) for n in counts]
    slack = checks.rounding_slack(len(counts))
    assert abs(sum(shares) - 100) <= slack
    # and the slack is no looser than it must be: tests/unit/test_checks.py shows it attained


@given(counts=count_lists, rule=concrete_rules)
def test_share_list_check_accepts_every_closed_set_from_counts(views, counts, rule):
    con = views()  # the database as built: nothing left by other tests
    total = sum(counts)
    shares = [round_pct(n, total, rule) for n in counts]
    set_share_list(con, shares)
    status = con.execute("SELECT status FROM audit_checks WHERE check_id = 'l'").fetchone()[0]
    assert status in ("reproduced", "within_rounding")  # sound: true counts always pass


@given(k=st.integers(min_value=0, max_value=5000), n=st.integers(min_value=1, max_value=5000))
def test_round_pct_matches_exact_rational_rounding(k, n):
    """round_pct (integer quotient and remainder) against Fraction arithmetic, both rules."""
    from fractions import Fraction

    k = min(k, n)
    exact = Fraction(100 * k, n)
    floor = exact.numerator // exact.denominator
    frac = exact - floor
    half_up = floor + (1 if frac >= Fraction(1, 2) else 0)
    half_even = floor + (1 if frac > Fraction(1, 2) or (frac == Fraction(1, 2) and floor % 2 == 1) else 0)
    assert round_pct(k, n, "half_up") == half_up
    assert round_pct(k, n, "half_even") == half_even


# ---- granularity (GRIM) ------------------------------------------------------------------
@given(n=sample_sizes, data=st.data(), rule=concrete_rules)
def test_grim_accepts_every_share_of_a_true_count(macros, n, data, rule):
    con = macros()  # the database as built: nothing left by other tests
    k = data.draw(st.integers(min_value=0, max_value=n))
    p = round_pct(k, n, rule)
    assert k in grim(p, n, rule) and k in grim(p, n, "either")
    lo, hi = con.execute("SELECT pct_k_lo(?, ?, ?), pct_k_hi(?, ?, ?)", [p, n, rule, p, n, rule]).fetchone()
    assert lo <= k <= hi


@given(p=st.integers(min_value=0, max_value=100), n=st.integers(min_value=1, max_value=300), rule=rules)
@example(p=37, n=8, rule="either")
@example(p=13, n=8, rule="half_even")
def test_grim_agrees_with_brute_force_in_python_and_sql(macros, p, n, rule):
    con = macros()  # the database as built: nothing left by other tests
    brute = [k for k in range(n + 1) if brute_covers(p, k, n, rule)]
    assert grim(p, n, rule) == brute
    lo, hi = con.execute("SELECT pct_k_lo(?, ?, ?), pct_k_hi(?, ?, ?)", [p, n, rule, p, n, rule]).fetchone()
    assert list(range(lo, hi + 1)) == brute
    assert all(covers(p, k, n, rule) == (k in brute) for k in range(n + 1))


# ---- reconstruction -------------------------------------------------------------------------
@given(
    counts=st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=6).filter(
        lambda c: sum(c) > 0
    ),
    rule=concrete_rules,
)
def test_reconstruction_is_sound(counts, rule):
    total = sum(counts)
    shares = [round_pct(n, total, rule) for n in counts]
    found = reconstruct(shares, rule, max_total=total + 50)
    assert found is not None and found.total <= total  # smallest: the true total always works
    assert sum(found.counts) == found.total
    assert all(covers(p, c, found.total, rule) for p, c in zip(shares, found.counts, strict=True))


@given(shares=st.lists(st.integers(min_value=0, max_value=100), min_size=1, max_size=3), rule=rules)
@example(shares=[1, 1, 1], rule="either")
@example(shares=[50, 40], rule="half_up")
def test_reconstruction_is_complete_against_brute_force(shares, rule):
    bound = 30
    found = reconstruct(shares, rule, max_total=bound)
    brute = None
    for n in range(1, bound + 1):
        for head in itertools.product(range(n + 1), repeat=len(shares) - 1):
            last = n - sum(head)
            ks = (*head, last)
            if last >= 0 and all(brute_covers(p, k, n, rule) for p, k in zip(shares, ks, strict=True)):
                brute = n
                break
        if brute is not None:
            break
    assert (found.total if found else None) == brute


@given(
    lists=st.lists(
        st.lists(st.integers(min_value=0, max_value=100), min_size=1, max_size=5), min_size=1, max_size=3
    ),
    is_open=st.booleans(),
)
def test_sql_reconstruction_matches_python(macros, lists, is_open):
    con = macros()  # the database as built: nothing left by other tests
    rows = [(f"l{j}", i, p, is_open) for j, shares in enumerate(lists) for i, p in enumerate(shares, start=1)]
    con.execute(
        "CREATE OR REPLACE TEMP TABLE s (list_id VARCHAR, position BIGINT, share_pct BIGINT, "
        "is_open_list BOOLEAN)"
    )
    con.executemany("INSERT INTO s VALUES (?, ?, ?, ?)", rows)
    got = dict(
        ((lid, rule), n)
        for lid, rule, n in con.execute(
            "SELECT list_id, rounding, smallest_total FROM reconstruct_shares('s', 300)"
        ).fetchall()
    )
    counts = {}
    for lid, rule, pos, c in con.execute(
        "SELECT list_id, rounding, position, count FROM reconstruct_share_counts('s', 300)"
    ).fetchall():
        counts.setdefault((lid, rule), {})[pos] = c
    for j, shares in enumerate(lists):
        for rule in RULES:
            want = reconstruct(shares, rule, closed=not is_open, max_total=300)
            assert got[(f"l{j}", rule)] == (want.total if want else None)
            if want:
                sql_counts = tuple(counts[(f"l{j}", rule)][i] for i in range(1, len(shares) + 1))
                assert all(covers(p, c, want.total, rule) for p, c in zip(shares, sql_counts, strict=True))
                if not is_open:
                    assert sum(sql_counts) == want.total


# ---- response rates -------------------------------------------------------------------------
regions = st.lists(
    st.integers(min_value=1, max_value=40).flatmap(
        lambda n: st.tuples(st.just(n), st.integers(min_value=1, max_value=n)).flatmap(
            lambda ne: st.tuples(st.just(ne[0]), st.just(ne[1]), st.integers(min_value=0, max_value=ne[1]))
        )
    ),
    min_size=1,
    max_size=5,
)


@given(units=regions, rule=concrete_rules)
def test_solver_reproduces_made_up_regional_rates(macros, units, rule):
    con = macros()  # the database as built: nothing left by other tests
    con.execute("CREATE OR REPLACE TEMP TABLE u (unit_id VARCHAR, published_pct BIGINT, n_max BIGINT)")
    for i, (n_max, eligible, returns) in enumerate(units):
        p = round_pct(returns, eligible, rule)
        assert (returns, eligible) in rate_solutions(p, n_max, rule)
        con.execute("INSERT INTO u VALUES (?, ?, ?)", [f"u{i}", p, n_max])
    sql = set(
        con.execute(
            "SELECT unit_id, returns, eligible FROM rate_solutions('u') WHERE rounding = ?", [rule]
        ).fetchall()
    )
    for i, (_n_max, eligible, returns) in enumerate(units):
        assert (f"u{i}", returns, eligible) in sql
    total_r = sum(r for _, _, r in units)
    total_e = sum(e for _, e, _ in units)
    assert (total_r, total_e) in rate_joint([(round_pct(r, e, rule), n) for n, e, r in units], rule)


small_units = st.lists(
    st.tuples(st.integers(min_value=0, max_value=100), st.integers(min_value=1, max_value=6)),
    min_size=1,
    max_size=3,
)


@given(units=small_units, rule=rules)
def test_joint_solver_agrees_with_brute_force(macros, units, rule):
    con = macros()  # the database as built: nothing left by other tests
    per_unit = [
        [(r, e) for e in range(1, n + 1) for r in range(e + 1) if brute_covers(p, r, e, rule)]
        for p, n in units
    ]
    brute = {(sum(r for r, _ in combo), sum(e for _, e in combo)) for combo in itertools.product(*per_unit)}
    assert rate_joint(units, rule) == brute
    con.execute("CREATE OR REPLACE TEMP TABLE u (unit_id VARCHAR, published_pct BIGINT, n_max BIGINT)")
    con.executemany("INSERT INTO u VALUES (?, ?, ?)", [(f"u{i}", p, n) for i, (p, n) in enumerate(units)])
    sql = set(
        con.execute(
            "SELECT total_returns, total_eligible FROM rate_joint('u') WHERE rounding = ?", [rule]
        ).fetchall()
    )
    assert sql == brute


def test_k_bounds_matches_the_macro_on_a_grid(macros):
    con = macros()  # the database as built: nothing left by other tests
    grid = [(p, n, r) for p in range(0, 101, 7) for n in (1, 2, 3, 7, 8, 76, 154) for r in RULES]
    sql = con.execute(
        "SELECT pct_k_lo(p, n, r), pct_k_hi(p, n, r) FROM (SELECT unnest(?) AS p, unnest(?) AS n, "
        "unnest(?) AS r)",
        [[g[0] for g in grid], [g[1] for g in grid], [g[2] for g in grid]],
    ).fetchall()
    assert sql == [k_bounds(*g) for g in grid]
