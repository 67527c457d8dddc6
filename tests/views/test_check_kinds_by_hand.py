"""Each check kind on hand-made checks whose verdicts were worked out by hand."""

from __future__ import annotations

import pytest

from tests.views.minidb import count_row, las, mini_db, pct_row

ATT, NAT, TEL = "attitude_survey", "telford_case_study", "national_la_survey"


def pct(fid: str, value: int, **extra) -> dict:
    return pct_row(fid, value, ATT, **extra)


def count(fid: str, value: int, qualifier: str = "exact") -> dict:
    return count_row(fid, value, TEL, qualifier)


def check(cid: str, kind: str, members: list[tuple], **fields) -> tuple[dict, list[dict]]:
    row = {"check_id": cid, "kind": kind, "document_id": NAT, "statement": "s"}
    row.update(fields)
    out = []
    for i, (term, role, ref, *rest) in enumerate(members, start=1):
        m = {"check_id": cid, "position": i, "term": term, "role": role}
        key, value = ref
        m[key] = value
        if rest:
            m.update(rest[0])
        out.append(m)
    return row, out


def db(checks: list[tuple[dict, list[dict]]], **tables):
    return mini_db(
        checks=[c for c, _ in checks],
        check_members=[m for _, ms in checks for m in ms],
        **tables,
    )


def verdict(con, cid: str) -> str:
    return con.execute("SELECT status FROM audit_checks WHERE check_id = ?", [cid]).fetchone()[0]


F = lambda fid: ("figure_id", fid)  # noqa: E731
C = lambda cid: ("claim_id", cid)  # noqa: E731
N = lambda ref: ("count_of", ref)  # noqa: E731


@pytest.mark.parametrize(
    ("values", "status"),
    [
        ([50, 50], "reproduced"),
        ([33, 33, 33], "within_rounding"),
        ([50, 40], "discrepancy"),
        ([20, 20, 20, 20, 22], "within_rounding"),
        ([20, 20, 20, 20, 23], "discrepancy"),
        ([1] * 5, "discrepancy"),
    ],
)
def test_share_list_closure(values, status):
    rows = [pct(f"s{i}", v) for i, v in enumerate(values)]
    con = db(
        [check("c", "share_list", [("share", "member", F(r["figure_id"])) for r in rows], relation="closed")],
        impact_ratings=rows,
    )
    assert verdict(con, "c") == status


@pytest.mark.parametrize(
    ("values", "status"),
    [
        ([50, 50], "reproduced"),  # a closed list after all: no assumption needed
        ([33, 33, 33], "within_rounding"),
        ([40, 41], "conditional"),  # 81: holds only if some answers are not listed
        ([60, 61], "discrepancy"),  # 121: too much even for an open list
    ],
)
def test_share_list_read_as_open_only_by_assumption(values, status):
    rows = [pct(f"s{i}", v) for i, v in enumerate(values)]
    con = db(
        [
            check(
                "c",
                "share_list",
                [("share", "member", F(r["figure_id"])) for r in rows],
                relation="assumed_open",
                assumption="some answers are unlisted",
            )
        ],
        impact_ratings=rows,
    )
    assert verdict(con, "c") == status
    if status == "conditional":
        reading = con.execute("SELECT reading FROM audit_checks WHERE check_id = 'c'").fetchone()[0]
        assert reading.startswith("holds only if some answers are not listed")


def test_same_figure_difference_and_majority():
    rows = [pct("a", 33), pct("b", 42), pct("c", 33, source_kind="chart", printed="0.33")]
    con = db(
        [
            check("two", "same_figure", [("printing", "member", F("a")), ("printing", "member", F("b"))]),
            check("three", "same_figure", [("printing", "member", F(x)) for x in "abc"]),
        ],
        impact_ratings=rows,
    )
    assert verdict(con, "two") == "discrepancy" and verdict(con, "three") == "discrepancy"
    got = dict(con.execute("SELECT figure_id, status FROM figure_audit WHERE kind = 'figure'").fetchall())
    assert got == {"a": "involved", "b": "discrepancy", "c": "involved"}  # the majority singles out b


