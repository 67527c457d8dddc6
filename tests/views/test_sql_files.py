"""The SQL files: generated table script in sync, naming and headers, and typed tables."""

from __future__ import annotations

import re

from coprod_data.db import connect, view_files
from coprod_data.ddl import build_tables_sql
from coprod_data.package import read_package
from coprod_data.paths import sql_dir


def test_committed_table_script_matches_the_descriptor():
    committed = (sql_dir() / "000_tables.sql").read_text(encoding="utf-8")
    assert committed == build_tables_sql(read_package(), relative=True), (
        "run: coprod-data ddl > src/coprod_data/sql/000_tables.sql"
    )


def test_view_files_are_numbered_and_start_with_a_header_comment():
    files = view_files()
    assert files and [f.name for f in files] == sorted(f.name for f in files)
    for f in files:
        assert re.match(r"^\d{3}_[a-z0-9_]+\.sql$", f.name)
        assert f.read_text(encoding="utf-8").startswith("-- "), f.name


def test_every_view_named_in_a_file_exists_and_runs():
    con = connect()
    for f in view_files():
        for name in re.findall(r"CREATE OR REPLACE VIEW ([\w.]+)", f.read_text(encoding="utf-8")):
            con.execute(f"SELECT count(*) FROM {name}").fetchone()


def test_tables_are_typed_as_in_their_schemas():
    con = connect()
    types = dict(
        con.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'counts'"
        ).fetchall()
    )
    assert types["value"] == "BIGINT" and types["figure_id"] == "VARCHAR"
    types = dict(
        con.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = 'best_feature_shares'"
        ).fetchall()
    )
    assert types["is_open_list"] == "BOOLEAN"


def test_enum_and_range_constraints_are_enforced_in_duckdb():
    con = connect()
    import duckdb
    import pytest

    with pytest.raises(duckdb.ConstraintException):
        con.execute("UPDATE understanding SET phase = 'during' WHERE figure_id = 'und-att-text-all-pre'")
    with pytest.raises(duckdb.ConstraintException):
        con.execute("UPDATE impact_ratings SET value_pct = 101 WHERE figure_id = 'imp-vcs-pre-extend_reach'")
