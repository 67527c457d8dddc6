"""Fixtures for the property tests: DuckDB connections holding the SQL under test."""

from __future__ import annotations

import duckdb
import pytest

from coprod_data.paths import sql_dir
from tests.views.minidb import mini_db


@pytest.fixture(scope="session")
def macros() -> duckdb.DuckDBPyConnection:
    """The rounding and table macros alone (010, 015), on an empty database."""
    con = duckdb.connect()
    for name in ("010_rounding_macros.sql", "015_table_macros.sql"):
        con.execute((sql_dir() / name).read_text(encoding="utf-8"))
    return con


@pytest.fixture(scope="session")
def views() -> duckdb.DuckDBPyConnection:
    """Every table (empty) and every view; tests replace the rows they need."""
    return mini_db()
