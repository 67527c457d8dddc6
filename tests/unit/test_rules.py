"""The cross-row rules a resource declares in ``coprod:rules``: read from the descriptor, every
name in them checked when it is read, with one message naming the resource and the property."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from coprod_data.cli import run
from coprod_data.errors import CoprodDataError
from coprod_data.package import RULE_PARAMETERS, read_package
from coprod_data.paths import descriptor_path
from tests.clirunner import CliRunner


def _with(tmp_path: Path, resource: str, edit: Callable[[dict[str, Any]], None]) -> Path:
    """A copy of the bundled descriptor (no data needed to read it) with one resource's rules edited."""
    raw = json.loads(descriptor_path().read_text(encoding="utf-8"))
    res = next(r for r in raw["resources"] if r["name"] == resource)
    edit(res)
    out = tmp_path / "datapackage.json"
    out.write_text(json.dumps(raw), encoding="utf-8")
    return out


def _set(*path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(res: dict[str, Any]) -> None:
        target = res["coprod:rules"]
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return edit


def _drop(kind: str, param: str) -> Callable[[dict[str, Any]], None]:
    def edit(res: dict[str, Any]) -> None:
        del res["coprod:rules"][kind][param]

    return edit


BAD = [
    (
        "impact_ratings",
        _set("complete-chart", "dimension", value="impactz"),
        "rule 'complete-chart': dimension names resource 'impactz', which the package does not have",
    ),
    (
        "best_feature_shares",
        _set("shares-closed", "groupBy", value=["group_id", "grp"]),
        "rule 'shares-closed': groupBy names field 'grp', which resource 'best_feature_shares' does not have",
    ),
    (
        "best_feature_shares",
        _set("list-positions", "listPosition", value="rank"),
        "listPosition names field 'rank', which resource 'best_feature_themes' does not have",
    ),
    (
        "best_feature_shares",
        _set("list-positions", "sameFields", value=["phase"]),
        "sameFields names field 'phase', which resource 'best_feature_themes' does not have",
    ),
    (
        "impact_ratings",
        _set("printed-order", "value", value="item_label"),
        "value names field 'item_label' of 'impact_ratings', of type string; it must be integer or number",
    ),
    (
        "best_feature_shares",
        _set("shares-closed", "openFlag", value="share_pct"),
        "openFlag names field 'share_pct' of 'best_feature_shares', of type integer; it must be boolean",
    ),
    (
        "response_rates",
        _set("present-unless", "absentWhen", value={"level": "national"}),
        "absentWhen names field 'level', which resource 'response_rates' does not have",
    ),
    (
        "response_rates",
        _set("present-unless", "absentWhen", value={"scope": None}),
        "absentWhen gives 'scope' no value",
    ),
    (
        "impact_ratings",
        _set("pre-post", "where", value={"phase": {"in": ["pre"]}}),
        "where gives 'phase' no value, or one that is not a string, number or boolean",
    ),
    ("counts", _drop("pre-post", "pairBy"), "rule 'pre-post': needs 'pairBy'"),
    (
        "counts",
        _set("pre-post", "keys", value=["subject"]),
        "has unknown parameter(s) keys; it takes pairBy, phase, bothPhases, pre, post, where",
    ),
    ("counts", _set("sorted", value={}), "has rule kind 'sorted'; the kinds are: shares-closed"),
    ("counts", _set("pre-post", value="subject"), "must be an object of parameters"),
    (
        "impact_ratings",
        _set("printed-order", "order", value="up"),
        "order must be one of descending, ascending",
    ),
    # a filter value no row can have would select nothing and turn the rule off: refused
    (
        "impact_ratings",
        _set("printed-order", "where", value={"phase": "pree"}),
        "where gives 'phase' a value no row can have: \"pree\" is not one of the values field 'phase' "
        "allows (pre, post)",
    ),
    (
        "best_feature_shares",
        _set("shares-closed", "where", value={"is_open_list": "false"}),
        "where gives 'is_open_list' a value no row can have: \"false\" is not a boolean, the type of "
        "field 'is_open_list'",
    ),
    (
        "counts",
        _set("pre-post", "bothPhases", value={"source_kind": 3}),
        "bothPhases gives 'source_kind' a value no row can have: 3 is not a string",
    ),
    (
        "counts",
        _set("pre-post", "bothPhases", value={"source_kind": ["chart", "tabel"]}),
        "\"tabel\" is not one of the values field 'source_kind' allows (text, table, chart)",
    ),
    (
        "response_rates",
        _set("present-unless", "absentWhen", value={"scope": "nationwide"}),
        "absentWhen gives 'scope' a value no row can have",
    ),
    (
        "impact_ratings",
        _set("unique-positions", "where", value={"chart_position": True}),
        "true is not an integer, the type of field 'chart_position'",
    ),
    (
        "impact_ratings",
        _set("unique-positions", "where", value={"chart_position": 1.5}),
        "1.5 is not an integer",
    ),
    # pre-post's phase values: the phase field must be able to hold them
    (
        "counts",
        _set("pre-post", "phase", value="source_kind"),
        "phase field 'source_kind' cannot hold the default 'pre': \"pre\" is not one of the values field "
        "'source_kind' allows (text, table, chart); give pre and post",
    ),
    (
        "counts",
        _set("pre-post", "post", value="after"),
        "post must be a value of phase field 'phase', but \"after\" is not one of the values",
    ),
    (
        "counts",
        _set("pre-post", "pre", value="post"),
        'pre and post are both "post"; they must differ',
    ),
    # an empty list of fields would make one unlabelled group of every row
    (
        "best_feature_shares",
        _set("shares-closed", "groupBy", value=[]),
        "rule 'shares-closed': groupBy must name at least one field",
    ),
    ("counts", _set("pre-post", "pairBy", value=[]), "rule 'pre-post': pairBy must name at least one field"),
    (
        "impact_ratings",
        _set("complete-chart", "groupBy", value=[]),
        "rule 'complete-chart': groupBy must name at least one field",
    ),
]


@pytest.mark.parametrize(("resource", "edit", "says"), BAD, ids=[b[2][:40] for b in BAD])
def test_a_bad_rule_declaration_is_one_message_naming_the_resource_and_property(
    tmp_path, resource, edit, says
):
    descriptor = _with(tmp_path, resource, edit)
    with pytest.raises(CoprodDataError) as err:
        read_package(descriptor)
    assert err.value.field == "coprod:rules" and err.value.file == str(descriptor.resolve())
    assert f"coprod:rules of resource {resource!r}" in err.value.message
    assert says in err.value.message, err.value.message


def test_rules_that_are_not_an_object_are_refused(tmp_path):
    def edit(res: dict[str, Any]) -> None:
        res["coprod:rules"] = ["pre-post"]

    with pytest.raises(CoprodDataError, match="coprod:rules of resource 'counts' must be an object"):
        read_package(_with(tmp_path, "counts", edit))


def test_the_cli_says_it_once_with_exit_code_2_and_no_traceback(pkg_copy):
    raw = json.loads(pkg_copy.read_text(encoding="utf-8"))
    res = next(r for r in raw["resources"] if r["name"] == "resource_ratings")
    res["coprod:rules"]["complete-chart"]["item"] = "resource_type"
    pkg_copy.write_text(json.dumps(raw), encoding="utf-8")
    for command in (["validate", str(pkg_copy)], ["audit", "--package", str(pkg_copy)]):
        result = CliRunner().invoke(run, command)
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        assert result.output.count("item names field 'resource_type'") == 1, result.output
        assert "coprod:rules of resource 'resource_ratings'" in result.output


def test_the_bundled_rules_are_read_with_their_defaults():
    pkg = read_package()
    rules = {(r.name, rule.kind): rule for r in pkg.resources for rule in r.rules}
    assert {kind for _, kind in rules} == set(RULE_PARAMETERS)
    chart = rules[("impact_ratings", "complete-chart")]
    # dimensionField defaults to the dimension's one-field primary key
    assert chart["dimensionField"] == "impact_id" and chart["where"] == {"source_kind": ("chart",)}
    assert rules[("la_action_shares", "printed-order")]["order"] == "descending"
    assert rules[("counts", "pre-post")]["pairBy"] == ("document_id", "subject", "group_id")


def test_a_list_of_rules_of_one_kind_gives_one_rule_each(tmp_path):
    def edit(res: dict[str, Any]) -> None:
        one = res["coprod:rules"]["unique-positions"]
        res["coprod:rules"]["unique-positions"] = [one, {**one, "groupBy": ["source_kind"]}]

    pkg = read_package(_with(tmp_path, "resource_ratings", edit))
    kinds = [r.kind for r in pkg.resource("resource_ratings").rules]
    assert kinds.count("unique-positions") == 2


def _phase_named(before: str, after: str, rule: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    """counts with its phase field's enum renamed to ``before``/``after`` and its pre-post rule ``rule``."""

    def edit(res: dict[str, Any]) -> None:
        phase = next(f for f in res["schema"]["fields"] if f["name"] == "phase")
        phase["constraints"]["enum"] = [before, after]
        phase.pop("categories", None)
        res["coprod:rules"]["pre-post"].update(rule)

    return edit


def test_pre_post_takes_the_phase_values_as_parameters(tmp_path):
    pkg = read_package(
        _with(tmp_path, "counts", _phase_named("before", "after", {"pre": "before", "post": "after"}))
    )
    rule = next(r for r in pkg.resource("counts").rules if r.kind == "pre-post")
    assert (rule["pre"], rule["post"]) == ("before", "after")
    # the bundled rules leave them out and get the defaults
    bundled = next(r for r in read_package().resource("counts").rules if r.kind == "pre-post")
    assert (bundled["pre"], bundled["post"]) == ("pre", "post")


def test_a_phase_field_that_cannot_hold_the_default_values_is_refused(tmp_path):
    with pytest.raises(CoprodDataError) as err:
        read_package(_with(tmp_path, "counts", _phase_named("before", "after", {})))
    assert err.value.field == "coprod:rules"
    assert "phase field 'phase' cannot hold the default 'pre'" in err.value.message, err.value.message


def test_filter_values_of_the_right_type_and_enum_are_accepted(tmp_path):
    def edit(res: dict[str, Any]) -> None:
        res["coprod:rules"]["shares-closed"]["where"] = {"is_open_list": False, "share_pct": [10, 20.0]}

    pkg = read_package(_with(tmp_path, "best_feature_shares", edit))
    rule = next(r for r in pkg.resource("best_feature_shares").rules if r.kind == "shares-closed")
    assert rule["where"] == {"is_open_list": (False,), "share_pct": (10, 20.0)}


@pytest.mark.parametrize("value", ["pree", 3])
def test_the_cli_refuses_a_filter_value_no_row_can_have_with_exit_2(pkg_copy, value):
    raw = json.loads(pkg_copy.read_text(encoding="utf-8"))
    res = next(r for r in raw["resources"] if r["name"] == "impact_ratings")
    res["coprod:rules"]["printed-order"]["where"] = {"phase": value}
    pkg_copy.write_text(json.dumps(raw), encoding="utf-8")
    for command in (["validate", str(pkg_copy)], ["audit", "--package", str(pkg_copy)]):
        result = CliRunner().invoke(run, command)
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output and "no problems" not in result.output
        assert result.output.count("where gives 'phase' a value no row can have") == 1, result.output
        assert "coprod:rules of resource 'impact_ratings', rule 'printed-order'" in result.output
