"""A second, made-up report (tests/second_report) audited with no code change: the
package is all the audit needs. Its figures are invented, so the expected verdicts below
were worked out by hand from them."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import pytest

from coprod_data.cli import app
from coprod_data.db import connect
from tests.clirunner import CliRunner

PACKAGE = Path(__file__).resolve().parents[1] / "second_report"
runner = CliRunner()

EXPECTED_CHECKS = {
    "ps-members": "discrepancy",  # 25 + 12 = 37, not 40
    "sf-enjoy-post": "discrepancy",  # 70% in the text, 71% in the chart
    "ps-sessions": "conditional",  # more than 20 + 15 >= 36 > 30: only if at least 6 came twice
    "sg-enjoy": "conditional",  # unpaired z 2.48, paired only if at most 10 moved down
    "th-about40": "conditional",  # 43% read as 'about 40'
    "pc-enjoy-pre": "within_rounding",  # 17/40 = 42.5% prints 43%
    "sl-genres": "within_rounding",  # 33 + 33 + 33 = 99
    "cb-formats": "reproduced",  # 24, 12, 4 of 40 exactly
    "cl-books": "reproduced",
    "pp-enjoy": "reproduced",
    "rk-format": "reproduced",
    "sf-enjoy-pre": "reproduced",
    "sl-formats": "reproduced",
    "th-half": "reproduced",
}


def _audit(*args: str) -> list[dict[str, str]]:
    result = runner.invoke(app, ["audit", "--package", str(PACKAGE), "--format", "csv", *args])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.output)))


def test_the_made_up_package_is_valid():
    result = runner.invoke(app, ["validate", str(PACKAGE)])
    assert result.exit_code == 0, result.output
    assert "no problems" in result.output


def test_every_check_gets_the_verdict_worked_out_by_hand():
    rows = _audit("--view", "checks")
    assert {r["check_id"]: r["status"] for r in rows} == EXPECTED_CHECKS
    readings = {r["check_id"]: r["reading"] for r in rows}
    assert "at least 6" in readings["ps-sessions"]
    assert "at most 10" in readings["sg-enjoy"]


def test_every_figure_and_claim_gets_exactly_one_verdict():
    rows = _audit()
    ids = [r["figure_id"] for r in rows]
    assert len(ids) == len(set(ids))
    with (PACKAGE / "resources" / "figures.csv").open(encoding="utf-8") as fh:
        figures = {r["figure_id"] for r in csv.DictReader(fh)}
    with (PACKAGE / "resources" / "claims.csv").open(encoding="utf-8") as fh:
        claims = {r["claim_id"] for r in csv.DictReader(fh)}
    assert set(ids) == figures | claims
    status = {r["figure_id"]: r["status"] for r in rows}
    # the claim that asserts the failed sum is singled out; the figures are only involved
    assert status["c-02"] == "discrepancy"
    assert status["t-adults"] == status["t-teens"] == "involved"
    assert status["s-enjoy-post-text"] == status["s-enjoy-post-chart"] == "involved"
    assert status["c-05"] == "conditional" and status["c-07"] == "reproduced"


def test_intervals_for_the_made_up_rise():
    con = connect(path=PACKAGE)
    try:
        row = con.execute(
            "SELECT pre_base_lo, post_base_lo, unpaired_z_lo, unpaired_ci_lo, unpaired_ci_hi, "
            "paired_max_down, paired_significant_all, paired_significant_any "
            "FROM change_intervals WHERE check_id = 'sg-enjoy'"
        ).fetchone()
        fig = con.execute(
            "SELECT base_lo, count_lo, count_hi, ci_lo, ci_hi FROM figure_intervals "
            "WHERE figure_id = 's-enjoy-pre-text' AND check_id = 'pc-enjoy-pre'"
        ).fetchone()
    finally:
        con.close()
    n1, n2, z, lo, hi, max_down, paired_all, paired_any = row
    assert (n1, n2) == (40, 40)
    p1, p2 = 17 / 40, 28 / 40
    pooled = 45 / 80
    assert z == pytest.approx((p2 - p1) / math.sqrt(pooled * (1 - pooled) * (2 / 40)))
    assert lo > 0 and hi < 50
    # paired: 17 -> 28 of the same 40; with b moving down, McNemar z = 11 / sqrt(2b + 11)
    assert max_down == max(b for b in range(13) if 11 / math.sqrt(2 * b + 11) > 1.959964)
    assert (paired_all, paired_any) == (False, True)
    assert fig[:3] == (40, 17, 17)
    assert fig[3] < 42.5 < fig[4]


def test_the_audit_as_json_names_the_package_figures():
    result = runner.invoke(app, ["audit", "--package", str(PACKAGE), "--format", "json", "--view", "checks"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    rows = data if isinstance(data, list) else data.get("rows", data.get("checks", []))
    assert any("s-enjoy-pre-text" in json.dumps(r) for r in rows)


def test_the_docs_page_copies_the_template_files_verbatim():
    page = (Path(__file__).resolve().parents[2] / "docs" / "own-report.md").read_text(encoding="utf-8")
    for name in ("documents", "tallies", "shares", "claims", "checks", "check_members"):
        text = (PACKAGE / "resources" / f"{name}.csv").read_text(encoding="utf-8")
        assert f'```csv title="resources/{name}.csv"\n{text}```' in page, name
