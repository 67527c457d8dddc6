"""Round trips through the package's own CSV writer and reader, and single-cell corruption.

Guards: coprod_data.fileio.frame_to_csv_bytes, coprod_data.table.read_table and the
pandera schemas of coprod_data.schemas (via coprod_data.loading.pandera_problems).
"""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprod_data.fileio import frame_to_csv_bytes
from coprod_data.loading import pandera_problems
from coprod_data.package import read_package
from coprod_data.table import read_table
from tests.property.strategies import frames, violation

PKG = read_package()
ROUND_TRIP = [
    "regions",
    "questions",
    "counts",
    "understanding",
    "resource_ratings",
    "best_feature_shares",
    "claims",
    "local_authorities",
]


def at(resource, folder: Path):
    return dataclasses.replace(resource, base=folder, path=f"{resource.name}.csv")


@pytest.mark.parametrize("name", ROUND_TRIP)
def test_written_tables_load_back_identical_and_valid(name):
    resource = PKG.resource(name)

    @given(frame=frames(resource))
    def check(frame):
        with tempfile.TemporaryDirectory() as tmp:
            res = at(resource, Path(tmp))
            res.file.write_bytes(frame_to_csv_bytes(res, frame))
            back, problems = read_table(res)
            assert problems == []
            pd.testing.assert_frame_equal(back, frame)
            assert pandera_problems(res, back) == []

    check()


@pytest.mark.parametrize("name", ROUND_TRIP)
def test_any_single_cell_breaking_a_constraint_is_caught(name):
    resource = PKG.resource(name)
    breakable = [f for f in resource.fields if violation(f) is not None]

    @given(frame=frames(resource), data=st.data())
    def check(frame, data):
        field = data.draw(st.sampled_from(breakable))
        row = data.draw(st.sampled_from(list(frame.index)))
        bad = violation(field)
        with tempfile.TemporaryDirectory() as tmp:
            res = at(resource, Path(tmp))
            text = frame_to_csv_bytes(res, frame).decode("utf-8").splitlines()
            import csv
            import io

            rows = list(csv.reader(io.StringIO("\n".join(text) + "\n")))
            rows[row - 1][res.field_names.index(field.name)] = str(bad)
            buf = io.StringIO(newline="")
            csv.writer(buf, lineterminator="\n").writerows(rows)
            res.file.write_text(buf.getvalue(), encoding="utf-8")
            back, problems = read_table(res)
            problems += pandera_problems(res, back) if not problems else []
            assert any(p.row == row and p.field == field.name for p in problems), (field.name, bad, problems)

    check()
