"""One mistake gives one message: checks that depend on a broken table stand aside."""

from __future__ import annotations

import coprod_data
from tests.conftest import edit_cell


def test_a_bad_fact_table_does_not_make_claims_look_broken(pkg_copy):
    edit_cell(pkg_copy, "response_rates", "rr-london-adjusted", "value_pct", "3x")
    found = coprod_data.validate(pkg_copy).problems
    assert {p.resource for p in found} == {"response_rates"}
    assert [(p.row, p.field) for p in found] == [(4, "value_pct")]
