"""Reads ``datapackage.json`` into plain field and resource objects (json only, no heavy imports).

Everything else (pandera schemas, DuckDB DDL, the data dictionary) is derived from
these objects, so a field's type and constraints are written once, in the descriptor.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from coprod_data.errors import CoprodDataError
from coprod_data.paths import resolve_descriptor
from coprod_data.safety import MAX_DESCRIPTOR_BYTES, check_regular_file, read_regular_file

MAX_FILE_BYTES = 100_000_000  # a resource larger than this is refused rather than read


@dataclass(frozen=True)
class Field:
    """One column of a table schema."""

    name: str
    type: str
    description: str = ""
    unit: str | None = None
    constraints: dict[str, Any] = field(default_factory=dict)

    @property
    def required(self) -> bool:
        return bool(self.constraints.get("required", False))

    @property
    def enum(self) -> list[Any] | None:
        return self.constraints.get("enum")


@dataclass(frozen=True)
class ForeignKey:
    """A single- or multi-column reference to another resource's key."""

    fields: tuple[str, ...]
    resource: str
    reference_fields: tuple[str, ...]


@dataclass(frozen=True)
class Rule:
    """One cross-row rule a resource declares in ``coprod:rules`` (see :data:`RULE_PARAMETERS`).

    ``params`` holds every parameter of the kind: names as given, lists of names as tuples,
    filters as ``{field: (value, ...)}``, and None for an optional parameter not given.
    """

    kind: str
    params: dict[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.params[name]


@dataclass(frozen=True)
class Resource:
    """One tabular resource of the package."""

    name: str
    path: str
    title: str
    description: str
    kind: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]
    hash: str | None
    bytes: int | None
    base: Path
    unique_keys: tuple[tuple[str, ...], ...] = ()
    rules: tuple[Rule, ...] = ()

    @property
    def file(self) -> Path:
        """Absolute path of the resource's CSV."""
        return self.base / self.path

    def check_file(self) -> None:
        """Raise :class:`CoprodDataError` unless the CSV is a regular file inside the package
        folder (symbolic links resolved) and no larger than :data:`MAX_FILE_BYTES`."""
        import stat

        try:
            target = self.file.resolve(strict=True)
            info = target.stat()
        except FileNotFoundError:
            raise CoprodDataError("file not found", file=self.path) from None
        except OSError as exc:
            raise CoprodDataError(f"cannot read the file: {exc.strerror or exc}", file=self.path) from None
        except RuntimeError:  # Python before 3.13 reports a loop of links so
            raise CoprodDataError("cannot read the file: a loop of symbolic links", file=self.path) from None
        if not target.is_relative_to(self.base.resolve()):
            raise CoprodDataError("leads outside the package folder", file=self.path)
        if not stat.S_ISREG(info.st_mode):
            raise CoprodDataError("is not a regular file", file=self.path)
        if info.st_size > MAX_FILE_BYTES:
            raise CoprodDataError(f"is larger than {MAX_FILE_BYTES // 1_000_000} MB", file=self.path)

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]


@dataclass(frozen=True)
class Package:
    """The whole descriptor: metadata and resources."""

    descriptor: Path
    name: str
    version: str
    resources: tuple[Resource, ...]
    raw: dict[str, Any]

    def resource(self, name: str) -> Resource:
        """The resource called ``name``; a clear error listing the names otherwise."""
        for r in self.resources:
            if r.name == name:
                return r
        names = ", ".join(r.name for r in self.resources)
        raise CoprodDataError(
            f"no resource named {name!r}; the package has: {names}", file=str(self.descriptor)
        )


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


@lru_cache(maxsize=256)
def compile_pattern(pattern: str) -> Any:
    """A field's ``pattern`` compiled by RE2, which matches in linear time.

    Python's ``re`` backtracks: ``^(a+)+$`` against 34 ``a`` and a ``!`` runs for
    minutes. RE2 cannot backtrack, so every pattern in a descriptor is matched by it
    (in the loader, the validator and, through ``regexp_full_match``, in DuckDB, which
    uses RE2 too). Patterns RE2 cannot express (back-references, look-around) are
    refused with :class:`ValueError`; Table Schema patterns are XML Schema regular
    expressions, which have neither.

    Examples:
        >>> compile_pattern("^[a-z]+$").fullmatch("abc") is not None
        True
    """
    import re2

    options = re2.Options()
    options.log_errors = False  # report through our error, not RE2's own log on stderr
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        detail = (
            exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else exc
        )
        raise ValueError(str(detail)) from None


