"""``validate(path)``: every check on a data package, gathered in one report.

Two layers, each reporting located problems:

1. The core (:mod:`coprod_data.reading`): the reading path every command shares, so a
   package ``validate`` accepts is one that ``load``, ``sql``, ``audit`` and ``export``
   accept, and the other way round. Types, constraints, keys, foreign keys, stamps,
   line endings and the cross-row and cross-table checks of :mod:`coprod_data.checks`.
2. Frictionless, as a second opinion, when the core finds nothing: whatever it finds
   beyond the core is a gap in the core (and a package the other commands would accept).
   Foreign keys are left to the core (see :func:`_frictionless_problems`).
   It is not run on a package the core already refuses, so a file of millions of bad
   rows is read once, and its problems are capped (see :data:`coprod_data.table.LIMIT`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coprod_data.package import Package, read_package
from coprod_data.paths import resolve_descriptor
from coprod_data.reading import PackageData, read_data
from coprod_data.table import LIMIT, Problem


@dataclass
class ValidationReport:
    """What :func:`validate` found.

    Attributes:
        descriptor: the ``datapackage.json`` checked.
        problems: the problems listed, each naming resource, file, row and field where known
            (at most :data:`~coprod_data.table.LIMIT` per resource, field and check, then one
            summary problem per resource saying how many more there are).
        resources: number of resources checked; rows: number of data rows read.
        omitted: problems found but not listed.
    """

    descriptor: Path
    problems: list[Problem] = field(default_factory=list)
    resources: int = 0
    rows: int = 0
    omitted: int = 0

    @property
    def ok(self) -> bool:
        """True when no check found a problem."""
        return not self.problems

    def by_resource(self) -> dict[str, list[Problem]]:
        out: dict[str, list[Problem]] = {}
        for p in self.problems:
            out.setdefault(p.resource, []).append(p)
        return out

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary."""
        return {
            "descriptor": str(self.descriptor),
            "valid": self.ok,
            "resources": self.resources,
            "rows": self.rows,
            "omitted": self.omitted,
            "problems": [
                {
                    "resource": p.resource,
                    "file": p.file,
                    "row": p.row,
                    "field": p.field,
                    "check": p.check,
                    "message": p.message,
                }
                for p in self.problems
            ],
        }

    def to_text(self) -> str:
        """A plain-text report: one line per problem, grouped by resource."""
        head = f"{self.descriptor}: {self.resources} resources, {self.rows} rows"
        if self.ok:
            return f"{head}: valid, no problems found."
        lines = [f"{head}: {len(self.problems)} problem(s)."]
        for name, probs in self.by_resource().items():
            lines.append(f"\n{name} ({len(probs)})")
            lines.extend(f"  {p}" for p in probs)
        return "\n".join(lines)


def _frictionless_problems(pkg: Package, limit: int) -> list[Problem]:
    """Frictionless's findings on a package, at most ``limit`` per resource.

    Foreign keys are left to the core: Frictionless opens every referenced file again for
    each key that refers to it, which was half of its time on this package, and its rule
    (a key of non-missing values must exist among the referenced rows) is the core's.
    """
    import copy

    import frictionless

    descriptor = pkg.descriptor
    raw = copy.deepcopy(pkg.raw)
    for res in raw.get("resources", []):
        schema = res.get("schema") if isinstance(res, dict) else None
        if isinstance(schema, dict):
            schema.pop("foreignKeys", None)
    out: list[Problem] = []
    try:
        report = frictionless.validate(raw, basepath=str(descriptor.parent), limit_errors=limit)
    except Exception as exc:  # frictionless raises several types for unreadable descriptors
        return [
            Problem(
                "datapackage", "frictionless", f"cannot validate the descriptor: {exc}", file=str(descriptor)
            )
        ]
    for err in report.errors:
        out.append(Problem("datapackage", f"frictionless:{err.type}", err.message, file=str(descriptor)))
    for task in report.tasks:
        for err in task.errors:
            row = getattr(err, "row_number", None)
            fname = getattr(err, "field_name", None)
            if fname is None:
                names = getattr(err, "field_names", None)
                fname = names[0] if names else None
            out.append(
                Problem(
                    task.name or "?",
                    f"frictionless:{err.type}",
                    err.message,
                    file=getattr(task, "place", None),
                    row=row,
                    field=fname,
                    reference=getattr(err, "reference_name", None),
                )
            )
    return out


