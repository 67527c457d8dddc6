"""The interval tables (041 figure_intervals, 042 change_intervals) against statsmodels and a
brute-force enumeration in Python, and the significance verdict against them."""

from __future__ import annotations

import math
from collections import defaultdict

import pytest

from coprod_data.db import connect
from coprod_data.rounding import grim

sm_prop = pytest.importorskip("statsmodels.stats.proportion")
sm_ct = pytest.importorskip("statsmodels.stats.contingency_tables")
scipy_stats = pytest.importorskip("scipy.stats")


@pytest.fixture(scope="module")
def con():
    c = connect()
    yield c
    c.close()


def test_every_figure_interval_is_the_union_of_statsmodels_wilson_intervals(con):
    bases = defaultdict(list)
    for fig, chk, p, n in con.execute(
        "SELECT figure_id, check_id, p, n FROM internal.figure_interval_bases"
    ).fetchall():
        bases[(fig, chk)].append((int(p), int(n)))
    rows = con.execute(
        "SELECT figure_id, check_id, ci_lo, ci_hi, count_lo, count_hi FROM figure_intervals"
    ).fetchall()
    assert len(rows) > 100
    for fig, chk, lo, hi, k_lo, k_hi in rows:
        los, his, ks = [], [], []
        for p, n in bases[(fig, chk)]:
            counts = grim(p, n, "either")
            assert counts, (fig, n)  # only bases the figure fits are listed
            for k in counts:
                a, b = sm_prop.proportion_confint(k, n, alpha=0.05, method="wilson")
                los.append(100 * a)
                his.append(100 * b)
                ks.append(k)
        assert lo == pytest.approx(min(los), abs=1e-6) and hi == pytest.approx(max(his), abs=1e-6), fig
        assert (k_lo, k_hi) == (min(ks), max(ks))


def test_stated_bases_give_the_interval_at_the_printed_count(con):
    # a share of a count printed elsewhere: one base, and an interval around the share
    rows = con.execute(
        "SELECT value, base_lo, base_hi, ci_lo, ci_hi FROM figure_intervals WHERE basis = 'stated'"
    ).fetchall()
    assert rows
    for value, n_lo, n_hi, lo, hi in rows:
        assert lo <= value <= hi
        if n_lo == n_hi and n_lo >= 30:
            # the Wilson half-width is about 1.96 sqrt(p (1 - p) / n)
            half = 196 * math.sqrt(max(value, 1) * (100 - min(value, 99)) / 1e4 / n_lo)
            assert hi - lo == pytest.approx(2 * half, rel=0.35)


def _grid(con, check_id, series):
    return con.execute(
        "SELECT n1, k1, n2, k2, zc, design FROM internal.change_interval_grid "
        "WHERE check_id = ? AND series = ?",
        [check_id, series],
    ).fetchall()


def test_unpaired_intervals_and_tests_match_statsmodels(con):
    rows = con.execute(
        "SELECT check_id, series, unpaired_ci_lo, unpaired_ci_hi, unpaired_z_lo, unpaired_z_hi, "
        "unpaired_significant_all, unpaired_significant_any FROM change_intervals"
    ).fetchall()
    assert len(rows) >= 20
    for check_id, series, lo, hi, z_lo, z_hi, sig_all, sig_any in rows:
        los, his, zs, sig = [], [], [], []
        for n1, k1, n2, k2, zc, _design in _grid(con, check_id, series):
            a, b = sm_prop.confint_proportions_2indep(
                k2, n2, k1, n1, method="newcomb", compare="diff", alpha=0.05
            )
            los.append(100 * a)
            his.append(100 * b)
            if 0 < k1 + k2 < n1 + n2:
                z, _p = sm_prop.proportions_ztest([k2, k1], [n2, n1])
                zs.append(z)
                sig.append(z > zc)
        assert lo == pytest.approx(min(los), abs=1e-6) and hi == pytest.approx(max(his), abs=1e-6), (
            check_id,
            series,
        )
        assert z_lo == pytest.approx(min(zs), abs=1e-9) and z_hi == pytest.approx(max(zs), abs=1e-9)
        assert (sig_all, sig_any) == (all(sig), any(sig))


