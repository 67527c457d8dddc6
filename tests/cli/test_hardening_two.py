"""Hardening, round two: what a read-only command may touch, what it reads, and how it fails.

Each test here failed on the code before the fix it guards (issue 9), except two regression
guards that passed before as after: an earlier database export is still replaced by --force,
and JSON nested 200 deep under ``resources`` was already refused.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

import coprod_data
from coprod_data import cache
from coprod_data.cli import run
from coprod_data.db import export, open_read_only, query_rows, run_query
from coprod_data.errors import CoprodDataError
from tests.clirunner import CliRunner
from tests.conftest import edit_cell

runner = CliRunner()


def cli(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(run, list(args), env=env)


@pytest.fixture
def cache_in(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("COPROD_DATA_CACHE", str(folder))
    return folder


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


# --- the cache folder is shared ground ---------------------------------------------------


def test_eviction_removes_only_the_caches_own_files(cache_in):
    cache_in.mkdir(parents=True)
    mine = [cache_in / f"my_project_{i}.duckdb" for i in range(10)]
    for i, f in enumerate(mine):
        duckdb.connect(str(f)).close()
        os.utime(f, (1_000_000 + i, 1_000_000 + i))  # older than anything the cache writes
    ours = [cache_in / f"coprod-data-{i:032x}.duckdb" for i in range(cache.KEEP + 2)]
    for i, f in enumerate(ours):
        f.write_bytes(b"")
        os.utime(f, (2_000_000 + i, 2_000_000 + i))
    assert cli("audit", "--format", "csv").exit_code == 0
    assert all(f.is_file() for f in mine)
    kept = [p for p in cache_in.iterdir() if cache.CACHED_NAME.match(p.name)]
    assert len(kept) == cache.KEEP


# --- export --force replaces only what an export wrote -----------------------------------


def test_force_refuses_to_overwrite_a_file_export_did_not_write(tmp_path):
    notes = tmp_path / "notes.duckdb"
    notes.write_text("my notes", encoding="utf-8")
    result = cli("export", str(notes), "--force")
    assert result.exit_code == 2 and "refusing to overwrite" in result.output
    assert notes.read_text(encoding="utf-8") == "my notes"
    theirs = tmp_path / "theirs.duckdb"
    con = duckdb.connect(str(theirs))
    con.execute("CREATE TABLE t AS SELECT 42 AS answer")
    con.close()
    assert cli("export", str(theirs), "--force").exit_code == 2
    assert duckdb.connect(str(theirs), read_only=True).execute("SELECT answer FROM t").fetchall() == [(42,)]


def test_force_replaces_an_earlier_database_export(tmp_path):
    target = tmp_path / "out.duckdb"
    assert cli("export", str(target)).exit_code == 0
    result = cli("export", str(target), "--force")
    assert result.exit_code == 0, result.output
    con = duckdb.connect(str(target), read_only=True)
    assert con.execute("SELECT count(*) FROM local_authorities").fetchone()[0] == 152
    con.close()


def test_force_keeps_a_users_parquet_file_in_an_export_folder(tmp_path):
    folder = tmp_path / "pq"
    assert cli("export", f"{folder}/").exit_code == 0
    own = folder / "my_analysis.parquet"
    own.write_bytes(b"PAR1 mine")
    result = cli("export", f"{folder}/", "--force")
    assert result.exit_code == 2 and "my_analysis.parquet" in result.output
    assert own.read_bytes() == b"PAR1 mine"
    own.unlink()
    assert cli("export", f"{folder}/", "--force").exit_code == 0


def test_force_refuses_a_folder_of_parquet_files_without_the_marker(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "survey.parquet").write_bytes(b"PAR1 theirs")
    assert cli("export", str(folder), "--force").exit_code == 2
    assert (folder / "survey.parquet").read_bytes() == b"PAR1 theirs"


# --- what is validated is what is read ---------------------------------------------------


def test_a_path_with_glob_characters_is_read_literally_by_every_command(pkg_copy, monkeypatch):
    monkeypatch.setenv("COPROD_DATA_CACHE", "off")
    res = pkg_copy.parent / "resources"
    (res / "regions.csv").rename(res / "[r]egions.csv")
    outside = pkg_copy.parent.parent / "outside.csv"
    text = (res / "[r]egions.csv").read_text(encoding="utf-8")
    outside.write_text(text.replace("North East", "Somewhere Else"), encoding="utf-8")
    (res / "regions.csv").symlink_to(outside)  # what DuckDB's glob would find
    d = json.loads(pkg_copy.read_text(encoding="utf-8"))
    for r in d["resources"]:
        if r["name"] == "regions":
            r["path"] = "resources/[r]egions.csv"
    pkg_copy.write_text(json.dumps(d), encoding="utf-8")
    assert coprod_data.validate(pkg_copy).ok
    _, rows = query_rows("SELECT label FROM regions WHERE region_id = 'north_east'", pkg_copy)
    assert rows == [("North East",)]


# --- the cache is checked, never trusted by its name ------------------------------------


def _cached_file(cache_in: Path) -> Path:
    path = cache.cached_database()
    assert path is not None and path.parent == cache_in
    return path


def test_connect_opens_a_cached_file_read_only(cache_in):
    path = _cached_file(cache_in)
    con = coprod_data.connect(path)
    with pytest.raises(duckdb.Error):
        con.execute("UPDATE figure_audit SET status = 'reproduced'")
    con.close()
    with pytest.raises(CoprodDataError, match="read-only"):
        coprod_data.connect(path, read_only=False)


def test_an_edited_cache_is_rebuilt(cache_in):
    path = _cached_file(cache_in)
    before = query_rows("SELECT count(*) FROM figure_audit WHERE status = 'discrepancy'")[1]
    con = duckdb.connect(str(path))  # someone edits the file behind our back
    con.execute("UPDATE figure_audit SET status = 'reproduced'")
    con.close()
    assert query_rows("SELECT count(*) FROM figure_audit WHERE status = 'discrepancy'")[1] == before
    assert before[0][0] > 0


@pytest.mark.parametrize("content", ["empty-duckdb", "garbage", "zero-bytes"])
def test_a_broken_cache_file_is_replaced(cache_in, content):
    path = _cached_file(cache_in)
    path.unlink()
    if content == "empty-duckdb":
        duckdb.connect(str(path)).close()
    elif content == "garbage":
        path.write_bytes(os.urandom(5000))
    else:
        path.write_bytes(b"")
    assert cli("audit", "--format", "csv").exit_code == 0
    con = duckdb.connect(str(path), read_only=True)  # replaced by a good one
    assert con.execute("SELECT count(*) FROM figure_audit").fetchone()[0] > 0
    con.close()


# --- both modes refuse the same things ---------------------------------------------------

ATTACKS = [
    "SELECT * FROM glob('*')",
    "SELECT * FROM glob('.tmp/*')",
    "SELECT * FROM read_text('.tmp/x.txt')",
    "EXPLAIN ANALYZE DELETE FROM claims",
    "EXPLAIN ANALYZE CREATE TABLE x AS SELECT 1",
    "EXPLAIN ANALYZE INSERT INTO claims SELECT * FROM claims",
    "EXPLAIN (FORMAT json) DELETE FROM claims",
    "SET enable_external_access = true",
    "SELECT 1; DELETE FROM claims",
]


@pytest.mark.parametrize("mode", ["cached", "off", "unwritable"])
def test_every_mode_refuses_the_same_queries(tmp_path, monkeypatch, mode):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".tmp").mkdir()
    (tmp_path / ".tmp" / "x.txt").write_text("secret", encoding="utf-8")
    if mode == "cached":
        monkeypatch.setenv("COPROD_DATA_CACHE", str(tmp_path / "cache"))
    elif mode == "off":
        monkeypatch.setenv("COPROD_DATA_CACHE", "off")
    else:
        (tmp_path / "blocker").write_text("", encoding="utf-8")
        monkeypatch.setenv("COPROD_DATA_CACHE", str(tmp_path / "blocker" / "cache"))
    con, cached = open_read_only()
    try:
        assert cached is (mode == "cached")
        for query in ATTACKS:
            with pytest.raises(CoprodDataError):
                run_query(con, query)
        # no temporary folder for a query to look into
        assert run_query(con, "SELECT current_setting('temp_directory')")[1] == [("",)]
        assert run_query(con, "SELECT count(*) FROM claims")[1][0][0] > 80
    finally:
        con.close()


# --- fails fast, with one message ----------------------------------------------------------


def _run(args: list[str], timeout: float = 60, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "coprod_data.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        **kw,
    )


def test_a_hostile_pattern_is_matched_in_linear_time(pkg_copy, monkeypatch):
    d = json.loads(pkg_copy.read_text(encoding="utf-8"))
    regions = next(r for r in d["resources"] if r["name"] == "regions")
    label = next(f for f in regions["schema"]["fields"] if f["name"] == "normalised_label")
    label["constraints"] = {"pattern": "^(a+)+$"}
    pkg_copy.write_text(json.dumps(d), encoding="utf-8")
    edit_cell(pkg_copy, "regions", "london", "normalised_label", "a" * 34 + "!")
    started = time.monotonic()
    result = _run(["validate", str(pkg_copy)], timeout=120)
    assert time.monotonic() - started < 60
    assert result.returncode == 1 and "normalised_label" in result.stdout


def _descriptor_cases(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "fifo" / "datapackage.json"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    zero = tmp_path / "zero" / "datapackage.json"
    zero.parent.mkdir()
    zero.symlink_to("/dev/zero")
    loop = tmp_path / "loop" / "datapackage.json"
    loop.parent.mkdir()
    loop.symlink_to(loop.parent / "other.json")
    (loop.parent / "other.json").symlink_to(loop)
    deep = tmp_path / "deep" / "datapackage.json"
    deep.parent.mkdir()
    deep.write_text("[" * 1000 + "]" * 1000, encoding="utf-8")
    deep_object = tmp_path / "deep_object" / "datapackage.json"
    deep_object.parent.mkdir()
    deep_object.write_text('{"resources": ' + "[" * 200 + "]" * 200 + "}", encoding="utf-8")
    return {"fifo": fifo, "zero": zero, "loop": loop, "deep": deep, "deep_object": deep_object}


@pytest.mark.parametrize("case", ["fifo", "zero", "loop", "deep", "deep_object"])
def test_an_odd_descriptor_is_one_message_from_every_command(tmp_path, case):
    descriptor = _descriptor_cases(tmp_path)[case]
    env = {**os.environ, "COPROD_DATA_CACHE": str(tmp_path / "cache")}
    for args in (
        ["validate", str(descriptor)],
        ["audit", "--package", str(descriptor)],
        ["stamp", str(descriptor)],
        ["sql", "SELECT 1", "--package", str(descriptor)],
        ["export", str(tmp_path / "out.duckdb"), "--package", str(descriptor)],
    ):
        result = _run(args, env=env)
        assert result.returncode == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1, result.stderr
        assert result.stderr.startswith("coprod-data: error: ")
    for call in (coprod_data.validate, coprod_data.audit, coprod_data.resource_names):
        with pytest.raises(CoprodDataError):
            call(descriptor)


@pytest.mark.parametrize("cell", ["[/bold]", "[red on red]hidden[/red on red]", "bad\x1b[2Jclear"])
def test_text_from_the_data_is_printed_as_typed(pkg_copy, cell):
    edit_cell(pkg_copy, "counts", "cnt-att-respondents-pre", "qualifier", cell)
    result = _run(["validate", str(pkg_copy)], env={**os.environ, "COLUMNS": "400"})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    shown = cell.replace("\x1b", "\\x1b")
    assert shown in result.stdout
    assert "\x1b" not in result.stdout


def test_sql_output_escapes_terminal_control_sequences():
    result = cli("sql", "SELECT 'a' || chr(27) || '[2J' || chr(155) || 'b' AS x")
    assert result.exit_code == 0 and "\x1b" not in result.output and "\x9b" not in result.output
    assert "a\\x1b[2J\\x9bb" in result.output


SLOW = "SELECT count(*) FROM range(1000000000000) t(i) WHERE i % 7 = 3"


def test_sql_stops_at_its_timeout():
    result = cli("sql", SLOW, "--timeout", "0.5")
    assert result.exit_code == 2 and "longer than 0.5 s" in result.output


def test_ctrl_c_is_one_line_and_exit_130(tmp_path):
    env = {**os.environ, "COPROD_DATA_CACHE": str(tmp_path / "cache")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "coprod_data.cli", "sql", SLOW],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    time.sleep(4)  # past start-up and the first build of the cache, into the query
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert err == "coprod-data: interrupted\n"


def test_ctrl_c_during_a_first_audit_leaves_no_temporary_files(tmp_path):
    folder = tmp_path / "cache"
    env = {**os.environ, "COPROD_DATA_CACHE": str(folder)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "coprod_data.cli", "audit"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    while not folder.exists() and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=30)
    assert proc.returncode in (0, 130) and "Traceback" not in err
    if proc.returncode == 130:
        assert err == "coprod-data: interrupted\n"
    assert cli("audit", "--format", "csv", env={"COPROD_DATA_CACHE": str(folder)}).exit_code == 0
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]


# --- what dead runs left is cleaned up -----------------------------------------------------


def test_leftovers_of_killed_runs_are_removed(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setenv("COPROD_DATA_CACHE", str(folder))
    pid = dead_pid()
    stale_build = folder / f".coprod-data-build-{pid}-coprod-data-{0:032x}.duckdb"
    duckdb.connect(str(stale_build)).close()  # a database file, as a build leaves it
    out = tmp_path / "out"
    out.mkdir()
    stale_export = out / f".coprod-data-export-{pid}-abcd1234"  # as mkdtemp names it
    stale_export.mkdir()
    (stale_export / "claims.parquet").write_bytes(b"x")
    someone_elses = out / ".coprod-data-export-notes"  # not our pattern: left alone
    someone_elses.write_text("keep", encoding="utf-8")
    alive = folder / f".coprod-data-build-{os.getpid()}-x.duckdb"  # a live run's: left alone
    alive.write_bytes(b"")
    assert cli("audit", "--format", "csv").exit_code == 0
    export(out / "db.duckdb")
    assert not stale_build.exists() and not stale_export.exists()
    assert someone_elses.exists() and alive.exists()


def test_kill_9_during_export_is_cleaned_by_the_next_export(tmp_path):
    env = {**os.environ, "COPROD_DATA_CACHE": "off"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "coprod_data.cli", "export", str(tmp_path / "db.duckdb")], env=env
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not [p for p in tmp_path.iterdir() if p.name.startswith(".")]:
        time.sleep(0.01)
    proc.kill()
    proc.wait()
    export(tmp_path / "again.duckdb")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
