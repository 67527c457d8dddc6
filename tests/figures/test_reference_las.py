"""The reference list of 152 authorities with children's services duties in 2012-13."""

from __future__ import annotations

import coprod_data

EXPECTED = {  # given in the issue and checked against DfE lookups
    "north_east": 12,
    "north_west": 23,
    "yorkshire_humber": 15,
    "east_midlands": 9,
    "west_midlands": 14,
    "east_of_england": 11,
    "london": 33,
    "south_east": 19,
    "south_west": 16,
}


def test_152_authorities_in_all():
    assert len(coprod_data.load("local_authorities")) == 152


def test_authorities_per_region():
    counts = coprod_data.load("local_authorities")["region_id"].value_counts()
    assert {k: int(v) for k, v in counts.items()} == EXPECTED


def test_the_list_includes_city_of_london_and_isles_of_scilly():
    names = set(coprod_data.load("local_authorities")["name"])
    assert {"City of London", "Isles of Scilly"} <= names


def test_authorities_named_in_the_reports_are_in_their_regions():
    las = coprod_data.load("local_authorities").set_index("name")["region_id"].astype(str)
    assert las["Kent"] == "south_east"
    assert las["Poole"] == "south_west"
    assert las["Hillingdon"] == "london"
    assert las["Greenwich"] == "london"
    assert las["Northamptonshire"] == "east_midlands"
    assert las["North East Lincolnshire"] == "yorkshire_humber"
    assert las["Telford and Wrekin"] == "west_midlands"


def test_codes_valid_in_2012_13():
    las = coprod_data.load("local_authorities").set_index("name")
    assert las.loc["Gateshead", "gss_code"] == "E08000020"  # became E08000037 in April 2013
    assert las.loc["Northumberland", "gss_code"] == "E06000048"  # became E06000057 in April 2013
    assert int(las.loc["City of London", "dfe_la_code"]) == 201
    assert int(las.loc["Isles of Scilly", "dfe_la_code"]) == 420
