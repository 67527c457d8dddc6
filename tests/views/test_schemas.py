"""The main schema holds what users query (the package's resources, ``package_info`` and the
views and tables the docs send them to); the audit's intermediate steps live in the schema
``internal``. The expected lists come from the descriptor and the SQL files, not from names
written here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coprod_data.checkdata import INTERNAL_SCHEMA
from coprod_data.db import connect, view_files
from coprod_data.package import read_package
from coprod_data.paths import sql_dir
from coprod_data.sqldocs import read_all

REPO = Path(__file__).resolve().parents[2]
RELATIONS = (
    "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = current_database() "
    "AND NOT internal UNION ALL SELECT schema_name, view_name FROM duckdb_views() "
    "WHERE database_name = current_database() AND NOT internal"
)


def declared() -> dict[str, set[str]]:
    """Schema -> the relations the descriptor and the SQL files put there."""
    out: dict[str, set[str]] = {"main": {r.name for r in read_package().resources}}
    for obj in read_all([sql_dir() / "000_tables.sql", *view_files()]).values():
        if obj.kind in ("table", "view"):
            out.setdefault(obj.schema or "main", set()).add(obj.name)
    return out


@pytest.fixture(scope="module")
def con():
    con = connect()
    yield con
    con.close()


def test_the_main_schema_holds_only_what_users_query_and_internal_the_steps(con):
    want = declared()
    assert set(want) == {"main", INTERNAL_SCHEMA}
    assert len(want[INTERNAL_SCHEMA]) >= 10 and not want["main"] & want[INTERNAL_SCHEMA]
    have: dict[str, set[str]] = {}
    for schema, name in con.execute(RELATIONS).fetchall():
        have.setdefault(schema, set()).add(name)
    assert have == want
    shown = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    assert shown == want["main"]


def test_every_intermediate_relation_is_read_by_a_later_step(con):
    """A relation of the internal schema is a step: some SQL file reads it after creating it."""
    text = "\n".join(f.read_text(encoding="utf-8") for f in [sql_dir() / "000_tables.sql", *view_files()])
    code = "\n".join(line.split("--")[0] for line in text.splitlines())
    for name in declared()[INTERNAL_SCHEMA]:
        uses = re.findall(rf"(?<!TABLE )(?<!VIEW )\b{INTERNAL_SCHEMA}\.{name}\b", code)
        assert uses, f"{name} is in schema {INTERNAL_SCHEMA} but nothing reads it"


def _user_docs() -> str:
    """What a user reads: the README, the docs pages, and the cookbook the site generates."""
    pages = [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))]
    text = "\n".join(p.read_text(encoding="utf-8") for p in pages)
    gen = (REPO / "docs" / "gen_pages.py").read_text(encoding="utf-8")
    cookbook = gen[gen.index("QUERIES = [") : gen.index('write("cookbook.md"')]
    return text + "\n" + cookbook


def test_every_relation_the_docs_query_is_in_main_and_every_main_relation_is_documented():
    want = declared()
    docs = _user_docs()
    named = set(re.findall(r"\b(?:FROM|JOIN)\s+([a-z_][a-z0-9_]*)\b(?!\.)", docs))
    all_relations = want["main"] | want[INTERNAL_SCHEMA]
    assert named & want["main"], "no query of the docs was found"
    unqualified_steps = (named & all_relations) - want["main"]
    assert not unqualified_steps, f"the docs query intermediate steps as if in main: {unqualified_steps}"
    resources = {r.name for r in read_package().resources}
    undocumented = {n for n in want["main"] - resources if not re.search(rf"`{n}`|views/{n}\.md", docs)}
    assert not undocumented, f"in main but not named in the README, docs or cookbook: {undocumented}"
