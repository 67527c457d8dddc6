"""``validate(path)``: every check on a data package, gathered in one report.

Two layers, each reporting located problems:

1. The core (:mod:`coprod_data.reading`): the reading path every command shares, so a
   package ``validate`` accepts is one that ``load``, ``sql``, ``audit`` and ``export``
   accept, and the other way round. Types, constraints, keys, foreign keys, stamps,
   line endings and the cross-row and cross-table checks of :mod:`coprod_data.checks`.
2. Frictionless, as a second opinion, when the core finds nothing: whatever it finds
   beyond the core is a gap in the core (and a package the other commands would accept).
   It is not run on a package the core already refuses, so a file of millions of bad
   rows is read once, and its problems are capped (see :data:`coprod_data.table.LIMIT`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coprod_data.package import Package, read_package
from coprod_data.paths import resolve_descriptor
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


def _frictionless_problems(descriptor: Path, limit: int) -> list[Problem]:
    import frictionless

    out: list[Problem] = []
    try:
        report = frictionless.validate(str(descriptor), limit_errors=limit)
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
        (True, 20)
    """
    from coprod_data.reading import read_data

    descriptor = resolve_descriptor(path)
    pkg: Package = read_package(descriptor)
    data = read_data(pkg, limit=limit)
    report = ValidationReport(
        descriptor=pkg.descriptor, resources=len(pkg.resources), rows=data.rows, omitted=data.omitted
    )
    problems = list(data.problems)
    if data.ok:  # a second opinion; never run on a package already refused (it would read it all again)
        problems += _dedupe(_without_cascades(_frictionless_problems(pkg.descriptor, limit)))
    report.problems = problems
    return report


def report_json(report: ValidationReport) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False)
