"""The package's one reading path: every resource read once, every check run, typed tables out.

:func:`read_data` is the core every command uses. ``validate`` reports what it finds
(adding Frictionless as a second opinion); ``load`` and every command that builds a
DuckDB database (``sql``, ``audit``, ``export``, :func:`coprod_data.connect`) call
:func:`gate`, which refuses a package with any problem in one message, and then use the
typed values it read, so that what was checked is exactly what is loaded.

The checks, in order:

* the descriptor: the resources and fields the views need; each property's type and the
  package rules Frictionless applies (``created`` a datetime, a license's name or path,
  ...); properties that would change how a file is read (a dialect, an encoding, other
  true values) refused rather than ignored; constraints a field type supports; foreign
  keys that name real resources and fields; hash algorithms;
* each file (:func:`coprod_data.table.scan`): encoding, CSV syntax, line endings, header,
  row width, cell types and constraints, unique fields, primary and unique keys;
* each file's ``hash`` and ``bytes`` stamps;
* foreign keys (a key into a resource that has problems of its own is not judged: the
  broken resource gives its own messages, not one per row that refers to it);
* the cross-row and cross-table checks of :mod:`coprod_data.checks`.

Nothing here imports pandas, pandera or Frictionless. Problems are capped per
resource, field and check (see :class:`coprod_data.table.Problems`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coprod_data.errors import CoprodDataError
from coprod_data.package import ForeignKey, Package, Resource, read_package
from coprod_data.table import LIMIT, Problem, Problems, scan, schema_problems

if TYPE_CHECKING:  # pragma: no cover
    import duckdb

HASH_ALGORITHMS = ("md5", "sha1", "sha256", "sha512")


@dataclass
class Table:
    """One resource's typed values, by column; row i is CSV row i + 2."""

    resource: Resource
    columns: dict[str, list[Any]]

    def __len__(self) -> int:
        return len(next(iter(self.columns.values()))) if self.columns else 0

    def __contains__(self, name: object) -> bool:
        return name in self.columns

    def column(self, name: str) -> list[Any]:
        return self.columns[name]

    @property
    def rows(self) -> range:
        """The CSV row of each value."""
        return range(2, len(self) + 2)

    def records(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """``(CSV row, {field: value})`` for every row, in file order."""
        names = list(self.columns)
        for row, values in zip(self.rows, zip(*self.columns.values(), strict=True), strict=True):
            yield row, dict(zip(names, values, strict=True))


@dataclass
class PackageData:
    """What :func:`read_data` found.

    Attributes:
        package: the descriptor read.
        problems: the problems kept (at most ``limit`` per resource, field and check),
            with one summary per resource that had more, in descriptor order.
        found: every problem found, kept or not; omitted: those not kept.
        tables: typed values of each resource that has no problem of its own.
        rows: data rows read.
        sha256: hex SHA-256 of each file's bytes as read (files read to their end).
    """

    package: Package
    problems: list[Problem] = field(default_factory=list)
    found: int = 0
    omitted: int = 0
    tables: dict[str, Table] = field(default_factory=dict)
    rows: int = 0
    sha256: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.found == 0


def _hash_spec(resource: Resource) -> tuple[str, str] | None:
    """``(algorithm, hex)`` of a resource's declared hash (Frictionless: no prefix means md5)."""
    if resource.hash is None:
        return None
    algorithm, sep, digest = resource.hash.partition(":")
    if not sep:
        algorithm, digest = "md5", resource.hash
    return algorithm.lower(), digest.lower()


# The descriptor's properties, each with the JSON type Table Schema / Data Package give it
# (as Frictionless checks them), and the properties that change how a file is read, each
# with the one value the reader implements: a descriptor asking for another dialect,
# encoding or format is refused, not read differently by different tools.
_TYPES: dict[str, Any] = {"string": str, "integer": int, "number": int | float, "boolean": bool}
_OBJECT_OF_STRINGS = ("object", {"name", "path", "title", "email", "description", "role", "organization"})
PACKAGE_PROPERTIES = {
    **dict.fromkeys(
        ("name", "id", "title", "description", "version", "created", "homepage", "image"), "string"
    ),
    **dict.fromkeys(("$schema", "profile"), "string"),
    "keywords": ("list", "string"),
    "licenses": ("list", _OBJECT_OF_STRINGS),
    "sources": ("list", _OBJECT_OF_STRINGS),
    "contributors": ("list", ("object", {"title", "path", "email", "role", "organization", "givenName"})),
}
RESOURCE_PROPERTIES = {
    **dict.fromkeys(("name", "path", "title", "description", "hash", "mediatype"), "string"),
    "bytes": "integer",
    "sources": ("list", _OBJECT_OF_STRINGS),
    "licenses": ("list", _OBJECT_OF_STRINGS),
}
READ_AS = {  # property -> the values the reader implements (compared lower-case)
    "profile": {"data-resource", "tabular-data-resource"},
    "$schema": {"https://datapackage.org/profiles/2.0/dataresource.json"},
    "type": {"table"},
    "scheme": {"file"},
    "format": {"csv"},
    "mediatype": {"text/csv"},
    "encoding": {"utf-8", "utf8"},
}
FIELD_PROPERTIES = {**dict.fromkeys(("name", "type", "title", "description", "unit"), "string")}
FIELD_READ_AS = {
    "format": ["default"],
    "trueValues": [["true"]],
    "falseValues": [["false"]],
    "bareNumber": [True],
}
CONSTRAINT_TYPES = {
    "required": "boolean",
    "unique": "boolean",
    "pattern": "string",
    "minLength": "integer",
    "maxLength": "integer",
    "enum": ("list", None),
}
SCHEMA_READ_AS = {"missingValues": [[""]]}


def _type_problem(value: Any, kind: Any) -> str | None:
    """Why ``value`` is not of ``kind`` ("string", ("list", item kind), ("object", names)), or None."""
    if isinstance(kind, str):
        ok = isinstance(value, _TYPES[kind]) and (kind == "boolean" or not isinstance(value, bool))
        return None if ok else f"must be a {kind}, not {json.dumps(value)[:40]}"
    if kind[0] == "list":
        if not isinstance(value, list):
            return f"must be a list, not {json.dumps(value)[:40]}"
        for item in value:
            why = None if kind[1] is None else _type_problem(item, kind[1])
            if why:
                return f"has an item that {why}"
        return None
    if not isinstance(value, dict):
        return f"must be an object, not {json.dumps(value)[:40]}"
    for name in kind[1] & value.keys():
        if name in ("role", "roles"):
            continue
        why = _type_problem(value[name], "string")
        if why:
            return f"has {name!r} that {why}"
    return None


PACKAGE_SCHEMAS = {
    "https://datapackage.org/profiles/2.0/datapackage.json",
    "https://datapackage.org/profiles/1.0/datapackage.json",
}
PROFILES = {"profile": {"data-package", "tabular-data-package"}}
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")
_PACKAGE_NAME = re.compile(r"[-a-z0-9._/]+")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def _package_rules(raw: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Rules on the package's own properties beyond their types, as Frictionless has them."""
    from datetime import datetime

    created = raw.get("created")
    if isinstance(created, str) and created:
        try:
            ok = bool(_DATETIME.fullmatch(created)) and bool(
                datetime.fromisoformat(created.replace("Z", "+00:00"))
            )
        except ValueError:
            ok = False
        if not ok:
            yield (
                f"created {created!r} is not a date and time (ISO 8601, e.g. 2026-11-22T00:00:00Z)",
                "created",
            )
    name = raw.get("name")
    if isinstance(name, str) and name and not _PACKAGE_NAME.fullmatch(name):
        yield f"name {name!r} must be lower-case letters, digits and - . _ /", "name"
    schema = raw.get("$schema")
    if isinstance(schema, str) and schema not in PACKAGE_SCHEMAS:
        yield f"$schema {schema!r} is not one of {', '.join(sorted(PACKAGE_SCHEMAS))}", "$schema"
    profile = raw.get("profile")
    if isinstance(profile, str) and profile not in PROFILES["profile"]:
        yield f"profile {profile!r} is not one of {', '.join(sorted(PROFILES['profile']))}", "profile"
    for item in raw.get("licenses", []) if isinstance(raw.get("licenses"), list) else []:
        if isinstance(item, dict) and not item.get("path") and not item.get("name"):
            yield "a license needs a name or a path", "licenses"
    for key in ("contributors", "sources"):
        for item in raw.get(key, []) if isinstance(raw.get(key), list) else []:
            email = item.get("email") if isinstance(item, dict) else None
            if isinstance(email, str) and email and not _EMAIL.fullmatch(email):
                yield f"{key}: {email!r} is not an email address", key


def _profile_problems(pkg: Package) -> list[Problem]:
    """The descriptor's properties against their types, and against what the reader implements."""
    where = str(pkg.descriptor)
    out = []

    def check(resource: str, props: dict[str, Any], spec: dict[str, Any], prefix: str) -> None:
        for key, kind in spec.items():
            if key in props:
                why = _type_problem(props[key], kind)
                if why:
                    out.append(Problem(resource, "descriptor", f"{prefix}{key} {why}", file=where, field=key))

    def read_as(resource: str, props: dict[str, Any], allowed: dict[str, Any], prefix: str) -> None:
        for key, values in allowed.items():
            if key not in props:
                continue
            value = props[key]
            text = value.lower() if isinstance(value, str) else value
            if text not in values:
                shown = json.dumps(value)[:60]
                out.append(
                    Problem(
                        resource,
                        "descriptor",
                        f"{prefix}{key} {shown} is not supported: the package's CSV files are read as "
                        f"{', '.join(json.dumps(v) for v in values)}",
                        file=where,
                        field=key,
                    )
                )

    raw = pkg.raw
    check("datapackage", raw, PACKAGE_PROPERTIES, "")
    for why, key in _package_rules(raw):
        out.append(Problem("datapackage", "descriptor", why, file=where, field=key))
    for res_raw in raw.get("resources", []):
        if not isinstance(res_raw, dict):
            continue
        name = str(res_raw.get("name"))
        check(name, res_raw, RESOURCE_PROPERTIES, "")
        read_as(name, res_raw, {k: sorted(v) for k, v in READ_AS.items()}, "")
        dialect = res_raw.get("dialect")
        if dialect not in ({}, None) and not _dialect_we_read(dialect):
            out.append(
                Problem(
                    name,
                    "descriptor",
                    "dialect is not supported: the package's CSV files are read as comma-separated, "
                    'quoted with " (doubled inside a value), with a header row and no initial spaces: '
                    + ", ".join(f"{k}: {json.dumps(v)}" for k, v in DIALECT.items()),
                    file=where,
                    field="dialect",
                )
            )
        for key in ("compression", "encoding_errors"):
            if key in res_raw and res_raw[key] not in ({}, None):
                out.append(
                    Problem(
                        name,
                        "descriptor",
                        f"{key} is not supported: the package's CSV files are comma-separated, quoted "
                        'with ", UTF-8, uncompressed, with a header row',
                        file=where,
                        field=key,
                    )
                )
        schema = res_raw.get("schema")
        if not isinstance(schema, dict):
            continue
        read_as(name, schema, SCHEMA_READ_AS, "schema ")
        for f in schema.get("fields", []):
            if not isinstance(f, dict):
                continue
            label = f"field {f.get('name')!r}: "
            check(name, f, FIELD_PROPERTIES, label)
            read_as(name, f, FIELD_READ_AS, label)
            constraints = f.get("constraints")
            if isinstance(constraints, dict):
                check(name, constraints, CONSTRAINT_TYPES, label + "constraint ")
    return out


#: The CSV dialect every reader of this package uses (Table Dialect / Data Package v2
#: ``dialect``). A resource may declare it, in whole or in part; any other value is refused,
#: so that what a descriptor says is what is read.
DIALECT: dict[str, Any] = {
    "header": True,
    "delimiter": ",",
    "quoteChar": '"',
    "doubleQuote": True,
    "skipInitialSpace": False,
}
_LINE_TERMINATORS = ("\n", "\r\n")  # either: a file keeps one style throughout (checked per file)


def _dialect_we_read(dialect: Any) -> bool:
    if not isinstance(dialect, dict):
        return False
    for key, value in dialect.items():
        if key == "$schema":
            continue
        if key == "lineTerminator":
            if value not in _LINE_TERMINATORS:
                return False
        elif key not in DIALECT or value != DIALECT[key] or type(value) is not type(DIALECT[key]):
            return False
    return True


def _descriptor_problems(pkg: Package) -> list[Problem]:
    from coprod_data.package import CORE_FIELDS, missing_resources

    where = str(pkg.descriptor)
    out = [
        Problem(
            "datapackage",
            "resource-set",
            f"the descriptor does not declare resource {name!r}, which the audit and views need",
            file=where,
            field="resources",
        )
        for name in missing_resources(pkg)
    ]
    out += _profile_problems(pkg)
    names = {r.name: r for r in pkg.resources}
    bundled = {r.name: r for r in read_package().resources}
    for res in pkg.resources:
        out += schema_problems(res, where)
        model = bundled.get(res.name) if res.name in CORE_FIELDS else None
        if model is not None and model is not res:
            lacking = [
                f"{f.name} ({f.type})"
                for f in model.fields
                if f.name in CORE_FIELDS[res.name]
                and (f.name not in res.field_names or res.field(f.name).type != f.type)
            ]
            if lacking:
                out.append(
                    Problem(
                        res.name,
                        "resource-set",
                        f"the views need field(s) {', '.join(lacking)} in this resource",
                        file=where,
                        field="schema",
                    )
                )
        spec = _hash_spec(res)
        if spec is not None and spec[0] not in HASH_ALGORITHMS:
            out.append(
                Problem(
                    res.name,
                    "schema",
                    f"hash algorithm {spec[0]!r} is not one of {', '.join(HASH_ALGORITHMS)}",
                    file=where,
                    field="hash",
                )
            )
        for fk in res.foreign_keys:
            target = names.get(fk.resource) if isinstance(fk.resource, str) else None
            fields = set(res.field_names)
            message = None
            if target is None:
                message = f"a foreign key refers to resource {fk.resource!r}, which the package lacks"
            elif len(fk.fields) != len(fk.reference_fields) or not fk.fields:
                message = "a foreign key has different numbers of fields and reference fields"
            elif not set(fk.fields) <= fields:
                message = f"a foreign key names fields it does not have: {', '.join(fk.fields)}"
            elif not set(fk.reference_fields) <= set(target.field_names):
                message = (
                    f"a foreign key refers to fields {fk.resource!r} does not have: "
                    f"{', '.join(fk.reference_fields)}"
                )
            if message:
                out.append(Problem(res.name, "schema", message, file=where, field="foreignKeys"))
    return out


def _order(pkg: Package) -> list[Resource]:
    """Resources with those referred to first (descriptor order otherwise), so most foreign
    keys are checked while the referring file is read."""
    by_name = {r.name: r for r in pkg.resources}
    done: list[Resource] = []
    seen: set[str] = set()

    def visit(res: Resource, path: tuple[str, ...]) -> None:
        if res.name in seen:
            return
        for fk in res.foreign_keys:
            target = by_name.get(fk.resource) if isinstance(fk.resource, str) else None
            if target is not None and target.name != res.name and target.name not in path:
                visit(target, (*path, res.name))
        if res.name not in seen:
            seen.add(res.name)
            done.append(res)

    for res in pkg.resources:
        visit(res, ())
    return done


def _usable_foreign_keys(res: Resource, pkg: Package) -> list[ForeignKey]:
    """The foreign keys of ``res`` that name real resources and fields (others are schema problems)."""
    by_name = {r.name: r for r in pkg.resources}
    return [
        fk
        for fk in res.foreign_keys
        if isinstance(fk.resource, str)
        and fk.resource in by_name
        and fk.fields
        and len(fk.fields) == len(fk.reference_fields)
        and set(fk.fields) <= set(res.field_names)
        and set(fk.reference_fields) <= set(by_name[fk.resource].field_names)
    ]


class _ForeignKeys:
    """Checks a resource's foreign keys row by row, or after every file is read."""

    def __init__(self, res: Resource, problems: Problems, pkg: Package) -> None:
        self.res = res
        self.problems = problems
        self.names = res.field_names
        self.fks = _usable_foreign_keys(res, pkg)
        self.idx = [[self.names.index(c) for c in fk.fields] for fk in self.fks]
        self.now: list[tuple[int, set[tuple[Any, ...]]]] = []  # (fk index, referenced keys)
        self.later: dict[int, dict[tuple[Any, ...], list[int]]] = {}  # fk index -> key -> rows
        self.found: list[tuple[int, tuple[Any, ...], int]] = []  # kept failures: (fk, key, row)
        self.counted: dict[int, int] = {}

    def prepare(self, keys: dict[str, dict[tuple[str, ...], set[tuple[Any, ...]]]], broken: set[str]) -> None:
        for i, fk in enumerate(self.fks):
            if fk.resource in broken:
                continue  # the broken resource speaks for itself
            if fk.resource != self.res.name and fk.resource in keys:
                self.now.append((i, keys[fk.resource][fk.reference_fields]))
            else:
                self.later[i] = {}

    def on_row(self, row: int, values: list[Any]) -> None:
        for i, known in self.now:
            key = tuple(values[j] for j in self.idx[i])
            if all(v is None for v in key) or key in known:
                continue
            self._fail(i, key, row)
        for i, waiting in self.later.items():
            key = tuple(values[j] for j in self.idx[i])
            if all(v is None for v in key):
                continue
            entry = waiting.get(key)
            if entry is None:
                entry = waiting[key] = [0]
            entry[0] += 1  # rows with this key; the first few located
            if len(entry) <= self.problems.limit:
                entry.append(row)

    def _fail(self, i: int, key: tuple[Any, ...], row: int, n: int = 1) -> None:
        before = self.counted.get(i, 0)
        self.counted[i] = before + n
        if before < self.problems.limit:
            self.found.append((i, key, row))

    def finish(self, keys: dict[str, dict[tuple[str, ...], set[tuple[Any, ...]]]], broken: set[str]) -> None:
        """Check the deferred keys now that every file is read; then report."""
        for i, waiting in self.later.items():
            fk = self.fks[i]
            if fk.resource in broken or fk.resource not in keys:
                continue
            known = keys[fk.resource][fk.reference_fields]
            for key, (count, *rows) in waiting.items():
                if key not in known:
                    for row in rows:
                        self._fail(i, key, row)
                    if count > len(rows):
                        self._fail(i, key, 0, count - len(rows))
        self.later = {}
        for i, key, row in sorted(self.found, key=lambda t: (t[2], t[0])):
            fk = self.fks[i]
            shown = ", ".join(f"{v!r}" for v in key)
            self.problems.add(
                Problem(
                    self.res.name,
                    "foreign-key",
                    f"{shown} is not a {'/'.join(fk.reference_fields)} of {fk.resource}",
                    file=self.res.path,
                    row=row if row > 0 else None,
                    field=fk.fields[0],
                    reference=fk.resource,
                )
            )
        for i, n in self.counted.items():
            extra = n - min(n, self.problems.limit)
            if extra:
                self.problems.count_only(self.res.name, "foreign-key", self.fks[i].fields[0], extra)


def read_data(path: str | Path | Package | None = None, *, limit: int = LIMIT) -> PackageData:
    """Read every resource of a package once and run every check of the core.

    Raises:
        CoprodDataError: only when the descriptor itself cannot be read.
    """
    pkg = path if isinstance(path, Package) else read_package(path)
    problems = Problems(limit)
    out = PackageData(pkg)
    problems.extend(_descriptor_problems(pkg))
    needed: dict[str, set[tuple[str, ...]]] = {}
    for res in pkg.resources:
        for fk in _usable_foreign_keys(res, pkg):
            needed.setdefault(fk.resource, set()).add(fk.reference_fields)
    keys: dict[str, dict[tuple[str, ...], set[tuple[Any, ...]]]] = {}
    broken: set[str] = set()
    pending: list[_ForeignKeys] = []
    for res in _order(pkg):
        fks = _ForeignKeys(res, problems, pkg)
        fks.prepare(keys, broken)
        spec = _hash_spec(res)
        algorithms: tuple[str, ...] = (
            "sha256",
        )  # the content read, for callers (validate's memo of Frictionless)
        if spec is not None and spec[0] in HASH_ALGORITHMS and spec[0] != "sha256":
            algorithms += (spec[0],)
        result = scan(
            res,
            problems,
            keys=tuple(sorted(needed.get(res.name, ()))),
            algorithms=algorithms,
            keep=problems.count(res.name) == 0,
            on_row=fks.on_row if fks.fks else None,
        )
        out.rows += result.rows
        _check_stamps(res, result.digests, result.size, spec, problems)
        if result.digests is not None:
            out.sha256[res.name] = result.digests["sha256"]
        keys[res.name] = result.keys
        if problems.count(res.name):
            broken.add(res.name)
        elif result.columns is not None:
            out.tables[res.name] = Table(res, result.columns)
        pending.append(fks)
    for fks in pending:
        fks.finish(keys, broken)
    from coprod_data.checks import run_checks

    problems.extend(run_checks(pkg, out.tables))
    order = {r.name: i for i, r in enumerate(pkg.resources)}
    files: dict[str, str | None] = {r.name: r.path for r in pkg.resources}
    kept = problems.kept + problems.summaries(files)
    out.problems = sorted(kept, key=lambda p: order.get(p.resource, -1))
    out.found = problems.count()
    out.omitted = problems.omitted
    return out


def _check_stamps(
    res: Resource,
    digests: dict[str, str] | None,
    size: int | None,
    spec: tuple[str, str] | None,
    problems: Problems,
) -> None:
    if digests is None or size is None:
        return  # the file could not be read to its end: already reported
    if spec is not None and spec[0] in digests and digests[spec[0]] != spec[1]:
        problems.add(
            Problem(
                res.name,
                "hash",
                f"the file's {spec[0]} is {digests[spec[0]]}, the descriptor says {spec[1]}; "
                "run 'coprod-data stamp' after editing a file",
                file=res.path,
            )
        )
    if res.bytes is not None and res.bytes != size:
        problems.add(
            Problem(
                res.name,
                "bytes",
                f"the file has {size} bytes, the descriptor says {res.bytes}; "
                "run 'coprod-data stamp' after editing a file",
                file=res.path,
            )
        )


def gate(path: str | Path | Package | None = None) -> PackageData:
    """:func:`read_data`, refusing a package with any problem.

    Raises:
        CoprodDataError: naming the first problem's file, row and field, and how many more
            there are (``coprod-data validate`` lists them).
    """
    data = read_data(path)
    if data.ok:
        return data
    first = data.problems[0]
    more = data.found - 1
    tail = f" (and {more} more problem(s))" if more else ""
    raise CoprodDataError(
        f"{first.message} [{first.check}]{tail}; the package does not validate, "
        "run 'coprod-data validate' for every problem",
        file=first.file or first.resource,
        row=first.row,
        field=first.field,
    )


def insert_tables(con: duckdb.DuckDBPyConnection, data: PackageData, *, comments: bool = True) -> None:
    """Create every resource's table (DDL from the descriptor) and insert the typed values read.

    With ``comments`` false the tables get no ``COMMENT ON`` (see :func:`coprod_data.db.open_read_only`).
    """
    from coprod_data.checkdata import generated_views_sql
    from coprod_data.ddl import (
        SQL_TYPES,
        create_table_sql,
        in_dependency_order,
        package_info_sql,
        quote_ident,
        table_comments_sql,
    )

    for res in in_dependency_order(data.package):
        con.execute(create_table_sql(res))
        if comments:
            con.execute(table_comments_sql(res))
        table = data.tables[res.name]
        if not len(table):
            continue
        params = [table.column(f.name) for f in res.fields]
        select = ", ".join(f"unnest(${i + 1}::{SQL_TYPES[f.type]}[])" for i, f in enumerate(res.fields))
        con.execute(f"INSERT INTO {quote_ident(res.name)} SELECT {select}", params)
    con.execute(package_info_sql(data.package))
    con.execute(generated_views_sql(data.package))  # fact_figures and friends, from the descriptor