def pattern_matches(pattern: str, value: str) -> bool:
    """Whether ``value`` matches ``pattern`` in full (Table Schema semantics), in linear time."""
    return compile_pattern(pattern).fullmatch(value) is not None


FIELD_TYPES = ("string", "integer", "number", "boolean")
_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


def _strings(value: Any, what: str, where: str, field: str) -> tuple[str, ...]:
    items = _as_list(value)
    if not all(isinstance(v, str) for v in items):
        raise CoprodDataError(f"{what} must be a name or a list of names", file=where, field=field)
    return tuple(items)


def _parse_field(f: Any, resource: str, where: str) -> Field:
    if not isinstance(f, dict) or not isinstance(f.get("name"), str) or not f["name"]:
        raise CoprodDataError(f"resource {resource!r} has a field without a name", file=where, field="schema")
    kind = f.get("type", "string")
    if kind not in FIELD_TYPES:
        raise CoprodDataError(
            f"field {f['name']!r} of resource {resource!r} has type {kind!r}; "
            f"supported: {', '.join(FIELD_TYPES)}",
            file=where,
            field="schema",
        )
    constraints = f.get("constraints", {})
    if not isinstance(constraints, dict):
        raise CoprodDataError(
            f"constraints of field {f['name']!r} must be an object", file=where, field="schema"
        )
    enum = constraints.get("enum")
    if enum is not None and (
        not isinstance(enum, list)
        or not enum
        or not all(isinstance(v, str | int | float) and not isinstance(v, bool) for v in enum)
        or len(set(enum)) != len(enum)
    ):
        raise CoprodDataError(
            f"enum of field {f['name']!r} must be a list of distinct values (no nulls)",
            file=where,
            field="schema",
        )
    for bound in ("minimum", "maximum"):
        if bound in constraints and not isinstance(constraints[bound], int | float):
            raise CoprodDataError(
                f"{bound} of field {f['name']!r} must be a number", file=where, field="schema"
            )
    if "pattern" in constraints:
        if not isinstance(constraints["pattern"], str):
            raise CoprodDataError(
                f"pattern of field {f['name']!r} must be a string", file=where, field="schema"
            )
        try:
            compile_pattern(constraints["pattern"])
        except ValueError as exc:
            raise CoprodDataError(
                f"pattern of field {f['name']!r} is not a valid regular expression: {exc}",
                file=where,
                field="schema",
            ) from None
    return Field(
        name=f["name"],
        type=kind,
        description=str(f.get("description", "")),
        unit=f.get("unit") if isinstance(f.get("unit"), str) else None,
        constraints=dict(constraints),
    )


