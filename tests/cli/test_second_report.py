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

from coprod_data.cli import run
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
    "nr-poetry": "conditional",  # 33% and 33%: 'nearly as popular' within the stated 5 points
    "dt-survey": "reproduced",  # April 2024 lies wholly inside March to May 2024
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
    result = runner.invoke(run, ["audit", "--package", str(PACKAGE), "--format", "csv", *args])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.output)))


def test_the_made_up_package_is_valid():
    result = runner.invoke(run, ["validate", str(PACKAGE)])
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
    assert status["c-09"] == "conditional" and status["c-10"] == status["c-11"] == "reproduced"


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
    result = runner.invoke(run, ["audit", "--package", str(PACKAGE), "--format", "json", "--view", "checks"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    rows = data if isinstance(data, list) else data.get("rows", data.get("checks", []))
    assert any("s-enjoy-pre-text" in json.dumps(r) for r in rows)


def test_the_docs_page_copies_the_template_files_verbatim():
    page = (Path(__file__).resolve().parents[2] / "docs" / "own-report.md").read_text(encoding="utf-8")
    for name in (
        "documents",
        "groups",
        "questions",
        "tallies",
        "shares",
        "claims",
        "checks",
        "check_members",
    ):
        text = (PACKAGE / "resources" / f"{name}.csv").read_text(encoding="utf-8")
        assert f'```csv title="resources/{name}.csv"\n{text}```' in page, name
    # the foreign keys the page shows are the ones shares declares
    title = '```json title="foreign keys of shares in datapackage.json"\n'
    shown = json.loads("[" + page.split(title, 1)[1].split("```", 1)[0] + "]")
    raw = json.loads((PACKAGE / "datapackage.json").read_text(encoding="utf-8"))
    declared = next(r for r in raw["resources"] if r["name"] == "shares")["schema"]["foreignKeys"]
    assert shown and all(fk in declared for fk in shown)


def _copy(tmp_path: Path) -> Path:
    import shutil

    shutil.copy(PACKAGE / "datapackage.json", tmp_path / "datapackage.json")
    shutil.copytree(PACKAGE / "resources", tmp_path / "resources")
    return tmp_path / "datapackage.json"


def _rewrite(descriptor: Path, resource: str, old: str, new: str) -> None:
    from coprod_data.fileio import stamp

    path = descriptor.parent / "resources" / f"{resource}.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    stamp(descriptor)


def test_its_own_rules_catch_its_own_corruptions(tmp_path):
    """The made-up package declares cross-row rules in coprod:rules on its own tables and
    fields; the same checks run them, with no code naming either."""
    from coprod_data import validate

    descriptor = _copy(tmp_path)
    # the format shares 60 + 30 + 30 = 120: three items allow 100 +/- 1
    _rewrite(descriptor, "shares", "preferred_format,online,post,10,", "preferred_format,online,post,30,")
    # the members before without their figure after
    _rewrite(
        descriptor,
        "tallies",
        "t-members-post,club_survey,1,text,members,members,post,",
        "t-members-post,club_survey,1,text,members,members,,",
    )
    found = {(p.resource, p.check, p.row, p.field) for p in validate(descriptor).problems}
    assert ("shares", "shares-closed", 9, "value_pct") in found
    assert ("tallies", "pre-post", 2, "phase") in found
    # the enjoyment figures are outside the share lists' `where`, and the genre lists outside the pairs'
    assert not any(
        c in {"shares-closed", "pre-post"} and r == "shares" and row != 9 for r, c, row, _ in found
    )


def test_the_docs_page_shows_the_template_rules_as_declared():
    page = (Path(__file__).resolve().parents[2] / "docs" / "own-report.md").read_text(encoding="utf-8")
    block = page.split('```json title="coprod:rules of shares in datapackage.json"\n', 1)[1].split("```", 1)[
        0
    ]
    shown = json.loads("{" + block + "}")["coprod:rules"]
    raw = json.loads((PACKAGE / "datapackage.json").read_text(encoding="utf-8"))
    declared = next(r for r in raw["resources"] if r["name"] == "shares")["coprod:rules"]
    assert shown == declared
    # and the page's table lists every kind of rule the package reader knows
    from coprod_data.package import RULE_PARAMETERS

    for kind, params in RULE_PARAMETERS.items():
        row = next(line for line in page.splitlines() if line.startswith(f"| `{kind}` |"))
        assert all(f"`{name}`" in row for name, _, _ in params), (kind, row)


def _column(name: str, field: str) -> dict[str, str]:
    with (PACKAGE / "resources" / f"{name}.csv").open(encoding="utf-8") as fh:
        return {next(iter(r.values())): r[field] for r in csv.DictReader(fh)}


def test_the_package_has_its_own_questions_and_groups():
    """Every share names the question it answers and the group that answered, and every
    question and group is one of the package's own (made-up) rows."""
    questions, groups = _column("questions", "group_id"), _column("groups", "label")
    assert questions and groups
    assert set(questions.values()) <= set(groups)
    shares_q, shares_g = _column("shares", "question_id"), _column("shares", "group_id")
    assert all(shares_q.values()) and set(shares_q.values()) == set(questions)
    assert all(shares_g.values()) and set(shares_g.values()) <= set(groups)
    tallies_g = {g for g in _column("tallies", "group_id").values() if g}
    assert tallies_g <= set(groups) and len(tallies_g) > 1
    claims_q = {q for q in _column("claims", "question_id").values() if q}
    assert claims_q and claims_q <= set(questions)
    for name in ("groups", "questions"):
        text = (PACKAGE / "resources" / f"{name}.csv").read_text(encoding="utf-8")
        assert all("(made up)" in line for line in text.splitlines()[1:]), name


def test_the_audits_figure_rows_carry_the_question_and_group():
    """fact_figures takes question_id and group_id from the fact resources' fields of the same
    name: the rows the audit reads carry them, as the CSV files give them."""
    result = runner.invoke(
        run,
        [
            "sql",
            "--package",
            str(PACKAGE),
            "--format",
            "csv",
            "SELECT figure_id, question_id, group_id FROM fact_figures ORDER BY figure_id",
        ],
    )
    assert result.exit_code == 0, result.output
    got = {
        r["figure_id"]: (r["question_id"], r["group_id"]) for r in csv.DictReader(io.StringIO(result.output))
    }
    expected = {f: ("", g) for f, g in _column("tallies", "group_id").items()}
    expected |= {
        f: (q, _column("shares", "group_id")[f]) for f, q in _column("shares", "question_id").items()
    }
    assert got == expected
    assert got["s-genre-poetry"] == ("q-genre", "members") and got["t-teens"] == ("", "teens")
    # and the audit's statement for a figure names its group
    status = {r["figure_id"]: r for r in _audit()}
    assert "teens" in status["t-teens"]["statement"]


@pytest.mark.parametrize(
    ("resource", "key", "field", "value", "target"),
    [
        ("shares", "s-genre-poetry", "question_id", "q-nine", "questions"),
        ("shares", "s-format-weekly", "group_id", "parents", "groups"),
        ("tallies", "t-teens", "group_id", "kids", "groups"),
        ("claims", "c-06", "question_id", "q-nine", "questions"),
        ("questions", "q-genre", "group_id", "parents", "groups"),
    ],
)
def test_a_question_or_group_not_in_its_resource_is_a_foreign_key_problem(
    tmp_path, resource, key, field, value, target
):
    from tests.conftest import edit_cell

    descriptor = _copy(tmp_path)
    line = edit_cell(descriptor, resource, key, field, value)
    result = runner.invoke(run, ["validate", "--format", "json", str(tmp_path)])
    assert result.exit_code == 1, result.output
    problems = json.loads(result.output)["problems"]
    assert [(p["resource"], p["row"], p["field"], p["check"]) for p in problems] == [
        (resource, line, field, "foreign-key")
    ], problems
    assert problems[0]["message"] == f"{value!r} is not a {field} of {target}"
    # the text report names the same resource, row and field
    text = runner.invoke(run, ["validate", str(tmp_path)])
    assert text.exit_code == 1 and "1 problem" in text.output
