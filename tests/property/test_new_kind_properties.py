"""Soundness and completeness of the near and dates kinds, of parts_sum's assumed parts and
of share_list's bound on the answers, against brute force.

Each property builds checks over generated figures or dates, runs the check layer's SQL
(files 020-045) and compares the verdict's flags and numbers with a plain Python
enumeration: of the exact values the printed figures allow (a whole percentage v stands
for any value in [v - 0.5, v + 0.5], ends included, as the threshold kind reads it), of
the days a printed period covers, or of the totals of answers up to the bound.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coprod_data.package import read_package
from coprod_data.rounding import grim
from tests.property.rows import DOC, chk, cnt, mem
from tests.views.minidb import _row, mini_db, pct_row, rebuild

SETTINGS = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
TABLES = ("checks", "check_members", "impact_ratings", "counts")
DAY0 = dt.date(2012, 1, 1)


@pytest.fixture(scope="module")
def con():
    c = mini_db()
    yield c
    c.close()


def load(con, checks, members, pcts=(), counts=()):
    pkg = read_package()
    rows = {"checks": checks, "check_members": members, "impact_ratings": list(pcts), "counts": list(counts)}
    for name in TABLES:
        con.execute(f'DELETE FROM "{name}"')
    for name in ("impact_ratings", "counts", "checks", "check_members"):
        if rows[name]:
            res = pkg.resource(name)
            marks = ", ".join("?" for _ in res.fields)
            con.executemany(f'INSERT INTO "{name}" VALUES ({marks})', [_row(res, r) for r in rows[name]])
    rebuild(con, "02", "03", "04")


def pct(fid, value):
    return pct_row(fid, value, DOC, source_kind="chart")


def result(con, kind, columns="computable, holds_exact, holds_rounding, holds_assumed"):
    return con.execute(f"SELECT {columns} FROM internal.check_result_{kind} WHERE check_id = 'c'").fetchone()


def exact_values(v):
    """Exact values a whole percentage v may stand for, on a grid fine enough for these
    relations (their bounds are whole or half points); the ends are included."""
    return [v - 0.5 + i / 4 for i in range(5)]


# --- near: each value at most `tolerance` points below every reference ------------------------
@SETTINGS
@given(
    refs=st.lists(st.integers(0, 100), min_size=1, max_size=2),
    gaps=st.lists(st.integers(-3, 25), min_size=1, max_size=4),
    tol=st.integers(0, 20),
)
def test_near_holds_exactly_when_some_exact_values_are_close_enough(con, refs, gaps, tol):
    values = [min(100, max(0, refs[0] - g)) for g in gaps]  # near the first reference, or not
    members = [mem("c", i + 1, "value", figure_id=f"v{i}") for i in range(len(values))]
    members += [
        mem("c", len(values) + j + 1, "reference", "input", figure_id=f"r{j}") for j in range(len(refs))
    ]
    figs = [pct(f"v{i}", v) for i, v in enumerate(values)] + [pct(f"r{j}", r) for j, r in enumerate(refs)]
    load(con, [chk("c", "near", tolerance=tol)], members, figs)
    computable, exact, rounding, assumed, chance, lo, hi = result(
        con,
        "near",
        "computable, holds_exact, holds_rounding, holds_assumed, pass_chance, recomputed_lo, recomputed_hi",
    )

    def close(v, r):  # some exact value and reference with the value 0..tol below it
        return any(0 <= y - x <= tol for x in exact_values(v) for y in exact_values(r))

    assert computable and not exact and not rounding  # an interpretation, never rounding
    assert assumed == all(close(v, r) for v in values for r in refs)
    gaps = [r - v for v in values for r in refs]
    assert (lo, hi) == (min(gaps), max(gaps))
    expected = math.prod(sum(all(close(x, r) for r in refs) for x in range(101)) / 101 for _ in values)
    assert chance == pytest.approx(expected, abs=1e-12)


# --- dates: printed periods as sets of days ----------------------------------------------------
def period(draw_from, draw_len):
    start = DAY0 + dt.timedelta(days=draw_from)
    return start, start + dt.timedelta(days=draw_len)


def days(p):
    return {p[0] + dt.timedelta(days=i) for i in range((p[1] - p[0]).days + 1)}


periods_st = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 40)), min_size=1, max_size=3)


@SETTINGS
@given(events=periods_st, periods=periods_st, derived=st.lists(st.booleans(), min_size=3, max_size=3))
def test_dates_within(con, events, periods, derived):
    """A period marked assumed_period (derived, not printed) counts as a period, but the
    check then holds only under its assumption: never reproduced nor within rounding."""
    ev = [period(*e) for e in events]
    pe = [period(*p) for p in periods]
    assumed_terms = derived[: len(pe)]
    members = [
        mem("c", i + 1, "event", claim_id=f"e{i}", date_from=str(a), date_to=str(b))
        for i, (a, b) in enumerate(ev)
    ]
    members += [
        mem(
            "c",
            len(ev) + j + 1,
            "assumed_period" if assumed_terms[j] else "period",
            claim_id=f"p{j}",
            date_from=str(a),
            date_to=str(b),
        )
        for j, (a, b) in enumerate(pe)
    ]
    load(con, [chk("c", "dates", relation="within", assumption="a")], members)
    computable, exact, rounding, assumed = result(con, "dates")
    common = set.intersection(*(days(p) for p in pe))
    inside = bool(common) and all(days(e) <= common for e in ev)
    overlaps = bool(common) and all(days(e) & common for e in ev)
    printed_only = not any(assumed_terms)
    assert computable
    assert exact == (inside and printed_only)
    assert rounding == (overlaps and printed_only)
    assert assumed == overlaps


@SETTINGS
@given(printings=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 40)), min_size=2, max_size=4))
def test_dates_same(con, printings):
    ps = [period(*p) for p in printings]
    members = [
        mem("c", i + 1, "printing", claim_id=f"d{i}", date_from=str(a), date_to=str(b))
        for i, (a, b) in enumerate(ps)
    ]
    load(con, [chk("c", "dates", relation="same")], members)
    computable, exact, rounding, _, shared, span = result(
        con, "dates", "computable, holds_exact, holds_rounding, holds_assumed, recomputed_lo, recomputed_hi"
    )
    common = set.intersection(*(days(p) for p in ps))
    assert computable
    assert exact == (len(set(ps)) == 1)
    assert rounding == bool(common)
    assert shared == len(common)
    assert span == (max(b for _, b in ps) - min(a for a, _ in ps)).days + 1


def test_dates_without_a_readable_period_are_not_recomputable(con):
    members = [
        mem("c", 1, "printing", claim_id="a", date_from="2012-02-30"),  # no such day
        mem("c", 2, "printing", claim_id="b", date_from="2012-02-01", date_to="2012-02-29"),
    ]
    load(con, [chk("c", "dates", relation="same")], members)
    assert result(con, "dates")[0] is False


# --- parts_sum: a part that belongs to the total only under the assumption ----------------------
@SETTINGS
@given(
    parts=st.lists(st.integers(0, 30), min_size=1, max_size=3),
    assumed_parts=st.lists(st.integers(0, 30), min_size=1, max_size=2),
    total=st.integers(0, 100),
    relation=st.sampled_from(["equals", "at_most"]),
    assumed_role=st.sampled_from(["member", "asserts", "input"]),
)
def test_parts_sum_tries_the_readings_with_and_without_the_assumed_parts(
    con, parts, assumed_parts, total, relation, assumed_role
):
    """Reading A puts the assumed parts in the total, reading B leaves them out. Either
    alone holding is conditional (B with its own reading); both holding is reproduced, and
    then a judged assumed part, which the check bears on only under A, rolls up conditional
    while the other parts are reproduced."""
    members = [mem("c", i + 1, "part", figure_id=f"q{i}") for i in range(len(parts))]
    members += [
        mem("c", len(parts) + j + 1, "assumed_part", role=assumed_role, figure_id=f"a{j}")
        for j in range(len(assumed_parts))
    ]
    members.append(mem("c", len(members) + 1, "total", figure_id="t"))
    counts = [cnt(f"q{i}", v) for i, v in enumerate(parts)] + [
        cnt(f"a{j}", v) for j, v in enumerate(assumed_parts)
    ]
    load(
        con,
        [chk("c", "parts_sum", relation=relation, assumption="a")],
        members,
        counts=[*counts, cnt("t", total)],
    )
    _, exact, rounding, assumed, reading, detail = result(
        con, "parts_sum", "computable, holds_exact, holds_rounding, holds_assumed, reading, detail"
    )

    def fits(s):
        return s == total if relation == "equals" else s <= total

    with_assumed, without = fits(sum(parts) + sum(assumed_parts)), fits(sum(parts))
    judged = assumed_role != "input"
    assert exact == rounding == (with_assumed and without)
    assert assumed == (with_assumed or without)
    if with_assumed and without:
        assert "with or without" in detail
        assert reading is None
        rebuild(con, "09", "10")  # audit_checks, then figure_audit: the members' roll-up
        rows = con.execute("SELECT figure_id, status FROM figure_audit WHERE kind = 'figure'").fetchall()
        rolled = dict(rows)
        assumed_ids = {f"a{j}" for j in range(len(assumed_parts))}
        for fid, st_ in rolled.items():
            if fid in assumed_ids:
                assert st_ == ("conditional" if judged else "not_recomputable"), (fid, st_)
            else:
                assert st_ == "reproduced", (fid, st_)
    elif without:
        assert reading == "holds only if the parts marked assumed are not in the total"
        assert "not in the total" in detail
    elif with_assumed:
        assert reading is None  # the check's own assumption names the reading
        assert "are in the total" in detail
    else:
        assert reading is None and "neither" in detail


# --- common_base: the exact chance that random percentages fit one base of a range ----------
@SETTINGS
@given(
    lo=st.integers(1, 60),
    width=st.integers(0, 9),
    values=st.lists(st.integers(0, 100), min_size=1, max_size=3),
)
def test_common_base_pass_chance_counts_the_tuples_some_base_prints(con, lo, width, values):
    """pass_chance over a range is the share of all tuples of whole percentages that one
    base of the range prints, counted by brute force; beyond two shares over several bases
    it is left empty rather than bounded."""
    hi = lo + width
    members = [mem("c", i + 1, "share", figure_id=f"p{i}") for i in range(len(values))]
    load(
        con,
        [chk("c", "common_base", relation="common", base_min=lo, base_max=hi)],
        members,
        pcts=[pct(f"p{i}", v) for i, v in enumerate(values)],
    )
    (chance,) = result(con, "common_base", "pass_chance")
    m, bases = len(values), range(lo, hi + 1)
    if m > 2 and width > 0:
        assert chance is None
        return
    printable = {n: {p for p in range(101) if grim(p, n, "either")} for n in bases}
    passing = sum(
        1
        for t in itertools.product(range(101), repeat=m)
        if any(all(p in printable[n] for p in t) for n in bases)
    )
    assert chance == pytest.approx(passing / 101**m, abs=1e-12)


# --- share_list with a bound on the answers -----------------------------------------------------
@SETTINGS
@given(
    data=st.data(),
    bound=st.integers(1, 60),
    relation=st.sampled_from(["closed", "open"]),
)
def test_share_list_bound_finds_every_total_that_fits(con, data, bound, relation):
    if data.draw(st.booleans()):  # the shares of real counts: some total fits, maybe above the bound
        counts = data.draw(st.lists(st.integers(0, 25), min_size=2, max_size=4).filter(lambda c: sum(c) > 0))
        values = [round(100 * c / sum(counts)) for c in counts]
    else:
        values = data.draw(st.lists(st.integers(0, 100), min_size=2, max_size=4))
    load(
        con,
        [chk("c", "share_list", relation=relation, base_max=bound, assumption="b")],
        [mem("c", i + 1, "share", figure_id=f"p{i}") for i in range(len(values))],
        [pct(f"p{i}", v) for i, v in enumerate(values)],
    )
    _, _, rounding, assumed, lo, hi = result(
        con, "share_list", "computable, holds_exact, holds_rounding, holds_assumed, base_lo, base_hi"
    )

    def fits(n):
        ks = [grim(v, n, "either") for v in values]
        if not all(ks):
            return False
        low = sum(min(k) for k in ks)
        return low <= n if relation == "open" else low <= n <= sum(max(k) for k in ks)

    slack = len(values) // 2
    sum_ok = sum(values) <= 100 + slack if relation == "open" else abs(sum(values) - 100) <= slack
    in_bound = [n for n in range(1, bound + 1) if fits(n)]
    anywhere = bool(in_bound) or any(fits(n) for n in range(bound + 1, 5001))
    assert rounding == (sum_ok and anywhere and bool(in_bound))
    assert assumed == (sum_ok and anywhere)
    if in_bound:
        assert (lo, hi) == (min(in_bound), max(in_bound))
    else:
        assert hi is None