def _parse_resource(raw: dict[str, Any], base: Path, where: str) -> Resource:
    for key in ("name", "path", "schema"):
        if key not in raw:
            raise CoprodDataError(f"a resource has no {key!r}", file=where, field=key)
    name = raw["name"]
    if not isinstance(name, str) or not _NAME.match(name):
        raise CoprodDataError(
            f"resource name {name!r} is not a lower-case identifier", file=where, field="name"
        )
    rel = raw["path"]
    if not isinstance(rel, str) or not rel:
        raise CoprodDataError(f"resource {name!r} needs one path (a string)", file=where, field="path")
    parts = Path(rel).parts
    if "://" in rel or Path(rel).is_absolute() or ".." in parts or not parts or "\x00" in rel:
        raise CoprodDataError(
            f"resource {name!r} has path {rel!r}; paths must stay inside the package folder "
            "(relative, no '..', no URL)",
            file=where,
            field="path",
        )
    schema = raw["schema"]
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list) or not schema["fields"]:
        raise CoprodDataError(f"resource {name!r} has no list of schema fields", file=where, field="schema")
    fields = [_parse_field(f, name, where) for f in schema["fields"]]
    names = [f.name for f in fields]
    if len(set(names)) != len(names):
        raise CoprodDataError(f"resource {name!r} has two fields of one name", file=where, field="schema")
    primary_key = _strings(schema.get("primaryKey"), "primaryKey", where, "schema")
    if any(k not in names for k in primary_key):
        raise CoprodDataError(
            f"the primary key of {name!r} names a field it does not have", file=where, field="schema"
        )
    unique_keys = schema.get("uniqueKeys", [])
    if not isinstance(unique_keys, list):
        raise CoprodDataError(f"uniqueKeys of {name!r} must be a list", file=where, field="schema")
    unique = tuple(_strings(k, "a unique key", where, "schema") for k in unique_keys)
    if any(c not in names for key in unique for c in key):
        raise CoprodDataError(
            f"a unique key of {name!r} names a field it does not have", file=where, field="schema"
        )
    fks = []
    foreign_keys = schema.get("foreignKeys", [])
    if not isinstance(foreign_keys, list):
        raise CoprodDataError(f"foreignKeys of {name!r} must be a list", file=where, field="schema")
    for fk in foreign_keys:
        ref = fk.get("reference") if isinstance(fk, dict) else None
        if not isinstance(ref, dict):
            raise CoprodDataError(f"a foreign key of {name!r} has no reference", file=where, field="schema")
        fks.append(
            ForeignKey(
                fields=_strings(fk.get("fields"), "a foreign key's fields", where, "schema"),
                resource=ref.get("resource") or name,
                reference_fields=_strings(
                    ref.get("fields"), "a foreign key's reference fields", where, "schema"
                ),
            )
        )
    return Resource(
        name=name,
        path=rel,
        title=str(raw.get("title", name)),
        description=str(raw.get("description", "")),
        kind=str(raw.get("coprod:kind", "table")),
        fields=tuple(fields),
        primary_key=primary_key,
        foreign_keys=tuple(fks),
        hash=raw.get("hash") if isinstance(raw.get("hash"), str) else None,
        bytes=raw.get("bytes") if isinstance(raw.get("bytes"), int) else None,
        base=base,
        unique_keys=unique,
    )


#: The cross-row rules a resource may declare in its ``coprod:rules`` object, which
#: :mod:`coprod_data.checks` runs. Each kind takes an object of parameters (or a list of such
#: objects, one per rule): ``(parameter, what it names, required)``, where
#:
#: * ``field`` / ``fields``: a field / a list of fields of the resource; ``number``: a field
#:   of type integer or number; ``flag``: a boolean field;
#: * ``resource``: another resource of the package (the rule's dimension);
#: * ``listed``: a field of that dimension, ``listed-number`` one of type integer or number,
#:   ``shared`` / ``shared-list``: field(s) both resources have;
#: * ``filter``: ``{field: value or [values]}``, the rows whose fields have (one of) the values;
#:   each value must have the field's type and, where the field has an enum, be one of it;
#: * ``order``: ``"descending"`` (the default) or ``"ascending"``;
#: * ``phase-value``: a value of the rule's ``phase`` field (its type and enum), by default the
#:   parameter's name (``"pre"``, ``"post"``).
#:
#: A list of fields (``fields``) must name at least one.
#:
#: Every kind also takes ``where`` (a filter): the rule applies to the rows it selects.
RULE_PARAMETERS: dict[str, tuple[tuple[str, str, bool], ...]] = {
    # the shares of each list (rows alike in groupBy) sum to 100 within rounding, unless flagged open
    "shares-closed": (("groupBy", "fields", True), ("value", "number", True), ("openFlag", "flag", False)),
    # each pre figure has its post figure (alike in pairBy); a post figure selected by bothPhases
    # (rows of sources that print both phases; every row if not given) has its pre figure
    # (pre and post: the phase field's values for before and after; defaults 'pre' and 'post')
    "pre-post": (
        ("pairBy", "fields", True),
        ("phase", "field", True),
        ("bothPhases", "filter", False),
        ("pre", "phase-value", False),
        ("post", "phase-value", False),
    ),
    # each chart (rows alike in groupBy) has a row for every row of the dimension
    "complete-chart": (
        ("dimension", "resource", True),
        ("item", "field", True),
        ("dimensionField", "listed", False),
        ("groupBy", "fields", True),
    ),
    # each list (rows alike in groupBy), read in order of position, has its values in order
    "printed-order": (
        ("groupBy", "fields", True),
        ("position", "number", True),
        ("value", "number", True),
        ("order", "order", False),
    ),
    # a value sits at the position its item has in the dimension's list, and agrees with it on sameFields
    "list-positions": (
        ("dimension", "resource", True),
        ("item", "shared", True),
        ("position", "number", True),
        ("listPosition", "listed-number", True),
        ("sameFields", "shared-list", False),
    ),
    # no two values of one list (rows alike in groupBy) share a position
    "unique-positions": (("groupBy", "fields", True), ("position", "field", True)),
    # field is empty exactly in the rows absentWhen selects
    "present-unless": (("field", "field", True), ("absentWhen", "filter", True)),
}
RULE_ORDERS = ("descending", "ascending")
#: Python types a filter value (or phase value) may have, by field type (bool is not a number here).
_VALUE_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
}


