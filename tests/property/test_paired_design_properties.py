"""The paired design of pre/post changes and the significance verdict against brute force.

A significance check with design 'repeated' says that the same people answered before and
after. For random small margins (bases up to 30, so that every table is cheap to list) the
properties set ``change_intervals`` (042) and ``check_result_significance`` (045) against a
plain enumeration of every table the printed figures allow: every base, every whole count
printing each figure, and every 2x2 table of the m = min(n1, n2) people who may have
answered twice, with the rest of each sample answering once. The oracle lists the tables
cell by cell; it does not use the SQL's split into matched positives.

Per table (b people moved down, c up, d = c - b): McNemar's z = d / sqrt(b + c) and the
paired Wald interval d/m -+ z_crit sqrt(b + c - d^2/m) / m; unpaired, the pooled z at each
count. The critical value comes from scipy, not from the SQL's approximation.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import norm

from coprod_data.rounding import covers, round_pct
from tests.property.test_check_kind_properties import SETTINGS, chk, cnt, load, mem, pct
from tests.views.minidb import rebuild

ALPHAS = (0.05, 0.01, 0.1)
# the SQL's critical value is Acklam's approximation (relative error below 1.2e-9), so the
# intervals, in percentage points, agree with scipy's to about 1e-7
TOL = 1e-6


def counts_printing(p, n):
    """Every whole count k of n that prints as the whole percentage p (either rounding rule)."""
    return [k for k in range(n + 1) if covers(p, k, n, "either")]


def tables(n1, k1, n2, k2):
    """Every 2x2 table of the m matched people the margins allow, as (b, c): b positive
    before only (moved down), c after only (moved up). Unmatched people answered once:
    u1 of the n1 - m before and u2 of the n2 - m after were positive."""
    m = min(n1, n2)
    out = set()
    for both in range(m + 1):
        for b in range(m + 1 - both):
            for c in range(m + 1 - both - b):
                u1, u2 = k1 - both - b, k2 - both - c
                if 0 <= u1 <= n1 - m and 0 <= u2 <= n2 - m:
                    out.add((b, c))
    return m, out


def pooled_z(n1, k1, n2, k2):
    pool = (k1 + k2) / (n1 + n2)
    se = math.sqrt(pool * (1 - pool) * (1 / n1 + 1 / n2))
    return (k2 / n2 - k1 / n1) / se if se > 0 else None


def brute_force(p1, p2, bases1, bases2, zc, repeated):
    """What every reading of one series gives: unpaired z at every count, and (repeated)
    the paired statistics over every table."""
    unpaired, paired = [], []  # paired: (b, c, m, z, lower, upper)
    for n1 in bases1:
        for n2 in bases2:
            for k1 in counts_printing(p1, n1):
                for k2 in counts_printing(p2, n2):
                    unpaired.append(pooled_z(n1, k1, n2, k2))
                    if not repeated:
                        continue
                    m, cells = tables(n1, k1, n2, k2)
                    for b, c in cells:
                        d = c - b
                        half = zc * math.sqrt(max(0.0, b + c - d * d / m)) / m
                        z = d / math.sqrt(b + c) if b + c else None
                        paired.append((b, c, m, z, 100 * (d / m - half), 100 * (d / m + half)))
    return unpaired, paired


def significant(z, zc):
    return z is not None and z > zc


@st.composite
def series_margins(draw, near=None):
    """True margins of one series (n1, k1, n2, k2) and the whole percentages they print."""
    n1 = draw(st.integers(2, 30)) if near is None else near
    n2 = draw(st.integers(max(2, n1 - 3), min(30, n1 + 3)))
    shape = draw(st.sampled_from(["any", "rise", "large rise"]))  # what significance claims are about
    if shape == "large rise":  # at least about 40 points: significant unpaired, not always paired
        k1 = draw(st.integers(0, n1 // 2))
        k2 = draw(st.integers(min(n2, math.ceil(n2 * (k1 / n1 + 0.4))), n2))
    else:
        k1, k2 = draw(st.integers(0, n1)), draw(st.integers(0, n2))
        if shape == "rise":
            k1, k2 = min(k1, k2 * n1 // n2), max(k2, k1 * n2 // n1)
    rule = draw(st.sampled_from(["half_up", "half_even"]))
    return n1, k1, n2, k2, round_pct(k1, n1, rule), round_pct(k2, n2, rule)


@SETTINGS
@given(
    data=st.data(),
    repeated=st.sampled_from([True, True, False]),  # the paired design is the harder one
    stated=st.booleans(),
    alpha=st.sampled_from(ALPHAS),
    n_series=st.integers(1, 2),
)
def test_paired_range_and_verdict_against_every_table(views, data, repeated, stated, alpha, n_series):
    con = views()  # the database as built: nothing left by other tests or examples
    first = data.draw(series_margins())
    series = [first] + [data.draw(series_margins(near=first[0])) for _ in range(n_series - 1)]
    members, figs, counts, pos = [], [], [], 0
    for i, (n1, _k1, n2, _k2, p1, p2) in enumerate(series):
        s = f"s{i}"
        members += [
            mem("c", pos + 1, "pre", series=s, figure_id=f"a{i}"),
            mem("c", pos + 2, "post", series=s, figure_id=f"b{i}"),
        ]
        figs += [pct(f"a{i}", p1), pct(f"b{i}", p2, "post")]
        pos += 2
        if stated:  # each series' bases printed as counts
            members += [
                mem("c", pos + 1, "pre_base", "input", series=s, figure_id=f"n1{i}"),
                mem("c", pos + 2, "post_base", "input", series=s, figure_id=f"n2{i}"),
            ]
            counts += [cnt(f"n1{i}", n1), cnt(f"n2{i}", n2)]
            pos += 2
    all_n = [n for n1, _, n2, *_ in series for n in (n1, n2)]
    span = {} if stated else {"base_min": min(all_n) - data.draw(st.integers(0, 1)), "base_max": max(all_n)}
    check = chk(
        "c",
        "significance",
        relation="increase",
        value=alpha,
        design="repeated" if repeated else "independent",
        **span,
    )
    load(con, [check], members, figs, counts)
    rebuild(con, "09")
    zc = norm.ppf(1 - alpha / 2)
    all_ok, any_ok, phrases = True, True, []
    for i, (n1, _k1, n2, _k2, p1, p2) in enumerate(series):
        bases1 = [n1] if stated else range(span["base_min"], span["base_max"] + 1)
        bases2 = [n2] if stated else range(span["base_min"], span["base_max"] + 1)
        bases1 = [n for n in bases1 if counts_printing(p1, n)]
        bases2 = [n for n in bases2 if counts_printing(p2, n)]
        unpaired, paired = brute_force(p1, p2, bases1, bases2, zc, repeated)
        row = con.execute(
            "SELECT unpaired_significant_all, unpaired_significant_any, paired_ci_lo, paired_ci_hi, "
            "paired_best_lo, paired_z_lo, paired_z_hi, paired_significant_all, paired_significant_any, "
            "paired_max_down FROM change_intervals WHERE check_id = 'c' AND series = ?",
            [f"s{i}"],
        ).fetchone()
        u_all, u_any, ci_lo, ci_hi, best_lo, z_lo, z_hi, p_all, p_any, max_down = row
        assert u_all == all(significant(z, zc) for z in unpaired)
        assert u_any == any(significant(z, zc) for z in unpaired)
        if not repeated:
            assert (ci_lo, ci_hi, z_lo, z_hi, p_all, p_any, max_down) == (None,) * 7
            readings = unpaired
        else:
            zs = [t[3] for t in paired if t[3] is not None]
            down = [b for b, _c, _m, z, _lo, _hi in paired if significant(z, zc)]
            assert ci_lo == pytest.approx(min(t[4] for t in paired), abs=TOL)
            assert ci_hi == pytest.approx(max(t[5] for t in paired), abs=TOL)
            assert best_lo == pytest.approx(max(t[4] for t in paired), abs=TOL)
            if zs:
                assert z_lo == pytest.approx(min(zs), abs=TOL) and z_hi == pytest.approx(max(zs), abs=TOL)
            else:  # nobody may have moved: no McNemar z
                assert (z_lo, z_hi) == (None, None)
            assert p_all == all(significant(t[3], zc) for t in paired)
            assert p_any == bool(down)
            # the most people who may have moved down with the rise still significant
            assert max_down == (max(down) if down else None)
            readings = unpaired + [t[3] for t in paired]
        series_all = all(significant(z, zc) for z in readings)
        series_any = any(significant(z, zc) for z in readings)
        all_ok, any_ok = all_ok and series_all, any_ok and series_any
        if repeated and series_any and not u_any:  # significant only as paired: say how
            phrases.append(f"s{i}: only if at most {max(down)} respondents")
    # significant under every reading / some reading (each series) / none
    verdict, reading = con.execute("SELECT status, reading FROM audit_checks WHERE check_id = 'c'").fetchone()
    assert verdict == ("within_rounding" if all_ok else "conditional" if any_ok else "discrepancy")
    if verdict == "conditional":  # the reading names the most people who may have moved down
        assert all(p in reading for p in phrases), (phrases, reading)


@SETTINGS
@given(n=st.integers(2, 30), data=st.data())
def test_mcnemar_z_is_statsmodels(n, data):
    """The oracle's McNemar z, squared, is statsmodels' asymptotic McNemar statistic."""
    from statsmodels.stats.contingency_tables import mcnemar

    b = data.draw(st.integers(0, n - 1))
    c = data.draw(st.integers(1 if b == 0 else 0, n - b))
    stat = mcnemar([[n - b - c, b], [c, 0]], exact=False, correction=False).statistic
    assert ((c - b) / math.sqrt(b + c)) ** 2 == pytest.approx(stat)
