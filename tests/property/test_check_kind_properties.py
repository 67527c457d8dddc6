"""Soundness and completeness of every check kind against brute force.

Each property builds checks of one kind over generated figures, runs the check layer's SQL
(files 020-045) and compares the verdict's flags with a plain Python enumeration of every
exact value the printed figures allow: a check holds within rounding exactly when some
exact values that print as the figures satisfy the relation (and reproduces exactly when
the printed values themselves do).
"""

from __future__ import annotations

import functools
import itertools
import math
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coprod_data.package import read_package
from coprod_data.rounding import covers, grim
from tests.property.rows import DOC, chk, cnt, mem
from tests.views.minidb import _row, las, mini_db, pct_row, rebuild

SETTINGS = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
TABLES = (
    "checks",
    "check_members",
    "impact_ratings",
    "counts",
    "response_rates",
    "regions",
    "local_authorities",
)


@pytest.fixture(scope="module")
def con():
    c = mini_db()
    yield c
    c.close()


def load(con, checks, members, pcts=(), counts=(), **extra):
    """Replace the rows of the check tables (and of any resource named in ``extra``) and
    rebuild the check layer (files 020-045)."""
    pkg = read_package()
    rows = {"checks": checks, "check_members": members, "impact_ratings": list(pcts), "counts": list(counts)}
    rows.update(extra)
    for name in TABLES + tuple(k for k in extra if k not in TABLES):
        con.execute(f'DELETE FROM "{name}"')
    order = (
        "regions",
        "local_authorities",
        "impact_ratings",
        "counts",
        "response_rates",
        "checks",
        "check_members",
    )
    for name in order + tuple(k for k in extra if k not in order):  # e.g. rows a count_of counts
        data = rows.get(name) or []
        if data:
            res = pkg.resource(name)
            marks = ", ".join("?" for _ in res.fields)
            con.executemany(f'INSERT INTO "{name}" VALUES ({marks})', [_row(res, r) for r in data])
    rebuild(con, "02", "03", "04")


def pct(fid, value, phase="pre", group="vcs"):
    return pct_row(fid, value, DOC, source_kind="chart", group_id=group, phase=phase)


def result(con, kind, cid="c"):
    return con.execute(
        "SELECT computable, holds_exact, holds_rounding, holds_assumed "
        f"FROM internal.check_result_{kind} WHERE check_id = ?",
        [cid],
    ).fetchone()


def typed(con, kind, cid="c"):
    """The check's typed numbers, by column name (None for a column the kind leaves out:
    audit_checks unions the kinds by name, so it reads as empty there)."""
    cols = ("published_value", "recomputed_value", "recomputed_lo", "recomputed_hi", "base_lo", "base_hi")
    table = f"internal.check_result_{kind}"
    have = {r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()}
    exprs = ", ".join(c if c in have else f"NULL AS {c}" for c in cols)
    row = con.execute(f"SELECT {exprs} FROM {table} WHERE check_id = ?", [cid]).fetchone()
    return dict(zip(cols, row, strict=True))


pcts_st = st.lists(st.integers(0, 100), min_size=1, max_size=5)


# --- common base and percent of count: GRIM over a set --------------------------------------
@SETTINGS
@given(n=st.integers(1, 60), data=st.data())
def test_common_base_is_grim_over_the_set(con, n, data):
    if data.draw(st.booleans()):  # shares of real counts: must pass
        values = [round(100 * k / n) for k in data.draw(st.lists(st.integers(0, n), min_size=1, max_size=5))]
    else:
        values = data.draw(pcts_st)
    members = [mem("c", i + 1, "share", figure_id=f"p{i}") for i in range(len(values))]
    members.append(mem("c", len(values) + 1, "base", "input", figure_id="n"))
    load(
        con,
        [chk("c", "common_base", relation="common")],
        members,
        [pct(f"p{i}", v) for i, v in enumerate(values)],
        [cnt("n", n)],
    )
    _, exact, rounding, assumed = result(con, "common_base")
    # a fit that needs a share exactly on a half rounded down (half to even) rests on that
    # reading: conditional (holds_assumed), not within rounding
    assert exact == all(v * n % 100 == 0 for v in values)
    assert rounding == (exact or all(grim(v, n, "half_up") for v in values))
    assert assumed == all(grim(v, n, "either") for v in values)
    # the recomputed number is the base: the one candidate, when it fits every share
    got = typed(con, "common_base")
    assert (got["base_lo"], got["base_hi"]) == ((n, n) if assumed else (None, None))
    assert got["recomputed_lo"] is None and got["recomputed_hi"] is None


