"""Each view on a small hand-made table whose answer was worked out by hand."""

from __future__ import annotations

import pytest

from tests.views.minidb import las, mini_db

ATT = "attitude_survey"


def one(con, sql: str):
    rows = con.execute(sql).fetchall()
    assert len(rows) == 1, rows
    return rows[0]


# ---- 010 rounding macros ------------------------------------------------------------
@pytest.mark.parametrize(
    ("p", "n", "rule", "lo", "hi"),
    [
        (57, 76, "half_up", 43, 43),  # 43/76 = 56.58%
        (50, 2, "half_up", 1, 1),
        (38, 8, "half_up", 3, 3),  # 3/8 = 37.5% rounds up to 38
        (37, 8, "half_up", 3, 2),  # ... so nothing prints 37 (empty range)
        (38, 8, "half_even", 3, 3),  # 37.5 goes to the even 38
        (37, 8, "half_even", 3, 2),
        (37, 8, "either", 3, 2),  # 37.5 prints 38 under both usual rules, so never 37
        (13, 8, "either", 1, 1),  # 1/8 = 12.5 may print 12 or 13
        (13, 8, "half_up", 1, 1),
        (13, 8, "half_even", 2, 1),  # 12.5 goes to the even 12: empty range
        (0, 5, "half_up", 0, 0),
        (100, 5, "half_up", 5, 5),
    ],
)
def test_pct_bounds(p, n, rule, lo, hi):
    con = mini_db()
    assert one(con, f"SELECT pct_k_lo({p}, {n}, '{rule}'), pct_k_hi({p}, {n}, '{rule}')") == (lo, hi)


# ---- 020 fact_figures, 030 denominators, 040 granularity ------------------------------
def attitude_rows(pre_pct: int, n_pre: int = 10):
    return {
        "counts": [
            {
                "figure_id": "n-pre",
                "document_id": ATT,
                "subject": "respondents",
                "group_id": "all_participants",
                "phase": "pre",
                "value": n_pre,
                "unit": "people",
                "printed": str(n_pre),
            },
            {
                "figure_id": "n-post",
                "document_id": ATT,
                "subject": "respondents",
                "group_id": "all_participants",
                "phase": "post",
                "value": 20,
                "unit": "people",
                "printed": "20",
            },
        ],
        "understanding": [
            {
                "figure_id": "u-pre",
                "document_id": ATT,
                "source_kind": "text",
                "measure": "understand_coproduction",
                "group_id": "all_participants",
                "phase": "pre",
                "value_pct": pre_pct,
                "printed": f"{pre_pct}%",
            },
            {
                "figure_id": "u-post",
                "document_id": ATT,
                "source_kind": "text",
                "measure": "understand_coproduction",
                "group_id": "all_participants",
                "phase": "post",
                "value_pct": 55,
                "printed": "55%",
            },
        ],
    }


def test_fact_figures_unions_every_fact_table():
    con = mini_db(**attitude_rows(30))
    assert one(con, "SELECT count(*), count(DISTINCT resource) FROM fact_figures") == (4, 2)


def test_granularity_accepts_a_share_a_whole_count_gives():
    con = mini_db(**attitude_rows(30))  # 3/10 = 30%
    row = one(
        con,
        "SELECT basis, n_min, is_feasible, implied_counts FROM granularity_summary WHERE figure_id='u-pre'",
    )
    assert row == ("stated", 10, True, "3/10")


def test_granularity_rejects_a_share_no_whole_count_gives_and_shows_the_nearest():
    con = mini_db(**attitude_rows(33))  # 3/10 = 30%, 4/10 = 40%: nothing prints 33
    row = one(con, "SELECT is_feasible, nearest FROM granularity_summary WHERE figure_id='u-pre'")
    assert row == (False, "3/10 = 30.0%, 4/10 = 40.0%")
    status = one(con, "SELECT status FROM figure_status WHERE figure_id = 'u-pre'")[0]
    assert status == "discrepancy"  # the base is stated for this group and phase


