"""Loading: every resource loads with proper dtypes and passes its schema."""

from __future__ import annotations

import pandas as pd
import pytest

import coprod_data
from coprod_data.package import read_package


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


def test_index_is_the_csv_line_number():
    regions = coprod_data.load("regions")
    assert regions.index[0] == 2 and regions.index.name == "row"


def test_resource_names_are_in_descriptor_order():
    names = coprod_data.resource_names()
    assert names[0] == "documents" and names[-1] == "check_members" and len(names) == 23


def test_the_bundled_package_validates_clean():
    report = coprod_data.validate()
    assert report.ok, report.to_text()
