"""audit() and checks() return typed columns: numbers, an ordered status, string ids."""

from __future__ import annotations

import pandas as pd
import pytest

import coprod_data
from coprod_data.auditing import CHECK_STATUSES, STATUSES, audit_rows, check_rows, checks, typed_frame


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
