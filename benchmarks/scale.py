"""Scale of the solvers and of the table macros: Python, each DuckDB macro and a
hand-written DuckDB query for the same result, and pandas, measured in the same run.

    python benchmarks/scale.py                      # about 2 minutes on 2 cores
    python benchmarks/scale.py --rows 1 10 50       # also 50 million rows (about 2 more minutes)
    python benchmarks/scale.py --full               # also the larger solver cases (about 3 more minutes)

Every comparison takes turns (A B C, B C A, C A B, ...) after an untimed warm-up turn, for
--reps turns or more when a turn is short (about two seconds of turns, at most 50), and prints each
contender's median and range (min-max) in seconds, and ratios of medians with the range
of the per-turn ratios. Each macro is compared with hand-written queries that compute
the same rows (checked equal) on the same table in the same connection; "macro ÷ best
hand" is against the fastest of them. The views over respondent- and comment-level data
run DuckDB and pandas in separate processes, in turns; peak memory is each process's
maximum resident set (VmHWM), median over its processes.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import subprocess
import sys
from functools import partial

import duckdb
from timing import header, interleaved, load, med, ratio, rotated, spread

from coprod_data.paths import sql_dir
from coprod_data.rounding import SearchBoundError, rate_joint, reconstruct, round_pct

MACRO_FILES = ("010_rounding_macros.sql", "015_table_macros.sql")


def macros() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("SET threads = 2")
    for name in MACRO_FILES:
        con.execute((sql_dir() / name).read_text(encoding="utf-8"))
    return con


def inlined(macro: str, table: str, **params: str) -> str:
    """A table macro's own SQL written out on a named table: the query a user would have
    written by hand from it (scalar macros kept), so the macro call's cost shows alone."""
    text = (sql_dir() / "015_table_macros.sql").read_text(encoding="utf-8")
    found = re.search(rf"CREATE OR REPLACE MACRO {macro}\((.*?)\) AS TABLE\n(.*?);\n", text, re.S)
    if not found:
        raise SystemExit(f"macro {macro} not found in 015_table_macros.sql")
    body = found.group(2).replace("query_table(t)", table)
    for name, value in params.items():
        body = re.sub(rf"\b{name}\b", value, body)
    return body


# The rounding bounds of 010_rounding_macros.sql written out, for the queries written
# without the macros.
K_LO = """greatest(0, CAST(CASE WHEN {r} = 'half_even' AND {p} % 2 = 1
         THEN floor((2 * {p} - 1) * {n} / 200.0) + 1 ELSE ceil((2 * {p} - 1) * {n} / 200.0) END AS BIGINT))"""
K_HI = """least({n}, CAST(CASE WHEN {r} = 'half_up' OR ({r} IN ('half_even', 'either') AND {p} % 2 = 1)
         THEN ceil((2 * {p} + 1) * {n} / 200.0) - 1 ELSE floor((2 * {p} + 1) * {n} / 200.0) END AS BIGINT))"""
RULES = "(VALUES ('half_up'), ('half_even'), ('either')) AS rules(rounding)"


def reconstruct_queries() -> dict[str, str]:
    return {
        "macro": "SELECT * FROM reconstruct_shares('s', $1)",
        "hand: macro's SQL": inlined("reconstruct_shares", "s", max_total="$1"),
        "hand: written out": f"""
WITH k AS (
    SELECT s.list_id, rules.rounding, n.n,
           {K_LO.format(r="rules.rounding", p="s.share_pct", n="n.n")} AS lo,
           {K_HI.format(r="rules.rounding", p="s.share_pct", n="n.n")} AS hi
    FROM s, {RULES}, range(1, $1 + 1) AS n(n)
), per_n AS (
    SELECT list_id, rounding, n, sum(lo) AS sum_lo, sum(hi) AS sum_hi, bool_and(lo <= hi) AS ok
    FROM k GROUP BY ALL
), lists AS (
    SELECT list_id, bool_or(is_open_list) AS is_open_list, count(*) AS n_items FROM s GROUP BY list_id
)
SELECT l.list_id, l.n_items, l.is_open_list, rules.rounding,
       min(p.n) FILTER (WHERE p.ok AND p.sum_lo <= p.n AND (l.is_open_list OR p.n <= p.sum_hi)), $1
FROM lists l CROSS JOIN {RULES} LEFT JOIN per_n p ON p.list_id = l.list_id AND p.rounding = rules.rounding
GROUP BY ALL""",
    }