@pytest.mark.parametrize(
    ("relation", "value", "tolerance", "figure", "status"),
    [
        ("about", 90, 5, 87, "conditional"),
        ("about", 90, 5, 90, "reproduced"),
        ("about", 90, 5, 84, "discrepancy"),
        ("about", 100 / 3, 5, 33, "within_rounding"),
        ("nearly", 70, 5, 67, "conditional"),
        ("nearly", 50, 5, 41, "discrepancy"),
        ("nearly", 70, 5, 71, "discrepancy"),
        ("more_than", 50, None, 52, "reproduced"),
        ("more_than", 50, None, 50, "within_rounding"),
        ("more_than", 50, None, 49, "discrepancy"),
        ("less_than", 100 / 3, None, 33, "within_rounding"),
        ("less_than", 20, None, 19, "reproduced"),
        ("less_than", 20, None, 21, "discrepancy"),
        # rounds_to: the phrase is the share rounded half up to a step of 2 * tolerance
        ("rounds_to", 90, 5, 87, "reproduced"),  # [86.5, 87.5) all round to 90
        ("rounds_to", 90, 5, 90, "reproduced"),
        ("rounds_to", 90, 5, 94, "reproduced"),  # 94.5 still rounds to 90
        ("rounds_to", 90, 5, 85, "within_rounding"),  # only [85, 85.5) rounds to 90
        ("rounds_to", 90, 5, 95, "within_rounding"),  # only [94.5, 95)
        ("rounds_to", 90, 5, 84, "discrepancy"),
        ("rounds_to", 90, 5, 96, "discrepancy"),
        ("rounds_to", 20, 2.5, 22, "reproduced"),  # [21.5, 22.5) rounds to 20 at a step of 5
        ("rounds_to", 20, 2.5, 18, "reproduced"),  # 17.5 rounds up to 20
        ("rounds_to", 20, 2.5, 23, "discrepancy"),  # the intervals touch at 22.5, which rounds to 25
        ("rounds_to", 20, 2.5, 17, "discrepancy"),  # touch at 17.5, which would print 18
        ("rounds_to", 75, 12.5, 63, "reproduced"),  # quarters: [62.5, 87.5) rounds to 75
        ("rounds_to", 75, 12.5, 88, "discrepancy"),  # 87.5 rounds up to 100
    ],
)
def test_threshold_phrases(relation, value, tolerance, figure, status):
    claim = {
        "claim_id": "k",
        "document_id": NAT,
        "claim_kind": "ratio_phrase",
        "statement": "s",
        "published": "p",
        "unit": "percent",
    }
    con = db(
        [
            check(
                "c",
                "threshold",
                [("claim", "asserts", C("k")), ("value", "input", F("f"))],
                relation=relation,
                value=value,
                tolerance=tolerance,
            )
        ],
        impact_ratings=[pct("f", figure)],
        claims=[claim],
    )
    assert verdict(con, "c") == status
    typed = con.execute(
        "SELECT published_value, recomputed_value, recomputed_lo, recomputed_hi "
        "FROM audit_checks WHERE check_id = 'c'"
    ).fetchone()
    assert typed == (pytest.approx(value), figure, figure - 0.5, figure + 0.5)
    expected_claim = {
        "reproduced": "reproduced",
        "within_rounding": "within_rounding",
        "conditional": "conditional",
        "discrepancy": "discrepancy",
    }[status]
    rows = dict(con.execute("SELECT figure_id, status FROM figure_audit").fetchall())
    assert rows == {"k": expected_claim, "f": "not_recomputable"}  # the phrase is judged, not the figure


