"""A check's relation and its members' terms must fit its kind, as the checks resource
declares in ``coprod:kinds`` (data, not code); base_min is at most base_max. A row that
does not fit is one located problem (file, row, field) and exit 1; a malformed declaration
is one message and exit 2. Also: pre-post rules with their own phase values."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

import coprod_data
from coprod_data.checkdata import kind_mapping
from coprod_data.cli import run
from coprod_data.package import read_package
from tests.clirunner import CliRunner
from tests.conftest import edit_cell

runner = CliRunner()
SECOND = Path(__file__).resolve().parents[1] / "second_report"


def _kind_problems(descriptor: Path) -> list[Any]:
    return [p for p in coprod_data.validate(descriptor).problems if p.check == "check-kind"]


def _edit_member(descriptor: Path, check_id: str, position: str, term: str) -> int:
    """Set the term of one member (check_id, position) of check_members; returns its CSV line."""
    from coprod_data.fileio import stamp

    path = descriptor.parent / "resources" / "check_members.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    header = rows[0]
    cid, pos, col = header.index("check_id"), header.index("position"), header.index("term")
    line = next(i for i, r in enumerate(rows[1:], start=2) if r[cid] == check_id and r[pos] == position)
    rows[line - 1][col] = term
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    stamp(descriptor)
    return line


@pytest.mark.parametrize(
    ("check_id", "relation", "says"),
    [
        # a dates check read as 'at_most' used to be judged as 'within' without a word
        (
            "dt-telford-in-survey",
            "at_most",
            "a dates check takes relation same or within; this one has relation 'at_most'",
        ),
        ("sf-q1-all-pre", "equals", "a same_figure check takes no relation; this one has 'equals'"),
        (
            "sl-q2-vcs-pre",
            "",
            "a share_list check takes relation closed, open or assumed_open; this one has no relation",
        ),
    ],
)
def test_a_relation_that_does_not_fit_the_kind_is_located(pkg_copy, check_id, relation, says):
    line = edit_cell(pkg_copy, "checks", check_id, "relation", relation)
    found = _kind_problems(pkg_copy)
    assert len(found) == 1, found
    assert (found[0].file, found[0].row, found[0].field) == ("resources/checks.csv", line, "relation")
    assert found[0].message == says
    result = runner.invoke(run, ["validate", "--format", "json", str(pkg_copy)])
    assert result.exit_code == 1 and says in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("check_id", "position", "term", "says"),
    [
        ("cb-q3-vcs-pre", "1", "assumed_part", "term 'assumed_part' has no place in a common_base check"),
        ("nr-nat11", "1", "event", "term 'event' has no place in a near check"),
        ("sf-q1-all-pre", "1", "share", "term 'share' has no place in a same_figure check"),
    ],
)
def test_a_member_term_that_does_not_fit_its_check_kind_is_located(pkg_copy, check_id, position, term, says):
    line = _edit_member(pkg_copy, check_id, position, term)
    found = _kind_problems(pkg_copy)
    assert len(found) == 1, found
    assert (found[0].file, found[0].row, found[0].field) == ("resources/check_members.csv", line, "term")
    assert found[0].message.startswith(says), found[0].message


def test_base_min_above_base_max_is_located(pkg_copy):
    line = edit_cell(pkg_copy, "checks", "cb-q3-vcs-pre", "base_min", "200")
    found = _kind_problems(pkg_copy)
    assert [(p.row, p.field) for p in found] == [(line, "base_max")]
    assert found[0].message.startswith("base_min 200 is larger than base_max 154")
    edit_cell(pkg_copy, "checks", "cb-q3-vcs-pre", "base_min", "154")  # equal bounds: one base, fine
    assert _kind_problems(pkg_copy) == []


def test_a_check_without_members_is_located(pkg_copy):
    """A check whose members were all deleted has nothing to recompute: validate names its row."""
    from coprod_data.fileio import stamp

    members = pkg_copy.parent / "resources" / "check_members.csv"
    kept = [
        ln for ln in members.read_text(encoding="utf-8").splitlines() if not ln.startswith("sf-q1-all-pre,")
    ]
    members.write_text("\n".join(kept) + "\n", encoding="utf-8")
    stamp(pkg_copy)
    checks_lines = (pkg_copy.parent / "resources" / "checks.csv").read_text(encoding="utf-8").splitlines()
    line = next(i for i, ln in enumerate(checks_lines, start=1) if ln.startswith("sf-q1-all-pre,"))
    found = _kind_problems(pkg_copy)
    assert [(p.resource, p.row, p.field) for p in found] == [("checks", line, "check_id")]
    assert (
        found[0].message
        == "check 'sf-q1-all-pre' has no members in resource 'check_members': there is nothing to recompute"
    )


def test_one_problem_per_bad_row(pkg_copy):
    lines = {
        edit_cell(pkg_copy, "checks", c, "relation", "at_most") for c in ("sf-q1-all-pre", "sf-q1-all-post")
    }
    assert {p.row for p in _kind_problems(pkg_copy)} == lines


def _with_kinds(descriptor: Path, kinds: Any) -> None:
    raw = json.loads(descriptor.read_text(encoding="utf-8"))
    res = next(r for r in raw["resources"] if r["name"] == "checks")
    if kinds is None:
        del res["coprod:kinds"]
    else:
        res["coprod:kinds"] = kinds
    descriptor.write_text(json.dumps(raw), encoding="utf-8")


def test_a_kind_left_out_of_the_mapping_is_a_problem_on_its_rows(pkg_copy):
    mapping = json.loads(pkg_copy.read_text(encoding="utf-8"))
    kinds = next(r for r in mapping["resources"] if r["name"] == "checks")["coprod:kinds"]
    del kinds["near"]
    _with_kinds(pkg_copy, kinds)
    found = _kind_problems(pkg_copy)
    assert [(p.resource, p.field) for p in found] == [("checks", "kind")]
    assert "kind 'near' is not declared in coprod:kinds" in found[0].message


@pytest.mark.parametrize(
    ("kinds", "says"),
    [
        (["same_figure"], "must be an object of {relations, terms} by kind"),
        (
            {"same_figur": {"terms": ["printing"]}},
            "declares kind 'same_figur', which field 'kind' does not allow",
        ),
        ({"same_figure": {"terms": "printing"}}, "terms of kind 'same_figure' must be a list of names"),
        ({"same_figure": {"terms": []}}, "terms of kind 'same_figure' must name at least one term"),
        (
            {"same_figure": {"terms": ["printing"], "relation": []}},
            "must be an object with 'relations' and 'terms'",
        ),
    ],
)
def test_a_malformed_mapping_is_one_message_and_exit_2(pkg_copy, kinds, says):
    _with_kinds(pkg_copy, kinds)
    result = runner.invoke(run, ["validate", str(pkg_copy)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and result.output.count(says) == 1, result.output
    assert "coprod:kinds of resource 'checks'" in result.output


def test_the_mapping_covers_every_kind_relation_and_term_the_schema_allows():
    pkg = read_package()
    checks, members = pkg.resource("checks"), pkg.resource("check_members")
    mapping = kind_mapping(pkg)
    assert set(mapping) == set(checks.field("kind").enum or ())
    assert {r for rels, _ in mapping.values() for r in rels} == set(checks.field("relation").enum or ())
    assert set(members.field("term").enum or ()) <= {t for _, terms in mapping.values() for t in terms}
    # a dates member may be an assumed period (a term another branch adds to the enum)
    assert "assumed_period" in mapping["dates"][1]


def test_a_package_without_a_mapping_is_held_to_the_bundled_one(tmp_path):
    shutil.copy(SECOND / "datapackage.json", tmp_path / "datapackage.json")
    shutil.copytree(SECOND / "resources", tmp_path / "resources")
    descriptor = tmp_path / "datapackage.json"
    raw = json.loads(descriptor.read_text(encoding="utf-8"))
    assert "coprod:kinds" not in next(r for r in raw["resources"] if r["name"] == "checks")
    assert kind_mapping(read_package(descriptor)) == kind_mapping(read_package())
    assert coprod_data.validate(descriptor).ok
    first = next(csv.DictReader((tmp_path / "resources" / "checks.csv").open(encoding="utf-8")))
    line = edit_cell(descriptor, "checks", first["check_id"], "relation", "within")
    found = _kind_problems(descriptor)
    assert [(p.row, p.field) for p in found] == [(line, "relation")], found


def test_a_copy_without_a_mapping_falls_back_to_the_bundled_one(pkg_copy):
    _with_kinds(pkg_copy, None)
    # a copy is another package: it falls back to the bundled descriptor's mapping
    assert _kind_problems(pkg_copy) == []


def _rename_phases(descriptor: Path) -> None:
    """understanding with its phases written 'before'/'after' (data and enum), and its pre-post
    rule saying so."""
    from coprod_data.fileio import stamp

    raw = json.loads(descriptor.read_text(encoding="utf-8"))
    res = next(r for r in raw["resources"] if r["name"] == "understanding")
    phase = next(f for f in res["schema"]["fields"] if f["name"] == "phase")
    phase["constraints"]["enum"] = ["before", "after"]
    if "categories" in phase:
        phase["categories"] = ["before", "after"]
    res["coprod:rules"]["pre-post"].update({"pre": "before", "post": "after"})
    descriptor.write_text(json.dumps(raw), encoding="utf-8")
    path = descriptor.parent / "resources" / "understanding.csv"
    text = path.read_text(encoding="utf-8").replace(",pre,", ",before,").replace(",post,", ",after,")
    path.write_text(text, encoding="utf-8")
    stamp(descriptor)


def test_pre_post_with_its_own_phase_values_still_pairs_the_figures(pkg_copy):
    _rename_phases(pkg_copy)
    assert [p for p in coprod_data.validate(pkg_copy).problems if p.resource == "understanding"] == []
    path = pkg_copy.parent / "resources" / "understanding.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(
        "".join(x for x in lines if not x.startswith("und-att-chartu-vcs-post,")), encoding="utf-8"
    )
    from coprod_data.fileio import stamp

    stamp(pkg_copy)
    found = [p for p in coprod_data.validate(pkg_copy).problems if p.check == "pre-post"]
    assert len(found) == 1 and found[0].message.startswith("pre figure has no post figure"), found


def test_pre_post_whose_phase_field_cannot_hold_pre_is_refused_with_exit_2(pkg_copy):
    _rename_phases(pkg_copy)
    raw = json.loads(pkg_copy.read_text(encoding="utf-8"))
    rule = next(r for r in raw["resources"] if r["name"] == "understanding")["coprod:rules"]["pre-post"]
    del rule["pre"], rule["post"]  # the defaults 'pre' and 'post' are not values of the field
    pkg_copy.write_text(json.dumps(raw), encoding="utf-8")
    result = runner.invoke(run, ["validate", str(pkg_copy)])
    assert result.exit_code == 2, result.output
    assert "phase field 'phase' cannot hold the default 'pre'" in result.output
    assert "no problems" not in result.output


def test_the_docs_page_shows_coprod_kinds_as_declared():
    page = (Path(__file__).resolve().parents[2] / "docs" / "own-report.md").read_text(encoding="utf-8")
    title = '```json title="part of coprod:kinds of checks in the bundled datapackage.json"\n'
    shown = json.loads("{" + page.split(title, 1)[1].split("```", 1)[0] + "}")["coprod:kinds"]
    declared = next(r for r in read_package().raw["resources"] if r["name"] == "checks")["coprod:kinds"]
    assert shown and all(declared[kind] == spec for kind, spec in shown.items())
