"""Hardening, found in review of round two (issue 9): what the first fixes still let through.

Each test here failed on the code before the fix it guards.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from coprod_data import cache
from coprod_data.cli import run
from coprod_data.db import export, query_rows, remove_leftovers
from tests.clirunner import CliRunner
from tests.conftest import edit_cell

runner = CliRunner()


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


# --- leftovers: only what we wrote, however a user's name looks ---------------------------


def test_a_users_files_named_like_leftovers_are_kept(tmp_path, monkeypatch):
    pid = dead_pid()
    monkeypatch.setenv("COPROD_DATA_CACHE", str(tmp_path / "cache"))
    (tmp_path / "cache").mkdir()
    results = tmp_path / f"coprod-data-export-{pid}-results"  # a user's own folder
    results.mkdir()
    (results / "thesis.txt").write_text("precious", encoding="utf-8")
    notes = tmp_path / f"coprod-data-old-{pid}-notes.txt"
    notes.write_text("keep", encoding="utf-8")
    hidden = tmp_path / f".coprod-data-export-{pid}-abcd1234"  # our pattern, not our content
    hidden.mkdir()
    (hidden / "draft.md").write_text("keep", encoding="utf-8")
    draft = tmp_path / "cache" / f".coprod-data-build-{pid}-draft.md"
    draft.write_text("not a database", encoding="utf-8")
    huge = tmp_path / "cache" / ".coprod-data-build-99999999999999999999999-x"
    huge.write_bytes(b"")
    assert runner.invoke(run, ["sql", "SELECT 1"]).exit_code == 0
    export(tmp_path / "out.duckdb")
    assert (results / "thesis.txt").read_text(encoding="utf-8") == "precious"
    assert notes.exists() and (hidden / "draft.md").exists() and draft.exists() and huge.exists()


def test_real_leftovers_of_a_dead_run_are_still_removed(tmp_path):
    pid = dead_pid()
    build = tmp_path / f".coprod-data-build-{pid}-out.duckdb"
    duckdb.connect(str(build)).close()
    wal = tmp_path / f".coprod-data-build-{pid}-out.duckdb.wal"
    wal.write_bytes(b"x")
    staging = tmp_path / f".coprod-data-export-{pid}-ab_cd123"
    staging.mkdir()
    (staging / "claims.parquet").write_bytes(b"PAR1")
    old = tmp_path / f".coprod-data-old-{pid}-out.duckdb"
    duckdb.connect(str(old)).close()
    removed = remove_leftovers(tmp_path)
    assert sorted(p.name for p in removed) == sorted(p.name for p in (build, wal, staging, old))
    assert not os.listdir(tmp_path)


# --- the cache check covers every table and view, not the audit tables alone ---------------

EDITS = {
    "a row of a resource": "UPDATE claims SET statement = 'EDITED'",
    "a replaced table": "CREATE OR REPLACE TABLE figure_audit AS "
    "SELECT * FROM figure_audit WHERE status <> 'discrepancy'",
    "a replaced view": "CREATE OR REPLACE VIEW pre_post_changes AS SELECT 1 AS x",
    "a replaced macro": "CREATE OR REPLACE MACRO fmt_num(x) AS 'EDITED'",
    "an added table": "CREATE TABLE extra AS SELECT 1 AS x",
    "a row of an intermediate table": "UPDATE internal.check_inputs SET value = -1 WHERE value IS NOT NULL",
    "a replaced intermediate view": "CREATE OR REPLACE VIEW internal.rounding_rules AS SELECT 'x' AS r",
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_a_cache_edited_anywhere_is_rebuilt(tmp_path, monkeypatch, edit):
    monkeypatch.setenv("COPROD_DATA_CACHE", str(tmp_path / "cache"))
    path = cache.cached_database()
    assert path is not None
    truth = query_rows("SELECT count(*) FROM figure_audit WHERE status = 'discrepancy'")[1]
    con = duckdb.connect(str(path))  # someone edits the file behind our back
    con.execute(EDITS[edit])
    con.close()
    assert query_rows("SELECT count(*) FROM claims WHERE statement = 'EDITED'")[1] == [(0,)]
    assert query_rows("SELECT count(*) FROM figure_audit WHERE status = 'discrepancy'")[1] == truth
    assert query_rows("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'extra'")[1] == [(0,)]
    assert query_rows("SELECT fmt_num(2)")[1] != [("EDITED",)]
    assert query_rows("SELECT count(*) FROM internal.check_inputs WHERE value = -1")[1] == [(0,)]
    assert query_rows("SELECT count(*) FROM internal.rounding_rules")[1] == [(3,)]
    assert truth[0][0] > 0


# --- an odd resource file, or an odd descriptor, is one message from every command ---------


def _odd_resource(pkg: Path, case: str) -> None:
    csv = pkg.parent / "resources" / "regions.csv"
    csv.unlink()
    if case == "fifo":
        os.mkfifo(csv)
    elif case == "zero":
        csv.symlink_to("/dev/zero")
    elif case == "loop":
        csv.symlink_to(csv)
    else:
        csv.mkdir()


@pytest.mark.parametrize("case", ["fifo", "zero", "loop", "folder"])
def test_an_odd_resource_file_is_one_message_from_every_command(pkg_copy, tmp_path, case):
    _odd_resource(pkg_copy, case)
    env = {**os.environ, "COPROD_DATA_CACHE": str(tmp_path / "cache")}
    for args in (
        ["stamp", str(pkg_copy)],
        ["audit", "--package", str(pkg_copy)],
        ["sql", "SELECT 1", "--package", str(pkg_copy)],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "coprod_data.cli", *args],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
        )
        assert result.returncode == 2, (args, result.stderr)
        assert result.stderr.startswith("coprod-data: error: ") and result.stderr.count("\n") == 1


def test_a_descriptor_with_a_number_too_long_is_one_message(pkg_copy):
    text = pkg_copy.read_text(encoding="utf-8").rstrip().removesuffix("}")
    pkg_copy.write_text(text + ', "x": ' + "9" * 5000 + "}", encoding="utf-8")
    for args in (["validate", str(pkg_copy)], ["sql", "SELECT 1", "--package", str(pkg_copy)]):
        result = runner.invoke(run, args)
        assert result.exit_code == 2 and "number too long" in result.output, result.output


def test_stamp_reads_a_descriptor_with_a_bom_as_every_other_command_does(pkg_copy):
    pkg_copy.write_bytes(b"\xef\xbb\xbf" + pkg_copy.read_bytes())
    result = runner.invoke(run, ["stamp", str(pkg_copy)])
    assert result.exit_code == 0, result.output
    assert json.loads(pkg_copy.read_text(encoding="utf-8"))["resources"]


# --- every output format escapes terminal controls --------------------------------------


def test_validate_json_escapes_c1_controls(pkg_copy):
    edit_cell(pkg_copy, "counts", "cnt-att-respondents-pre", "qualifier", "bad\x9b2J\x1b[2Jclear")
    result = runner.invoke(run, ["validate", str(pkg_copy), "--format", "json"])
    assert result.exit_code == 1
    assert "\x9b" not in result.output and "\x1b" not in result.output
    messages = [p["message"] for p in json.loads(result.output)["problems"]]
    # the value is named as typed, its controls shown as escapes
    assert any("bad\\x9b2J\\x1b[2Jclear" in m for m in messages), messages


# --- a DuckDB log left beside a file is never replayed into a new one ----------------------


def _leave_a_log(database: Path, statement: str) -> None:
    """Change ``database`` read-write and die before the change reaches the file: a WAL is left."""
    code = (
        "import duckdb, os, sys; c = duckdb.connect(sys.argv[1]); "
        "c.execute(\"SET checkpoint_threshold = '1TB'\"); c.execute(sys.argv[2]); os._exit(9)"
    )
    subprocess.run([sys.executable, "-c", code, str(database), statement], check=False)
    assert database.with_name(database.name + ".wal").exists()


def test_force_over_an_export_with_a_log_writes_a_fresh_file(tmp_path, monkeypatch):
    monkeypatch.setenv("COPROD_DATA_CACHE", "off")
    target = tmp_path / "out.duckdb"
    export(target)
    _leave_a_log(target, "CREATE TABLE mine AS SELECT 42 AS x")
    export(target, force=True)
    con = duckdb.connect(str(target), read_only=True)
    assert con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'mine'").fetchone() == (0,)
    con.close()
    assert sorted(os.listdir(tmp_path)) == ["out.duckdb"]


def test_export_refuses_a_name_with_a_stray_log_beside_it(tmp_path, monkeypatch):
    monkeypatch.setenv("COPROD_DATA_CACHE", "off")
    target = tmp_path / "out.duckdb"
    export(target)
    _leave_a_log(target, "CREATE TABLE mine AS SELECT 42 AS x")
    target.unlink()  # the file is gone, its log is not
    for force in (False, True):
        result = runner.invoke(run, ["export", str(target), *(["--force"] if force else [])])
        assert result.exit_code == 2 and "out.duckdb.wal" in result.output
    assert not target.exists() and (tmp_path / "out.duckdb.wal").exists()


def test_a_log_beside_the_cached_file_is_dropped_once(tmp_path, monkeypatch):
    monkeypatch.setenv("COPROD_DATA_CACHE", str(tmp_path / "cache"))
    path = cache.cached_database()
    assert path is not None
    _leave_a_log(path, "UPDATE claims SET statement = 'EDITED'")
    assert query_rows("SELECT count(*) FROM claims WHERE statement = 'EDITED'")[1] == [(0,)]
    rebuilt = path.stat().st_mtime_ns
    assert not path.with_name(path.name + ".wal").exists()
    query_rows("SELECT 1")
    assert path.stat().st_mtime_ns == rebuilt  # used as it is, not rebuilt on every run
