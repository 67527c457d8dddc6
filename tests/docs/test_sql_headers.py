"""The SQL files say what each table and view holds and, for the ones users query, every
column: the site's pages per view are generated from these headers (docs/_sqldocs.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from coprod_data.db import connect, view_files

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "docs"))
import _sqldocs

#: Relations a user queries directly: every column must be documented in the header.
QUERIED = ("figure_audit", "audit_checks", "pre_post_changes", "response_rate_solutions")


@pytest.fixture(scope="module")
def docs() -> dict[str, _sqldocs.SqlObject]:
    return _sqldocs.read_all(view_files())


def test_every_table_and_view_of_the_sql_files_says_what_it_holds(docs):
    missing = [o.name for o in docs.values() if o.kind in ("table", "view") and len(o.summary) < 20]
    assert not missing, f"no header comment saying what these hold: {missing}"


def test_every_column_of_the_queried_views_is_documented(docs):
    con = connect()
    try:
        for name in QUERIED:
            columns = [r[0] for r in con.execute(f"DESCRIBE {name}").fetchall()]
            undocumented = [c for c in columns if not docs[name].columns.get(c)]
            assert not undocumented, f"{docs[name].file}: {name} lacks a header line for {undocumented}"
    finally:
        con.close()


def test_header_parsing_reads_columns_continuations_and_headers_placed_early():
    text = (
        "-- later (table): what later holds.\n"
        "--   a_col : first line\n"
        "--           and its continuation\n"
        "--   b, c  : shared description\n"
        "CREATE OR REPLACE TABLE early AS SELECT 1;\n"
        "CREATE OR REPLACE TABLE later AS SELECT 2;\n"
        "-- v: a view.\n"
        "CREATE OR REPLACE VIEW v AS SELECT 3;\n"
    )
    objs = {o.name: o for o in _sqldocs.parse(text, "x.sql")}
    assert objs["later"].summary == "what later holds."
    assert objs["later"].columns == {
        "a_col": "first line and its continuation",
        "b": "shared description",
        "c": "shared description",
    }
    assert objs["early"].summary == "" and objs["early"].columns == {}
    assert objs["v"].summary == "a view." and objs["v"].kind == "view"