@SETTINGS
@given(n=st.integers(1, 150), p=st.integers(0, 100))
def test_percent_of_count_is_grim(con, n, p):
    load(
        con,
        [chk("c", "percent_of_count")],
        [mem("c", 1, "share", figure_id="p"), mem("c", 2, "base", "input", figure_id="n")],
        [pct("p", p)],
        [cnt("n", n)],
    )
    _, exact, rounding, _ = result(con, "percent_of_count")
    assert rounding == any(covers(p, k, n, "either") for k in range(n + 1))
    assert exact == (p * n % 100 == 0 and rounding)
    # the typed numbers: the whole counts that print p at n, and the base they fit
    ks = [k for k in range(n + 1) if covers(p, k, n, "either")]
    got = typed(con, "percent_of_count")
    if ks:
        assert (got["recomputed_lo"], got["recomputed_hi"]) == (min(ks), max(ks))
        assert got["recomputed_value"] == (ks[0] if len(ks) == 1 else None)
        assert (got["base_lo"], got["base_hi"]) == (n, n)
    else:
        assert got["recomputed_lo"] is None and got["recomputed_hi"] is None and got["base_lo"] is None


# --- parts that sum to a total ----------------------------------------------------------------
@SETTINGS
@given(
    parts=st.lists(st.integers(0, 30), min_size=1, max_size=4),
    total=st.integers(0, 100),
    relation=st.sampled_from(["equals", "at_most", "union"]),
)
def test_parts_sum(con, parts, total, relation):
    members = [mem("c", i + 1, "part", figure_id=f"q{i}") for i in range(len(parts))]
    members.append(mem("c", len(parts) + 1, "total", figure_id="t"))
    load(
        con,
        [chk("c", "parts_sum", relation=relation, assumption="overlap")],
        members,
        [],
        [cnt(f"q{i}", v) for i, v in enumerate(parts)] + [cnt("t", total)],
    )
    _, exact, _, assumed = result(con, "parts_sum")
    s = sum(parts)
    strict = s == total if relation != "at_most" else s <= total
    assert exact == strict
    if relation == "union":  # people may be in several parts: total between the largest part and the sum
        assert assumed == (max(parts) <= total <= s)