def rate_queries() -> dict[str, str]:
    written = f"""
WITH RECURSIVE units AS {{mat}} (
    SELECT unit_id, published_pct AS p, n_max, row_number() OVER (ORDER BY unit_id) AS step FROM u
), sol AS {{mat}} (
    SELECT DISTINCT units.step, rules.rounding, k.k AS returns, e.e AS eligible
    FROM units, {RULES}, range(1, (SELECT max(n_max) + 1 FROM u)) AS e(e),
         range(0, (SELECT max(n_max) + 1 FROM u)) AS k(k)
    WHERE e.e <= units.n_max AND k.k <= e.e
      AND k.k BETWEEN {K_LO.format(r="rules.rounding", p="units.p", n="e.e")}
                  AND {K_HI.format(r="rules.rounding", p="units.p", n="e.e")}
), dp(step, rounding, r_sum, e_sum) AS (
    SELECT 0, rounding, 0, 0 FROM {RULES}
    UNION
    SELECT d.step + 1, d.rounding, d.r_sum + s.returns, d.e_sum + s.eligible
    FROM dp d JOIN sol s ON s.step = d.step + 1 AND s.rounding = d.rounding
)
SELECT rounding, r_sum, e_sum FROM dp WHERE step = (SELECT count(*) FROM units)"""
    count = "SELECT count(*) FROM ({}) WHERE rounding = 'either'"
    return {
        "macro": count.format("SELECT * FROM rate_joint('u')"),
        "hand: macro's SQL": count.format(inlined("rate_joint", "u")),
        "hand: written out": count.format(written.format(mat="")),
        "hand: materialized": count.format(written.format(mat="MATERIALIZED")),
    }


PRE_POST = {
    "macro": "SELECT * FROM pre_post_of_responses('r')",
    "hand: one pass": """
WITH w AS (
    SELECT group_id, item_id,
           count(*) FILTER (WHERE phase = 'pre') AS pre_n,
           count(*) FILTER (WHERE phase = 'pre' AND is_positive) AS pre_positive,
           count(*) FILTER (WHERE phase = 'post') AS post_n,
           count(*) FILTER (WHERE phase = 'post' AND is_positive) AS post_positive
    FROM r GROUP BY ALL
), p AS (
    SELECT group_id, item_id, nullif(pre_n, 0) AS pre_n, nullif(post_n, 0) AS post_n,
           CASE WHEN pre_n > 0 THEN pre_positive END AS pre_positive,
           CASE WHEN post_n > 0 THEN post_positive END AS post_positive
    FROM w WHERE pre_n > 0 OR post_n > 0
)
SELECT group_id, item_id, pre_n, pre_positive, (200 * pre_positive + pre_n) // (2 * pre_n),
       post_n, post_positive, (200 * post_positive + post_n) // (2 * post_n),
       (200 * post_positive + post_n) // (2 * post_n) - (200 * pre_positive + pre_n) // (2 * pre_n)
FROM p""",
    "hand: join of phases": """
WITH a AS (
    SELECT group_id, item_id, phase, count(*) AS n, count(*) FILTER (WHERE is_positive) AS positive,
           (200 * count(*) FILTER (WHERE is_positive) + count(*)) // (2 * count(*)) AS pct
    FROM r GROUP BY ALL
)
SELECT coalesce(pre.group_id, post.group_id), coalesce(pre.item_id, post.item_id),
       pre.n, pre.positive, pre.pct, post.n, post.positive, post.pct, post.pct - pre.pct
FROM (SELECT * FROM a WHERE phase = 'pre') pre
FULL JOIN (SELECT * FROM a WHERE phase = 'post') post
  ON pre.group_id = post.group_id AND pre.item_id = post.item_id""",
}

