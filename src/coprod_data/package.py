"""Reads ``datapackage.json`` into plain field and resource objects (json only, no heavy imports).

Everything else (pandera schemas, DuckDB DDL, the data dictionary) is derived from
these objects, so a field's type and constraints are written once, in the descriptor.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from coprod_data.errors import CoprodDataError
from coprod_data.paths import resolve_descriptor


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

    @property
    def file(self) -> Path:
        """Absolute path of the resource's CSV."""
        return self.base / self.path

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


def _parse_resource(raw: dict[str, Any], base: Path, where: str) -> Resource:
    for key in ("name", "path", "schema"):
        if key not in raw:
            raise CoprodDataError(f"a resource has no {key!r}", file=where, field=key)
    rel = str(raw["path"])
    parts = Path(rel).parts
    if "://" in rel or Path(rel).is_absolute() or ".." in parts or not parts:
        raise CoprodDataError(
            f"resource {raw['name']!r} has path {rel!r}; paths must stay inside the package folder "
            "(relative, no '..', no URL)",
            file=where,
            field="path",
        )
    schema = raw["schema"]
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
        raise CoprodDataError(
            f"resource {raw['name']!r} has no list of schema fields", file=where, field="schema"
        )
    fields = []
    for f in schema["fields"]:
        if not isinstance(f, dict) or "name" not in f:
            raise CoprodDataError(
                f"resource {raw['name']!r} has a field without a name", file=where, field="schema"
            )
        fields.append(
            Field(
                name=f["name"],
                type=f.get("type", "string"),
                description=f.get("description", ""),
                unit=f.get("unit"),
                constraints=dict(f.get("constraints", {})),
            )
        )
    fks = []
    for fk in schema.get("foreignKeys", []):
        ref = fk.get("reference", {})
        fks.append(
            ForeignKey(
                fields=tuple(_as_list(fk.get("fields"))),
                resource=ref.get("resource") or raw["name"],
                reference_fields=tuple(_as_list(ref.get("fields"))),
            )
        )
    return Resource(
        name=raw["name"],
        path=raw["path"],
        title=raw.get("title", raw["name"]),
        description=raw.get("description", ""),
        kind=raw.get("coprod:kind", "table"),
        fields=tuple(fields),
        primary_key=tuple(_as_list(schema.get("primaryKey"))),
        foreign_keys=tuple(fks),
        hash=raw.get("hash"),
        bytes=raw.get("bytes"),
        base=base,
    )


def required_resources() -> list[str]:
    """Names of the resources the views and checks need: those of the bundled package."""
    return [r.name for r in read_package().resources]


def missing_resources(pkg: Package) -> list[str]:
    """Resources of the bundled package that ``pkg`` does not declare."""
    have = {r.name for r in pkg.resources}
    return [n for n in required_resources() if n not in have]


def read_package(path: str | Path | None = None) -> Package:
    """Read a descriptor (default: the bundled one) into a :class:`Package`.

    Raises :class:`CoprodDataError` naming the file for a missing or malformed descriptor.

    Examples:
        >>> pkg = read_package()
        >>> pkg.resource("regions").primary_key
        ('region_id',)
    """
    descriptor = resolve_descriptor(path).resolve()
    return _read_cached(descriptor, descriptor.stat().st_mtime_ns if descriptor.exists() else 0)


@lru_cache(maxsize=8)
def _read_cached(descriptor: Path, _mtime: int) -> Package:
    where = str(descriptor)
    try:
        text = descriptor.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CoprodDataError("no such file (expected a datapackage.json)", file=where) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CoprodDataError(f"cannot read the descriptor: {exc}", file=where) from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CoprodDataError(f"not valid JSON: {exc.msg}", file=where, row=exc.lineno) from None
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
    return Package(
        descriptor=descriptor,
        name=str(raw.get("name", "")),
        version=str(raw.get("version", "")),
        resources=tuple(parsed),
        raw=raw,
    )