def value_misfit(fld: Field, value: Any) -> str | None:
    """Why ``value`` cannot be a value of ``fld`` (its type, its enum), or None when it can.

    Examples:
        >>> print(value_misfit(Field("phase", "string", constraints={"enum": ["pre", "post"]}), "pree"))
        "pree" is not one of the values field 'phase' allows (pre, post)
        >>> print(value_misfit(Field("is_open", "boolean"), "false"))
        "false" is not a boolean, the type of field 'is_open'
    """
    wanted = _VALUE_TYPES.get(fld.type, (str,))
    whole = fld.type == "integer" and isinstance(value, float) and value.is_integer()  # JSON 20.0 is 20
    if not (whole or isinstance(value, wanted)) or (isinstance(value, bool) and fld.type != "boolean"):
        article = "an" if fld.type[0] in "aeiou" else "a"
        return f"{json.dumps(value)[:40]} is not {article} {fld.type}, the type of field {fld.name!r}"
    if fld.enum is not None and value not in fld.enum:
        allowed = ", ".join(map(str, fld.enum))
        return f"{json.dumps(value)[:40]} is not one of the values field {fld.name!r} allows ({allowed})"
    return None


#: Field types that hold numbers (a rule's value and position fields must have one).
NUMERIC_TYPES = ("integer", "number")


def _parse_rules(
    raw: dict[str, Any], res: Resource, by_name: dict[str, Resource], where: str
) -> tuple[Rule, ...]:
    """The rules of ``raw``'s ``coprod:rules``, every name in them checked against the package."""
    spec = raw.get("coprod:rules")
    if spec is None:
        return ()
    if not isinstance(spec, dict):
        raise CoprodDataError(
            f"coprod:rules of resource {res.name!r} must be an object of rules by kind",
            file=where,
            field="coprod:rules",
        )
    out = []
    for kind, given in spec.items():
        if kind not in RULE_PARAMETERS:
            raise CoprodDataError(
                f"coprod:rules of resource {res.name!r} has rule kind {kind!r}; the kinds are: "
                + ", ".join(RULE_PARAMETERS),
                file=where,
                field="coprod:rules",
            )
        items = given if isinstance(given, list) else [given]
        out += [_parse_rule(kind, item, res, by_name, where) for item in items]
    return tuple(out)


