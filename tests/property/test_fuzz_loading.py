"""Fuzzing the reading path: arbitrary bytes, truncated files, other encodings, huge fields
and damaged descriptors give a clean error or a report, never a crash or a hang.

Guards: coprod_data.table.read_rows / read_table, coprod_data.loading.pandera_problems,
coprod_data.package.read_package and coprod_data.validation.validate.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from coprod_data.errors import CoprodDataError
from coprod_data.loading import pandera_problems
from coprod_data.package import read_package
from coprod_data.table import read_table
from coprod_data.validation import validate
from tests.conftest import examples

PKG = read_package()
REGIONS = PKG.resource("regions")
COUNTS = PKG.resource("counts")


def read_bytes_as(resource, data: bytes):
    """Read ``data`` as the resource's CSV: a (frame, problems) pair, or a CoprodDataError."""
    with tempfile.TemporaryDirectory() as tmp:
        res = dataclasses.replace(resource, base=Path(tmp), path="t.csv")
        res.file.write_bytes(data)
        try:
            frame, problems = read_table(res)
        except CoprodDataError as exc:
            assert str(exc).startswith("t.csv"), str(exc)
            return None
        if not problems:
            pandera_problems(res, frame)
        return problems


@given(data=st.binary(max_size=3000))
def test_arbitrary_bytes_never_crash_the_reader(data):
    read_bytes_as(COUNTS, data)


@given(cut=st.integers(min_value=0, max_value=10_000), resource=st.sampled_from([REGIONS, COUNTS]))
def test_truncated_files_give_problems_not_crashes(cut, resource):
    data = resource.file.read_bytes()
    read_bytes_as(resource, data[: cut % (len(data) + 1)])


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "cp1252"])
def test_other_encodings_are_reported(encoding):
    text = COUNTS.file.read_text(encoding="utf-8")  # holds non-ASCII characters (an en dash)
    result = read_bytes_as(COUNTS, text.encode(encoding))
    assert result is None or result  # an error, or problems: never a clean read of mis-decoded text


def test_a_huge_field_is_a_clean_error():
    header = REGIONS.file.read_text(encoding="utf-8").splitlines()[0]
    data = (header + "\nlondon," + "x" * 200_000 + ",London,E12000007\n").encode()
    assert read_bytes_as(REGIONS, data) is None


# ---- damaged descriptors -------------------------------------------------------------------
DESCRIPTOR = json.loads(PKG.descriptor.read_text(encoding="utf-8"))


def paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node[:3]):
            yield from paths(v, (*prefix, i))


ALL_PATHS = [p for p in paths(DESCRIPTOR) if p]
junk = st.one_of(
    st.none(),
    st.integers(),
    st.text(max_size=5),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.just("../../etc/passwd"),
)


def damage(desc, path, value, delete):
    out = copy.deepcopy(desc)
    node = out
    for key in path[:-1]:
        node = node[key]
    if delete:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return out


@settings(max_examples=examples(25, 200), suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(path=st.sampled_from(ALL_PATHS), value=junk, delete=st.booleans())
@example(path=("resources", 0, "schema", "fields", 0, "constraints", "enum", 0), value=None, delete=False)
def test_damaged_descriptors_give_a_clean_error_or_a_report(tmp_path_factory, path, value, delete):
    folder = tmp_path_factory.mktemp("pkg")
    (folder / "resources").symlink_to(PKG.descriptor.parent / "resources")
    (folder / "datapackage.json").write_text(
        json.dumps(damage(DESCRIPTOR, path, value, delete)), encoding="utf-8"
    )
    try:
        report = validate(folder)
    except CoprodDataError:
        return
    assert isinstance(report.ok, bool)


@given(text=st.text(max_size=200))
def test_arbitrary_descriptor_text_is_a_clean_error(text):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "datapackage.json"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(CoprodDataError):
            read_package(path)