_HALF = """(100 * n) // total + CASE WHEN 2 * ((100 * n) % total) >= total THEN 1 ELSE 0 END,
       (100 * n) // total + CASE WHEN 2 * ((100 * n) % total) > total
           OR (2 * ((100 * n) % total) = total AND ((100 * n) // total) % 2 = 1) THEN 1 ELSE 0 END"""
SHARES = {
    "macro": "SELECT * FROM shares_of_counts('k')",
    "hand: window": f"""
WITH t AS (
    SELECT list_id, item_id, count(*) AS n, sum(count(*)) OVER (PARTITION BY list_id) AS total
    FROM c GROUP BY list_id, item_id
)
SELECT list_id, item_id, n, total, 100.0 * n / total, {_HALF}
FROM t WHERE total > 0""",
    "hand: join": f"""
WITH k AS (SELECT list_id, item_id, count(*) AS n FROM c GROUP BY ALL),
     tot AS (SELECT list_id, sum(n) AS total FROM k GROUP BY ALL)
SELECT list_id, item_id, n, total, 100.0 * n / total, {_HALF}
FROM k JOIN tot USING (list_id) WHERE total > 0""",
}


def same_rows(con: duckdb.DuckDBPyConnection, queries: dict[str, str], params: list | None = None) -> None:
    """Every query returns the same rows: a hand-written query is only a reference if it is right."""
    answers = {name: sorted(con.execute(q, params).fetchall(), key=repr) for name, q in queries.items()}
    first = answers["macro"]
    for name, rows in answers.items():
        if rows != first:
            raise SystemExit(f"{name} does not return the macro's rows")


