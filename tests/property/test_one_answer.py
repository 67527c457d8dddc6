"""One answer from every command: validate, load, sql, audit, export and connect accept and
refuse exactly the same packages.

Each example is a copy of the bundled package with one corruption of one cell, one line
ending or one stamp (or a harmless edit, which every command must accept). The property:
all six agree, and none crashes. Guards the one reading path (coprod_data.reading, used by
validate, load and the DuckDB build alike).
"""

from __future__ import annotations

import csv
import io
import shutil
from dataclasses import dataclass
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

import coprod_data
from coprod_data.cli import run
from coprod_data.errors import CoprodDataError
from coprod_data.fileio import stamp
from coprod_data.package import read_package
from coprod_data.paths import package_root
from tests.clirunner import CliRunner
from tests.conftest import examples

PKG = read_package()
runner = CliRunner()


@dataclass(frozen=True)
class Corruption:
    """One change to a copy of the package: a cell set to ``value``, or a line ending replaced."""

    kind: str
    resource: str
    row: int  # data row index (0 = the first row after the header); for line endings, the line
    field: str | None = None
    value: str = ""
    restamp: bool = True


def _rows(resource: str) -> list[list[str]]:
    path = PKG.resource(resource).file
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


ROWS = {r.name: _rows(r.name) for r in PKG.resources}
FIELDS = [(r, f) for r in PKG.resources for f in r.fields]


def original(res, f, i: int) -> str:
    return ROWS[res.name][i + 1][res.field_names.index(f.name)]


NOTHING = st.none()


def cell(kind: str, pairs: list, value, extra: st.SearchStrategy = NOTHING, restamp: bool = True):
    """Corruptions of one cell of a (resource, field) from ``pairs``: ``value(res, f, i, extra)``."""

    def make(pair, i, x):
        res, f = pair
        i %= len(ROWS[res.name]) - 1
        return Corruption(kind, res.name, i, f.name, value(res, f, i, x), restamp)

    return st.builds(make, st.sampled_from(pairs), st.integers(min_value=0, max_value=10_000), extra)


WRONG = {
    "integer": ["x", "12a", "1e3", " 7", "0x10", "\u0661\u0662", "99999999999999999999", "true"],
    "number": ["x", "1,5", "nan", "inf", "1e999", "--1"],
    "boolean": ["yes", "1", "TRUE", "t", "0"],
}


def other_row(res, i: int, shift: int) -> int:
    n = len(ROWS[res.name]) - 1
    j = (i + shift) % n
    return j if j != i else (i + 1) % n


def edited(res, f, i, _):
    return (original(res, f, i) + " (edited)").strip()


TEXT = [(r, f) for r, f in FIELDS if f.name in {"note", "description"}]
wrong_type = cell(
    "wrong-type",
    [(r, f) for r, f in FIELDS if f.type != "string"],
    lambda res, f, i, k: WRONG[f.type][k % len(WRONG[f.type])],
    st.integers(min_value=0, max_value=7),
)
decimal_in_integer = cell(
    "decimal-in-integer",
    [(r, f) for r, f in FIELDS if f.type == "integer"],
    lambda res, f, i, tail: (original(res, f, i) or "28") + tail,
    st.sampled_from([".6", ".0", ".5"]),
)
enum_violation = cell(
    "enum",
    [(r, f) for r, f in FIELDS if f.enum is not None and f.type == "string"],
    lambda res, f, i, how: (f.enum[0].upper(), f" {f.enum[0]}", "no_such_value")[how],
    st.integers(min_value=0, max_value=2),
)
pattern_violation = cell(
    "pattern",
    [(r, f) for r, f in FIELDS if "pattern" in f.constraints and f.enum is None],
    lambda res, f, i, tail: (original(res, f, i) or "a") + tail,
    st.sampled_from(["!", "\u0663", "\n"]),
)
missing_required = cell("missing-required", [(r, f) for r, f in FIELDS if f.required], lambda *_: "")
dangling_foreign_key = cell(
    "dangling-foreign-key",
    [(r, r.field(fk.fields[0])) for r in PKG.resources for fk in r.foreign_keys if len(fk.fields) == 1],
    lambda *_: "no_such_id",
)
duplicate_key = cell(
    "duplicate-key",
    [(r, r.field(r.primary_key[0])) for r in PKG.resources if len(r.primary_key) == 1],
    lambda res, f, i, shift: original(res, f, other_row(res, i, shift)),
    st.integers(min_value=1, max_value=10_000),
)
stale_hash = cell("stale-hash", TEXT, edited, restamp=False)
harmless = cell("harmless", TEXT, edited)
line_ending = st.builds(
    lambda res, line, ending: Corruption("line-ending", res.name, line % len(ROWS[res.name]), value=ending),
    st.sampled_from(PKG.resources),
    st.integers(min_value=0, max_value=10_000),
    st.sampled_from(["\r\n", "\r"]),
)
row_width = st.builds(
    lambda res, line, how: Corruption("row-width", res.name, line % (len(ROWS[res.name]) - 1), value=how),
    st.sampled_from(PKG.resources),
    st.integers(min_value=0, max_value=10_000),
    st.sampled_from(["drop-cell", "extra-cell", "blank-line"]),
)


