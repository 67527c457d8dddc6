"""Every table, view and column of the database says what it holds (``COMMENT ON``, from the
descriptor and the SQL files' headers), and the descriptor's foreign keys are in the DDL."""

from __future__ import annotations

import duckdb
import pytest

from coprod_data import db
from coprod_data.db import COMMENTS_FILE, comments_database, comments_script, connect
from coprod_data.ddl import in_dependency_order
from coprod_data.errors import CoprodDataError
from coprod_data.package import read_package
from coprod_data.paths import sql_dir

# the relations users query (main) and the intermediate steps (schema internal) alike
MAIN = "database_name = current_database() AND NOT internal"


@pytest.fixture(scope="module")
def con():
    c = connect()
    yield c
    c.close()


def _uncommented(con, sql: str) -> list:
    return con.execute(sql + " AND (comment IS NULL OR trim(comment) = '')").fetchall()


def test_every_table_and_view_carries_its_description(con):
    schemas = {
        r[0] for r in con.execute(f"SELECT DISTINCT schema_name FROM duckdb_tables() WHERE {MAIN}").fetchall()
    }
    assert schemas == {"main", "internal"}
    assert not _uncommented(con, f"SELECT table_name FROM duckdb_tables() WHERE {MAIN}")
    assert not _uncommented(con, f"SELECT view_name FROM duckdb_views() WHERE {MAIN}")


def test_every_column_carries_its_description(con):
    missing = _uncommented(con, f"SELECT table_name, column_name FROM duckdb_columns() WHERE {MAIN}")
    assert not missing, f"{len(missing)} columns without a comment, e.g. {missing[:10]}"


def test_table_and_column_comments_are_the_descriptors(con):
    for res in read_package().resources:
        (comment,) = con.execute(
            "SELECT comment FROM duckdb_tables() WHERE table_name = ?", [res.name]
        ).fetchone()
        assert comment == " ".join((res.description or res.title).split())
        cols = dict(
            con.execute(
                "SELECT column_name, comment FROM duckdb_columns() WHERE table_name = ?", [res.name]
            ).fetchall()
        )
        for f in res.fields:
            assert cols[f.name] == " ".join(f.description.split()), (res.name, f.name)


def test_committed_comment_script_matches_the_headers(con):
    committed = (sql_dir() / "990_comments.sql").read_text(encoding="utf-8")
    assert committed == comments_script(con), (
        "run: coprod-data ddl --comments > src/coprod_data/sql/990_comments.sql"
    )


def test_a_stale_comment_script_does_not_stop_its_own_regeneration(tmp_path, monkeypatch):
    """After a relation is moved or renamed, the committed script names what no longer exists:
    the build fails on it, but ``coprod-data ddl --comments`` builds without it."""
    stale = tmp_path / COMMENTS_FILE
    stale.write_text("COMMENT ON TABLE no_such_relation IS 'moved away';\n", encoding="utf-8")
    files = [f for f in db.view_files() if f.name != COMMENTS_FILE] + [stale]
    monkeypatch.setattr(db, "view_files", lambda: files)
    with pytest.raises(CoprodDataError, match=COMMENTS_FILE):
        connect().close()
    fresh = comments_database()
    try:
        assert comments_script(fresh) == (sql_dir() / COMMENTS_FILE).read_text(encoding="utf-8")
    finally:
        fresh.close()


def test_foreign_keys_of_the_descriptor_are_enforced(con):
    pkg = read_package()
    declared = {
        (r.name, fk.fields, fk.resource)
        for r in pkg.resources
        for fk in r.foreign_keys
        if fk.resource != r.name
    }
    rows = con.execute(
        "SELECT table_name, constraint_column_names, referenced_table FROM duckdb_constraints() "
        "WHERE constraint_type = 'FOREIGN KEY' AND database_name = current_database()"
    ).fetchall()
    assert {(t, tuple(c), ref) for t, c, ref in rows} == declared
    order = [r.name for r in in_dependency_order(pkg)]
    for name, _fields, ref in declared:
        assert order.index(ref) < order.index(name)
    # a row pointing at a missing key is refused by the database itself
    res = next(r for r in pkg.resources if r.foreign_keys and r.foreign_keys[0].resource != r.name)
    fk = res.foreign_keys[0]
    copy = duckdb.connect()
    try:
        from coprod_data.ddl import create_table_sql

        for r in in_dependency_order(pkg):
            copy.execute(create_table_sql(r))
        cols = ", ".join(f'"{f.name}"' for f in res.fields)
        values = ", ".join("'no-such-key'" if f.name in fk.fields else "NULL" for f in res.fields)
        with pytest.raises(duckdb.ConstraintException):
            copy.execute(f'INSERT INTO "{res.name}" ({cols}) VALUES ({values})')
    finally:
        copy.close()


def test_a_prose_line_that_looks_like_a_column_stays_in_the_summary():
    """A header line at the prose indent ('-- pass_chance: ...') is part of the relation's
    description; only an indented line ('--   col : ...') documents a column."""
    from coprod_data.sqldocs import parse

    sql = (
        "-- t (table): what it holds.\n"
        "-- pass_chance: how likely a random value passes.\n"
        "--   x : the x column\n"
        "CREATE TABLE t AS SELECT 1 AS x, 0.5 AS pass_chance;\n"
    )
    (obj,) = parse(sql, "t.sql")
    assert obj.summary == "what it holds. pass_chance: how likely a random value passes."
    assert obj.columns == {"x": "the x column"}
