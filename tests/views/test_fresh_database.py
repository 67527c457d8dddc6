"""The shared test database is handed out as built, whatever an earlier test did to it."""

from __future__ import annotations

from tests.views.minidb import Fresh, mini_db


def test_fresh_undoes_rows_tables_and_views_left_by_an_earlier_test():
    fresh = Fresh(mini_db)
    con = fresh()
    listing = "SELECT schema_name || '.' || table_name FROM duckdb_tables() WHERE NOT internal"
    tables = [r[0] for r in con.execute(listing).fetchall()]
    views = dict(con.execute("SELECT view_name, sql FROM duckdb_views() WHERE NOT internal").fetchall())
    assert "main.impact_ratings" in tables and "internal.check_inputs" in tables and "ranked_figures" in views
    # what earlier tests did: rows in a table, a table and a view of their own, views replaced or dropped
    con.execute(
        "INSERT INTO impact_ratings VALUES ('f0', 'attitude_survey', '4.2', NULL, 'chart', 'c', 'vcs', "
        "'pre', 'i0', 'x', 1, 0, '0%', NULL)"
    )
    con.execute("DELETE FROM package_info")
    con.execute("CREATE TEMP TABLE r AS SELECT 1 AS x")
    con.execute("CREATE TABLE leftover AS SELECT 1 AS x")
    con.execute("CREATE VIEW extra AS SELECT 1 AS x")
    con.execute("CREATE OR REPLACE VIEW ranked_figures AS SELECT 'f0' AS figure_id, 99 AS value_rank")
    con.execute("DROP VIEW audit_summary")
    assert con.execute("SELECT count(*) FROM ranked_figures").fetchone() == (1,)

    con = fresh()
    now = [r[0] for r in con.execute(listing).fetchall()]
    assert sorted(now) == sorted(tables)
    assert (
        dict(con.execute("SELECT view_name, sql FROM duckdb_views() WHERE NOT internal").fetchall()) == views
    )
    for name in tables:
        want = 1 if name == "main.package_info" else 0
        assert con.execute(f"SELECT count(*) FROM {name}").fetchone() == (want,), name
    assert con.execute("SELECT * FROM package_info").fetchall() == [("mini", "0", "")]
    assert con.execute("SELECT count(*) FROM ranked_figures").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM audit_summary").fetchone() == (0,)
