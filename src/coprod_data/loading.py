"""``load(name)``: one resource as a validated pandas DataFrame."""

from __future__ import annotations

import copy
import sys
import textwrap
from pathlib import Path
from typing import Any, TextIO

import pandas as pd
import pandera.errors

from coprod_data.errors import CoprodDataError
from coprod_data.package import Package, Resource, read_package
from coprod_data.schemas import schema_for
from coprod_data.table import Problem, to_frame


def pandera_problems(resource: Resource, frame: pd.DataFrame) -> list[Problem]:
    """Run a resource's pandera schema over a typed frame; each failure becomes a located problem."""
    try:
        schema_for(resource).validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        out = []
        cases = exc.failure_cases
        for rec in cases.to_dict("records"):
            index = rec.get("index")
            row = int(index) if index is not None and pd.notna(index) else None
            column = rec.get("column")
            check = str(rec.get("check"))
            if check.startswith("unique_key("):
                column = check[len("unique_key(") :].split(",")[0].rstrip(")")  # name the key's first field
            elif not isinstance(column, str) or column == resource.name:
                column = None
            value = rec.get("failure_case")
            out.append(
                Problem(
                    resource.name,
                    "schema",
                    f"fails {check} (value {value!r})",
                    file=resource.path,
                    row=row,
                    field=column,
                )
            )
        return out
    return []


def load(name: str, path: str | Path | None = None) -> pd.DataFrame:
    """Load resource ``name`` as a DataFrame that has passed its pandera schema.

    The whole package is read and checked first, as by every other command (see
    :func:`coprod_data.reading.gate`): a package ``validate`` refuses is refused here too,
    whichever resource the problem is in. The frame holds exactly the values checked.

    Args:
        name: a resource name, see :func:`coprod_data.resource_names`.
        path: a ``datapackage.json`` or the folder holding it; default the bundled package.

    Returns:
        One row per CSV row, in file order, with a default ``RangeIndex`` (0, 1, ...):
        row ``i`` is CSV line ``i + 2`` (the header is line 1), the line that error
        messages name. The columns are exactly the resource's fields. Integers are
        ``Int64``, booleans ``boolean``, text ``string``; enums and identifier columns
        are categoricals. ``frame.attrs`` carries the resource's metadata (see
        :func:`metadata`): ``name``, ``title``, ``description``, ``sources``,
        ``licenses`` and ``fields`` (per field: ``type``, ``description``, ``unit``,
        ``constraints``).

    Raises:
        CoprodDataError: the resource is unknown, or the package has a problem (a file
            missing or malformed, a cell breaking its schema, a dangling foreign key, a
            stale hash, ...); the message names the first problem's file, row and field.

    Examples:
        >>> regions = load("regions")
        >>> type(regions.index).__name__, int(regions.index[0])
        ('RangeIndex', 0)
        >>> regions.attrs["title"] == read_package().resource("regions").title
        True
    """
    from coprod_data.reading import gate

    pkg = read_package(path)
    resource = pkg.resource(name)
    data = gate(pkg)
    frame = to_frame(resource, data.tables[name].columns)
    problems = pandera_problems(resource, frame)  # a second opinion: a finding here is a gap in the core
    if problems:
        first = problems[0]
        more = (
            f" (and {len(problems) - 1} more problem(s); run 'coprod-data validate')"
            if len(problems) > 1
            else ""
        )
        raise CoprodDataError(first.message + more, file=first.file, row=first.row, field=first.field)
    frame = frame.reset_index(drop=True)  # checked with CSV line numbers; handed out with a RangeIndex
    frame.attrs.update(metadata(name, path))
    return frame


def _raw_resource(pkg: Package, name: str) -> dict[str, Any]:
    for raw in pkg.raw.get("resources", []):
        if isinstance(raw, dict) and raw.get("name") == name:
            return raw
    return {}


def _plain(value: Any) -> Any:
    """A deep copy of descriptor JSON (lists and dicts), so attrs never alias the cached package."""
    return copy.deepcopy(value)