# --- a closed share list, and one read as open only by assumption ------------------------------
@SETTINGS
@given(data=st.data(), relation=st.sampled_from(["closed", "assumed_open"]))
def test_share_list_closed(con, data, relation):
    """A closed list holds (exactly, or within rounding) as the brute force says; a list read
    as open only by assumption is judged as closed first, and holds under its assumption when
    some total N takes whole counts that print every share and add up to at most N."""
    if data.draw(st.booleans()):
        counts = data.draw(st.lists(st.integers(0, 12), min_size=2, max_size=4).filter(lambda c: sum(c) > 0))
        values = [round(100 * c / sum(counts)) for c in counts]  # a real list: must pass
        real = True
    else:
        values = data.draw(st.lists(st.integers(0, 100), min_size=2, max_size=4))
        real = False
    load(
        con,
        [chk("c", "share_list", relation=relation)],
        [mem("c", i + 1, "share", figure_id=f"p{i}") for i in range(len(values))],
        [pct(f"p{i}", v) for i, v in enumerate(values)],
    )
    _, exact, rounding, assumed = result(con, "share_list")
    if relation == "assumed_open":
        open_fits = any(
            all(grim(v, n, "either") for v in values) and sum(min(grim(v, n, "either")) for v in values) <= n
            for n in range(1, 5001)
        )
        assert assumed == (sum(values) <= 100 + len(values) // 2 and open_fits)
    if real:
        assert rounding
    if rounding:  # sound: some whole counts of some total print every share
        found = any(
            all(grim(v, n, "either") for v in values)
            and sum(min(grim(v, n, "either")) for v in values)
            <= n
            <= sum(max(grim(v, n, "either")) for v in values)
            for n in range(1, 5001)
        )
        assert found
    if abs(sum(values) - 100) > len(values) // 2:
        assert not rounding
    assert exact == (sum(values) == 100)


# --- pre/post direction -----------------------------------------------------------------------
@SETTINGS
@given(
    pairs=st.lists(st.tuples(st.integers(0, 100), st.integers(0, 100)), min_size=1, max_size=4),
    relation=st.sampled_from(["up", "not_down"]),
)
def test_pre_post_direction(con, pairs, relation):
    members, figs = [], []
    for i, (a, b) in enumerate(pairs):
        members += [
            mem("c", 2 * i + 1, "pre", series=f"s{i}", figure_id=f"a{i}"),
            mem("c", 2 * i + 2, "post", series=f"s{i}", figure_id=f"b{i}"),
        ]
        figs += [pct(f"a{i}", a), pct(f"b{i}", b, "post")]
    load(con, [chk("c", "pre_post", relation=relation)], members, figs)
    _, exact, rounding, _ = result(con, "pre_post")
    # exact values lie within 0.5 of the printed ones: a rise is possible iff b + 0.5 > a - 0.5
    possible = all(b >= a for a, b in pairs)
    certain = all(b - 0.5 >= a + 0.5 for a, b in pairs) if relation == "up" else possible
    assert rounding == possible
    assert exact == (certain if relation == "up" else possible)


# --- rank: the named member is the top of its list ----------------------------------------
@SETTINGS
@given(values=st.lists(st.integers(0, 100), min_size=2, max_size=5))
def test_rank_top(con, values):
    members = [
        mem("c", i + 1, "value", figure_id=f"p{i}", rank=1 if i == 0 else None) for i in range(len(values))
    ]
    load(con, [chk("c", "rank", relation="top")], members, [pct(f"p{i}", v) for i, v in enumerate(values)])
    _, exact, rounding, _ = result(con, "rank")
    others = values[1:]
    assert exact == (values[0] > max(others))
    # some exact values (each within 0.5) put it strictly on top
    assert rounding == (values[0] + 0.5 > max(others) - 0.5)
    # typed: the named member's printed value and the exact values it allows
    got = typed(con, "rank")
    assert (got["recomputed_value"], got["recomputed_lo"], got["recomputed_hi"]) == (
        values[0],
        values[0] - 0.5,
        values[0] + 0.5,
    )


# --- threshold phrases ------------------------------------------------------------------------
@SETTINGS
@given(v=st.integers(0, 100), x=st.integers(1, 99), relation=st.sampled_from(["more_than", "less_than"]))
def test_threshold(con, v, x, relation):
    load(
        con,
        [chk("c", "threshold", relation=relation, value=x)],
        [mem("c", 1, "value", figure_id="p")],
        [pct("p", v)],
    )
    _, exact, rounding, _ = result(con, "threshold")
    grid = [v - 0.5 + i / 100 for i in range(101)]  # exact values the print allows (ends included)
    holds = [(e > x) if relation == "more_than" else (e < x) for e in grid]
    assert exact == all(holds[1:-1])
    assert rounding == any(holds[1:-1])
    got = typed(con, "threshold")  # the phrase's value, and the exact values the print allows
    assert (got["published_value"], got["recomputed_value"]) == (x, v)
    assert (got["recomputed_lo"], got["recomputed_hi"]) == (grid[0], grid[-1])


def half_up(x: Fraction) -> int:
    return math.floor(x + Fraction(1, 2))


@SETTINGS
@given(
    v=st.integers(0, 100), tol=st.sampled_from([Fraction(5), Fraction(5, 2), Fraction(25, 2)]), data=st.data()
)
def test_threshold_rounds_to(con, v, tol, data):
    step = 2 * tol
    x = step * data.draw(st.integers(0, int(100 / step)))
    x = data.draw(st.sampled_from([x, step * half_up(Fraction(v) / step)]))  # often the value's own phrase
    load(
        con,
        [chk("c", "threshold", relation="rounds_to", value=float(x), tolerance=float(tol))],
        [mem("c", 1, "value", figure_id="p")],
        [pct("p", v)],
    )
    _, exact, rounding, assumed = result(con, "threshold")
    chance = con.execute(
        "SELECT pass_chance FROM internal.check_result_threshold WHERE check_id = 'c'"
    ).fetchone()[0]

    def rounds(w):  # the exact values (hundredths) printing w half up; which round to x at the step
        return [step * half_up(Fraction(100 * w - 50 + i, 100) / step) == x for i in range(100)]

    assert exact == all(rounds(v))
    assert rounding == any(rounds(v))
    assert assumed == rounding  # rounding, never an interpretation: no conditional reading
    if rounding:  # the share of printed percentages 0..100 meeting the reading that passed
        test = all if exact else any
        assert chance == pytest.approx(sum(test(rounds(w)) for w in range(101)) / 101, rel=1e-12)
    if v == x:
        assert exact
    if abs(v - x) > tol + Fraction(1, 2) - Fraction(1, 100):  # the intervals do not overlap
        assert not rounding


# --- regional and national response rates jointly ----------------------------------------------
@SETTINGS
@given(data=st.data())
def test_response_rates_jointly_complete_and_sound(con, data):
    sizes = data.draw(st.lists(st.integers(1, 4), min_size=2, max_size=3))
    truth = []
    for s in sizes:
        e = data.draw(st.integers(1, s))
        truth.append((data.draw(st.integers(0, e)), e))
    regions = {f"r{i}": s for i, s in enumerate(sizes)}
    printed = {f"r{i}": round(100 * r / e) for i, (r, e) in enumerate(truth)}
    honest = data.draw(st.booleans())
    total = round(100 * sum(r for r, _ in truth) / sum(e for _, e in truth))
    if not honest:
        total = data.draw(st.integers(0, 100))
    rows = [
        {
            "figure_id": f"rr-{k}",
            "document_id": DOC,
            "source_kind": "table",
            "scope": "region",
            "region_id": k,
            "measure": "adjusted",
            "value_pct": p,
            "printed": f"{p}%",
        }
        for k, p in printed.items()
    ]
    rows.append(
        {
            "figure_id": "rr-adj",
            "document_id": DOC,
            "scope": "national",
            "measure": "adjusted",
            "value_pct": total,
            "printed": f"{total}%",
        }
    )
    members, pos = [], 0
    for k in regions:
        members += [
            mem("c", pos + 1, "rate", figure_id=f"rr-{k}", series=k),
            mem("c", pos + 2, "base", "input", count_of=f"local_authorities.region_id={k}", series=k),
        ]
        pos += 2
    members.append(mem("c", pos + 1, "total", figure_id="rr-adj"))
    load(con, [chk("c", "response_rates")], members, response_rates=rows, **las(regions))
    _, _, rounding, _ = result(con, "response_rates")
    options = [
        [(r, e) for e in range(1, s + 1) for r in range(e + 1) if covers(printed[k], r, e, "either")]
        for k, s in regions.items()
    ]
    brute = any(
        covers(total, sum(r for r, _ in c), sum(e for _, e in c), "either")
        for c in itertools.product(*options)
    )
    if honest:
        assert rounding  # the true returns print every rate
    assert rounding == brute


# --- significance (two independent samples, stated bases) ---------------------------------------
@SETTINGS
@given(n1=st.integers(5, 80), n2=st.integers(5, 80), data=st.data())
def test_significance_unpaired(con, n1, n2, data):
    p1 = round(100 * data.draw(st.integers(0, n1)) / n1)
    p2 = round(100 * data.draw(st.integers(0, n2)) / n2)
    members = [
        mem("c", 1, "pre", series="x", figure_id="a"),
        mem("c", 2, "post", series="x", figure_id="b"),
        mem("c", 3, "pre_base", "input", figure_id="n1"),
        mem("c", 4, "post_base", "input", figure_id="n2"),
    ]
    load(
        con,
        [chk("c", "significance", relation="increase", value=0.05, design="independent")],
        members,
        [pct("a", p1), pct("b", p2, "post")],
        [cnt("n1", n1), cnt("n2", n2)],
    )
    _, _, rounding, assumed = result(con, "significance")
    zs = []
    for k1 in grim(p1, n1, "either"):
        for k2 in grim(p2, n2, "either"):
            pool = (k1 + k2) / (n1 + n2)
            se = math.sqrt(pool * (1 - pool) * (1 / n1 + 1 / n2))
            zs.append((k2 / n2 - k1 / n1) / se if se > 0 else None)
    sig = [z is not None and z > 1.959964 for z in zs]
    assert rounding == all(sig)
    assert assumed == any(sig)


def status(con, cid="c"):
    rebuild(con, "09")  # audit_checks: the verdict the flags give
    return con.execute("SELECT status FROM audit_checks WHERE check_id = ?", [cid]).fetchone()[0]


# --- the same figure printed more than once -------------------------------------------------
# Every printing of a figure is a whole number (whole percentages, counts), so all are at the
# same precision; the oracle asks whether one true value, printed by one rounding rule, can
# show as every printing. True percentages run over a grid of hundredths (every exact half
# included); true counts are whole and printed as they are, or as a bound ("more than 50").
PCT_GRID = [Fraction(i, 100) for i in range(0, 10001)]
PRINTED_BY = {
    "half_up": [math.floor(x + Fraction(1, 2)) for x in PCT_GRID],
    "half_even": [round(x) for x in PCT_GRID],  # Python rounds a Fraction half to even
}


def fits(x, value, qualifier):
    """Whether a true count x is what a printing (value, qualifier) says."""
    return x > value if qualifier == "more_than" else x == value


def one_true_value_prints_all(values, unit, qualifiers):
    if unit == "count":
        return any(
            all(fits(x, v, q) for v, q in zip(values, qualifiers, strict=True))
            for x in range(max(values) + 2)
        )
    return any(
        all(printed[i] == v for v in values) for printed in PRINTED_BY.values() for i in range(len(PCT_GRID))
    )


@functools.cache
def chance_all_equal(k):
    """Of every k-tuple of whole percentages 0..100, the share whose members are all equal."""
    tuples = list(itertools.product(range(101), repeat=k))
    return sum(len(set(t)) == 1 for t in tuples) / len(tuples)


@settings(SETTINGS, max_examples=40)  # more examples: a bound next to an equal exact value is the edge
@given(unit=st.sampled_from(["percent", "count"]), v0=st.integers(0, 100), data=st.data())
def test_same_figure_against_one_true_value(views, unit, v0, data):
    con = views()  # the database as built: nothing left by other tests or examples
    shifts = data.draw(st.lists(st.sampled_from([0, 0, 0, 1, -1, 4]), min_size=1, max_size=4))
    values = [min(100, max(0, v0 + s)) for s in shifts]
    kinds = ["exact", "exact", "more_than"] if unit == "count" else ["exact"]
    qualifiers = [data.draw(st.sampled_from(kinds)) for _ in values]
    ids = [f"f{i}" for i in range(len(values))]
    if unit == "percent":
        figs = [pct(f, v) for f, v in zip(ids, values, strict=True)]
    else:
        figs = [cnt(f, v, q) for f, v, q in zip(ids, values, qualifiers, strict=True)]
    load(
        con,
        [chk("c", "same_figure")],
        [mem("c", i + 1, "printing", figure_id=f) for i, f in enumerate(ids)],
        figs if unit == "percent" else [],
        figs if unit == "count" else [],
    )
    row = con.execute(
        "SELECT computable, published_value, recomputed_lo, recomputed_hi, pass_chance, singled_out "
        "FROM internal.check_result_same_figure WHERE check_id = 'c'"
    ).fetchone()
    computable, published, lo, hi, chance, singled = row
    verdict = status(con)
    if len(values) < 2:
        assert not computable and verdict == "not_recomputable"
        return
    # two printings at one precision never differ by rounding alone: agree or conflict
    expected = "reproduced" if one_true_value_prints_all(values, unit, qualifiers) else "discrepancy"
    assert verdict == expected
    bounded = "more_than" in qualifiers
    if bounded and expected == "reproduced":  # the whole numbers that fit every printing
        exact = [v for v, q in zip(values, qualifiers, strict=True) if q == "exact"]
        low = exact[0] if exact else max(values) + 1
        assert (published, lo, hi) == (values[0], low, exact[0] if exact else None)
    else:  # the printed range
        assert (published, lo, hi) == (values[0], min(values), max(values))
    if unit == "count":
        assert chance is None
    elif len(values) <= 3:  # strength: the chance that random printings agree
        assert chance == pytest.approx(chance_all_equal(len(values)), rel=1e-12)
    # with three or more printings, an exact value printed by a strict majority singles out
    # the printings it does not fit
    tally = {
        v: sum(1 for w, q in zip(values, qualifiers, strict=True) if (w, q) == (v, "exact")) for v in values
    }
    top = [v for v, n in tally.items() if 2 * n > len(values)]
    expected_out = (
        [f for f, v, q in zip(ids, values, qualifiers, strict=True) if not fits(top[0], v, q)]
        if len(values) >= 3 and top
        else []
    )
    assert list(singled) == expected_out


# --- the count of a listed set ----------------------------------------------------------------
def action(i, group):
    return {"action_id": f"a{i}", "group_id": group, "list_position": i + 1, "label": f"a{i}"}


def proposal(i):
    return {"proposal_id": f"p{i}", "list_position": i + 1, "label": f"p{i}", "summary": "s"}


@SETTINGS
@given(data=st.data())
def test_count_listed_against_counting_the_list(views, data):
    con = views()  # the database as built: nothing left by other tests or examples
    actions = [
        action(i, g) for i, g in enumerate(data.draw(st.lists(st.sampled_from(["g0", "g1"]), max_size=7)))
    ]
    proposals = [proposal(i) for i in range(data.draw(st.integers(0, 5)))]
    rows_of = {
        "proposals": proposals,
        "la_actions": actions,
        "la_actions.group_id=g0": [a for a in actions if a["group_id"] == "g0"],
        "la_actions.group_id=g1": [a for a in actions if a["group_id"] == "g1"],
    }
    refs = st.sampled_from(sorted(rows_of))
    # listed: the rows some references count, and figures printed one per item
    listed_refs = data.draw(st.lists(refs, max_size=2, unique=True))
    listed_figs = [f"item{i}" for i in range(data.draw(st.integers(0, 3)))]
    items = [row for ref in listed_refs for row in rows_of[ref]] + listed_figs
    # counts: printed numbers (exact or "more than") near the true number, or rows counted;
    # usually one printed count first, as a report prints it, then any others
    printed = st.tuples(
        st.just("figure"),
        st.sampled_from([0, 0, -1, 1, -2, 2]).map(lambda d: max(0, len(items) + d)),  # mostly at the edges
        st.sampled_from(["exact", "more_than"]),
    )
    first = [data.draw(printed)] if data.draw(st.integers(0, 5)) else []
    others = st.one_of(printed, st.tuples(st.just("count_of"), refs, st.just(None)))
    counts = first + data.draw(st.lists(others, max_size=2))
    members, figs, pos = [], [], 0
    for i, (kind, x, qualifier) in enumerate(counts):
        pos += 1
        if kind == "figure":
            members.append(mem("c", pos, "count", "asserts", figure_id=f"n{i}"))
            figs.append(cnt(f"n{i}", x, qualifier))
        else:
            members.append(mem("c", pos, "count", "input", count_of=x))
    for ref in listed_refs:
        pos += 1
        members.append(mem("c", pos, "listed", "input", count_of=ref))
    for f in listed_figs:
        pos += 1
        members.append(mem("c", pos, "listed", figure_id=f))
    load(
        con,
        [chk("c", "count_listed")],
        members,
        [pct(f, 10) for f in listed_figs],
        figs,
        la_actions=actions,
        proposals=proposals,
    )
    computable, _, _, _ = result(con, "count_listed")
    verdict = status(con)
    n = len(items)  # brute force: count what is listed

    def allows(kind, x, qualifier):  # the numbers a printed count (or a count of rows) stands for
        if kind == "count_of":
            return len(rows_of[x]) == n
        return n > x if qualifier == "more_than" else n == x

    if not (listed_refs or listed_figs) or not counts:
        assert not computable and verdict == "not_recomputable"
        return
    assert verdict == ("reproduced" if all(allows(*c) for c in counts) else "discrepancy")
    query = "SELECT recomputed_value FROM internal.check_result_count_listed WHERE check_id = 'c'"
    assert con.execute(query).fetchone()[0] == n
