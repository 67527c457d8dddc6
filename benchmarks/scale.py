"""Scale of the solvers, and of the pre/post recomputation over respondent-level data.

    python benchmarks/scale.py              # solvers, and views at 1 and 10 million rows
    python benchmarks/scale.py --rows 1 10 50

Prints how the time of each solver grows (Python and SQL), and the pre/post view
over synthetic respondent-level data computed by DuckDB and by pandas in separate
processes (peak memory is the process's maximum resident set).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time

import duckdb

from coprod_data.paths import sql_dir
from coprod_data.rounding import SearchBoundError, rate_joint, reconstruct, round_pct


def macros() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for name in ("010_rounding_macros.sql", "015_table_macros.sql"):
        con.execute((sql_dir() / name).read_text(encoding="utf-8"))
    return con


def timed(fn, *args, **kwargs):
    t = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t


def shares_from(counts):
    total = sum(counts)
    return [round_pct(c, total, "half_up") for c in counts]


def bench_reconstruction(con) -> None:
    print("\n## Reconstruction of shares (smallest total of comments)")
    print("Worst case: a set with no solution, so the search runs to its bound. Cost O(items x bound).")
    print(f"{'items':>6} {'bound':>8} {'python s':>9} {'sql s':>8}")
    rng = random.Random(1)
    for items in (5, 10, 25, 50):
        shares = [1] * items  # n items at 1% cannot sum to 100 unless the set is open: no solution
        for bound in (1_000, 10_000, 100_000):
            found, py = timed(reconstruct, shares, "either", max_total=bound)
            assert found is None
            con.execute(
                "CREATE OR REPLACE TEMP TABLE s AS SELECT 'l' AS list_id, i AS position, 1 AS share_pct, "
                "false AS is_open_list FROM range(1, ? + 1) t(i)",
                [items],
            )
            _, sq = timed(
                lambda b=bound: con.execute("SELECT * FROM reconstruct_shares('s', ?)", [b]).fetchall()
            )
            print(f"{items:>6} {bound:>8} {py:>9.3f} {sq:>8.3f}")
    print("Typical case: shares made from random counts (the search stops at the true total or sooner).")
    for items in (5, 50):
        counts = [rng.randint(1, 2000) for _ in range(items)]
        found, py = timed(reconstruct, shares_from(counts), "either", max_total=100_000)
        print(
            f"  {items} items, true total {sum(counts)}: smallest total {found.total} in {py:.3f} s (python)"
        )


def bench_rates(con) -> None:
    print("\n## Response-rate solvers")
    print("Per unit: O(n_max^2). Joint: O(units x states x solutions); states <= (sum n_max + 1)^2,")
    print("bounded in Python at 1,000,000 states and 5,000,000 combinations a step (SearchBoundError).")
    print(f"{'units':>6} {'n_max':>6} {'states':>9} {'python s':>9} {'sql s':>8}")
    rng = random.Random(2)
    for units_n, n_max in ((3, 15), (9, 15), (9, 33), (20, 15), (50, 15), (50, 40)):
        units = []
        for _ in range(units_n):
            e = rng.randint(1, n_max)
            units.append((round_pct(rng.randint(0, e), e, "half_up"), n_max))
        start = time.perf_counter()
        try:
            n_states = len(rate_joint(units, "either"))
        except SearchBoundError as exc:
            n_states = "bound"
            print(f"        ({exc})")
        py = time.perf_counter() - start
        con.execute("CREATE OR REPLACE TEMP TABLE u (unit_id VARCHAR, published_pct BIGINT, n_max BIGINT)")
        con.executemany(
            "INSERT INTO u VALUES (?, ?, ?)", [(f"u{i:03d}", p, n) for i, (p, n) in enumerate(units)]
        )
        if units_n <= 20:
            _, sq = timed(
                lambda: con.execute(
                    "SELECT count(*) FROM rate_joint('u') WHERE rounding = 'either'"
                ).fetchall()
            )
            sq_text = f"{sq:>8.3f}"
        else:
            sq_text = f"{'skipped':>8}"  # the recursive CTE keeps every step's states; see README
        print(f"{units_n:>6} {n_max:>6} {n_states!s:>9} {py:>9.3f} {sq_text}")


WORKER = r"""
import json, sys, time
engine, rows, view = sys.argv[1], int(sys.argv[2]), sys.argv[4]
groups, items = 4, 20
t0 = time.perf_counter()
if engine == "duckdb":
    import duckdb
    con = duckdb.connect()
    con.execute("SET threads = 2")
    con.execute("SET enable_progress_bar = false")
    for name in ("010_rounding_macros.sql", "015_table_macros.sql"):
        con.execute(open(sys.argv[3] + "/" + name, encoding="utf-8").read())
    if view == "shares":  # one row per comment: list and item; counts, then shares of each list
        con.execute(f"CREATE TABLE c AS SELECT 'l' || (i % 8) AS list_id, 'i' || (hash(i) % 10) AS item_id "
                    f"FROM range({rows}) t(i)")
        t1 = time.perf_counter()
        con.execute("CREATE TEMP TABLE k AS SELECT list_id, item_id, count(*) AS n FROM c GROUP BY ALL")
        out = con.execute("SELECT count(*), sum(pct_half_up) FROM shares_of_counts('k')").fetchall()
        t2 = time.perf_counter()
        peak_mb = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")) / 1024
        print(json.dumps({"engine": engine, "rows": rows, "make_s": t1 - t0, "compute_s": t2 - t1,
                          "peak_mb": peak_mb, "groups": out[0][0]}))
        sys.exit(0)
    con.execute(f'''CREATE TABLE r AS SELECT 'g' || (i % {groups}) AS group_id,
        'i' || ((i // {groups}) % {items}) AS item_id,
        CASE WHEN (i // {groups * items}) % 2 = 0 THEN 'pre' ELSE 'post' END AS phase,
        hash(i) % 100 < 40 + (i % 7) AS is_positive FROM range({rows}) t(i)''')
    t1 = time.perf_counter()
    out = con.execute("SELECT count(*), sum(change) FROM pre_post_of_responses('r')").fetchall()