def test_granularity_post_with_an_odd_share_of_twenty():
    con = mini_db(**attitude_rows(30))  # 55% of 20 = 11 exactly
    assert one(con, "SELECT implied_counts FROM granularity_summary WHERE figure_id='u-post'") == ("11/20",)


# ---- 050 share lists, 060 reconstruction ----------------------------------------------
def shares(values, group="vcs", phase="pre", is_open=False):
    return [
        {
            "figure_id": f"s{i}",
            "document_id": ATT,
            "group_id": group,
            "phase": phase,
            "theme_id": f"t{i}",
            "value_position": i,
            "share_pct": v,
            "is_open_list": is_open,
            "printed": f"{v}%",
        }
        for i, v in enumerate(values, start=1)
    ]


@pytest.mark.parametrize(
    ("values", "status", "slack"),
    [
        ([50, 50], "reproduced", 1),
        ([33, 33, 33], "within_rounding", 1),
        ([50, 40], "discrepancy", 1),
        ([20, 20, 20, 20, 22], "within_rounding", 2),
        ([20, 20, 20, 20, 23], "discrepancy", 2),
    ],
)
def test_share_list_closure(values, status, slack):
    con = mini_db(best_feature_shares=shares(values))
    assert one(con, "SELECT status, slack_pct, sum_pct FROM share_lists") == (status, slack, sum(values))


def test_open_list_is_reported_not_judged():
    con = mini_db(best_feature_shares=shares([35, 18, 4], is_open=True))
    assert one(con, "SELECT status FROM share_lists") == ("not_recomputable",)


@pytest.mark.parametrize(
    ("values", "smallest", "counts"),
    [
        ([33, 33, 33], 3, [1, 1, 1]),  # 1/3 = 33.3% each
        ([67, 33], 3, [2, 1]),
        ([50, 50], 2, [1, 1]),
        ([40, 30, 30], 10, [4, 3, 3]),
        ([25, 75], 4, [1, 3]),
    ],
)
def test_share_reconstruction_finds_the_smallest_total(values, smallest, counts):
    con = mini_db(best_feature_shares=shares(values))
    assert one(con, "SELECT smallest_total FROM share_reconstruction WHERE rounding = 'half_up'") == (
        smallest,
    )
    got = con.execute(
        "SELECT comments FROM share_reconstruction_counts WHERE rounding = 'half_up' ORDER BY value_position"
    ).fetchall()
    assert [c for (c,) in got] == counts


def test_share_reconstruction_reports_an_impossible_set():
    # 5 items at 1% each cannot sum to 100 within rounding: no total works
    con = mini_db(best_feature_shares=shares([1, 1, 1, 1, 1]))
    assert one(
        con, "SELECT is_feasible, smallest_total FROM share_reconstruction WHERE rounding='either'"
    ) == (False, None)


# ---- 070 pre/post changes and ranks ----------------------------------------------------
def test_pre_post_changes_and_ranks():
    rows = []
    for item, pre, post in [("a", 10, 15), ("b", 20, 19), ("c", 30, 30)]:
        for phase, v in (("pre", pre), ("post", post)):
            rows.append(
                {
                    "figure_id": f"{item}-{phase}",
                    "document_id": ATT,
                    "source_kind": "chart",
                    "source_locator": "chart",
                    "group_id": "vcs",
                    "phase": phase,
                    "impact_id": item,
                    "item_label": item,
                    "value_pct": v,
                    "printed": f"{v}%",
                }
            )
    con = mini_db(impact_ratings=rows)
    got = con.execute(
        "SELECT item_id, change, direction, is_sign_certain, change_rank, post_rank "
        "FROM pre_post_changes ORDER BY item_id"
    ).fetchall()
    assert got == [("a", 5, "up", True, 1, 3), ("b", -1, "down", True, 3, 2), ("c", 0, "same", False, 2, 1)]


