"""Fixtures for the property tests: DuckDB databases holding the SQL under test.

Each fixture is a :class:`~tests.views.minidb.Fresh`: call it in the test body, once
per example, to get the database as built (no rows, tables or views left by any other
test or example).
"""

from __future__ import annotations

import duckdb
import pytest

from coprod_data.paths import sql_dir
from tests.views.minidb import Fresh, mini_db


def _macros() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for name in ("010_rounding_macros.sql", "015_table_macros.sql"):
        con.execute((sql_dir() / name).read_text(encoding="utf-8"))
    return con


@pytest.fixture(scope="session")
def macros() -> Fresh:
    """The rounding and table macros alone (010, 015), on an empty database."""
    return Fresh(_macros)


@pytest.fixture(scope="session")
def views() -> Fresh:
    """Every table (empty) and every view; tests insert the rows they need."""
    return Fresh(mini_db)