def run(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> None:
    con.execute(sql, params).fetchall()


def versus_hand(t: dict[str, list[float]], cpu: dict[str, list[float]]) -> tuple[str, float, float, str]:
    """The fastest hand-written query (by median wall time), macro ÷ it in wall and in CPU
    time, and the cell that prints both."""
    best = min((name for name in t if name.startswith("hand")), key=lambda name: med(t[name]))
    cell = f"{ratio(t['macro'], t[best])}, CPU {ratio(cpu['macro'], cpu[best])} ({best})"
    return best, med(t["macro"]) / med(t[best]), med(cpu["macro"]) / med(cpu[best]), cell


def print_hands(t: dict[str, list[float]], cpu: dict[str, list[float]], indent: str) -> None:
    for name in t:
        if name.startswith("hand"):
            print(
                f"{indent}{name:<22} {spread(t[name])}   macro ÷ it {ratio(t['macro'], t[name])}, "
                f"CPU {ratio(cpu['macro'], cpu[name])}"
            )


def shares_from(counts):
    total = sum(counts)
    return [round_pct(c, total, "half_up") for c in counts]


def bench_reconstruction(con, reps: int, full: bool) -> list[tuple[float, float]]:
    print("\n## Reconstruction of shares (smallest total of comments): reconstruct_shares")
    print("Worst case: a set with no solution, so the search runs to its bound. Cost O(items x bound).")
    print(f"{'items':>5} {'bound':>9} {'python s':>22} {'macro s':>22}   macro ÷ best hand: wall, CPU")
    sizes = [(5, 1_000), (5, 100_000), (50, 10_000), (50, 100_000)]
    if full:
        sizes += [(50, 1_000_000)]
    queries = reconstruct_queries()
    ratios = []
    for items, bound in sizes:
        shares = [1] * items  # n items at 1% cannot sum to 100 unless the set is open: no solution
        assert reconstruct(shares, "either", max_total=bound) is None
        con.execute(
            "CREATE OR REPLACE TEMP TABLE s AS SELECT 'l' AS list_id, i AS position, 1 AS share_pct, "
            "false AS is_open_list FROM range(1, ? + 1) t(i)",
            [items],
        )
        same_rows(con, queries, [bound])
        t, cpu = interleaved(
            {"python": partial(reconstruct, shares, "either", max_total=bound)}
            | {name: partial(run, con, q, [bound]) for name, q in queries.items()},
            reps,
        )
        _, r, r_cpu, cell = versus_hand(t, cpu)
        ratios.append((r, r_cpu))
        print(f"{items:>5} {bound:>9,} {spread(t['python']):>22} {spread(t['macro']):>22}   {cell}")
        print_hands(t, cpu, "        ")
    rng = random.Random(1)
    print("Typical case: shares made from random counts (the search stops at the true total or sooner).")
    for items in (5, 50):
        counts = [rng.randint(1, 2000) for _ in range(items)]
        shares = shares_from(counts)
        found = reconstruct(shares, "either", max_total=100_000)
        t, _ = interleaved({"python": partial(reconstruct, shares, "either", max_total=100_000)}, reps)
        print(
            f"  {items} items, true total {sum(counts):,}: smallest total {found.total} "
            f"in {spread(t['python'])} s (python)"
        )
    return ratios


def joint(units) -> int | str:
    try:
        return len(rate_joint(units, "either"))
    except SearchBoundError as exc:
        return f"bound ({exc})"


def bench_rates(con, reps: int, full: bool) -> list[tuple[float, float]]:
    print("\n## Response-rate solvers: rate_joint")
    print("Per unit: O(n_max^2). Joint: O(units x states x solutions); states <= (sum n_max + 1)^2,")
    print("bounded in Python at 1,000,000 states and 5,000,000 combinations a step (SearchBoundError).")
    print("The SQL solver (a recursive CTE that keeps every step's states) runs up to 20 units.")
    print(
        f"{'units':>5} {'n_max':>5} {'states':>7} {'python s':>22} {'macro s':>22}   "
        "macro ÷ best hand: wall, CPU"
    )
    rng = random.Random(2)
    sizes = [(3, 15), (9, 15), (9, 33), (20, 15), (50, 15)]
    if full:
        sizes += [(20, 33), (50, 40)]  # 50 x 40 reaches the Python solver's bound
    queries = rate_queries()
    ratios = []
    for units_n, n_max in sizes:
        units = []
        for _ in range(units_n):
            e = rng.randint(1, n_max)
            units.append((round_pct(rng.randint(0, e), e, "half_up"), n_max))
        states = joint(units)
        if isinstance(states, str):
            print(f"      {states}")
            states = "bound"
        con.execute("CREATE OR REPLACE TEMP TABLE u (unit_id VARCHAR, published_pct BIGINT, n_max BIGINT)")
        con.executemany(
            "INSERT INTO u VALUES (?, ?, ?)", [(f"u{i:03d}", p, n) for i, (p, n) in enumerate(units)]
        )
        contenders = {"python": partial(joint, units)}
        if units_n <= 20:
            same_rows(con, queries)
            contenders |= {name: partial(run, con, q) for name, q in queries.items()}
        t, cpu = interleaved(contenders, reps)
        if "macro" in t:
            _, r, r_cpu, cell = versus_hand(t, cpu)
            ratios.append((r, r_cpu))
            sql = f"{spread(t['macro']):>22}   {cell}"
        else:
            sql = f"{'not run':>22}"
        print(f"{units_n:>5} {n_max:>5} {states!s:>7} {spread(t['python']):>22} {sql}")
        if "macro" in t:
            print_hands(t, cpu, "                  ")
    return ratios


WORKER = r"""
import json, math, sys, time
engine, rows, sql_dir, view, reps = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
queries = json.loads(sys.argv[6])
groups, items = 4, 20


def vmhwm_mb():  # this process's own peak (ru_maxrss would include the parent's, copied at fork)
    return next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")) / 1024


def turns(contenders, warm_up_s):  # as timing.interleaved: turn i starts at the i-th contender
    times = {name: [] for name in contenders}
    cpu = {name: [] for name in contenders}
    names = list(contenders)
    for i in range(max(reps, min(30, math.ceil(1.5 / max(warm_up_s, 1e-6))))):  # about 1.5 s of turns
        for name in names[i % len(names):] + names[:i % len(names)]:
            t, c = time.perf_counter(), time.process_time()
            contenders[name]()
            times[name].append(time.perf_counter() - t)
            cpu[name].append(time.process_time() - c)
    return times, cpu


if engine == "duckdb":
    import duckdb
    con = duckdb.connect()
    con.execute("SET threads = 2")
    con.execute("SET enable_progress_bar = false")
    for name in ("010_rounding_macros.sql", "015_table_macros.sql"):
        con.execute(open(sql_dir + "/" + name, encoding="utf-8").read())
    if view == "shares":  # one row per comment: list and item; the macro reads a view that counts them
        con.execute(f"CREATE TABLE c AS SELECT 'l' || (i % 8) AS list_id, 'i' || (hash(i) % 10) AS item_id "
                    f"FROM range({rows}) t(i)")
        con.execute("CREATE VIEW k AS SELECT list_id, item_id, count(*) AS n FROM c GROUP BY ALL")
    else:
        con.execute(f'''CREATE TABLE r AS SELECT 'g' || (i % {groups}) AS group_id,
            'i' || ((i // {groups}) % {items}) AS item_id,
            CASE WHEN (i // {groups * items}) % 2 = 0 THEN 'pre' ELSE 'post' END AS phase,
            hash(i) % 100 < 40 + (i % 7) AS is_positive FROM range({rows}) t(i)''')
    t = time.perf_counter()
    answers = {name: sorted(con.execute(q).fetchall(), key=repr) for name, q in queries.items()}
    warm_up_s = time.perf_counter() - t
    for name, rows_out in answers.items():
        if rows_out != answers["macro"]:
            sys.exit(f"{name} does not return the macro's rows")
    runs = {name: (lambda q=q: con.execute(q).fetchall()) for name, q in queries.items()}
    times, cpu = turns(runs, warm_up_s)
    n_out = len(answers["macro"])
elif view == "shares":
    import numpy as np, pandas as pd
    i = np.arange(rows, dtype=np.int64)
    df = pd.DataFrame({"list_id": pd.Categorical.from_codes(i % 8, [f"l{k}" for k in range(8)]),
                       "item_id": pd.Categorical.from_codes(np.random.default_rng(0).integers(0, 10, rows),
                                                            [f"i{k}" for k in range(10)])})
    del i

    def compute():
        n = df.groupby(["list_id", "item_id"], observed=True).size()
        total = n.groupby(level="list_id", observed=True).transform("sum")
        q, rem = (100 * n) // total, (100 * n) % total
        return q + (2 * rem >= total), q + ((2 * rem > total) | ((2 * rem == total) & (q % 2 == 1)))

    t = time.perf_counter()
    n_out = len(compute()[0])  # and a warm-up, as the checks of the answers are for DuckDB
    times, cpu = turns({"pandas": compute}, time.perf_counter() - t)
else:
    import numpy as np, pandas as pd
    i = np.arange(rows, dtype=np.int64)
    df = pd.DataFrame({
        "group_id": pd.Categorical.from_codes(i % groups, [f"g{k}" for k in range(groups)]),
        "item_id": pd.Categorical.from_codes((i // groups) % items, [f"i{k}" for k in range(items)]),
        "phase": pd.Categorical.from_codes((i // (groups * items)) % 2, ["pre", "post"]),
        "is_positive": (np.random.default_rng(0).integers(0, 100, rows) < 40 + (i % 7)),
    })
    del i

    def compute():
        agg = df.groupby(["group_id", "item_id", "phase"], observed=True)["is_positive"].agg(["size", "sum"])
        pct = (200 * agg["sum"] + agg["size"]) // (2 * agg["size"])
        wide = pct.unstack("phase")
        return wide.assign(change=wide["post"] - wide["pre"])

    t = time.perf_counter()
    n_out = len(compute())  # and a warm-up, as the checks of the answers are for DuckDB
    times, cpu = turns({"pandas": compute}, time.perf_counter() - t)
print(json.dumps({"times": times, "cpu": cpu, "peak_mb": vmhwm_mb(), "rows_out": n_out}))
"""


def worker(engine: str, rows: int, view: str, reps: int) -> dict:
    queries = json.dumps(SHARES if view == "shares" else PRE_POST)
    done = subprocess.run(
        [sys.executable, "-c", WORKER, engine, str(rows), str(sql_dir()), view, str(reps), queries],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"{engine} worker ({view}, {rows:,} rows) failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_views(millions: list[int], view: str, procs: int, reps: int) -> list[tuple[float, float]]:
    if view == "shares":
        print("\n## Shares of comments over synthetic comment-level data: shares_of_counts")
        print(
            "One row per comment (8 lists x 10 items); counts per item, then each item's share of its list,"
        )
        print("rounded half up and half even. The macro reads a view that counts the comments.")
    else:
        print("\n## Pre/post over synthetic respondent-level data: pre_post_of_responses")
        print("One row per respondent, item and phase; 4 groups x 20 items.")
    print(
        f"DuckDB (2 threads) and pandas in separate processes, {procs} of each in turns, {reps} timed "
        "runs or more (about 1.5 s of runs) in each;\ntime = aggregation, rounding and change only; "
        "peak = median of the processes' VmHWM."
    )
    ratios = []
    for m in millions:
        rows = m * 1_000_000
        runs: dict[str, list[dict]] = {"duckdb": [], "pandas": []}
        for i in range(procs):
            for engine in rotated(list(runs), i):
                runs[engine].append(worker(engine, rows, view, reps))
        names = runs["duckdb"][0]["times"]
        t = {name: [x for r in runs["duckdb"] for x in r["times"][name]] for name in names}
        cpu = {name: [x for r in runs["duckdb"] for x in r["cpu"][name]] for name in names}
        pandas = [x for r in runs["pandas"] for x in r["times"]["pandas"]]
        _, r, r_cpu, cell = versus_hand(t, cpu)
        ratios.append((r, r_cpu))
        mb = {e: statistics.median(r["peak_mb"] for r in runs[e]) for e in runs}
        print(f"{rows:>12,} rows: macro {spread(t['macro'])} s, pandas {spread(pandas)} s")
        print(f"{'':>19}macro ÷ best hand {cell}")
        # processes in turns, so the ratio's range is over the pairs of process medians
        by_proc = [
            (statistics.median(p["times"]["pandas"]), statistics.median(d["times"]["macro"]))
            for p, d in zip(runs["pandas"], runs["duckdb"], strict=True)
        ]
        print(
            f"{'':>19}pandas ÷ macro {med(pandas) / med(t['macro']):.2f} "
            f"({min(a / b for a, b in by_proc):.2f}-{max(a / b for a, b in by_proc):.2f}) (wall)"
        )
        print(f"{'':>19}peak MB: duckdb {mb['duckdb']:,.0f}, pandas {mb['pandas']:,.0f}")
        print_hands(t, cpu, f"{'':>19}")
    return ratios


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, nargs="*", default=[1, 10], help="millions of rows for the views")
    parser.add_argument("--reps", type=int, default=5, help="turns of each solver comparison (default 5)")
    parser.add_argument("--procs", type=int, default=3, help="processes of each engine for the views")
    parser.add_argument("--full", action="store_true", help="also the larger solver cases")
    parser.add_argument("--skip-solvers", action="store_true")
    args = parser.parse_args()
    print(header("coprod-data scale benchmark", args.reps))
    ratios = {}
    if not args.skip_solvers:
        con = macros()
        ratios["reconstruct_shares"] = bench_reconstruction(con, args.reps, args.full)
        ratios["rate_joint"] = bench_rates(con, args.reps, args.full)
    inner = max(1, (args.reps + 1) // 2)
    ratios["pre_post_of_responses"] = bench_views(args.rows, "pre_post", args.procs, inner)
    ratios["shares_of_counts"] = bench_views(args.rows, "shares", args.procs, inner)
    print(
        "\n## Each macro ÷ the fastest hand-written query, per size above (ratio of medians; target <= 1.1)"
    )
    for name, values in ratios.items():
        for i, kind in enumerate(("wall", "CPU")):
            worst = max(v[i] for v in values)
            print(
                f"  {name:<24} {kind:<4} {', '.join(f'{v[i]:.2f}' for v in values)}   worst {worst:.2f}: "
                f"{'met' if worst <= 1.1 else 'MISSED'}"
            )
    print(f"\n{load()} at the end")


if __name__ == "__main__":
    main()
