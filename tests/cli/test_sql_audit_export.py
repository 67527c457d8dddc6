"""The audit, sql and export commands: output, filters, errors and exit codes."""

from __future__ import annotations

import json

import duckdb
import pytest

import coprod_data
from coprod_data.cli import run
from coprod_data.db import connect, relations
from tests.clirunner import CliRunner

runner = CliRunner()


def cli(*args: str):
    return runner.invoke(run, list(args))


def test_audit_prints_summary_then_discrepancies_first():
    result = cli("audit")
    assert result.exit_code == 0
    out = result.output
    assert out.startswith("Audit: ") and " failed." in out.splitlines()[0]
    assert (
        out.index("Checks per document and verdict")
        < out.index("== failed checks")
        < out.index("== checks that hold only under an assumption")
        < out.index("== discrepancy")
        < out.index("== reproduced")
    )
    assert "cl-proposals" in out and "tel-12" in out


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown"])
def test_audit_formats_and_filters(fmt):
    result = cli("audit", "--format", fmt, "--status", "discrepancy", "--document", "telford_case_study")
    assert result.exit_code == 0
    if fmt == "json":
        rows = json.loads(result.output)
        assert {r["status"] for r in rows} == {"discrepancy"}
        assert {r["document_id"] for r in rows} == {"telford_case_study"}
    else:
        assert "tel-12" in result.output and "nat-01" not in result.output


def test_audit_with_a_bad_filter_is_exit_2():
    result = cli("audit", "--status", "great")
    assert result.exit_code == 2 and "Traceback" not in result.output
    result = cli("audit", "--document", "nowhere")
    assert result.exit_code == 2 and "unknown document" in result.output


def test_sql_prints_a_result_in_each_format():
    q = "SELECT region_id, count(*) AS n_authorities FROM local_authorities GROUP BY ALL ORDER BY region_id"
    assert "london" in cli("sql", q).output
    assert cli("sql", q, "--format", "csv").output.splitlines()[0] == "region_id,n_authorities"
    assert json.loads(cli("sql", q, "--format", "json").output)[0] == {
        "region_id": "east_midlands",
        "n_authorities": 9,
    }
    assert cli("sql", q, "--format", "markdown").output.startswith("| region_id | n_authorities |")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELECT * FROM no_such_table", "query failed: Catalog Error"),
        ("SELEC 1", "query failed: Parser Error"),
        ("DELETE FROM claims", "read-only"),
        ("WITH x AS (SELECT 1) INSERT INTO claims SELECT * FROM claims", "read-only"),
        ("COPY claims TO 'out.csv'", "read-only"),
        ("SELECT 1; SELECT 2", "one statement"),
        ("   ", "empty query"),
    ],
)
def test_sql_errors_are_one_message_and_exit_2(query, message):
    result = cli("sql", query)
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_export_duckdb_file_with_tables_views_and_version(tmp_path):
    target = tmp_path / "coprod.duckdb"
    result = cli("export", str(target))
    assert result.exit_code == 0 and target.is_file()
    con = duckdb.connect(str(target), read_only=True)
    names = dict(relations(con))
    assert names["claims"] == "table" and names["fact_figures"] == "view" and names["audit_checks"] == "table"
    assert con.execute("SELECT version FROM package_info").fetchone()[0] == coprod_data.__version__
    assert con.execute("SELECT count(*) FROM figure_audit").fetchone()[0] > 300
    assert "check_inputs" not in names  # an intermediate step: in the file, in its own schema
    assert con.execute("SELECT count(*) FROM internal.check_inputs").fetchone()[0] > 0
    con.close()
    assert [p.name for p in tmp_path.iterdir()] == ["coprod.duckdb"]  # nothing left behind


def test_export_refuses_to_overwrite_without_force(tmp_path):
    target = tmp_path / "coprod.duckdb"
    target.write_bytes(b"precious")
    result = cli("export", str(target))
    assert result.exit_code == 2 and "already exists" in result.output
    assert target.read_bytes() == b"precious"
    result = cli("export", str(target), "--force")  # --force replaces only an earlier export
    assert result.exit_code == 2 and "refusing to overwrite" in result.output
    assert target.read_bytes() == b"precious"


def test_export_parquet_folder(tmp_path):
    target = str(tmp_path / "pq") + "/"
    result = cli("export", target)
    assert result.exit_code == 0
    files = {p.name for p in (tmp_path / "pq").iterdir()}
    assert {"claims.parquet", "figure_audit.parquet", "package_info.parquet"} <= files
    con = connect()
    try:
        main = {f"{name}.parquet" for name, _kind in relations(con)}
    finally:
        con.close()
    assert files == main | {"coprod_export.parquet", "coprod-data-export.json"}  # no intermediate step
    path = tmp_path / "pq" / "package_info.parquet"
    version = duckdb.connect().execute(f"SELECT version FROM read_parquet('{path}')").fetchone()[0]
    assert version == coprod_data.__version__


def test_export_into_a_missing_folder_is_exit_2(tmp_path):
    result = cli("export", str(tmp_path / "no" / "such" / "coprod.duckdb"))
    assert result.exit_code == 2 and "does not exist" in result.output


def test_connect_builds_a_database_file_and_reopens_it(tmp_path):
    target = tmp_path / "c.duckdb"
    con = connect(target)
    n = con.execute("SELECT count(*) FROM local_authorities").fetchone()[0]
    con.close()
    con = connect(target)  # reopened, not rebuilt
    assert n == 152 and con.execute("SELECT count(*) FROM figure_audit").fetchone()[0] > 300
    con.close()
