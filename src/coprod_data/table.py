"""Reads one resource's CSV, streaming: bytes -> rows -> typed values, every cell checked.

This is the one reading path of the package: ``validate``, ``load`` and every command
that builds a DuckDB database read a resource through :func:`scan` and use exactly the
typed values it returns (DuckDB never parses the CSV files itself). It needs neither
pandas nor pandera; the package-level checks that use it are in :mod:`coprod_data.reading`.

Each cell is typed and checked against its field's constraints as it is read: type,
``required``, ``enum``, ``minimum``/``maximum`` (and their exclusive forms),
``minLength``/``maxLength`` and ``pattern``; each row against the header's width; the
file for UTF-8, NUL bytes, CSV syntax and one line-ending style. Patterns are matched
in full by RE2 (:func:`coprod_data.package.compile_pattern`: linear time, ASCII ``\\d``),
the engine of DuckDB's ``regexp_full_match`` in the tables' ``CHECK`` constraints, so a
value passes here as it passes there. Unique fields, the primary key and ``uniqueKeys``
are checked across rows.

Problems carry the file, the CSV row (header = row 1, counting records) and the field.
At most :data:`LIMIT` problems are kept per resource, field and check; the rest are
counted, so a file of millions of bad rows gives a bounded report.
"""

from __future__ import annotations

import csv
import hashlib
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from coprod_data.errors import CoprodDataError
from coprod_data.package import Field, Resource, compile_pattern

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

LIMIT = 20  # problems kept per (resource, field, check); the rest are counted
MAX_FIELD_CHARS = 100_000
INT64 = (-(2**63), 2**63 - 1)
TRUE_VALUES = {"true"}
FALSE_VALUES = {"false"}
_INT = re.compile(r"[+-]?[0-9]+")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")

