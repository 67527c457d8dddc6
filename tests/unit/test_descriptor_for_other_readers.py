"""What the descriptor tells readers other than ours (issue 11): the CSV dialect, enum
categories, missing values, licences and an id; a dialect we do not read is refused."""

from __future__ import annotations

import json

import coprod_data
from coprod_data.paths import descriptor_path


def _descriptor() -> dict:
    return json.loads(descriptor_path().read_text(encoding="utf-8"))


def test_every_resource_declares_its_dialect_missing_values_and_licence():
    d = _descriptor()
    assert d["id"].startswith("urn:uuid:") and d["licenses"]
    for res in d["resources"]:
        assert res["dialect"]["delimiter"] == "," and res["dialect"]["header"] is True, res["name"]
        assert res["schema"]["missingValues"] == [""], res["name"]
        assert res["licenses"], res["name"]


def test_enum_fields_carry_their_categories():
    for res in _descriptor()["resources"]:
        for field in res["schema"]["fields"]:
            enum = field.get("constraints", {}).get("enum")
            assert (enum is None) == ("categories" not in field), (res["name"], field["name"])
            if enum is not None:
                assert field["categories"] == enum, (res["name"], field["name"])


def test_a_dialect_the_readers_do_not_use_is_refused(pkg_copy):
    d = json.loads(pkg_copy.read_text(encoding="utf-8"))
    d["resources"][0]["dialect"] = {"delimiter": ";", "header": True}
    pkg_copy.write_text(json.dumps(d), encoding="utf-8")
    problems = coprod_data.validate(pkg_copy).problems
    assert [(p.resource, p.field) for p in problems] == [(d["resources"][0]["name"], "dialect")]