# ---- 080 response rates ------------------------------------------------------------------
def rates(region_pcts: dict[str, int], raw: int, adjusted: int):
    rows = [
        {
            "figure_id": f"rr-{r}",
            "document_id": "national_la_survey",
            "source_kind": "table",
            "scope": "region",
            "region_id": r,
            "measure": "adjusted",
            "value_pct": p,
            "printed": f"{p}%",
        }
        for r, p in region_pcts.items()
    ]
    rows += [
        {
            "figure_id": "rr-raw",
            "document_id": "national_la_survey",
            "scope": "national",
            "measure": "raw",
            "value_pct": raw,
            "printed": f"{raw}%",
        },
        {
            "figure_id": "rr-adj",
            "document_id": "national_la_survey",
            "scope": "national",
            "measure": "adjusted",
            "value_pct": adjusted,
            "printed": f"{adjusted}%",
        },
    ]
    return rows


def test_region_solutions_enumerate_returns_and_eligible():
    # 4 authorities, 50%: 1/2, 2/4 (and 1/2 with 2 excluded...): r/e = 1/2 for e in {2, 4}
    con = mini_db(**las({"north": 4}), response_rates=rates({"north": 50}, 50, 50))
    got = con.execute(
        "SELECT returns, eligible, excluded FROM response_rate_region_solutions "
        "WHERE rounding = 'half_up' ORDER BY eligible"
    ).fetchall()
    assert got == [(1, 2, 2), (2, 4, 0)]


def test_region_with_no_solution_shows_the_nearest():
    # 3 authorities: 0/1..3/3 give 0, 33, 50, 67, 100: 40% is impossible
    con = mini_db(**las({"north": 3}), response_rates=rates({"north": 40}, 33, 40))
    row = one(
        con,
        "SELECT n_solutions, nearest_with_all_eligible FROM response_rate_regions WHERE rounding='either'",
    )
    assert row == (0, "1/3 or 2/3")
    assert one(con, "SELECT status FROM figure_status WHERE figure_id = 'rr-north'") == ("discrepancy",)


def test_joint_solution_combines_regions_and_checks_the_national_rates():
    # north: 2 authorities at 50% -> 1/2; south: 2 authorities at 100% -> 1/1 or 2/2.
    # Totals: (1+1)/(2+1) = 67%, (1+2)/(2+2) = 75%; raw 3/4 = 75% only with 3 returns.
    con = mini_db(**las({"north": 2, "south": 2}), response_rates=rates({"north": 50, "south": 100}, 75, 75))
    got = con.execute(
        "SELECT total_returns, total_eligible, matches_adjusted, matches_raw FROM response_rate_joint "
        "WHERE rounding = 'half_up' ORDER BY 1"
    ).fetchall()
    assert got == [(2, 3, False, False), (3, 4, True, True)]
    assert one(con, "SELECT status FROM figure_status WHERE figure_id = 'rr-raw'") == ("within_rounding",)


def test_raw_rate_that_the_regions_cannot_give_is_a_discrepancy():
    # as above, but raw 50% of 4 needs 2 returns while adjusted 75% needs 3
    con = mini_db(**las({"north": 2, "south": 2}), response_rates=rates({"north": 50, "south": 100}, 50, 75))
    assert one(con, "SELECT status FROM figure_status WHERE figure_id = 'rr-raw'") == ("discrepancy",)


# ---- 090 totals and parts -------------------------------------------------------------------
def test_sector_counts_against_respondents():
    counts = attitude_rows(30)["counts"] + [
        {
            "figure_id": f"sec-{g}",
            "document_id": ATT,
            "subject": "sector_respondents",
            "group_id": g,
            "value": v,
            "unit": "people",
            "printed": str(v),
        }
        for g, v in (("vcs", 5), ("childrens_centres", 3), ("local_authorities", 1), ("other_sectors", 1))
    ]
    con = mini_db(counts=counts)
    assert one(
        con, "SELECT recomputed, status FROM totals_and_parts WHERE check_id='sectors-vs-respondents'"
    ) == ("10", "reproduced")  # 5 + 3 + 1 + 1 = 10 = respondents before


