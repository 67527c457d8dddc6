"""audit() and checks() return typed columns: numbers, an ordered status, string ids."""

from __future__ import annotations

import pandas as pd
import pytest

import coprod_data
from coprod_data.auditing import (
    CHECK_COLUMNS,
    CHECK_STATUSES,
    COLUMNS,
    STATUSES,
    audit_rows,
    check_rows,
    checks,
    typed_frame,
)


@pytest.fixture(scope="module")
def figures():
    return coprod_data.audit()


@pytest.fixture(scope="module")
def verdicts():
    return checks()


def test_status_is_an_ordered_categorical_worst_first(figures, verdicts):
    for frame, order in ((figures, STATUSES), (verdicts, CHECK_STATUSES)):
        dtype = frame["status"].dtype
        assert isinstance(dtype, pd.CategoricalDtype) and dtype.ordered
        assert list(dtype.categories) == list(order)
    worse = figures[figures["status"] < "reproduced"]
    assert len(worse) > 0 and "reproduced" not in set(worse["status"].astype(str))
    # the rows come worst first: the status codes never decrease
    assert figures["status"].cat.codes.is_monotonic_increasing


def test_ids_and_text_are_strings(figures, verdicts):
    for col in ("figure_id", "document_id", "kind", "detail", "published", "recomputed"):
        assert figures[col].dtype == "string", col
    for col in ("check_id", "document_id", "detail"):
        assert verdicts[col].dtype == "string", col


def test_numbers_are_numbers(figures, verdicts):
    assert figures["published_value"].dtype == "float64"
    for col in ("published_value", "recomputed_value", "recomputed_lo", "recomputed_hi", "pass_chance"):
        assert verdicts[col].dtype == "float64", col
    for col in ("base_lo", "base_hi"):
        assert verdicts[col].dtype == "Int64", col
    both = verdicts.dropna(subset=["recomputed_lo", "recomputed_hi"])
    assert len(both) > 0 and (both["recomputed_lo"] <= both["recomputed_hi"]).all()


def test_typed_values_equal_the_raw_rows(figures, verdicts):
    for frame, (columns, rows) in ((figures, audit_rows()), (verdicts, check_rows())):
        assert list(frame.columns) == columns and len(frame) == len(rows)
        for i, name in enumerate(columns):
            for got, raw in zip(frame[name].tolist(), (r[i] for r in rows), strict=True):
                if raw is None:
                    assert got is None or pd.isna(got), name
                else:
                    assert got == raw, name


def test_list_columns_stay_lists(verdicts):
    assert all(isinstance(v, list) for v in verdicts["figure_ids"])


def test_typed_frame_of_no_rows_keeps_an_ordered_status():
    frame = typed_frame(["figure_id", "status"], [], STATUSES)
    assert len(frame) == 0 and frame["status"].dtype.ordered and frame["figure_id"].dtype == "string"


# --- the recomputation's numbers in the per-figure frame -----------------------------------


def test_every_number_column_has_its_dtype_from_the_table():
    from coprod_data.auditing import NUMBER_DTYPES

    con = coprod_data.connect()
    try:
        found = con.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'main' AND table_name IN ('figure_audit', 'audit_checks') "
            "AND data_type IN ('DOUBLE', 'BIGINT', 'INTEGER')"
        ).fetchall()
    finally:
        con.close()
    shown = {"figure_audit": set(COLUMNS), "audit_checks": set(CHECK_COLUMNS)}  # what the frames carry
    found = [f for f in found if f[1] in shown[f[0]]]
    assert len(found) >= 15
    for table, column, sql_type in found:
        want = "float64" if sql_type == "DOUBLE" else "Int64"
        assert NUMBER_DTYPES.get(column) == want, f"{table}.{column} ({sql_type})"


def test_the_deciding_checks_numbers_are_typed_columns_of_the_audit(figures, verdicts):
    numbers = ["check_published_value", "check_recomputed_value", "check_recomputed_lo"]
    numbers.append("check_recomputed_hi")
    for col in numbers:
        assert figures[col].dtype == "float64", col
    for col in ("n_checks", "n_failed_checks", "check_base_lo", "check_base_hi"):
        assert figures[col].dtype == "Int64", col
    assert figures["deciding_check"].dtype == "string" and figures["check_pass_chance"].dtype == "float64"
    judged = figures[figures["deciding_check"].notna()]
    assert len(judged) > 100 and figures["check_recomputed_lo"].notna().sum() > 50
    assert ((figures["n_checks"] == 0) == figures["deciding_check"].isna()).all()
    failed = figures["failed_checks"].fillna("").str.split().map(len)
    assert (figures["n_failed_checks"] == failed).all()
    by_id = verdicts.set_index("check_id")
    for row in judged.itertuples():
        check = by_id.loc[row.deciding_check]
        # its verdict is the row's status (involved: in a failed check that does not single it
        # out), except where the check holds but bears on this member only under a reading (an
        # alternative beside a failed one, a part counted only under the assumption): then the
        # member is conditional and its assumption names the check
        want = "discrepancy" if row.status == "involved" else str(row.status)
        if want == "conditional" and str(check.status) in ("reproduced", "within_rounding"):
            assert f"({row.deciding_check})" in row.assumption, row.figure_id
        else:
            assert str(check.status) == want, row.figure_id
        for ours, theirs in (
            ("check_published_value", "published_value"),
            ("check_recomputed_value", "recomputed_value"),
            ("check_recomputed_lo", "recomputed_lo"),
            ("check_recomputed_hi", "recomputed_hi"),
            ("check_base_lo", "base_lo"),
            ("check_base_hi", "base_hi"),
            ("check_pass_chance", "pass_chance"),
        ):
            a, b = getattr(row, ours), check[theirs]
            assert (pd.isna(a) and pd.isna(b)) or a == b, (row.figure_id, ours)


def test_a_number_column_left_empty_by_a_filter_stays_a_number():
    frame = coprod_data.audit(status="not_recomputable")
    assert len(frame) > 0
    for col in ("check_base_lo", "n_checks"):
        assert frame[col].dtype == "Int64", col
    assert frame["check_recomputed_lo"].dtype == "float64"
    assert typed_frame(["check_base_lo"], [(None,)], STATUSES)["check_base_lo"].dtype == "Int64"


def test_audit_checks_is_the_top_level_name_of_the_checks_frame(verdicts):
    assert "audit_checks" in coprod_data.__all__ and "audit_checks" in dir(coprod_data)
    frame = coprod_data.audit_checks()
    pd.testing.assert_frame_equal(frame, verdicts)
    failed = coprod_data.audit_checks(status="discrepancy")
    assert len(failed) > 0 and set(failed["status"].astype(str)) == {"discrepancy"}
