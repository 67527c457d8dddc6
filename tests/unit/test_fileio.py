"""Atomic writes, stamping, and the package's own CSV writer."""

from __future__ import annotations

import json

import pytest

import coprod_data
from coprod_data.errors import CoprodDataError
from coprod_data.fileio import atomic_write_bytes, frame_to_csv_bytes, stamp
from coprod_data.package import read_package


@pytest.mark.parametrize("name", coprod_data.resource_names())
def test_writer_reproduces_every_resource_byte_for_byte(name):
    res = read_package().resource(name)
    assert frame_to_csv_bytes(res, coprod_data.load(name)) == res.file.read_bytes()


def test_stamp_updates_only_what_changed(pkg_copy):
    path = pkg_copy.parent / "resources" / "regions.csv"
    path.write_bytes(path.read_bytes().replace(b"Greater", b"Greater"))  # unchanged
    assert stamp(pkg_copy) == []
    path.write_bytes(path.read_bytes() + b"")
    text = path.read_text(encoding="utf-8").replace("North East,North East", "North East,North-East")
    path.write_text(text, encoding="utf-8")
    assert stamp(pkg_copy) == ["regions"]
    assert coprod_data.validate(pkg_copy).ok
    assert json.loads(pkg_copy.read_text(encoding="utf-8"))["version"] == coprod_data.__version__


def test_atomic_write_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "out.csv"
    atomic_write_bytes(target, b"a\n")
    assert target.read_bytes() == b"a\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_atomic_write_into_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CoprodDataError, match="cannot write here"):
        atomic_write_bytes(tmp_path / "no" / "such" / "out.csv", b"x")


def test_an_empty_text_cell_reads_back_as_missing(tmp_path):
    """The package's CSV dialect has no empty string: an empty cell is a missing value."""
    import dataclasses

    import pandas as pd

    from coprod_data.table import read_table

    res = dataclasses.replace(read_package().resource("claims"), base=tmp_path, path="c.csv")
    frame = coprod_data.load("claims").head(1).copy()
    frame["figure_ids"] = pd.Series([""], dtype="string", index=frame.index)
    res.file.write_bytes(frame_to_csv_bytes(res, frame))
    back, problems = read_table(res)
    assert problems == [] and pd.isna(back["figure_ids"].iloc[0])