# a value its field allows (a bound, zero, a large number): no verdict is asserted, the
# cross-row checks may refuse it, but every command must say the same (the views, too,
# must not fail on a value the checks let through)
def edge(res, f, i, k: int) -> str:
    """A bound of the field, zero, one or a million, kept within the field's bounds."""
    lo, hi = f.constraints.get("minimum", -(10**6)), f.constraints.get("maximum", 10**6)
    return str(max(lo, min(hi, [lo, hi, 0, 1][k])))


edge_value = cell(
    "edge-value",
    [(r, f) for r, f in FIELDS if f.type in ("integer", "number") and f.enum is None],
    edge,
    st.integers(min_value=0, max_value=3),
)
corruptions = st.one_of(
    wrong_type,
    decimal_in_integer,
    enum_violation,
    pattern_violation,
    missing_required,
    dangling_foreign_key,
    duplicate_key,
    stale_hash,
    line_ending,
    row_width,
    edge_value,
    harmless,
)


def apply(folder: Path, c: Corruption) -> Path:
    """Copy the bundled package into ``folder`` and corrupt it; the descriptor's path."""
    shutil.copy(package_root() / "datapackage.json", folder / "datapackage.json")
    shutil.copytree(package_root() / "resources", folder / "resources")
    path = folder / PKG.resource(c.resource).path
    if c.kind == "line-ending":  # the line break ending line c.row (0 = the header) becomes CRLF or CR
        lines = path.read_bytes().split(b"\n")
        path.write_bytes(b"\n".join(lines[: c.row + 1]) + c.value.encode() + b"\n".join(lines[c.row + 1 :]))
    else:
        rows = [list(r) for r in ROWS[c.resource]]
        if c.kind != "row-width":
            rows[c.row + 1][rows[0].index(c.field)] = c.value
        elif c.value == "drop-cell":
            rows[c.row + 1].pop()
        elif c.value == "extra-cell":
            rows[c.row + 1].append("")
        else:
            rows.insert(c.row + 1, [])
        buf = io.StringIO(newline="")
        csv.writer(buf, lineterminator="\n").writerows(rows)
        path.write_bytes(buf.getvalue().encode("utf-8"))
    if c.restamp:
        stamp(folder / "datapackage.json")
    return folder / "datapackage.json"


def _cli(*args: str) -> int:
    result = runner.invoke(run, list(args))
    # a refusal is a message and exit 2 (1 for validate), never a crash
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result.exit_code


def verdicts(descriptor: Path, resource: str, out: Path) -> dict[str, bool]:
    """Whether each command accepts the package."""
    found: dict[str, bool] = {}
    code = _cli("validate", str(descriptor))
    assert code in (0, 1)
    found["validate"] = code == 0
    found["validate()"] = coprod_data.validate(descriptor).ok
    try:
        coprod_data.load(resource, descriptor)
        found["load"] = True
    except CoprodDataError:
        found["load"] = False
    for name, args in (
        ("sql", ["sql", "SELECT count(*) FROM documents", "--package", str(descriptor)]),
        ("audit", ["audit", "--format", "json", "--package", str(descriptor)]),
        ("export", ["export", str(out / "out.duckdb"), "--package", str(descriptor)]),
    ):
        code = _cli(*args)
        assert code in (0, 2), (name, code)
        found[name] = code == 0
    try:
        coprod_data.connect(path=descriptor).close()
        found["connect"] = True
    except CoprodDataError:
        found["connect"] = False
    return found


@settings(max_examples=examples(8, 150), print_blob=True, deadline=None)
@given(c=corruptions)
@example(c=Corruption("decimal-in-integer", "response_rates", 0, "value_pct", "28.6"))  # audit showed 29
@example(c=Corruption("line-ending", "claims", 3, value="\r\n"))  # DuckDB's CSV parser stopped
@example(c=Corruption("harmless", "documents", 0, "description", "A different description."))
def test_every_command_gives_one_answer(tmp_path_factory, c):
    folder = tmp_path_factory.mktemp("pkg")
    descriptor = apply(folder, c)
    found = verdicts(descriptor, c.resource, tmp_path_factory.mktemp("out"))
    assert len(set(found.values())) == 1, (c, found)
    # and the answer is the right one: a harmless edit is accepted, every corruption refused
    if c.kind != "edge-value":
        assert found["validate"] == (c.kind == "harmless"), (c, found)
