"""Spot checks written from the reports themselves, not from the data.

Each expected value was read off the seed text by hand (section in the comment).
Rows are found by their meaning (group, phase, item, source kind), not by figure id.
"""

from __future__ import annotations

import pytest

import coprod_data


def one(resource: str, **where):
    df = coprod_data.load(resource)
    mask = True
    for col, val in where.items():
        mask = mask & (df[col].isna() if val is None else (df[col] == val))
    hits = df[mask]
    assert len(hits) == 1, f"{resource} {where}: {len(hits)} rows"
    return hits.iloc[0]


def pct(resource: str, **where) -> int:
    row = one(resource, **where)
    col = "share_pct" if "share_pct" in row.index else "value_pct"
    return int(row[col])


# ---- attitude survey (000) ----------------------------------------------------------
@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ({"subject": "respondents", "phase": "pre"}, 154),  # 2.2
        ({"subject": "respondents", "phase": "post"}, 165),  # 2.2
        ({"subject": "sector_respondents", "group_id": "vcs"}, 76),  # 2.3
        ({"subject": "sector_respondents", "group_id": "childrens_centres"}, 46),  # 2.3
        ({"subject": "sector_respondents", "group_id": "local_authorities"}, 14),  # 2.3
        ({"subject": "sector_respondents", "group_id": "other_sectors"}, 28),  # 2.3
        ({"subject": "sector_respondents", "group_id": "health"}, 9),  # 2.3
        ({"subject": "sector_respondents", "group_id": "community_advice"}, 3),  # 2.3
        ({"subject": "sector_respondents", "group_id": "parents"}, 7),  # 2.3, printed "Seven"
        ({"subject": "programme_local_authorities", "document_id": "attitude_survey"}, 15),  # 1
    ],
)
def test_attitude_counts(where, expected):
    assert int(one("counts", **where)["value"]) == expected


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ({"source_kind": "text", "group_id": "all_participants", "phase": "pre"}, 56),  # 4.1
        ({"source_kind": "text", "group_id": "all_participants", "phase": "post"}, 81),  # 4.1
        ({"source_kind": "text", "group_id": "childrens_centres", "phase": "post"}, 85),  # 4.1
        ({"source_kind": "text", "group_id": "vcs", "phase": "post"}, 77),  # 4.1
        ({"measure": "confident_understanding", "group_id": "all_participants", "phase": "pre"}, 49),  # chart
        (
            {"measure": "confident_understanding", "group_id": "childrens_centres", "phase": "pre"},
            37,
        ),  # chart
        ({"measure": "confident_understanding", "group_id": "vcs", "phase": "post"}, 78),  # chart
        (
            {"source_kind": "chart", "measure": "understand_coproduction", "group_id": "vcs", "phase": "pre"},
            59,
        ),
        (
            {
                "source_kind": "chart",
                "measure": "understand_coproduction",
                "group_id": "childrens_centres",
                "phase": "post",
            },
            85,
        ),
    ],
)
def test_attitude_understanding(where, expected):
    assert pct("understanding", document_id="attitude_survey", **where) == expected


@pytest.mark.parametrize(
    ("group", "phase", "impact", "expected"),
    [
        ("vcs", "pre", "extend_reach", 57),  # chart 0.56999999999999995
        ("vcs", "post", "improve_delivery", 56),
        ("vcs", "pre", "time_resources", 18),
        ("vcs", "post", "culture_thrive", 47),
        ("vcs", "post", "deliver_user_needs", 32),
        ("childrens_centres", "pre", "extend_reach", 50),
        ("childrens_centres", "post", "resolve_partner_needs", 47),
        ("childrens_centres", "pre", "culture_thrive", 22),
        ("childrens_centres", "post", "culture_thrive", 36),
        ("childrens_centres", "post", "ensure_sustainability", 36),
    ],
)
def test_attitude_impact_chart_values(group, phase, impact, expected):
    assert pct("impact_ratings", group_id=group, phase=phase, impact_id=impact) == expected


@pytest.mark.parametrize(
    ("theme", "phase", "expected"),
    [
        ("vcs_sharing", "pre", 33),  # 4.3 table
        ("vcs_better_service", "post", 27),
        ("vcs_communication", "post", 13),
        ("cc_sharing", "pre", 35),  # 4.5 table
        ("cc_sharing", "post", 26),
        ("cc_outcomes", "pre", 7),
        ("cc_outcomes", "post", 18),
        ("cc_evidence", "post", 5),
    ],
)
def test_attitude_best_feature_shares(theme, phase, expected):
    assert pct("best_feature_shares", theme_id=theme, phase=phase) == expected


def test_attitude_la_action_shares():
    assert pct("la_action_shares", action_id="vcs_openness") == 25  # 5, VCS table
    assert pct("la_action_shares", action_id="vcs_manage_change") == 5
    assert pct("la_action_shares", action_id="cc_involve_vcs") == 35  # 5, CC table
    # seven values under six labels: the last one is kept, unmatched
    assert pct("la_action_shares", group_id="childrens_centres", value_position=7) == 4