def test_items_promised_against_items_listed():
    con = mini_db(
        counts=[
            {
                "figure_id": "p",
                "document_id": "telford_case_study",
                "subject": "proposals_promised",
                "value": 2,
                "unit": "items",
                "printed": "two",
            }
        ],
        proposals=[
            {"proposal_id": f"p{i}", "list_position": i, "label": "x", "summary": "y"} for i in (1, 2, 3)
        ],
    )
    assert one(
        con, "SELECT published, recomputed, status FROM totals_and_parts WHERE check_id = 'items-p'"
    ) == ("2", "3", "discrepancy")


# ---- 100-120 checks, claims and the audit ---------------------------------------------------
def test_text_and_chart_printing_the_same_figure_differently():
    rows = [
        {
            "figure_id": f"r-{k}",
            "document_id": "national_la_survey",
            "source_kind": k,
            "scope": "challenge",
            "challenge_id": "c1",
            "resource_type_id": "consortium_models",
            "measure": "rated_important",
            "value_pct": v,
            "printed": f"{v}%" if k == "text" else f"0.{v}",
        }
        for k, v in (("text", 33), ("chart", 42))
    ]
    con = mini_db(
        challenges=[{"challenge_id": "c1", "number": 1, "question_id": "q1"}],
        resource_types=[{"resource_type_id": "consortium_models", "label": "c", "normalised_label": "c"}],
        resource_ratings=rows,
    )
    got = con.execute(
        "SELECT figure_id, status, recomputed FROM figure_audit WHERE kind = 'figure' ORDER BY 1"
    ).fetchall()
    assert got == [
        ("r-chart", "discrepancy", "printed-twice: 33"),
        ("r-text", "discrepancy", "printed-twice: 42"),
    ]


@pytest.mark.parametrize(
    ("relation", "value", "figure", "status"),
    [
        ("about", 90, 87, "within_rounding"),
        ("about", 90, 90, "reproduced"),
        ("about", 90, 84, "discrepancy"),
        ("nearly", 70, 67, "within_rounding"),
        ("nearly", 50, 41, "discrepancy"),
        ("nearly", 70, 71, "discrepancy"),
        ("more_than", 50, 52, "reproduced"),
        ("more_than", 50, 50, "within_rounding"),
        ("more_than", 50, 49, "discrepancy"),
        ("less_than", 33.33, 33, "within_rounding"),
        ("less_than", 20, 19, "reproduced"),
        ("less_than", 20, 21, "discrepancy"),
    ],
)
def test_ratio_phrases_and_thresholds(relation, value, figure, status):
    con = mini_db(
        practice_rates=[
            {
                "figure_id": "f",
                "document_id": "national_la_survey",
                "practice_id": "map_monitor_providers",
                "frequency": "regularly",
                "value_pct": figure,
                "printed": f"{figure}%",
            }
        ],
        claims=[
            {
                "claim_id": "c",
                "document_id": "national_la_survey",
                "claim_kind": "ratio_phrase",
                "statement": "s",
                "published": "p",
                "relation": relation,
                "value": value,
                "unit": "percent",
                "figure_ids": "f",
            }
        ],
    )
    assert one(con, "SELECT status FROM figure_audit WHERE figure_id = 'c'") == (status,)


def test_audit_has_one_row_per_figure_and_claim_and_only_known_statuses():
    con = mini_db(**attitude_rows(30))
    assert one(con, "SELECT count(*) FROM figure_audit") == (4,)
    statuses = {s for (s,) in con.execute("SELECT DISTINCT status FROM figure_audit").fetchall()}
    assert statuses <= {"reproduced", "within_rounding", "discrepancy", "not_recomputable"}
