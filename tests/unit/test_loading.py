"""Loading: every resource loads with proper dtypes and passes its schema."""

from __future__ import annotations

import pandas as pd
import pytest

import coprod_data
from coprod_data.loading import printings
from coprod_data.package import fact_resources, read_package


@pytest.mark.parametrize("name", coprod_data.resource_names())
def test_every_resource_loads_and_passes_its_schema(name):
    df = coprod_data.load(name)
    res = read_package().resource(name)
    assert list(df.columns) == res.field_names
    assert len(df) > 0


def test_dtypes_are_typed_not_object():
    counts = coprod_data.load("counts")
    assert counts["value"].dtype == "Int64"
    assert isinstance(counts["phase"].dtype, pd.CategoricalDtype)
    assert list(counts["phase"].cat.categories) == ["pre", "post"]
    assert counts["figure_id"].dtype == "string"
    assert coprod_data.load("best_feature_shares")["is_open_list"].dtype == "boolean"
    assert isinstance(coprod_data.load("regions")["region_id"].dtype, pd.CategoricalDtype)


def test_index_is_a_default_range_index():
    regions = coprod_data.load("regions")
    assert isinstance(regions.index, pd.RangeIndex)
    assert regions.index.equals(pd.RangeIndex(len(regions))) and regions.index.name is None


def test_row_i_is_csv_line_i_plus_2():
    res = read_package().resource("regions")
    lines = res.file.read_text(encoding="utf-8").splitlines()
    regions = coprod_data.load("regions")
    for i in (0, len(regions) - 1):
        assert lines[i + 1].split(",")[0] == regions.loc[i, "region_id"]


@pytest.mark.parametrize("name", ["response_rates", "claims", "regions"])
def test_attrs_carry_the_resource_metadata(name):
    df = coprod_data.load(name)
    pkg = read_package()
    res = pkg.resource(name)
    raw = next(r for r in pkg.raw["resources"] if r["name"] == name)
    assert df.attrs["name"] == name and df.attrs["title"] == res.title and res.title
    assert df.attrs["description"] == res.description and res.description
    assert df.attrs["licenses"] == raw.get("licenses", pkg.raw["licenses"]) and df.attrs["licenses"]
    assert df.attrs["sources"] == raw.get("sources", pkg.raw["sources"]) and df.attrs["sources"]
    assert list(df.attrs["fields"]) == list(df.columns)
    for f in res.fields:
        info = df.attrs["fields"][f.name]
        assert info == {
            "type": f.type,
            "description": f.description,
            "unit": f.unit,
            "constraints": f.constraints,
        }


def test_attrs_are_not_shared_with_the_cached_package():
    df = coprod_data.load("regions")
    first = next(iter(df.attrs["fields"]))
    df.attrs["fields"][first]["constraints"]["mutated"] = True
    assert "mutated" not in coprod_data.load("regions").attrs["fields"][first]["constraints"]


def test_a_field_unit_reaches_attrs():
    fields = coprod_data.load("understanding").attrs["fields"]
    assert fields["value_pct"]["unit"] == "percent"
    assert fields["figure_id"]["unit"] is None


def test_describe_prints_and_returns_the_dictionary(capsys):
    text = coprod_data.describe("response_rates")
    assert capsys.readouterr().out == text
    res = read_package().resource("response_rates")
    assert text.startswith(f"response_rates: {res.title}\n")
    assert "Licences:" in text and "Sources:" in text
    for f in res.fields:
        assert f"  {f.name} ({f.type}" in text
    enum_field = next(f for f in res.fields if f.enum)
    assert "enum: " + ", ".join(map(str, enum_field.enum)) in text


def test_describe_unknown_resource_is_a_readable_error():
    with pytest.raises(coprod_data.CoprodDataError, match="nope"):
        coprod_data.describe("nope")


def test_describe_is_public():
    assert "describe" in coprod_data.__all__ and "describe" in dir(coprod_data)


def test_resource_names_are_in_descriptor_order():
    names = coprod_data.resource_names()
    assert names[0] == "documents" and names[-1] == "check_members" and len(names) == 23


def test_the_bundled_package_validates_clean():
    report = coprod_data.validate()
    assert report.ok, report.to_text()


def test_one_per_figure_is_public():
    assert "one_per_figure" in coprod_data.__all__ and "one_per_figure" in dir(coprod_data)


@pytest.mark.parametrize("name", fact_resources())
def test_one_per_figure_keeps_one_printing_of_each_figure(name):
    frame = coprod_data.load(name)
    before = frame.copy()
    one = coprod_data.one_per_figure(frame)
    assert frame.equals(before) and len(coprod_data.load(name)) == len(frame)  # every printing still loads
    groups = printings()
    ids = set(frame["figure_id"])
    tied = groups[groups["figure_id"].isin(ids)]
    kept = set(one["figure_id"])
    assert set(frame["figure_id"]) - set(tied["figure_id"]) <= kept  # printed once: always kept
    for check_id, g in tied.groupby("check_id"):
        survivors = set(g["figure_id"]) & kept
        assert survivors == {g.sort_values("position")["figure_id"].iloc[0]}, check_id
    assert list(one.columns) == list(frame.columns) and one.attrs == frame.attrs


def test_one_per_figure_removes_the_text_and_chart_double_count():
    ratings = coprod_data.load("resource_ratings")
    key = ["scope", "challenge_id", "resource_type_id", "measure"]
    assert ratings.groupby(key, observed=True, dropna=False).size().max() == 2
    one = coprod_data.one_per_figure(ratings)
    assert one.groupby(key, observed=True, dropna=False).size().max() == 1
    assert len(one) == ratings.groupby(key, observed=True, dropna=False).ngroups


def test_one_per_figure_across_concatenated_resources():
    frames = [coprod_data.load(n) for n in fact_resources()]
    both = pd.concat([f.astype({"figure_id": "string"})[["figure_id"]] for f in frames], ignore_index=True)
    one = coprod_data.one_per_figure(both)
    groups = printings()
    assert len(both) - len(one) == len(groups) - groups["check_id"].nunique()


def test_one_per_figure_needs_a_figure_id():
    with pytest.raises(coprod_data.CoprodDataError, match="figure_id"):
        coprod_data.one_per_figure(coprod_data.load("regions"))
