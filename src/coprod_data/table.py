"""Reads one resource's CSV into a typed DataFrame, reporting every cell it cannot type.

Kept free of pandera so that the fuzzable reading path is small: bytes -> rows ->
typed columns. Problems carry the file, the CSV line (header = line 1) and the field.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

import pandas as pd

from coprod_data.errors import CoprodDataError
from coprod_data.package import Resource
from coprod_data.schemas import pandas_dtype

_INT = re.compile(r"^[+-]?\d+$")
TRUE_VALUES = {"true"}
FALSE_VALUES = {"false"}
MAX_FIELD_CHARS = 100_000


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a package, located as precisely as possible."""

    resource: str
    check: str
    message: str
    file: str | None = None
    row: int | None = None
    field: str | None = None
    reference: str | None = None  # for a foreign-key problem: the resource referred to

    def __str__(self) -> str:
        where = [self.file or self.resource]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.field:
            where.append(f"field {self.field!r}")
        return f"{', '.join(where)}: {self.message} [{self.check}]"


def _rel(resource: Resource) -> str:
    return resource.path


def read_rows(resource: Resource) -> tuple[list[str], list[list[str]]]:
    """The header and data rows of a resource's CSV, as text.

    Raises :class:`CoprodDataError` for a missing, unreadable or malformed file.
    """
    where = _rel(resource)
    resource.check_file()
    try:
        data = resource.file.read_bytes()
    except FileNotFoundError:
        raise CoprodDataError("file not found", file=where) from None
    except OSError as exc:
        raise CoprodDataError(f"cannot read the file: {exc.strerror or exc}", file=where) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CoprodDataError(f"not valid UTF-8 (byte {exc.start})", file=where, row=line) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise CoprodDataError("contains a NUL byte; not a text CSV", file=where, row=line)
    csv.field_size_limit(MAX_FIELD_CHARS)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise CoprodDataError(f"malformed CSV: {exc}", file=where, row=reader.line_num) from None
    if not rows:
        raise CoprodDataError("the file is empty (no header row)", file=where, row=1)
    return rows[0], rows[1:]


def _check_header(resource: Resource, header: list[str]) -> None:
    expected = resource.field_names
    if header == expected:
        return
    missing = [n for n in expected if n not in header]
    extra = [n for n in header if n not in expected]
    if missing:
        raise CoprodDataError(
            f"column missing from the header (expected {', '.join(expected)})",
            file=_rel(resource),
            row=1,
            field=missing[0],
        )
    if extra:
        raise CoprodDataError("column not in the table schema", file=_rel(resource), row=1, field=extra[0])
    raise CoprodDataError(
        f"columns out of order (expected {', '.join(expected)})", file=_rel(resource), row=1
    )


def _convert(kind: str, text: str) -> object:
    if kind == "integer":
        if not _INT.match(text):
            raise ValueError(f"not an integer: {text!r}")
        return int(text)
    if kind == "number":
        try:
            value = float(text)
        except ValueError:
            raise ValueError(f"not a number: {text!r}") from None
        if value != value:  # NaN
            raise ValueError(f"not a number: {text!r}")
        return value
    if kind == "boolean":
        if text in TRUE_VALUES:
            return True
        if text in FALSE_VALUES:
            return False
        raise ValueError(f"not a boolean (true or false): {text!r}")
    return text


def read_table(resource: Resource) -> tuple[pd.DataFrame, list[Problem]]:
    """Read and type one resource. Returns the frame and the cells that could not be typed.

    Cells that fail to convert are left empty in the frame and reported as problems.
    """
    header, rows = read_rows(resource)
    _check_header(resource, header)
    problems: list[Problem] = []
    columns: dict[str, list[object]] = {f.name: [] for f in resource.fields}
    width = len(resource.fields)
    for i, row in enumerate(rows):
        line = i + 2
        if len(row) != width:
            problems.append(
                Problem(
                    resource.name,
                    "row-width",
                    f"has {len(row)} cells, the header has {width}",
                    file=_rel(resource),
                    row=line,
                )
            )
            row = (row + [""] * width)[:width]
        for f, text in zip(resource.fields, row, strict=True):
            if text == "":
                columns[f.name].append(None)
                continue
            try:
                value = _convert(f.type, text)
            except ValueError as exc:
                problems.append(
                    Problem(resource.name, "type", str(exc), file=_rel(resource), row=line, field=f.name)
                )
                value = None
            if value is not None and f.enum is not None and value not in f.enum:
                allowed = ", ".join(map(str, f.enum))
                problems.append(
                    Problem(
                        resource.name,
                        "enum",
                        f"{value!r} is not one of: {allowed}",
                        file=_rel(resource),
                        row=line,
                        field=f.name,
                    )
                )
                value = None
            columns[f.name].append(value)
    frame = pd.DataFrame(
        {
            f.name: pd.Series(columns[f.name], dtype=pandas_dtype(resource, f), index=None)
            for f in resource.fields
        }
    )
    frame.index = pd.RangeIndex(2, len(rows) + 2, name="row")
    return frame, problems
