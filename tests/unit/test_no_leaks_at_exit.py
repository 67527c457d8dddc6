"""A run that uses the API and the command line ends quietly: no DuckDB object is alive when
the interpreter exits, so nanobind (DuckDB's bindings) prints no "leaked instance" lines after
pytest's summary."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import coprod_data
    from coprod_data.cli import run
    from coprod_data.db import connect, query
    from tests.clirunner import CliRunner

    assert len(coprod_data.audit()) > 0 and len(coprod_data.audit_checks()) > 0
    con = connect()
    assert con.execute("SELECT count(*) FROM internal.check_inputs").fetchone()[0] > 0
    con.close()
    assert query("SELECT count(*) AS n FROM figure_audit").n.item() > 0
    runner = CliRunner()
    # a usage error, then a failed query: the sequence that left DuckDB objects alive at exit
    assert runner.invoke(run, ["audit", "--status", "great"]).exit_code == 2
    assert runner.invoke(run, ["sql", "SELEC 1"]).exit_code == 2
    assert runner.invoke(run, ["audit", "--document", "nowhere"]).exit_code == 2
    print("done")
    """
)


def test_using_the_api_and_the_cli_leaves_no_duckdb_object_alive_at_exit(tmp_path):
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        env={"PATH": "/usr/bin:/bin", "COPROD_DATA_CACHE": str(tmp_path / "cache"), "HOME": str(tmp_path)},
    )
    assert run.returncode == 0 and run.stdout.strip() == "done", run.stderr[-3000:]
    assert "leaked" not in run.stderr, run.stderr[-3000:]


def test_the_probe_sees_a_leak_when_there_is_one(tmp_path):
    """A DuckDB type object kept alive on purpose (one reference never given back) is reported
    at exit, so the test above would see a real one."""
    script = (
        "import ctypes, duckdb\n"
        "con = duckdb.connect()\n"
        "kept = con.execute('SELECT 1 AS x').description[0][1]\n"
        "ctypes.pythonapi.Py_IncRef(ctypes.py_object(kept))\n"
        "con.close()\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "leaked instance" in run.stderr