def _parse_rule(kind: str, item: Any, res: Resource, by_name: dict[str, Resource], where: str) -> Rule:
    def fail(message: str) -> CoprodDataError:
        return CoprodDataError(
            f"coprod:rules of resource {res.name!r}, rule {kind!r}: {message}",
            file=where,
            field="coprod:rules",
        )

    spec = (*RULE_PARAMETERS[kind], ("where", "filter", False))
    names = [name for name, _, _ in spec]
    if not isinstance(item, dict):
        raise fail("must be an object of parameters (or a list of them)")
    unknown = sorted(set(item) - set(names))
    if unknown:
        raise fail(f"has unknown parameter(s) {', '.join(unknown)}; it takes {', '.join(names)}")

    def field_of(owner: Resource, value: Any, param: str, types: tuple[str, ...] = ()) -> str:
        if not isinstance(value, str):
            raise fail(f"{param} must be a field name, not {json.dumps(value)[:40]}")
        if value not in owner.field_names:
            raise fail(f"{param} names field {value!r}, which resource {owner.name!r} does not have")
        if types and owner.field(value).type not in types:
            raise fail(
                f"{param} names field {value!r} of {owner.name!r}, of type {owner.field(value).type}; "
                f"it must be {' or '.join(types)}"
            )
        return value

    def names_of(
        owners: tuple[Resource, ...], value: Any, param: str, nonempty: bool = False
    ) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise fail(f"{param} must be a list of field names")
        if nonempty and not value:
            raise fail(f"{param} must name at least one field (an empty list leaves the rows unlabelled)")
        for owner in owners:
            for v in value:
                field_of(owner, v, param)
        return tuple(value)

    dimension: Resource | None = None
    params: dict[str, Any] = {}
    for name, what, required in spec:
        value = item.get(name)
        if value is None:
            if required:
                raise fail(f"needs {name!r}")
            if what == "order":
                params[name] = RULE_ORDERS[0]
            elif what == "phase-value":
                params[name] = _phase_value(name, res, params["phase"], fail)
                continue
            elif what == "listed":
                assert dimension is not None  # "dimension" is required and precedes these in the spec
                if len(dimension.primary_key) != 1:
                    raise fail(f"needs {name!r}: resource {dimension.name!r} has no one-field primary key")
                params[name] = dimension.primary_key[0]
            else:
                params[name] = None
            continue
        if what == "resource":
            if not isinstance(value, str) or value not in by_name:
                raise fail(f"{name} names resource {value!r}, which the package does not have")
            dimension = by_name[value]
            params[name] = value
        elif what in ("field", "number", "flag"):
            types = {"field": (), "number": NUMERIC_TYPES, "flag": ("boolean",)}[what]
            params[name] = field_of(res, value, name, types)
        elif what == "fields":
            params[name] = names_of((res,), value, name, nonempty=True)
        elif what in ("listed", "listed-number", "shared", "shared-list"):
            assert dimension is not None  # "dimension" is required and precedes these in the spec
            if what == "shared-list":
                params[name] = names_of((res, dimension), value, name)
            elif what == "shared":
                params[name] = field_of(dimension, field_of(res, value, name), name)
            else:
                params[name] = field_of(
                    dimension, value, name, NUMERIC_TYPES if what == "listed-number" else ()
                )
        elif what == "filter":
            params[name] = _parse_filter(value, name, res, field_of, fail)
        elif what == "phase-value":
            params[name] = _phase_value(value, res, params["phase"], fail, param=name)
        elif what == "order":
            if value not in RULE_ORDERS:
                raise fail(f"{name} must be one of {', '.join(RULE_ORDERS)}, not {json.dumps(value)[:40]}")
            params[name] = value
    if "pre" in params and "post" in params and params["pre"] == params["post"]:
        raise fail(f"pre and post are both {json.dumps(params['pre'])[:40]}; they must differ")
    return Rule(kind, params)


def _phase_value(value: Any, res: Resource, phase: str, fail: Any, param: str | None = None) -> Any:
    """``value`` as the phase field's value for one phase (``param`` when given, else the
    default, which is the parameter's name), refused unless the field can hold it."""
    misfit = value_misfit(res.field(phase), value)
    if misfit is None:
        return value
    if param is None:
        raise fail(
            f"phase field {phase!r} cannot hold the default {value!r}: {misfit}; "
            "give pre and post, the field's values for before and after"
        )
    raise fail(f"{param} must be a value of phase field {phase!r}, but {misfit}")


def _parse_filter(
    value: Any, param: str, res: Resource, field_of: Any, fail: Any
) -> dict[str, tuple[Any, ...]]:
    if not isinstance(value, dict) or not value:
        raise fail(f"{param} must be an object of field: value or [values]")
    out = {}
    for name, wanted in value.items():
        field_of(res, name, param)
        values = wanted if isinstance(wanted, list) else [wanted]
        if not values or not all(isinstance(v, str | int | float) for v in values):
            raise fail(f"{param} gives {name!r} no value, or one that is not a string, number or boolean")
        for v in values:
            misfit = value_misfit(res.field(name), v)
            if misfit is not None:
                raise fail(f"{param} gives {name!r} a value no row can have: {misfit}")
        out[name] = tuple(values)
    return out


def fact_resources(path: str | Path | None = None) -> list[str]:
    """Names of the fact resources (one published figure per row), in descriptor order."""
    return [r.name for r in read_package(path).resources if r.kind == "fact"]


