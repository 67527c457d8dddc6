"""The README's ``cat src/coprod_data/sql/*.sql | duckdb FILE`` (run from the repository
root, or after ``cd`` into it) builds the same database as Python, and can run again on
the same file."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

from coprod_data.db import connect
from coprod_data.paths import package_root

CLI = Path(sys.executable).with_name("duckdb")
REPO = Path(__file__).resolve().parents[2]

# every table of every schema: the ones users query (main) and the intermediate steps (internal)
COUNTS = (
    "SELECT schema_name || '.' || table_name, estimated_size FROM duckdb_tables() "
    "WHERE database_name = current_database() AND NOT internal ORDER BY 1"
)
UNCOMMENTED = (
    "SELECT count(*) FROM duckdb_columns() WHERE database_name = current_database() "
    "AND NOT internal AND (comment IS NULL OR comment = '')"
)


def _readme_command(database: Path) -> str:
    """What the README tells a user in another folder to run."""
    cli, target = shlex.quote(str(CLI)), shlex.quote(str(database))
    return f"cd {shlex.quote(str(REPO))} && cat src/coprod_data/sql/*.sql | {cli} {target}"


def _cli(database: Path, sql: str) -> list[list[str]]:
    out = subprocess.run(
        [str(CLI), "-readonly", "-csv", "-noheader", str(database), "-c", sql],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    return [line.split(",") for line in out.stdout.splitlines()]


def test_the_sql_scripts_build_the_database_and_run_again_on_the_same_file(tmp_path):
    assert CLI.is_file(), "duckdb-cli is a test dependency; install the test extras"
    assert (REPO / "datapackage.json").resolve() == (package_root() / "datapackage.json").resolve()
    database = tmp_path / "coprod.duckdb"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    results = []
    for _ in range(2):
        run = subprocess.run(
            ["bash", "-c", _readme_command(database)],
            cwd=elsewhere,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert run.returncode == 0 and "Error" not in run.stderr + run.stdout, run.stderr[-2000:]
        results.append(_cli(database, COUNTS))
    assert results[0] == results[1]
    assert any(t.startswith("internal.") for t, _n in results[1]), "no intermediate step was built"
    con = connect()
    try:
        python = [[t, str(n)] for t, n in con.execute(COUNTS).fetchall()]
        statuses = con.execute("SELECT status, count(*) FROM figure_audit GROUP BY 1 ORDER BY 1").fetchall()
    finally:
        con.close()
    assert results[1] == python
    assert _cli(database, "SELECT status, count(*) FROM figure_audit GROUP BY 1 ORDER BY 1") == [
        [s, str(n)] for s, n in statuses
    ]
    assert _cli(database, UNCOMMENTED) == [["0"]]
