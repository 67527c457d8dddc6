"""``validate(path)``: every check on a data package, gathered in one report.

Three layers, each reporting located problems:

1. Frictionless: the descriptor, CSV structure, field types, constraints, primary
   and foreign keys, and each file's hash and size.
2. pandera: each resource against the schema derived from its table schema.
3. Cross-row and cross-table checks (:mod:`coprod_data.checks`).

A cell flagged by more than one layer is reported once, by the first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coprod_data.errors import CoprodDataError
from coprod_data.package import Package, read_package
from coprod_data.paths import resolve_descriptor
from coprod_data.table import Problem


@dataclass
class ValidationReport:
    """What :func:`validate` found.

    Attributes:
        descriptor: the ``datapackage.json`` checked.
        problems: every problem, each naming resource, file, row and field where known.
        resources: number of resources checked; rows: number of data rows read.
    """

    descriptor: Path
    problems: list[Problem] = field(default_factory=list)
    resources: int = 0
    rows: int = 0

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


def _frictionless_problems(descriptor: Path) -> list[Problem]:
    import frictionless

    out: list[Problem] = []
    try:
        report = frictionless.validate(str(descriptor))
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


def validate(path: str | Path | None = None) -> ValidationReport:
    """Validate a data package (default: the bundled one) and return one report.

    Raises:
        CoprodDataError: only when the descriptor itself cannot be read (missing, not
            JSON, no resources); every problem in the data is returned in the report.

    Examples:
        >>> report = validate()
        >>> report.ok, report.resources
        (True, 23)
    """
    from coprod_data.checks import run_checks
    from coprod_data.loading import pandera_problems
    from coprod_data.package import missing_resources
    from coprod_data.table import read_table

    descriptor = resolve_descriptor(path)
    pkg: Package = read_package(descriptor)
    report = ValidationReport(descriptor=pkg.descriptor, resources=len(pkg.resources))
    problems = [
        Problem(
            "datapackage",
            "resource-set",
            f"the descriptor does not declare resource {name!r}, which the audit and views need",
            file=str(pkg.descriptor),
            field="resources",
        )
        for name in missing_resources(pkg)
    ]
    unreadable = []
    for res in pkg.resources:
        try:
            res.check_file()
        except CoprodDataError as exc:  # missing, a FIFO, a device, outside the folder, huge
            unreadable.append(res.name)
            problems.append(Problem(res.name, "read", exc.message, file=exc.file))
    if not unreadable:  # Frictionless would wait on a FIFO or read a device for ever
        problems += _frictionless_problems(pkg.descriptor)
    frames = {}
    for res in pkg.resources:
        if res.name in unreadable:
            continue
        try:
            frame, read_probs = read_table(res)
        except CoprodDataError as exc:
            problems.append(
                Problem(res.name, "read", exc.message, file=exc.file, row=exc.row, field=exc.field)
            )
            continue
        report.rows += len(frame)
        problems.extend(read_probs)
        if read_probs:
            continue
        schema_probs = pandera_problems(res, frame)
        problems.extend(schema_probs)
        if not schema_probs:
            frames[res.name] = frame
    problems.extend(run_checks(pkg, frames))
    report.problems = _dedupe(_without_cascades(problems))
    return report


def report_json(report: ValidationReport) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False)