def test_parts_that_may_overlap_are_conditional():
    counts = [count("w1", 50, "more_than"), count("w2", 40), count("t", 90)]
    members = [("part", "member", F("w1")), ("part", "member", F("w2")), ("total", "member", F("t"))]
    con = db(
        [
            check("u", "parts_sum", members, relation="union", assumption="someone came twice"),
            check("e", "parts_sum", members, relation="equals"),
        ],
        counts=counts,
    )
    assert verdict(con, "u") == "conditional" and verdict(con, "e") == "discrepancy"


def test_percent_of_count_and_common_base():
    rows = [pct("p", 33), pct("q", 50)]
    con = db(
        [
            check("g3", "percent_of_count", [("share", "member", F("p")), ("base", "input", F("n3"))]),
            check("g10", "percent_of_count", [("share", "member", F("p")), ("base", "input", F("n10"))]),
            check(
                "cb",
                "common_base",
                [("share", "member", F("p")), ("share", "member", F("q")), ("base", "input", F("n10"))],
                relation="common",
                base_min=1,
                base_max=6,
            ),
        ],
        impact_ratings=rows,
        counts=[count("n3", 3), count("n10", 10)],
    )
    assert verdict(con, "g3") == "within_rounding"  # 1/3 = 33.3%
    assert verdict(con, "g10") == "discrepancy"  # 3/10 = 30%, 4/10 = 40%
    assert verdict(con, "cb") == "conditional"  # 10 fails; 6 fits (2/6 = 33.3%, 3/6 = 50%)
    assert "6" in con.execute("SELECT reading FROM audit_checks WHERE check_id = 'cb'").fetchone()[0]
    typed = {
        r[0]: r[1:]
        for r in con.execute(
            "SELECT check_id, recomputed_value, recomputed_lo, recomputed_hi, base_lo, base_hi "
            "FROM audit_checks"
        ).fetchall()
    }
    assert typed["g3"] == (1, 1, 1, 3, 3)  # only 1 of 3 prints 33%
    assert typed["g10"] == (None, None, None, None, None)  # no count of 10 prints 33%
    assert typed["cb"] == (None, None, None, 6, 6)  # of the bases 1-6 and the candidate 10, only 6 fits both


def test_count_listed_and_nothing_listed():
    con = db(
        [
            check("ok", "count_listed", [("count", "asserts", F("n3")), ("listed", "input", N("proposals"))]),
            check("none", "count_listed", [("count", "asserts", F("n3"))]),
        ],
        counts=[count("n3", 3)],
        proposals=[
            {"proposal_id": f"p{i}", "list_position": i, "label": "x", "summary": "y"} for i in (1, 2)
        ],
    )
    assert verdict(con, "ok") == "discrepancy" and verdict(con, "none") == "not_recomputable"


def rates(region_pcts: dict[str, int], raw: int, adjusted: int) -> list[dict]:
    rows = [
        {
            "figure_id": f"rr-{r}",
            "document_id": NAT,
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
            "document_id": NAT,
            "scope": "national",
            "measure": "raw",
            "value_pct": raw,
            "printed": f"{raw}%",
        },
        {
            "figure_id": "rr-adj",
            "document_id": NAT,
            "scope": "national",
            "measure": "adjusted",
            "value_pct": adjusted,
            "printed": f"{adjusted}%",
        },
    ]
    return rows


