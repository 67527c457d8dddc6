"""Error-detection rate: single transcription mistakes, and what catches them.

    python benchmarks/mutations.py                 # 8 mutations of each kind (about 3 minutes on 2 cores)
    python benchmarks/mutations.py --per-kind 15   # the README's table (about 6 minutes)
    python benchmarks/mutations.py --per-kind 40 --seed 3

Each mutation copies the package, makes one mistake a transcriber could make, and
re-stamps the hashes (so that the hash check, which catches every edit, is not what
is measured). Then it runs validate and the audit. A mutation is caught by validate
when validate reports any problem, and by the audit when a figure or claim becomes a
discrepancy that the clean package does not have (or the audit cannot run).

Mistakes change the value and its printed token together, as a misreading would.

There is no timing here and nothing to take turns: the mistakes are drawn from the
seed, so a rerun with the same seed and code gives the same table.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

os.environ.setdefault("COPROD_DATA_CACHE", "off")

from timing import header, load

from coprod_data.auditing import audit_rows
from coprod_data.errors import CoprodDataError
from coprod_data.fileio import stamp
from coprod_data.package import fact_resources, read_package
from coprod_data.paths import package_root
from coprod_data.validation import validate

FACTS = fact_resources()
VALUE = {"counts": "value", "best_feature_shares": "share_pct", "la_action_shares": "share_pct"}
ITEM = {
    "impact_ratings": "impact_id",
    "best_feature_shares": "theme_id",
    "la_action_shares": "action_id",
    "resource_ratings": "resource_type_id",
    "response_rates": "region_id",
    "practice_rates": "practice_id",
}
KINDS = [
    "digit",
    "decimal",
    "swap_values",
    "swap_phase",
    "drop_row",
    "duplicate_row",
    "wrong_item",
    "misspell_id",
]


def read(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def write(path: Path, rows: list[list[str]]) -> None:
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def printed_for(old_printed: str, new_value: int, source_kind: str) -> str:
    """The token a transcriber would have written for the new value, in the same style."""
    if source_kind == "chart":
        return f"{new_value / 100:.2f}".rstrip("0").rstrip(".") if new_value % 100 else str(new_value // 100)
    if old_printed.endswith("%"):
        return f"{new_value}%"
    return str(new_value)


def plan(kind: str, rng: random.Random, tables: dict[str, list[list[str]]]) -> tuple[str, str, dict] | None:
    """One mutation of a kind: (resource, description, edit spec)."""
    name = rng.choice(
        [
            t
            for t in FACTS
            if kind not in ("swap_phase",) or t in ("understanding", "impact_ratings", "best_feature_shares")
        ]
    )
    if kind == "wrong_item":
        name = rng.choice([t for t in ITEM if t in tables])
    rows = tables[name]
    head, body = rows[0], rows[1:]
    vcol = head.index(VALUE.get(name, "value_pct"))
    i = rng.randrange(len(body))
    row = body[i]
    if kind in ("digit", "decimal"):
        old = int(row[vcol])
        if kind == "digit":
            digits = list(str(old))
            pos = rng.randrange(len(digits))
            choices = [
                d
                for d in "0123456789"
                if d != digits[pos] and not (pos == 0 and d == "0" and len(digits) > 1)
            ]
            digits[pos] = rng.choice(choices)
            new = int("".join(digits))
        else:
            new = old * 10 if old < 10 or rng.random() < 0.5 else old // 10
            if new == old:
                return None
        return name, f"{row[0]}: {old} -> {new}", {"op": "set", "row": i, "value": new}
    if kind == "swap_values":
        key = [c for c in ("group_id", "phase", "source_locator", "challenge_id", "subject") if c in head]
        same = [
            j
            for j, r in enumerate(body)
            if j != i and all(r[head.index(c)] == row[head.index(c)] for c in key) and r[vcol] != row[vcol]
        ]
        if not same:
            return None
        j = rng.choice(same)
        return name, f"{row[0]} <-> {body[j][0]}", {"op": "swap", "row": i, "other": j}
    if kind == "swap_phase":
        pcol = head.index("phase")
        icol = head.index(ITEM.get(name, "measure")) if name != "understanding" else head.index("measure")
        partner = [
            j
            for j, r in enumerate(body)
            if r[pcol]
            and r[pcol] != row[pcol]
            and r[icol] == row[icol]
            and r[head.index("group_id")] == row[head.index("group_id")]
            and r[head.index("source_locator")] == row[head.index("source_locator")]
            and r[vcol] != row[vcol]
        ]
        if not row[pcol] or not partner:
            return None
        return name, f"pre/post of {row[0]} swapped", {"op": "swap", "row": i, "other": partner[0]}
    if kind == "drop_row":
        return name, f"{row[0]} dropped", {"op": "drop", "row": i}
    if kind == "duplicate_row":
        return name, f"{row[0]} typed twice", {"op": "dup", "row": i}
    if kind == "wrong_item":
        icol = head.index(ITEM[name])
        others = sorted({r[icol] for r in body if r[icol] and r[icol] != row[icol]})
        if not row[icol] or not others:
            return None
        new = rng.choice(others)
        return (
            name,
            f"{row[0]}: item {row[icol]} -> {new}",
            {"op": "item", "row": i, "col": icol, "value": new},
        )
    if kind == "misspell_id":
        cols = [c for c in head if c.endswith("_id") and c not in ("figure_id",) and row[head.index(c)]]
        col = rng.choice(cols)
        old = row[head.index(col)]
        k = rng.randrange(len(old))
        new = old[:k] + old[k + 1 :] if len(old) > 3 else old + "x"
        return (
            name,
            f"{row[0]}: {col} {old} -> {new}",
            {"op": "item", "row": i, "col": head.index(col), "value": new},
        )
    raise ValueError(kind)


def apply(rows: list[list[str]], spec: dict, name: str) -> list[list[str]]:
    head, body = rows[0], [list(r) for r in rows[1:]]
    vcol = head.index(VALUE.get(name, "value_pct"))
    pcol, kcol = head.index("printed"), head.index("source_kind")
    i = spec["row"]
    if spec["op"] == "set":
        body[i][vcol] = str(spec["value"])
        body[i][pcol] = printed_for(body[i][pcol], spec["value"], body[i][kcol])
    elif spec["op"] == "swap":
        j = spec["other"]
        for c in (vcol, pcol):
            body[i][c], body[j][c] = body[j][c], body[i][c]
    elif spec["op"] == "drop":
        del body[i]
    elif spec["op"] == "dup":
        copy = list(body[i])
        copy[0] = copy[0] + "-again"
        body.insert(i + 1, copy)
    elif spec["op"] == "item":
        body[i][spec["col"]] = spec["value"]
    return [head, *body]


def baseline() -> set[str]:
    _, rows = audit_rows()
    return {r[0] for r in rows if r[11] == "discrepancy"}


def run_one(args) -> dict:
    kind, name, description, spec, base = args
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copy(package_root() / "datapackage.json", root / "datapackage.json")
        shutil.copytree(package_root() / "resources", root / "resources")
        path = root / "resources" / f"{name}.csv"
        write(path, apply(read(path), spec, name))
        stamp(root)
        report = validate(root)
        checks = sorted({p.check for p in report.problems})
        try:
            _, rows = audit_rows(root / "datapackage.json")
            new = sorted({r[0] for r in rows if r[11] == "discrepancy"} - base)
            audit = "caught" if new else "missed"
        except CoprodDataError:
            new, audit = [], "could not run"
        return {
            "kind": kind,
            "resource": name,
            "mutation": description,
            "validate": bool(report.problems),
            "validate_checks": checks,
            "audit": audit,
            "new_discrepancies": new[:5],
        }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--per-kind", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", type=Path, help="also write every result here")
    args = parser.parse_args()
    started = time.perf_counter()
    rng = random.Random(args.seed)
    pkg = read_package()
    tables = {n: read(pkg.resource(n).file) for n in FACTS}
    jobs, seen = [], set()
    base = baseline()
    for kind in KINDS:
        tries = 0
        while sum(1 for j in jobs if j[0] == kind) < args.per_kind and tries < 500:
            tries += 1
            planned = plan(kind, rng, tables)
            if planned is None or (kind, planned[1]) in seen:
                continue
            seen.add((kind, planned[1]))
            jobs.append((kind, planned[0], planned[1], planned[2], base))
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(run_one, jobs))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(header(f"Mutation benchmark: {len(results)} single mistakes, seed {args.seed}"))
    print(f"{'kind':<14} {'n':>3} {'validate':>9} {'audit':>7} {'either':>7}")
    for kind in KINDS:
        part = [r for r in results if r["kind"] == kind]
        v = sum(r["validate"] for r in part)
        a = sum(r["audit"] != "missed" for r in part)
        e = sum(r["validate"] or r["audit"] != "missed" for r in part)
        print(f"{kind:<14} {len(part):>3} {v / len(part):>8.0%} {a / len(part):>7.0%} {e / len(part):>7.0%}")
    total = len(results)
    either = sum(r["validate"] or r["audit"] != "missed" for r in results)
    print(
        f"{'all':<14} {total:>3} {sum(r['validate'] for r in results) / total:>8.0%} "
        f"{sum(r['audit'] != 'missed' for r in results) / total:>7.0%} {either / total:>7.0%}"
    )
    print("\nWhich checks fired (validate):")
    for check, n in Counter(c for r in results for c in r["validate_checks"]).most_common():
        print(f"  {check}: {n}")
    print("\nMissed by both:")
    for r in results:
        if not r["validate"] and r["audit"] == "missed":
            print(f"  [{r['kind']}] {r['resource']}: {r['mutation']}")
    print(f"\n{time.perf_counter() - started:.0f} s with {args.jobs} jobs; {load()} at the end")


if __name__ == "__main__":
    sys.exit(main())