def _without_cascades(problems: list[Problem]) -> list[Problem]:
    """Drop foreign-key errors that point into a resource which has problems of its own:
    one broken table should give its own messages, not one per row that refers to it."""
    broken = {p.resource for p in problems if "foreign-key" not in p.check}
    return [p for p in problems if not ("foreign-key" in p.check and p.reference in broken)]


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[str, int | None, str | None]] = set()
    out = []
    for p in problems:
        key = (p.resource, p.row, p.field)
        if p.row is not None and p.field is not None and key in seen:
            continue
        seen.add(key)
        out.append(p)
    return out


def validate(path: str | Path | None = None, *, limit: int = LIMIT) -> ValidationReport:
    """Validate a data package (default: the bundled one) and return one report.

    Args:
        path: a ``datapackage.json`` or the folder holding it.
        limit: problems listed per resource, field and check; the rest are counted.

    Raises:
        CoprodDataError: only when the descriptor itself cannot be read (missing, not
            JSON, no resources); every problem in the data is returned in the report.

    Examples:
        >>> report = validate()
        >>> report.ok, report.resources
        (True, 23)
    """
    descriptor = resolve_descriptor(path)
    pkg: Package = read_package(descriptor)
    data = read_data(pkg, limit=limit)
    report = ValidationReport(
        descriptor=pkg.descriptor, resources=len(pkg.resources), rows=data.rows, omitted=data.omitted
    )
    problems = list(data.problems)
    if data.ok:  # a second opinion; never run on a package already refused (it would read it all again)
        problems += _second_opinion(pkg, data, limit)
    report.problems = problems
    return report


MEMO = "coprod-data-second-opinion.json"  # in the cache folder: content keys Frictionless passed
MEMO_KEEP = 32


def _memo_key(pkg: Package, data: PackageData) -> str | None:
    """Hash of everything Frictionless's verdict depends on: the descriptor, each file's bytes
    as the core read them, the Frictionless version and this module (how it is called)."""
    from importlib.metadata import PackageNotFoundError, version

    if set(data.sha256) != {r.name for r in pkg.resources}:
        return None
    try:
        h = hashlib.sha256(f"{version('frictionless')}|{LIMIT}".encode())
        h.update(pkg.descriptor.read_bytes())
        h.update(Path(__file__).read_bytes())
    except (OSError, PackageNotFoundError):
        return None
    for name in sorted(data.sha256):
        h.update(f"{name}={data.sha256[name]}".encode())
    return h.hexdigest()


def _memo_path() -> Path | None:
    from coprod_data.cache import cache_dir

    folder = cache_dir()
    return None if folder is None else folder / MEMO


def _memo_keys(path: Path) -> list[str]:
    try:
        keys = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [k for k in keys if isinstance(k, str)] if isinstance(keys, list) else []


def _remember(path: Path, key: str) -> None:
    """Add ``key`` to the memo (atomically: a temporary file, then a rename); quietly give up
    when the folder cannot be written (the memo only saves time)."""
    import os
    import tempfile

    earlier = [k for k in _memo_keys(path) if k != key]
    keys = [*earlier[-(MEMO_KEEP - 1) :], key]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".coprod-data-memo-", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(keys, fh)
            os.replace(tmp, path)
        finally:
            Path(tmp).unlink(missing_ok=True)
    except OSError:
        pass


def _second_opinion(pkg: Package, data: PackageData, limit: int) -> list[Problem]:
    """Frictionless's findings on a package the core accepts.

    Its verdict depends only on the bytes read and the versions, so a clean verdict is
    remembered under a hash of them (in the cache folder, unless the cache is off) and
    not asked again for the same content: Frictionless takes about two thirds of a
    ``validate`` run.
    """
    key = _memo_key(pkg, data)
    memo = _memo_path()
    if key is not None and memo is not None and key in _memo_keys(memo):
        return []
    problems = _dedupe(_without_cascades(_frictionless_problems(pkg, limit)))
    if not problems and key is not None and memo is not None:
        _remember(memo, key)
    return problems


def report_json(report: ValidationReport) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False)