@pytest.mark.parametrize(
    ("raw", "status"), [(50, "within_rounding"), (75, "conditional"), (25, "discrepancy")]
)
def test_regions_total_and_raw_rate_jointly(raw, status):
    # north: 2 authorities at 50% -> 1/2; south: 2 at 100% -> 1/1 (one excluded) or 2/2.
    # Adjusted 67% needs 2/3: one south authority excluded. Raw 50% of 4 = the same 2 returns;
    # 75% = 3 returns, possible only if the excluded authority's return counts in the raw rate
    # alone; 25% = 1 return, fewer than the 2 the regions need under any reading.
    m = []
    for r in ("north", "south"):
        m += [
            ("rate", "member", F(f"rr-{r}"), {"series": r}),
            ("base", "input", N(f"local_authorities.region_id={r}"), {"series": r}),
        ]
    m += [
        ("total", "member", F("rr-adj")),
        ("raw", "member", F("rr-raw"), {"series": "raw"}),
        ("base", "input", N("local_authorities"), {"series": "raw"}),
    ]
    con = db(
        [check("rr", "response_rates", m, relation="joint", assumption="split")],
        **las({"north": 2, "south": 2}),
        response_rates=rates({"north": 50, "south": 100}, raw, 67),
    )
    assert verdict(con, "rr") == status


def test_significance_unpaired_and_paired():
    imp = []
    for phase, v in (("pre", 42), ("post", 56)):
        imp.append(
            {
                "figure_id": f"i-{phase}",
                "document_id": ATT,
                "source_kind": "chart",
                "group_id": "vcs",
                "phase": phase,
                "impact_id": "x",
                "item_label": "x",
                "value_pct": v,
                "printed": f"{v}%",
            }
        )
    m = [
        ("pre", "input", F("i-pre"), {"series": "x"}),
        ("post", "input", F("i-post"), {"series": "x"}),
        ("pre_base", "input", F("n76")),
        ("post_base", "input", F("n75")),
    ]
    con = db(
        [
            check("ind", "significance", m, relation="increase", value=0.05, design="independent"),
            check("rep", "significance", m, relation="increase", value=0.05, design="repeated"),
        ],
        impact_ratings=imp,
        counts=[count("n76", 76), count("n75", 75)],
    )
    assert verdict(con, "ind") == "discrepancy"  # z = 1.7 < 1.96
    assert verdict(con, "rep") == "conditional"  # significant if few moved the other way
    assert (
        "only if at most"
        in con.execute("SELECT reading FROM audit_checks WHERE check_id='rep'").fetchone()[0]
    )


@pytest.mark.parametrize(
    ("text", "chart", "claim_status"),
    [
        (60, 70, "reproduced"),  # both readings hold
        (40, 70, "conditional"),  # the chart's reading holds, the text's fails
        (40, 45, "discrepancy"),  # every reading fails
    ],
)
def test_a_statement_read_on_alternative_figures(text, chart, claim_status):
    """A claim tested once on the text's values and once on the chart's (role alternative):
    wrong only when every reading fails; when one holds it is conditional on that reading.
    Each check keeps its own verdict, and a failed one still names the claim it tests."""
    claim = {
        "claim_id": "k",
        "document_id": NAT,
        "claim_kind": "threshold",
        "statement": "s",
        "published": "p",
        "unit": "percent",
    }
    members = [("claim", "alternative", C("k")), ("value", "input", F("t"))]
    checks = [
        check("c-text", "threshold", members, relation="more_than", value=50),
        check(
            "c-chart", "threshold", [members[0], ("value", "input", F("h"))], relation="more_than", value=50
        ),
    ]
    con = db(checks, impact_ratings=[pct("t", text), pct("h", chart, source_kind="chart")], claims=[claim])
    status, checks_text, assumption, failed = con.execute(
        "SELECT status, checks, assumption, failed_checks FROM figure_audit WHERE figure_id = 'k'"
    ).fetchone()
    assert status == claim_status
    text_fails = text <= 50
    assert verdict(con, "c-text") == ("discrepancy" if text_fails else "reproduced")
    singled = con.execute("SELECT singled_out FROM audit_checks WHERE check_id = 'c-text'").fetchone()[0]
    assert singled == (["k"] if text_fails else [])
    if claim_status == "conditional":
        assert "c-text (discrepancy, alternative)" in checks_text and failed is None
        assert "(c-chart)" in assumption and "(c-text)" in assumption
    if claim_status == "discrepancy":
        assert failed == "c-chart c-text"
