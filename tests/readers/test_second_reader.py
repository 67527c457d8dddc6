"""A second, independent implementation reads the package as Python does.

The JavaScript ``datapackage`` library (frictionlessdata's datapackage-js, from the npm
registry; node is on the machines this project targets) loads the descriptor, reads
every resource and casts every value by its table schema. Every resource must give the
same number of rows and the same values as :func:`coprod_data.load`.
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

import coprod_data
from coprod_data.paths import descriptor_path

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def js_reading() -> dict:
    node, npm = shutil.which("node"), shutil.which("npm")
    assert node and npm, "node and npm are needed for the second-reader test"
    if not (HERE / "node_modules" / "datapackage").is_dir():
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE, check=True, timeout=600
        )
    result = subprocess.run(
        [node, str(HERE / "read_package.js"), str(descriptor_path())],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _same(python_value: object, js_value: object) -> bool:
    if (
        python_value is None
        or python_value is pd.NA
        or (isinstance(python_value, float) and math.isnan(python_value))
    ):
        return js_value is None
    if isinstance(python_value, bool):
        return js_value is python_value
    if isinstance(python_value, int | float):
        is_number = isinstance(js_value, int | float) and not isinstance(js_value, bool)
        return is_number and js_value == python_value
    return js_value == str(python_value)


def test_the_descriptor_is_valid_for_the_second_reader(js_reading):
    assert js_reading["valid"], js_reading["errors"]


@pytest.mark.parametrize("name", coprod_data.resource_names())
def test_every_resource_reads_the_same_in_javascript(js_reading, name):
    got = js_reading["resources"][name]
    assert "error" not in got, got.get("error")
    frame = coprod_data.load(name).astype(object)
    rows = got["rows"]
    assert len(rows) == len(frame)
    for i, (python_row, js_row) in enumerate(zip(frame.to_dict("records"), rows, strict=True)):
        assert set(js_row) == set(python_row), (name, i)
        differ = {k: (python_row[k], js_row[k]) for k in python_row if not _same(python_row[k], js_row[k])}
        assert not differ, (name, i + 2, differ)