# Constraints each field type supports (as Frictionless: anything else is a schema problem).
SUPPORTED = {
    "string": {"required", "unique", "enum", "pattern", "minLength", "maxLength"},
    "integer": {"required", "unique", "enum", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"},
    "number": {"required", "unique", "enum", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"},
    "boolean": {"required", "enum"},
}


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


class Problems:
    """Problems found so far: at most ``limit`` kept per (resource, field, check), the rest counted.

    Callers ask :meth:`wants` before building a message, so a million bad cells cost a
    million counter increments, not a million :class:`Problem` objects.
    """

    def __init__(self, limit: int = LIMIT) -> None:
        self.limit = limit
        self.kept: list[Problem] = []
        self.counts: dict[tuple[str, str | None, str], int] = {}
        self.per_resource: dict[str, int] = {}

    def wants(self, resource: str, check: str, field: str | None) -> bool:
        """Count one problem; True when it is to be kept (then pass it to :meth:`keep`)."""
        key = (resource, field, check)
        n = self.counts.get(key, 0) + 1
        self.counts[key] = n
        self.per_resource[resource] = self.per_resource.get(resource, 0) + 1
        return n <= self.limit

    def keep(self, problem: Problem) -> None:
        self.kept.append(problem)

    def add(self, problem: Problem) -> None:
        """Count a problem and keep it if its kind is not yet at the limit."""
        if self.wants(problem.resource, problem.check, problem.field):
            self.keep(problem)

    def count_only(self, resource: str, check: str, field: str | None, n: int) -> None:
        """Count ``n`` problems of one kind without keeping them (the kind is already at its limit)."""
        key = (resource, field, check)
        self.counts[key] = self.counts.get(key, 0) + n
        self.per_resource[resource] = self.per_resource.get(resource, 0) + n

    def extend(self, problems: list[Problem]) -> None:
        for p in problems:
            self.add(p)

    def count(self, resource: str | None = None) -> int:
        """Problems found (kept or not), in one resource or in all."""
        if resource is None:
            return sum(self.per_resource.values())
        return self.per_resource.get(resource, 0)

    @property
    def omitted(self) -> int:
        """Problems counted but not kept."""
        return sum(max(0, n - self.limit) for n in self.counts.values())

    def summaries(self, files: dict[str, str | None]) -> list[Problem]:
        """One problem per resource that had problems left out, saying how many and of which kinds."""
        left: dict[str, list[tuple[str | None, str, int]]] = {}
        for (resource, fld, check), n in self.counts.items():
            if n > self.limit:
                left.setdefault(resource, []).append((fld, check, n - self.limit))
        out = []
        for resource, kinds in left.items():
            total = sum(n for *_, n in kinds)
            detail = "; ".join(
                f"{n:,} {check}" + (f" in field {fld!r}" if fld else "") for fld, check, n in kinds
            )
            out.append(
                Problem(
                    resource,
                    "limit",
                    f"{total:,} more problem(s) not listed (at most {self.limit} of each kind per field "
                    f"are): {detail}",
                    file=files.get(resource),
                )
            )
        return out


class _BadCellError(Exception):
    """A cell that fails its type or a constraint."""

    def __init__(self, check: str, message: str) -> None:
        super().__init__(message)
        self.check = check
        self.message = message


class _FatalError(Exception):
    """The file cannot be read further (encoding, NUL byte, CSV syntax)."""

    def __init__(self, message: str, row: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.row = row


def schema_problems(resource: Resource, descriptor: str) -> list[Problem]:
    """Constraints a field's type does not support (a ``pattern`` on an integer, say)."""
    out = []
    for f in resource.fields:
        odd = sorted(set(f.constraints) - SUPPORTED[f.type])
        if odd:
            out.append(
                Problem(
                    resource.name,
                    "schema",
                    f"constraint(s) {', '.join(odd)} do not apply to a field of type {f.type}",
                    file=descriptor,
                    field=f.name,
                )
            )
        for key in ("minLength", "maxLength"):
            value = f.constraints.get(key)
            if key in f.constraints and (not isinstance(value, int) or isinstance(value, bool)):
                out.append(
                    Problem(
                        resource.name,
                        "schema",
                        f"{key} must be a whole number",
                        file=descriptor,
                        field=f.name,
                    )
                )
    return out


def _typer(kind: str) -> Callable[[str], object]:
    if kind == "integer":

        def integer(text: str) -> object:
            if not _INT.fullmatch(text):
                raise _BadCellError("type", f"not an integer: {text!r}")
            value = int(text)
            if not INT64[0] <= value <= INT64[1]:
                raise _BadCellError("type", f"integer out of the 64-bit range: {text!r}")
            return value

        return integer
    if kind == "number":

        def number(text: str) -> object:
            if not _NUMBER.fullmatch(text):
                raise _BadCellError("type", f"not a number: {text!r}")
            value = float(text)
            if not math.isfinite(value):
                raise _BadCellError("type", f"number out of range: {text!r}")
            return value

        return number
    if kind == "boolean":

        def boolean(text: str) -> object:
            if text in TRUE_VALUES:
                return True
            if text in FALSE_VALUES:
                return False
            raise _BadCellError("type", f"not a boolean (true or false): {text!r}")

        return boolean
    return str


def cell_checker(f: Field) -> Callable[[str], object]:
    """A function from a non-empty cell's text to its typed value, raising on a type or
    constraint failure (all but ``required`` and ``unique``, checked across rows)."""
    typed = _typer(f.type)
    c = f.constraints
    usable = SUPPORTED[f.type]
    tests: list[Callable[[Any], None]] = []
    if f.enum is not None and "enum" in usable:
        allowed = set(f.enum)
        listed = ", ".join(map(str, f.enum))

        def enum(v: Any) -> None:
            if v not in allowed:
                raise _BadCellError("constraint:enum", f"{v!r} is not one of: {listed}")

        tests.append(enum)
    bounds = [
        ("minimum", lambda v, b: v >= b, "less than"),
        ("maximum", lambda v, b: v <= b, "more than"),
        ("exclusiveMinimum", lambda v, b: v > b, "not more than"),
        ("exclusiveMaximum", lambda v, b: v < b, "not less than"),
    ]
    for key, ok, words in bounds:
        bound = c.get(key)
        if key in usable and isinstance(bound, int | float) and not isinstance(bound, bool):

            def test(v: Any, bound: Any = bound, ok: Any = ok, key: str = key, words: str = words) -> None:
                if not ok(v, bound):
                    raise _BadCellError(f"constraint:{key}", f"{v!r} is {words} the {key} {bound!r}")

            tests.append(test)
    for key, ok, words in (("minLength", int.__ge__, "shorter"), ("maxLength", int.__le__, "longer")):
        bound = c.get(key)
        if key in usable and isinstance(bound, int) and not isinstance(bound, bool):

            def length(v: Any, bound: int = bound, ok: Any = ok, key: str = key, words: str = words) -> None:
                if not ok(len(v), bound):
                    raise _BadCellError(
                        f"constraint:{key}", f"{len(v)} characters, {words} than the {key} {bound}"
                    )

            tests.append(length)
    pattern = c.get("pattern")
    if "pattern" in usable and isinstance(pattern, str):
        compiled = compile_pattern(pattern)  # refused when the descriptor was read if RE2 cannot

        def matches(v: Any) -> None:
            if compiled.fullmatch(v) is None:
                raise _BadCellError("constraint:pattern", f"{v!r} does not match the pattern {pattern!r}")

        tests.append(matches)
    if not tests:
        return typed

    def check(text: str) -> object:
        value = typed(text)
        for t in tests:
            t(value)
        return value

    return check


@dataclass
class Scan:
    """What :func:`scan` read from one resource.

    Attributes:
        columns: typed values by field name (``None`` for missing), in row order; row i of
            the table is CSV row i + 2. ``None`` once the resource has a problem (a table
            with problems is not used, so its values are not kept).
        rows: data rows read. digests: hex digest by algorithm of the bytes read, and
        size: their number (both ``None`` when the file could not be read to its end).
        keys: for each requested tuple of fields, the set of its non-missing value tuples.
    """

    resource: Resource
    columns: dict[str, list[Any]] | None
    rows: int = 0
    digests: dict[str, str] | None = None
    size: int | None = None
    keys: dict[tuple[str, ...], set[tuple[Any, ...]]] = field(default_factory=dict)
    fatal: bool = False


class _Lines:
    """Decoded lines of a binary file, hashing the bytes and checking one line-ending style."""

    def __init__(self, fh: Any, algorithms: tuple[str, ...], on_ending: Callable[[int, str, str], None]):
        self.fh = fh
        self.hashes = {a: hashlib.new(a) for a in algorithms}
        self.size = 0
        self.records = 1  # the record the current line belongs to (header = 1)
        self.on_ending = on_ending
        self.style: str | None = None
        self.done = False

    def __iter__(self) -> Iterator[str]:
        quotes = 0
        first = True
        for raw in self.fh:
            for h in self.hashes.values():
                h.update(raw)
            self.size += len(raw)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise _FatalError(
                    f"not valid UTF-8 (byte {self.size - len(raw) + exc.start})", self.records
                ) from None
            if first:
                text = text.removeprefix("\ufeff")
                first = False
            if "\x00" in text:
                raise _FatalError("contains a NUL byte; not a text CSV", self.records)
            quotes += raw.count(b'"')
            if quotes % 2 == 0:  # the line break ends a record, not a quoted field
                ending = "CRLF" if raw.endswith(b"\r\n") else "LF" if raw.endswith(b"\n") else None
                if ending is None and raw.endswith(b"\r"):
                    ending = "CR"
                if ending is not None:
                    if self.style is None:
                        self.style = ending
                    elif ending != self.style:
                        self.on_ending(self.records, ending, self.style)
                self.records += 1
                quotes = 0
            yield text
        self.done = True


def scan(
    resource: Resource,
    problems: Problems,
    *,
    keys: tuple[tuple[str, ...], ...] = (),
    algorithms: tuple[str, ...] = (),
    keep: bool = True,
    on_row: Callable[[int, list[Any]], None] | None = None,
) -> Scan:
    """Read and check one resource, adding its problems to ``problems``.

    Args:
        keys: tuples of fields whose value sets to return (for foreign keys into this resource).
        algorithms: hash algorithms to compute over the file's bytes.
        keep: keep the typed columns (while the resource has no problem).
        on_row: called with (CSV row, typed values) for each row of the right width.
    """
    name, where = resource.name, resource.path
    before = problems.count(name)
    out = Scan(resource, {f.name: [] for f in resource.fields} if keep else None)
    for k in keys:
        out.keys[k] = set()

    def on_ending(row: int, ending: str, style: str) -> None:
        if problems.wants(name, "line-ending", None):
            problems.keep(
                Problem(
                    name,
                    "line-ending",
                    f"this line ends with {ending} but the file's first line with {style}; "
                    "use one line ending throughout",
                    file=where,
                    row=row,
                )
            )

    fields = resource.fields
    width = len(fields)
    names = [f.name for f in fields]
    checkers = [cell_checker(f) for f in fields]
    required = [f.required or f.name in resource.primary_key for f in fields]
    # uniqueness: single unique fields (missing values ignored), the primary key (no
    # missing values allowed, checked as required) and uniqueKeys (missing counts as a value)
    # (each key maps to the row it was first seen in, negated once a duplicate has named it)
    unique_sets: list[tuple[str, list[int], str, dict[Any, int], bool]] = []
    for i, f in enumerate(fields):
        if f.constraints.get("unique") is True and resource.primary_key != (f.name,):
            unique_sets.append(("unique", [i], f.name, {}, True))
    if resource.primary_key:
        idx = [names.index(k) for k in resource.primary_key]
        unique_sets.append(("primary-key", idx, resource.primary_key[0], {}, True))
    for ukey in resource.unique_keys:
        idx = [names.index(k) for k in ukey]
        unique_sets.append(("unique-key", idx, ukey[0], {}, False))
    key_sets = [(out.keys[k], [names.index(c) for c in k]) for k in keys]

    try:
        resource.check_file()
        fh = open(resource.file, "rb")  # noqa: SIM115 - closed below
    except CoprodDataError as exc:
        problems.add(Problem(name, "read", exc.message, file=where))
        out.columns, out.fatal = None, True
        return out
    except OSError as exc:
        problems.add(Problem(name, "read", f"cannot read the file: {exc.strerror or exc}", file=where))
        out.columns, out.fatal = None, True
        return out

    lines = _Lines(fh, algorithms, on_ending)
    csv.field_size_limit(MAX_FIELD_CHARS)
    reader = csv.reader(iter(lines), strict=True)
    try:
        try:
            header = next(reader, None)
        except csv.Error as exc:
            raise _FatalError(f"malformed CSV: {exc}", 1) from None
        if header is None:
            raise _FatalError("the file is empty (no header row)", 1)
        header_problem = _header_problem(resource, header)
        if header_problem is not None:
            problems.add(header_problem)
            out.columns, out.fatal = None, True
        else:
            row = 1
            columns = out.columns
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:
                    raise _FatalError(f"malformed CSV: {exc}", row + 1) from None
                row += 1
                if len(cells) != width:
                    if problems.wants(name, "row-width", None):
                        problems.keep(
                            Problem(
                                name,
                                "row-width",
                                f"has {len(cells)} cells, the header has {width}"
                                + (" (a blank line)" if not cells else ""),
                                file=where,
                                row=row,
                            )
                        )
                    continue
                values: list[Any] = []
                for i, text in enumerate(cells):
                    if text == "":
                        if required[i] and problems.wants(name, "constraint:required", names[i]):
                            problems.keep(
                                Problem(
                                    name,
                                    "constraint:required",
                                    "a value is required",
                                    file=where,
                                    row=row,
                                    field=names[i],
                                )
                            )
                        values.append(None)
                        continue
                    try:
                        value = checkers[i](text)
                    except _BadCellError as bad:
                        if problems.wants(name, bad.check, names[i]):
                            problems.keep(
                                Problem(name, bad.check, bad.message, file=where, row=row, field=names[i])
                            )
                        value = None
                    values.append(value)
                for check, idx, first, seen, skip_missing in unique_sets:
                    if len(idx) == 1:  # a value, not a 1-tuple: less memory on huge files
                        key: Any = values[idx[0]]
                        if skip_missing and key is None:
                            continue
                    else:
                        key = tuple(values[j] for j in idx)
                        if skip_missing and None in key:
                            continue
                    earlier = seen.get(key)
                    if earlier is None:
                        seen[key] = row
                        continue
                    cols = [names[j] for j in idx]
                    shown = key if len(idx) > 1 else (key,)
                    if earlier > 0:  # the first duplicate: name the row it repeats too
                        seen[key] = -earlier
                        if problems.wants(name, check, first):
                            problems.keep(_duplicate(resource, check, cols, shown, earlier, row))
                    if problems.wants(name, check, first):
                        problems.keep(_duplicate(resource, check, cols, shown, row, abs(earlier)))
                for target, idx in key_sets:
                    key = tuple(values[j] for j in idx)
                    if any(v is not None for v in key):
                        target.add(key)
                if on_row is not None:
                    on_row(row, values)
                if problems.count(name) > before:
                    # a resource with problems is not used and nothing refers into it: keep nothing
                    if columns is not None:
                        columns = out.columns = None
                    if key_sets:
                        for target, _ in key_sets:
                            target.clear()
                        key_sets = []
                elif columns is not None:
                    for i, v in enumerate(values):
                        columns[names[i]].append(v)
            out.rows = row - 1
    except _FatalError as exc:
        problems.add(Problem(name, "read", exc.message, file=where, row=exc.row))
        out.columns, out.fatal = None, True
    finally:
        fh.close()
    if lines.done:
        out.digests = {a: h.hexdigest() for a, h in lines.hashes.items()}
        out.size = lines.size
    if problems.count(name) > before:
        out.columns = None
    return out


def _duplicate(
    resource: Resource, check: str, cols: list[str], key: tuple[Any, ...], row: int, other: int
) -> Problem:
    shown = ", ".join(f"{c}={v!r}" for c, v in zip(cols, key, strict=True))
    if check == "unique-key":
        message = f"fails unique_key({', '.join(cols)}): row {other} has {shown} too"
    elif check == "primary-key":
        message = f"duplicate primary key: row {other} has {shown} too"
    else:
        message = f"duplicate value {key[0]!r} in a unique field (row {other} has it too)"
    return Problem(resource.name, check, message, file=resource.path, row=row, field=cols[0])


def _header_problem(resource: Resource, header: list[str]) -> Problem | None:
    expected = resource.field_names
    if header == expected:
        return None
    where = resource.path
    missing = [n for n in expected if n not in header]
    extra = [n for n in header if n not in expected]
    if missing:
        return Problem(
            resource.name,
            "header",
            f"column missing from the header (expected {', '.join(expected)})",
            file=where,
            row=1,
            field=missing[0],
        )
    if extra:
        return Problem(
            resource.name, "header", "column not in the table schema", file=where, row=1, field=extra[0]
        )
    return Problem(
        resource.name, "header", f"columns out of order (expected {', '.join(expected)})", file=where, row=1
    )


def read_rows(resource: Resource) -> tuple[list[str], list[list[str]]]:
    """The header and data rows of a resource's CSV, as text (no typing, no checks).

    Raises :class:`CoprodDataError` for a missing, unreadable or malformed file.
    """
    where = resource.path
    resource.check_file()
    rows: list[list[str]] = []
    try:
        with open(resource.file, "rb") as fh:
            lines = _Lines(fh, (), lambda *_: None)
            csv.field_size_limit(MAX_FIELD_CHARS)
            reader = csv.reader(iter(lines), strict=True)
            try:
                rows = list(reader)
            except csv.Error as exc:
                raise CoprodDataError(f"malformed CSV: {exc}", file=where, row=reader.line_num) from None
    except _FatalError as exc:
        raise CoprodDataError(exc.message, file=where, row=exc.row) from None
    except OSError as exc:
        raise CoprodDataError(f"cannot read the file: {exc.strerror or exc}", file=where) from None
    if not rows:
        raise CoprodDataError("the file is empty (no header row)", file=where, row=1)
    return rows[0], rows[1:]


def to_frame(resource: Resource, columns: dict[str, list[Any]]) -> pd.DataFrame:
    """Typed columns as a DataFrame with the loader's dtypes; the index is the CSV row."""
    import pandas as pd

    from coprod_data.schemas import pandas_dtype

    n = len(columns[resource.fields[0].name]) if resource.fields else 0
    frame = pd.DataFrame(
        {f.name: pd.Series(columns[f.name], dtype=pandas_dtype(resource, f)) for f in resource.fields}
    )
    frame.index = pd.RangeIndex(2, n + 2, name="row")
    return frame


def read_table(resource: Resource, *, limit: int = LIMIT) -> tuple[pd.DataFrame, list[Problem]]:
    """Read and check one resource on its own; the frame and the problems found.

    The checks are those of one file (types, constraints, keys within the file, CSV
    syntax); the package-level ones (stamps, foreign keys, cross-row checks) are in
    :mod:`coprod_data.reading`. When there are problems the frame is empty.

    Raises :class:`CoprodDataError` when the file cannot be read at all.
    """
    problems = Problems(limit)
    result = scan(resource, problems)
    if result.fatal:
        first = problems.kept[0]
        raise CoprodDataError(first.message, file=first.file, row=first.row, field=first.field)
    columns = result.columns or {f.name: [] for f in resource.fields}
    return to_frame(resource, columns), problems.kept + problems.summaries({resource.name: resource.path})
