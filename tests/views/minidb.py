"""Build a DuckDB database with the package's table definitions and hand-made rows.

The views run over tables that hold only the rows a test gives, so each test's
expected answer can be worked out by hand, independent of the package data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import duckdb

from coprod_data.checkdata import generated_views_sql
from coprod_data.db import view_files
from coprod_data.ddl import create_table_sql, quote_ident
from coprod_data.package import read_package

DEFAULTS = {"integer": 0, "number": 0.0, "boolean": False, "string": "x"}


def _row(resource, values: dict[str, Any]) -> list[Any]:
    out = []
    for f in resource.fields:
        if f.name in values:
            out.append(values[f.name])
        elif f.required or f.name in resource.primary_key:
            out.append(f.enum[0] if f.enum else DEFAULTS[f.type])
        else:
            out.append(None)
    return out


def mini_db(**tables: list[dict[str, Any]]) -> duckdb.DuckDBPyConnection:
    """A connection with every table created (empty unless rows are given), the views
    generated from the descriptor and every SQL file (the check layer materialised)."""
    pkg = read_package()
    con = duckdb.connect()
    for res in pkg.resources:
        # hand-made rows name only what a test needs, so references are not enforced here
        con.execute(create_table_sql(res, foreign_keys=False))
        rows = tables.get(res.name, [])
        if rows:
            marks = ", ".join("?" for _ in res.fields)
            con.executemany(
                f"INSERT INTO {quote_ident(res.name)} VALUES ({marks})", [_row(res, r) for r in rows]
            )
    _package_info(con)
    con.execute(generated_views_sql(pkg))
    for view in view_files():
        con.execute(view.read_text(encoding="utf-8"))
    return con


def _package_info(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "CREATE OR REPLACE TABLE package_info AS SELECT 'mini' AS name, '0' AS version, '' AS created"
    )


def _relations(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str, str, str], tuple[int, str]]:
    """Every table and view a user made, (kind, database, schema, name) -> (oid, its SQL)."""
    rows = con.execute(
        "SELECT 'TABLE', database_name, schema_name, table_name, table_oid, sql FROM duckdb_tables() "
        "WHERE NOT internal UNION ALL "
        "SELECT 'VIEW', database_name, schema_name, view_name, view_oid, sql FROM duckdb_views() "
        "WHERE NOT internal"
    ).fetchall()
    return {tuple(r[:4]): (r[4], r[5]) for r in rows}


def _name(database: str, schema: str, name: str) -> str:
    return ".".join(quote_ident(part) for part in (database, schema, name))


class Fresh:
    """A database built once, handed out in the state it was built in.

    Building is slow (about a second for the views), and a Hypothesis test runs many
    examples, so one database serves a whole session; but every call returns it as
    built: every table or view made or replaced since is dropped, every one dropped or
    replaced is made again from its original SQL, every table the build made is
    emptied and ``package_info`` refilled. A test therefore never reads rows, tables or
    views that another test, or another example of the same test, left behind.
    """

    def __init__(self, build: Callable[[], duckdb.DuckDBPyConnection]) -> None:
        self._con = build()
        self._built = _relations(self._con)

    def __call__(self) -> duckdb.DuckDBPyConnection:
        con = self._con
        now = _relations(con)
        stale = [k for k, (_, sql) in now.items() if self._built.get(k, (0, None))[1] != sql]
        for kind, *where in sorted(stale, key=lambda k: k[0] != "VIEW"):  # views before tables
            con.execute(f"DROP {kind} IF EXISTS {_name(*where)}")
        for key, (_, sql) in sorted(self._built.items(), key=lambda kv: (kv[0][0] != "TABLE", kv[1][0])):
            if key not in now or key in stale:
                con.execute(sql)  # tables first, then views in the order they were made
        empty = [f"DELETE FROM {_name(*k[1:])};" for k in self._built if k[0] == "TABLE"]
        if empty:
            con.execute(" ".join(empty))  # one round trip
        if any(k[3] == "package_info" for k in self._built):
            _package_info(con)
        return con


def pct_row(fid: str, value: int, document_id: str, **extra: Any) -> dict[str, Any]:
    """A printed percentage (a row of ``impact_ratings``): a vcs, pre-workshop text figure
    unless ``extra`` says otherwise."""
    row = {
        "figure_id": fid,
        "document_id": document_id,
        "source_kind": "text",
        "group_id": "vcs",
        "phase": "pre",
        "impact_id": fid,
        "item_label": fid,
        "value_pct": value,
        "printed": f"{value}%",
    }
    row.update(extra)
    return row


def count_row(fid: str, value: int, document_id: str, qualifier: str = "exact") -> dict[str, Any]:
    """A printed count of people (a row of ``counts``)."""
    return {
        "figure_id": fid,
        "document_id": document_id,
        "subject": "respondents",
        "value": value,
        "qualifier": qualifier,
        "unit": "people",
        "printed": str(value),
    }


def las(region_counts: dict[str, int]) -> dict[str, list[dict[str, Any]]]:
    """Regions and local authorities: n authorities in each named region."""
    regions, authorities, code = [], [], 200
    for i, (region, n) in enumerate(region_counts.items(), start=1):
        regions.append(
            {"region_id": region, "label": region, "normalised_label": region, "gss_code": f"E1200000{i}"}
        )
        for j in range(n):
            code += 1
            authorities.append(
                {
                    "la_id": f"{region}_{j}",
                    "name": f"{region} {j}",
                    "region_id": region,
                    "dfe_la_code": code,
                    "gss_code": f"E06{code:06d}",
                }
            )
    return {"regions": regions, "local_authorities": authorities}


def rebuild(con: duckdb.DuckDBPyConnection, *prefixes: str) -> None:
    """Run the SQL files again (those whose name starts with one of ``prefixes``, default
    all), so that the materialised check layer reads the current rows."""
    for view in view_files():
        if not prefixes or view.name.startswith(prefixes):
            con.execute(view.read_text(encoding="utf-8"))


def set_share_list(con: duckdb.DuckDBPyConnection, values: list[int], order: list[int] | None = None) -> None:
    """Replace the shares and checks by one closed share_list check over ``values``
    (inserted in ``order``) and recompute it."""
    con.execute("DELETE FROM best_feature_shares")
    con.execute("DELETE FROM check_members")
    con.execute("DELETE FROM checks")
    con.execute(
        "INSERT INTO checks (check_id, kind, document_id, statement, relation) "
        "VALUES ('l', 'share_list', 'attitude_survey', 's', 'closed')"
    )
    for i in order if order is not None else range(len(values)):
        p = values[i]
        con.execute(
            "INSERT INTO best_feature_shares VALUES (?, 'attitude_survey', 'x', NULL, 'table', NULL, "
            "'vcs', 'pre', ?, ?, ?, false, ?, NULL)",
            [f"f{i}", f"t{i}", i + 1, p, f"{p}%"],
        )
        con.execute(
            "INSERT INTO check_members (check_id, position, term, role, figure_id) "
            "VALUES ('l', ?, 'share', 'member', ?)",
            [i + 1, f"f{i}"],
        )
    rebuild(con, "020", "032", "090")