#: Resources the SQL layer reads by name (every other resource is read through the
#: descriptor: fact resources through fact_figures, any resource through count_of).
CORE_RESOURCES = ("documents", "claims", "checks", "check_members")
#: Fields of the core resources that the SQL layer reads (their types are those of the
#: bundled descriptor). A report's package may add fields; these must be there.
CORE_FIELDS: dict[str, tuple[str, ...]] = {
    "documents": ("document_id", "title", "kind", "description"),
    "claims": (
        "claim_id",
        "document_id",
        "section",
        "claim_kind",
        "statement",
        "published",
        "relation",
        "value",
        "unit",
        "figure_ids",
        "note",
    ),
    "checks": (
        "check_id",
        "kind",
        "document_id",
        "section",
        "statement",
        "relation",
        "value",
        "tolerance",
        "base_min",
        "base_max",
        "design",
        "assumption",
        "note",
    ),
    "check_members": (
        "check_id",
        "position",
        "term",
        "role",
        "series",
        "figure_id",
        "claim_id",
        "count_of",
        "rank",
        "date_from",
        "date_to",
        "note",
    ),
}


def required_resources() -> list[str]:
    """Names of the resources the views and checks need, whatever the report."""
    return list(CORE_RESOURCES)


def missing_resources(pkg: Package) -> list[str]:
    """Core resources (``required_resources``) that ``pkg`` does not declare."""
    have = {r.name for r in pkg.resources}
    return [n for n in required_resources() if n not in have]


def read_package(path: str | Path | None = None) -> Package:
    """Read a descriptor (default: the bundled one) into a :class:`Package`.

    Raises :class:`CoprodDataError` naming the file for a missing or malformed descriptor,
    and for one that is not a regular file (a FIFO, a device, a loop of links) or is huge.

    Examples:
        >>> pkg = read_package()
        >>> pkg.resource("regions").primary_key
        ('region_id',)
    """
    raw_path = resolve_descriptor(path)
    try:
        descriptor = raw_path.resolve()
    except (RuntimeError, OSError):  # a loop of symbolic links
        descriptor = raw_path.absolute()
    check_regular_file(descriptor, max_bytes=MAX_DESCRIPTOR_BYTES, what="datapackage.json")
    info = descriptor.stat()
    return _read_cached(descriptor, info.st_mtime_ns, info.st_size)


MAX_NESTING = 64  # a descriptor nested deeper than this is refused (ours is 6 deep)


def _depth(value: Any) -> int:
    """Nesting depth of parsed JSON, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if level > MAX_NESTING:
            break
        if isinstance(item, dict):
            stack.extend((v, level + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, level + 1) for v in item)
    return deepest


@lru_cache(maxsize=8)
def _read_cached(descriptor: Path, _mtime: int, _size: int) -> Package:
    where = str(descriptor)
    data = read_regular_file(descriptor, what="datapackage.json")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CoprodDataError(f"the descriptor is not UTF-8 text (byte {exc.start})", file=where) from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CoprodDataError(f"not valid JSON: {exc.msg}", file=where, row=exc.lineno) from None
    except RecursionError:
        raise CoprodDataError(f"JSON nested deeper than {MAX_NESTING} levels", file=where) from None
    except ValueError:  # an integer of more digits than Python converts (4300)
        raise CoprodDataError("not valid JSON: holds a number too long to read", file=where) from None
    if _depth(raw) > MAX_NESTING:
        raise CoprodDataError(f"JSON nested deeper than {MAX_NESTING} levels", file=where)
    if not isinstance(raw, dict):
        raise CoprodDataError("the descriptor is not a JSON object", file=where)
    resources = raw.get("resources")
    if not isinstance(resources, list) or not resources:
        raise CoprodDataError("the descriptor has no list of resources", file=where, field="resources")
    base = descriptor.parent
    parsed = []
    for r in resources:
        if not isinstance(r, dict):
            raise CoprodDataError("a resource is not a JSON object", file=where, field="resources")
        parsed.append(_parse_resource(r, base, where))
    names = [r.name for r in parsed]
    if len(set(names)) != len(names):
        raise CoprodDataError("resource names are not unique", file=where, field="resources")
    by_name = {r.name: r for r in parsed}
    parsed = [
        replace(r, rules=_parse_rules(raw_r, r, by_name, where))
        for r, raw_r in zip(parsed, resources, strict=True)
    ]
    return Package(
        descriptor=descriptor,
        name=str(raw.get("name", "")),
        version=str(raw.get("version", "")),
        resources=tuple(parsed),
        raw=raw,
    )