elif view == "shares":
    import numpy as np, pandas as pd
    i = np.arange(rows, dtype=np.int64)
    df = pd.DataFrame({"list_id": pd.Categorical.from_codes(i % 8, [f"l{k}" for k in range(8)]),
                       "item_id": pd.Categorical.from_codes(np.random.default_rng(0).integers(0, 10, rows),
                                                            [f"i{k}" for k in range(10)])})
    del i
    t1 = time.perf_counter()
    n = df.groupby(["list_id", "item_id"], observed=True).size()
    total = n.groupby(level="list_id", observed=True).transform("sum")
    pct = (200 * n + total) // (2 * total)
    out = [(len(pct), int(pct.sum()))]
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
    t1 = time.perf_counter()
    agg = df.groupby(["group_id", "item_id", "phase"], observed=True)["is_positive"].agg(["size", "sum"])
    pct = (200 * agg["sum"] + agg["size"]) // (2 * agg["size"])
    wide = pct.unstack("phase")
    out = [(len(wide), int((wide["post"] - wide["pre"]).sum()))]
t2 = time.perf_counter()
# VmHWM is this process's own peak (ru_maxrss would include the parent's, copied at fork)
peak_mb = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")) / 1024
print(json.dumps({"engine": engine, "rows": rows, "make_s": t1 - t0, "compute_s": t2 - t1, "peak_mb": peak_mb,
                  "groups": out[0][0]}))
"""


def bench_views(millions: list[int], view: str = "pre_post") -> None:
    if view == "shares":
        print("\n## Shares of comments over synthetic comment-level data")
        print(
            "One row per comment (8 lists x 10 items); counts per item, then each item's share of its list,"
        )
        print(
            "rounded half up (shares_of_counts in DuckDB; groupby in pandas), each engine in its own process."
        )
    else:
        print("\n## Pre/post view over synthetic respondent-level data")
        print("One row per respondent, item and phase; 4 groups x 20 items; DuckDB (2 threads) and pandas,")
        print("each in its own process.")
    print(
        "compute = aggregation, rounding and change only; peak = the process's maximum resident set (VmHWM)."
    )
    print(f"{'rows':>12} {'duckdb s':>9} {'pandas s':>9} {'ratio':>6} {'duckdb MB':>10} {'pandas MB':>10}")
    for m in millions:
        rows = m * 1_000_000
        res = {}
        for engine in ("duckdb", "pandas"):
            out = subprocess.run(
                [sys.executable, "-c", WORKER, engine, str(rows), str(sql_dir()), view],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            res[engine] = json.loads(out.strip().splitlines()[-1])
        d, p = res["duckdb"], res["pandas"]
        print(
            f"{rows:>12,} {d['compute_s']:>9.3f} {p['compute_s']:>9.3f} "
            f"{p['compute_s'] / d['compute_s']:>6.1f} "
            f"{d['peak_mb']:>10.0f} {p['peak_mb']:>10.0f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, nargs="*", default=[1, 10], help="millions of rows for the views")
    parser.add_argument("--skip-solvers", action="store_true")
    args = parser.parse_args()
    print(f"# coprod-data scale benchmark · python {sys.version.split()[0]} · duckdb {duckdb.__version__}")
    if not args.skip_solvers:
        con = macros()
        bench_reconstruction(con)
        bench_rates(con)
    bench_views(args.rows)
    bench_views(args.rows, "shares")
    print(f"\nmax RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