def _paired_by_brute_force(n1, k1, n2, k2, zc):
    """Every 2x2 table of m = min(n1, n2) matched people the margins allow: (b, c, m)."""
    m = min(n1, n2)
    out = []
    for a1 in range(max(0, k1 - (n1 - m)), min(k1, m) + 1):
        for a2 in range(max(0, k2 - (n2 - m)), min(k2, m) + 1):
            for both in range(0, m + 1):  # positive before and after
                b, c = a1 - both, a2 - both  # down, up
                neither = m - both - b - c
                if min(b, c, neither) < 0:
                    continue
                out.append((b, c, m))
    return out


def test_paired_range_matches_every_table_the_margins_allow(con):
    rows = con.execute(
        "SELECT check_id, series, paired_ci_lo, paired_ci_hi, paired_z_lo, paired_z_hi, "
        "paired_significant_all, "
        "paired_significant_any, paired_max_down FROM change_intervals WHERE design = 'repeated'"
    ).fetchall()
    # the attitude survey's respondents (and Telford's) answered before and after: sg-att11 (1
    # series), sg-att19 (3), and the rating changes pp-att13 (18), pp-att18 (9), pp-att23 (9),
    # pp-att24 (2), pp-tel19 (1)
    assert len(rows) == 43
    for check_id, series, lo, hi, z_lo, z_hi, sig_all, sig_any, max_down in rows:
        los, his, zs, ok_down = [], [], [], []
        for n1, k1, n2, k2, zc, _design in _grid(con, check_id, series):
            for b, c, m in _paired_by_brute_force(n1, k1, n2, k2, zc):
                d = c - b
                half = zc * math.sqrt(max(0.0, b + c - d * d / m)) / m
                los.append(100 * (d / m - half))
                his.append(100 * (d / m + half))
                if b + c:
                    z = d / math.sqrt(b + c)
                    # statsmodels' asymptotic McNemar statistic is z squared
                    if len(zs) < 50:
                        stat = sm_ct.mcnemar([[0, b], [c, 0]], exact=False, correction=False).statistic
                        assert stat == pytest.approx(z * z)
                    zs.append(z)
                    if z > zc:
                        ok_down.append(b)
        assert lo == pytest.approx(min(los), abs=1e-6) and hi == pytest.approx(max(his), abs=1e-6)
        assert z_lo == pytest.approx(min(zs), abs=1e-9) and z_hi == pytest.approx(max(zs), abs=1e-9)
        assert sig_any == bool(ok_down)
        assert sig_all == all(z > zc for z in zs)
        assert max_down == (max(ok_down) if ok_down else None)


def test_the_significance_verdict_reads_the_interval_table(con):
    for check_id, status in con.execute(
        "SELECT check_id, status FROM audit_checks WHERE kind = 'significance'"
    ).fetchall():
        per = con.execute(
            "SELECT unpaired_significant_all, unpaired_significant_any, design, paired_significant_all, "
            "paired_significant_any FROM change_intervals WHERE check_id = ?",
            [check_id],
        ).fetchall()
        assert per
        all_ok = all(ua and (d != "repeated" or pa) for ua, _, d, pa, _ in per)
        any_ok = all(uy or bool(py) for _, uy, _, _, py in per)
        expected = "within_rounding" if all_ok else "conditional" if any_ok else "discrepancy"
        assert status == expected, check_id


def test_a_rise_the_unpaired_test_rejects_is_not_significant_by_scipy_either(con):
    # two-sided p from scipy for the least favourable counts of each unpaired series
    for check_id, series, z_hi, sig_any in con.execute(
        "SELECT check_id, series, unpaired_z_hi, unpaired_significant_any FROM change_intervals "
        "WHERE kind = 'significance'"
    ).fetchall():
        p = 2 * scipy_stats.norm.sf(z_hi)
        assert sig_any == (p < 0.05), (check_id, series, p)
