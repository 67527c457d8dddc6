"""Each view on a small hand-made table whose answer was worked out by hand."""

from __future__ import annotations

import pytest

from tests.views.minidb import mini_db

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


# ---- fact_figures (generated from the descriptor) ---------------------------------------
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