def metadata(name: str, path: str | Path | None = None) -> dict[str, Any]:
    """The dictionary of resource ``name``: what :func:`load` puts in ``DataFrame.attrs``.

    Keys: ``name``, ``title``, ``description``, ``sources`` and ``licenses`` (the
    resource's own, else the package's, as in the descriptor), and ``fields``: per field
    name a dict of ``type``, ``description``, ``unit`` (``None`` when the field has none)
    and ``constraints``.

    Raises:
        CoprodDataError: the resource is unknown.

    Examples:
        >>> meta = metadata("response_rates")
        >>> meta["fields"]["value_pct"]["type"]
        'integer'
    """
    pkg = read_package(path)
    resource = pkg.resource(name)
    raw = _raw_resource(pkg, name)
    return {
        "name": resource.name,
        "title": resource.title,
        "description": resource.description,
        "sources": _plain(raw.get("sources", pkg.raw.get("sources", []))),
        "licenses": _plain(raw.get("licenses", pkg.raw.get("licenses", []))),
        "fields": {
            f.name: {
                "type": f.type,
                "description": f.description,
                "unit": f.unit,
                "constraints": _plain(f.constraints),
            }
            for f in resource.fields
        },
    }


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, width=88, initial_indent=indent, subsequent_indent=indent) or [indent.rstrip()]


def describe_text(meta: dict[str, Any]) -> str:
    """The dictionary of :func:`metadata` as plain text, one block per field."""
    lines = [f"{meta['name']}: {meta['title']}", ""]
    lines += _wrap(meta["description"], "")
    for label, key in (("Sources", "sources"), ("Licences", "licenses")):
        items = meta[key]
        if items:
            lines += ["", f"{label}:"]
            for item in items:
                text = item.get("title") or item.get("name") or item.get("path") or ""
                where = item.get("path")
                lines += _wrap(f"- {text}" + (f" <{where}>" if where and where != text else ""), "  ")
    lines += ["", "Fields:"]
    for fname, info in meta["fields"].items():
        head = f"  {fname} ({info['type']}" + (f", unit: {info['unit']}" if info["unit"] else "") + ")"
        lines.append(head)
        if info["description"]:
            lines += _wrap(info["description"], "      ")
        for ckey, cval in info["constraints"].items():
            shown = ", ".join(map(str, cval)) if isinstance(cval, list) else str(cval)
            lines += _wrap(f"{ckey}: {shown}", "      ")
    return "\n".join(lines) + "\n"


def describe(name: str, path: str | Path | None = None, *, file: TextIO | None = None) -> str:
    """Print the dictionary of resource ``name`` and return it as text.

    Title, description, sources and licences, then each field with its type, unit,
    description and constraints. ``file`` defaults to standard output.
    """
    text = describe_text(metadata(name, path))
    print(text, end="", file=file if file is not None else sys.stdout)
    return text


def printings(path: str | Path | None = None) -> pd.DataFrame:
    """Figures printed more than once: one row per printing, from the ``same_figure`` checks.

    Columns ``check_id`` (the check that ties the printings together), ``position``
    (the check's order of the printings, 1 first) and ``figure_id``.
    """
    checks = load("checks", path)
    members = load("check_members", path)
    same = set(checks.loc[checks["kind"] == "same_figure", "check_id"].astype(str))
    keep = members["check_id"].astype(str).isin(same) & (members["term"].astype(str) == "printing")
    out = members.loc[keep, ["check_id", "position", "figure_id"]].astype(
        {"check_id": "string", "figure_id": "string"}
    )
    return out.dropna(subset=["figure_id"]).reset_index(drop=True)


def one_per_figure(frame: pd.DataFrame, path: str | Path | None = None) -> pd.DataFrame:
    """The rows of a fact table with one printing per figure: safe to ``groupby`` and sum.

    Some quantities are printed more than once (in the text and again in a chart, in two
    tables, in two reports); the package keeps every printing as its own row, each with
    its own ``figure_id``, and ties them together with a ``same_figure`` check. This
    keeps, of each such group, the printing that comes first in the check (among those
    in ``frame``) and drops the others; rows printed once are all kept. The original
    frame is not changed, and ``load`` always returns every printing.

    Where printings disagree (the audit gives the check the status ``discrepancy``),
    the value kept is the first printing's; see :func:`coprod_data.audit`.

    Args:
        frame: a frame with a ``figure_id`` column (any fact table, or several
            concatenated).
        path: the data package the frame comes from (default: the bundled one).

    Raises:
        CoprodDataError: the frame has no ``figure_id`` column.

    Examples:
        >>> ratings = load("resource_ratings")
        >>> one = one_per_figure(ratings)
        >>> len(one) < len(ratings) and one["figure_id"].is_unique
        True
    """
    if "figure_id" not in frame.columns:
        raise CoprodDataError("one_per_figure needs a frame with a 'figure_id' column", field="figure_id")
    groups = printings(path)
    ids = frame["figure_id"].astype("string")
    present = groups[groups["figure_id"].isin(set(ids.dropna()))]
    first = present.loc[present.groupby("check_id")["position"].idxmin(), "figure_id"]
    later = set(present["figure_id"]) - set(first)
    return frame.loc[~ids.isin(later).fillna(False).to_numpy()].copy()