# ---- Telford case study (002) -------------------------------------------------------
def test_telford_figures():
    row = one("counts", document_id="telford_case_study", subject="workshop_participants", period="2012-11")
    assert (int(row["value"]), row["qualifier"]) == (50, "more_than")  # "More than 50"
    assert int(one("counts", subject="workshop_participants", period="2013-01")["value"]) == 40
    assert int(one("counts", subject="workshop_participants", period=None)["value"]) == 90
    assert int(one("counts", subject="proposals_promised")["value"]) == 5
    assert len(coprod_data.load("proposals")) == 6  # six are listed
    assert pct("understanding", document_id="telford_case_study", phase="pre") == 38
    assert pct("understanding", document_id="telford_case_study", phase="post") == 63


# ---- national survey (003) ------------------------------------------------------------
@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ({"scope": "national", "measure": "raw"}, 28),
        ({"scope": "national", "measure": "adjusted", "source_kind": "text"}, 29),
        ({"scope": "national", "measure": "adjusted", "source_kind": "table"}, 29),
        ({"region_id": "london"}, 32),
        ({"region_id": "south_east"}, 44),
        ({"region_id": "east_of_england"}, 38),
        ({"region_id": "south_west"}, 42),
        ({"region_id": "west_midlands"}, 17),
        ({"region_id": "east_midlands"}, 14),
        ({"region_id": "yorkshire_humber"}, 8),
        ({"region_id": "north_west"}, 11),
        ({"region_id": "north_east"}, 55),
    ],
)
def test_response_rates(where, expected):
    assert pct("response_rates", **where) == expected


@pytest.mark.parametrize(
    ("practice", "frequency", "expected"),
    [
        ("map_monitor_providers", "regularly", 48),
        ("map_monitor_providers", "occasionally", 41),
        ("involve_in_strategic_planning", "normal_practice", 87),
        ("identify_providers", "always_or_very_frequently", 48),
        ("avoid_procurement_disadvantage", "always_or_very_frequently", 77),
        ("provide_capacity_support", "always_or_very_frequently", 25),
        ("provide_capacity_support", "occasionally_or_rarely", 62),
        ("support_consortium_bids", "as_a_matter_of_course", 67),
    ],
)
def test_practice_rates(practice, frequency, expected):
    assert pct("practice_rates", practice_id=practice, frequency=frequency) == expected


@pytest.mark.parametrize(
    ("challenge", "kind", "resource", "expected"),
    [
        ("c1_strategic_planning", "text", "commissioning_procurement_workshops", 57),
        ("c1_strategic_planning", "chart", "consortium_models", 26),
        ("c2_identifying", "chart", "policy_briefings", 27),  # chart only
        ("c3_procurement", "text", "consortium_models", 33),  # text says 33 ...
        ("c3_procurement", "chart", "consortium_models", 42),  # ... its chart 42
        ("c3_procurement", "text", "how_to_guides", 44),
        ("c3_procurement", "chart", "how_to_guides", 45),
        ("c4_capacity", "text", "consortium_models", 44),
        ("c4_capacity", "chart", "consortium_models", 29),
        ("c4_capacity", "chart", "policy_briefings", 25),
        ("c5_bids", "text", "commissioning_procurement_workshops", 68),
        ("c5_bids", "chart", "commissioning_procurement_workshops", 69),
        ("c5_bids", "chart", "consortium_models", 75),
        (None, "text", "commissioning_procurement_workshops", 61),  # overall
        (None, "chart", "governance_workshops", 29),
    ],
)
def test_resource_ratings(challenge, kind, resource, expected):
    where = {
        "challenge_id": challenge,
        "source_kind": kind,
        "resource_type_id": resource,
        "measure": "rated_important",
    }
    assert pct("resource_ratings", **where) == expected


def test_consortium_not_valued_in_challenge_1():
    row = one("resource_ratings", challenge_id="c1_strategic_planning", measure="not_valued")
    assert (row["resource_type_id"], int(row["value_pct"])) == ("consortium_models", 74)


def test_chart_rows_keep_the_raw_token():
    row = one(
        "resource_ratings", challenge_id="c5_bids", source_kind="chart", resource_type_id="consortium_models"
    )
    assert row["printed"] == "0.750000000000001"
    assert row["item_label"] == "Consortia Models"


def test_printed_typos_are_kept_in_labels():
    row = one(
        "resource_ratings",
        challenge_id="c3_procurement",
        source_kind="chart",
        resource_type_id="consortium_models",
    )
    assert row["item_label"] == "Consortia Modeal"
    row = one(
        "resource_ratings",
        challenge_id="c4_capacity",
        source_kind="chart",
        resource_type_id="commissioning_procurement_workshops",
    )
    assert row["item_label"] == "Commissioning and Procurement woekshops"
