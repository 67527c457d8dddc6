"""Each kind of corruption of a user's copy is caught by validate() and by the CLI,
with a message naming the resource, row and field, and the right exit code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import coprod_data
from coprod_data.cli import run
from tests.clirunner import CliRunner
from tests.conftest import edit_cell

runner = CliRunner()


def cli(*args: str):
    return runner.invoke(run, list(args))


def problems(descriptor: Path):
    return coprod_data.validate(descriptor).problems


def test_clean_copy_is_valid(pkg_copy):
    report = coprod_data.validate(pkg_copy)
    assert report.ok and report.resources == 23 and report.rows > 500
    result = cli("validate", str(pkg_copy))
    assert result.exit_code == 0 and "no problems" in result.output


def test_wrong_type_is_named_by_resource_row_and_field(pkg_copy):
    line = edit_cell(pkg_copy, "response_rates", "rr-london-adjusted", "value_pct", "thirty-two")
    found = problems(pkg_copy)
    assert any(p.resource == "response_rates" and p.row == line and p.field == "value_pct" for p in found)
    result = cli("validate", str(pkg_copy))
    assert result.exit_code == 1
    assert "response_rates" in result.output and "value_pct" in result.output and str(line) in result.output


def test_constraint_violation_is_caught(pkg_copy):
    line = edit_cell(pkg_copy, "impact_ratings", "imp-vcs-pre-extend_reach", "value_pct", "157")
    found = problems(pkg_copy)
    assert any(p.row == line and p.field == "value_pct" and "constraint" in p.check for p in found)
    assert cli("validate", str(pkg_copy)).exit_code == 1


def test_enum_violation_is_caught(pkg_copy):
    line = edit_cell(pkg_copy, "understanding", "und-att-text-all-pre", "phase", "before")
    assert any(p.row == line and p.field == "phase" for p in problems(pkg_copy))


def test_broken_foreign_key_is_caught(pkg_copy):
    line = edit_cell(pkg_copy, "impact_ratings", "imp-cc-post-culture_thrive", "impact_id", "culture_thrives")
    found = problems(pkg_copy)
    assert any(p.resource == "impact_ratings" and p.row == line and "foreign-key" in p.check for p in found)
    result = cli("validate", str(pkg_copy))
    assert result.exit_code == 1 and "foreign" in result.output.lower()


def test_duplicate_primary_key_is_caught(pkg_copy):
    line = edit_cell(pkg_copy, "counts", "cnt-att-respondents-post", "figure_id", "cnt-att-respondents-pre")
    found = problems(pkg_copy)
    assert any(p.resource == "counts" and p.row == line and p.field == "figure_id" for p in found)


def test_shares_that_cannot_sum_to_100_are_caught(pkg_copy):
    # 33 -> 53 makes the VCS pre list sum to 120: 6 items allow 100 +/- 3
    edit_cell(pkg_copy, "best_feature_shares", "bf-vcs_sharing-pre", "share_pct", "53")
    edit_cell(pkg_copy, "best_feature_shares", "bf-vcs_sharing-pre", "printed", "53%")
    found = [p for p in problems(pkg_copy) if p.check == "shares-closed"]
    assert len(found) == 1 and "sum to 120" in found[0].message
    result = cli("validate", str(pkg_copy))
    assert result.exit_code == 1 and "shares-closed" in result.output


def test_value_that_disagrees_with_its_printed_token_is_caught(pkg_copy):
    line = edit_cell(pkg_copy, "resource_ratings", "res-c5-chart-consortium", "value_pct", "57")
    found = [p for p in problems(pkg_copy) if p.check == "printed-value"]
    assert [(p.row, p.field) for p in found] == [(line, "value_pct")]
    assert "0.750000000000001" in found[0].message


def drop_row(descriptor, resource: str, key: str) -> None:
    from coprod_data.fileio import stamp

    path = descriptor.parent / "resources" / f"{resource}.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith(key + ",")), encoding="utf-8")
    stamp(descriptor)


def test_pre_without_post_is_caught(pkg_copy):
    drop_row(pkg_copy, "understanding", "und-att-chartu-vcs-post")
    found = [p for p in problems(pkg_copy) if p.check == "pre-post"]
    assert len(found) == 1 and found[0].message.startswith("pre figure has no post figure")


def test_two_pre_values_for_one_item_break_a_unique_key(pkg_copy):
    edit_cell(pkg_copy, "impact_ratings", "imp-vcs-post-cpd_opportunities", "phase", "pre")
    edit_cell(pkg_copy, "impact_ratings", "imp-vcs-post-cpd_opportunities", "chart_position", "10")
    assert any("unique_key" in p.message for p in problems(pkg_copy))


def test_claim_citing_an_unknown_figure_is_caught(pkg_copy):
    line = edit_cell(pkg_copy, "claims", "nat-01", "figure_ids", "rr-national-raw-txt")
    found = [p for p in problems(pkg_copy) if p.check == "figure-ids"]
    assert [(p.resource, p.row, p.field) for p in found] == [("claims", line, "figure_ids")]


def test_changed_hash_is_caught(pkg_copy):
    edit_cell(pkg_copy, "regions", "london", "normalised_label", "Greater London", restamp=False)
    found = problems(pkg_copy)
    assert any(p.resource == "regions" and "hash" in p.check for p in found)
    result = cli("validate", str(pkg_copy))
    assert result.exit_code == 1 and "hash" in result.output


def test_missing_file_is_caught(pkg_copy):
    (pkg_copy.parent / "resources" / "claims.csv").unlink()
    found = problems(pkg_copy)
    assert any(p.resource == "claims" and "not found" in p.message.lower() for p in found)
    result = cli("validate", str(pkg_copy))
    assert result.exit_code == 1 and "claims" in result.output


def test_malformed_csv_row_is_caught(pkg_copy):
    path = pkg_copy.parent / "resources" / "regions.csv"
    path.write_text(path.read_text(encoding="utf-8") + "extra,row,with,too,many,cells\n", encoding="utf-8")
    from coprod_data.fileio import stamp

    stamp(pkg_copy)
    found = problems(pkg_copy)
    assert any(p.resource == "regions" and p.row == 11 for p in found)


def test_missing_descriptor_is_exit_2_without_traceback(tmp_path):
    result = cli("validate", str(tmp_path / "nowhere.json"))
    assert result.exit_code == 2
    assert "no such file" in result.output and "Traceback" not in result.output


def test_descriptor_that_is_not_json_is_exit_2(pkg_copy):
    pkg_copy.write_text("{not json", encoding="utf-8")
    result = cli("validate", str(pkg_copy))
    assert result.exit_code == 2 and "not valid JSON" in result.output


def test_json_report_lists_problems(pkg_copy):
    edit_cell(pkg_copy, "response_rates", "rr-london-adjusted", "value_pct", "x")
    result = cli("validate", str(pkg_copy), "--format", "json")
    data = json.loads(result.output)
    assert result.exit_code == 1 and data["valid"] is False
    assert any(p["field"] == "value_pct" for p in data["problems"])


def test_console_script_reports_without_traceback(pkg_copy):
    edit_cell(pkg_copy, "counts", "cnt-att-respondents-pre", "value", "15four")
    proc = subprocess.run(
        [sys.executable, "-m", "coprod_data.cli", "validate", str(pkg_copy)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert "counts" in proc.stdout and "value" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr


def test_bad_cli_argument_is_exit_2():
    result = cli("validate", "--format", "xml")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name", ["no_such_table"])
def test_load_of_unknown_resource_names_the_choices(name):
    with pytest.raises(coprod_data.CoprodDataError, match="the package has: documents"):
        coprod_data.load(name)


def test_load_of_a_corrupted_copy_names_file_row_and_field(pkg_copy):
    line = edit_cell(pkg_copy, "response_rates", "rr-london-adjusted", "value_pct", "3.2")
    with pytest.raises(coprod_data.CoprodDataError) as err:
        coprod_data.load("response_rates", pkg_copy)
    assert f"resources/response_rates.csv, row {line}, field 'value_pct'" in str(err.value)


def test_a_value_moved_to_another_item_breaks_a_unique_key(pkg_copy):
    line = edit_cell(pkg_copy, "best_feature_shares", "bf-vcs_trust-pre", "theme_id", "vcs_local_needs")
    found = problems(pkg_copy)
    assert any(p.row == line and p.field == "group_id" and "unique_key" in p.message for p in found)


def test_a_post_chart_value_without_its_pre_value_is_caught(pkg_copy):
    drop_row(pkg_copy, "understanding", "und-att-chartu-vcs-pre")
    found = [p for p in problems(pkg_copy) if p.check == "pre-post"]
    assert len(found) == 1 and found[0].message.startswith("post figure has no pre figure")


def test_a_chart_missing_a_category_is_caught(pkg_copy):
    drop_row(pkg_copy, "resource_ratings", "res-c4-chart-policy")
    found = [p for p in problems(pkg_copy) if p.check == "complete-chart"]
    assert len(found) == 1 and "policy_briefings" in found[0].message


def test_a_list_printed_largest_first_that_is_no_longer_in_order_is_caught(pkg_copy):
    # VCS Q2 before the workshops is printed 33, 24, 16, 15, 7, 5: make the 7 a 17
    line = edit_cell(pkg_copy, "best_feature_shares", "bf-vcs_trust-pre", "share_pct", "17")
    edit_cell(pkg_copy, "best_feature_shares", "bf-vcs_trust-pre", "printed", "17%")
    found = [p for p in problems(pkg_copy) if p.check == "printed-order"]
    assert [(p.row, p.field) for p in found] == [(line, "share_pct")]


# The rules below are declared in the descriptor (coprod:rules), not in the code: each still
# catches its corruption, located at the row and field.


def test_a_value_matched_to_an_item_of_another_list_is_caught(pkg_copy):
    line = edit_cell(pkg_copy, "best_feature_shares", "bf-vcs_sharing-pre", "theme_id", "cc_sharing")
    found = [p for p in problems(pkg_copy) if p.check == "list-positions"]
    assert [(p.resource, p.row, p.field) for p in found] == [("best_feature_shares", line, "group_id")]
    assert "childrens_centres" in found[0].message


def test_a_value_at_the_wrong_list_position_is_caught(pkg_copy):
    line = edit_cell(
        pkg_copy, "best_feature_shares", "bf-vcs_mutual_understanding-pre", "value_position", "9"
    )
    found = [p for p in problems(pkg_copy) if p.check == "list-positions"]
    assert [(p.row, p.field) for p in found] == [(line, "value_position")]
    assert "listed at position 3" in found[0].message


def test_two_values_at_one_chart_position_are_caught(pkg_copy):
    line = edit_cell(pkg_copy, "impact_ratings", "imp-vcs-pre-improve_delivery", "chart_position", "1")
    found = [p for p in problems(pkg_copy) if p.check == "unique-positions"]
    assert [(p.resource, p.row, p.field) for p in found] == [("impact_ratings", line, "chart_position")]


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("rr-national-raw-text", "london", "where scope is national must have no region_id"),
        ("rr-london-adjusted", "", "must have a region_id unless scope is national"),
    ],
)
def test_a_region_on_a_national_row_or_none_on_a_regional_row_is_caught(pkg_copy, key, value, says):
    line = edit_cell(pkg_copy, "response_rates", key, "region_id", value)
    found = [p for p in problems(pkg_copy) if p.check == "present-unless"]
    assert [(p.resource, p.row, p.field) for p in found] == [("response_rates", line, "region_id")]
    assert says in found[0].message


def test_an_open_list_is_not_held_to_100(pkg_copy):
    # the same corruption as above, with the list flagged open: the rule's openFlag exempts it
    edit_cell(pkg_copy, "best_feature_shares", "bf-vcs_sharing-pre", "share_pct", "53")
    edit_cell(pkg_copy, "best_feature_shares", "bf-vcs_sharing-pre", "printed", "53%")
    for row in _keys(pkg_copy, "best_feature_shares", group="vcs", phase="pre"):
        edit_cell(pkg_copy, "best_feature_shares", row, "is_open_list", "true")
    assert not [p for p in problems(pkg_copy) if p.check == "shares-closed"]


def _keys(descriptor: Path, resource: str, **where: str) -> list[str]:
    import csv

    path = descriptor.parent / "resources" / f"{resource}.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    names = {"group": "group_id"}
    return [r["figure_id"] for r in rows if all(r[names.get(k, k)] == v for k, v in where.items())]
