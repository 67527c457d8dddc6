"""User mistakes that must not cost data or give a traceback: unsafe export targets,
paths that leave the package folder, missing resources, cascades, file access from SQL."""

from __future__ import annotations

import json

import coprod_data
from coprod_data.cli import run
from tests.clirunner import CliRunner

runner = CliRunner()


def cli(*args: str):
    return runner.invoke(run, list(args))


def test_force_never_deletes_a_folder_export_did_not_write(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me", encoding="utf-8")
    result = cli("export", str(folder), "--force")
    assert result.exit_code == 2 and "refusing to replace" in result.output
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_force_replaces_an_earlier_parquet_export(tmp_path):
    target = str(tmp_path / "pq") + "/"
    assert cli("export", target).exit_code == 0
    assert cli("export", target, "--force").exit_code == 0


def test_empty_or_current_folder_target_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "keep.txt").write_text("x", encoding="utf-8")
    for target in ("", ".", "./"):
        result = cli("export", target, "--force")
        assert result.exit_code == 2, target
    assert (tmp_path / "keep.txt").exists()


def test_export_name_must_say_duckdb_or_folder(tmp_path):
    result = cli("export", str(tmp_path / "out.txt"))
    assert result.exit_code == 2 and ".duckdb" in result.output
    assert not (tmp_path / "out.txt").exists()


def test_export_path_with_a_quote(tmp_path):
    target = str(tmp_path / "it's") + "/"
    assert cli("export", target).exit_code == 0
    assert (tmp_path / "it's" / "claims.parquet").is_file()


def test_resource_path_outside_the_package_is_refused(pkg_copy):
    d = json.loads(pkg_copy.read_text(encoding="utf-8"))
    d["resources"][0]["path"] = "../../../etc/passwd"
    pkg_copy.write_text(json.dumps(d), encoding="utf-8")
    result = cli("validate", str(pkg_copy))
    assert result.exit_code == 2 and "inside the package folder" in result.output


def test_a_missing_resource_is_named_by_validate_and_audit(pkg_copy):
    d = json.loads(pkg_copy.read_text(encoding="utf-8"))
    d["resources"] = [r for r in d["resources"] if r["name"] != "check_members"]
    pkg_copy.write_text(json.dumps(d), encoding="utf-8")
    report = coprod_data.validate(pkg_copy)
    assert [(p.check, p.field) for p in report.problems] == [("resource-set", "resources")]
    result = cli("audit", "--package", str(pkg_copy))
    assert result.exit_code == 2 and "lacks resources the views need: check_members" in result.output


def test_a_broken_dimension_does_not_flood_the_tables_that_refer_to_it(pkg_copy):
    path = pkg_copy.parent / "resources" / "regions.csv"
    header = path.read_text(encoding="utf-8").splitlines()[0]
    path.write_text(header + "\nlondon,London,London\n", encoding="utf-8")  # a row one cell short
    problems = coprod_data.validate(pkg_copy).problems
    assert {p.resource for p in problems} == {"regions"}


def test_sql_cannot_read_files():
    result = cli("sql", "SELECT * FROM read_csv('/etc/hostname')")
    assert result.exit_code == 2 and "disabled" in result.output


def test_sql_cannot_change_settings_or_install():
    for query in ("SET enable_external_access = true", "INSTALL httpfs", "ATTACH 'x.duckdb'"):
        result = cli("sql", query)
        assert result.exit_code == 2 and "read-only" in result.output, query
