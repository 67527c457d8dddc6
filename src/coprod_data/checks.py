"""Cross-row and cross-table checks: what a table schema cannot say.

Each check takes the typed tables of the whole package (:class:`coprod_data.reading.Table`:
plain Python values by column, no pandas) and returns located problems. A check sees only
the resources that have no problem of their own. Nothing here names a resource or field of
a report: the rules that need such names are declared by each resource in its
``coprod:rules`` object (parameters in :data:`coprod_data.package.RULE_PARAMETERS`, checked
when the descriptor is read), and the value and printed token of a fact resource come from
its ``coprod:figure`` mapping.

* ``printed-value``: the stored value is what the printed token says
  (``'56%'`` -> 56, chart ``0.56999999999999995`` -> 57, ``'Seven'`` -> 7).
* ``figure-ids``: ``figure_id`` is unique across fact resources and every id a claim
  cites exists.

Declared in ``coprod:rules`` (the problem's check is the rule's kind):

* ``shares-closed``: the shares of one printed list sum to 100 within the slack its
  item count allows under rounding to whole percent, unless the list is flagged open.
* ``pre-post``: every figure printed for before has its after figure, and in sources that
  print both phases (``bothPhases``) the other way round too; the phase field's values
  for before and after are the rule's ``pre`` and ``post``.
* ``complete-chart``: each chart plots every row of its dimension.
* ``printed-order``: lists the reports print largest first are still in that order.
* ``list-positions``: a value sits at its item's position in the dimension's printed list,
  in the list its item belongs to.
* ``unique-positions``: positions within a list or chart are unique.
* ``present-unless``: a field is empty exactly where a filter says (the rows the filter
  selects have no value in it; every other row has one).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from coprod_data.checkdata import RULES as CHECK_DATA_RULES
from coprod_data.package import NUMERIC_TYPES, Package, Resource, Rule
from coprod_data.table import Problem

if TYPE_CHECKING:  # pragma: no cover
    from coprod_data.reading import Table

Frames = dict[str, "Table"]

WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_PCT = re.compile(r"^(\d+)%$")
_CHART = re.compile(r"^0?\.\d+$|^[01](\.\d+)?$")
_DIGITS = re.compile(r"(\d+)\D*$")


def round_half_up(x: float) -> int:
    """Round to the nearest whole number, halves away from zero (as spreadsheets do).

    Examples:
        >>> round_half_up(56.5), round_half_up(0.56999999999999995 * 100)
        (57, 57)
    """
    return math.floor(x + 0.5 + 1e-9)


def parse_printed(printed: str, source_kind: str) -> int | None:
    """The whole number a printed token stands for, or None when it cannot be read.

    Chart tokens are fractions of one and give a whole percentage; text tokens are
    percentages (``'77%'``), digits (``'154'``), number words (``'Seven'``) or a
    phrase ending in a number (``'More than 50'``, ``'0–19'``).

    Examples:
        >>> parse_printed("0.56999999999999995", "chart"), parse_printed("Seven", "text")
        (57, 7)
    """
    token = printed.strip()
    if source_kind == "chart":
        if not _CHART.match(token):
            return None
        return round_half_up(float(token) * 100)
    m = _PCT.match(token)
    if m:
        return int(m.group(1))
    if token.isdigit():
        return int(token)
    word = WORD_NUMBERS.get(token.lower())
    if word is not None:
        return word
    m = _DIGITS.search(token)
    return int(m.group(1)) if m else None


def rounding_slack(n_items: int) -> int:
    """Largest amount by which n shares, each rounded to a whole percent, can miss 100.

    Each rounded share is within 0.5 of its true value, so the sum is within n/2 of
    100; the sum being whole, it can miss by at most floor(n/2).

    Examples:
        >>> rounding_slack(6), rounding_slack(7)
        (3, 3)
    """
    return n_items // 2


def _at(pkg: Package, resource: str, check: str, message: str, row: object, field: str) -> Problem:
    """A problem located in a resource's CSV: its file, the CSV row and the field."""
    return Problem(resource, check, message, file=pkg.resource(resource).path, row=int(row), field=field)  # type: ignore[call-overload]


def _figure_field(pkg: Package, res: Resource, column: str) -> tuple[str | None, Any]:
    """The field a fact resource's ``coprod:figure`` maps onto a ``fact_figures`` column (the
    field of the same name unless the mapping names another), or ``(None, constant)``."""
    raw: dict[str, Any] = next((r for r in pkg.raw.get("resources", []) if r.get("name") == res.name), {})
    mapping = raw.get("coprod:figure")
    spec = mapping.get(column, column) if isinstance(mapping, dict) else column
    if isinstance(spec, dict):
        return None, spec.get("const")
    return (spec if isinstance(spec, str) and spec in res.field_names else None), None


def _rules(pkg: Package, frames: Frames, kind: str) -> Iterator[tuple[Resource, Table, Rule, list[int]]]:
    """Each rule of ``kind`` (declared in a resource's ``coprod:rules``) whose resource was
    read, with its table and the rows its ``where`` selects."""
    for res in pkg.resources:
        table = frames.get(res.name)
        if table is None:
            continue
        for rule in res.rules:
            if rule.kind == kind:
                yield res, table, rule, _selected(table, rule["where"])


def _selected(
    table: Table, where: dict[str, tuple[Any, ...]] | None, rows: Iterable[int] | None = None
) -> list[int]:
    """Row positions whose fields have one of the values the filter gives them."""
    chosen = list(range(len(table)) if rows is None else rows)
    for name, values in (where or {}).items():
        col = table.column(name)
        chosen = [i for i in chosen if col[i] in values]
    return chosen


def _describe(where: dict[str, tuple[Any, ...]]) -> str:
    return " and ".join(f"{k} is {' or '.join(map(str, v))}" for k, v in where.items())


def _groups(table: Table, keys: list[str], members: Iterable[int] | None = None) -> dict[tuple, list[int]]:
    """Row positions by their key, in order of first appearance; rows missing any key are left
    out (as pandas ``groupby`` does)."""
    cols = [table.column(k) for k in keys]
    out: dict[tuple, list[int]] = {}
    for i in range(len(table)) if members is None else members:
        key = tuple(c[i] for c in cols)
        if None in key:
            continue
        out.setdefault(key, []).append(i)
    return out


def _label(key: tuple) -> str:
    return " / ".join(str(k) for k in key)


def check_printed_values(pkg: Package, frames: Frames) -> list[Problem]:
    out = []
    for res in pkg.resources:
        table = frames.get(res.name)
        if table is None or res.kind != "fact":
            continue
        col, _ = _figure_field(pkg, res, "value")
        printed_col, _ = _figure_field(pkg, res, "printed")
        kind_col, kind_const = _figure_field(pkg, res, "source_kind")
        if col is None or printed_col is None or res.field(col).type not in NUMERIC_TYPES:
            continue
        kinds = table.column(kind_col) if kind_col else [kind_const] * len(table)
        rows = table.rows
        for i, (printed, value, kind) in enumerate(
            zip(table.column(printed_col), table.column(col), kinds, strict=True)
        ):
            if printed is None or value is None:
                continue
            expected = parse_printed(str(printed), str(kind))
            if expected is None:
                message = f"cannot read a number from printed {printed!r}"
                out.append(_at(pkg, res.name, "printed-value", message, rows[i], printed_col))
            elif expected != int(value):
                message = f"{col} is {int(value)} but the printed token {printed!r} says {expected}"
                out.append(_at(pkg, res.name, "printed-value", message, rows[i], col))
    return out


def check_shares_closed(pkg: Package, frames: Frames) -> list[Problem]:
    out = []
    for res, table, rule, chosen in _rules(pkg, frames, "shares-closed"):
        name, value, flag = res.name, rule["value"], rule["openFlag"]
        shares = table.column(value)
        open_flags = table.column(flag) if flag else [None] * len(table)
        for key, members in _groups(table, list(rule["groupBy"]), chosen).items():
            label = _label(key)
            flags = {open_flags[i] for i in members if open_flags[i] is not None}
            first = table.rows[members[0]]
            if len(flags) > 1:
                message = f"list {label} mixes open and closed rows"
                out.append(_at(pkg, name, "shares-closed", message, first, flag))
                continue
            if flags == {True}:
                continue
            total, n = int(sum(shares[i] for i in members if shares[i] is not None)), len(members)
            slack = rounding_slack(n)
            if abs(total - 100) > slack:
                hint = f"Set {flag} if the report prints the list open" if flag else "Is the list open?"
                message = (
                    f"shares of list {label} sum to {total}; {n} items rounded to whole percent "
                    f"allow 100 +/- {slack}. {hint}"
                )
                out.append(_at(pkg, name, "shares-closed", message, first, value))
    return out


def check_pre_post(pkg: Package, frames: Frames) -> list[Problem]:
    """Every pre figure has its post figure; the post figures of sources that print both
    phases side by side (``bothPhases``) have their pre figure too (a text may print a post
    figure alone). The phase field's values for before and after are the rule's ``pre`` and
    ``post`` (by default ``'pre'`` and ``'post'``)."""
    out = []
    for res, table, rule, chosen in _rules(pkg, frames, "pre-post"):
        keys = list(rule["pairBy"])
        phases = table.column(rule["phase"])
        cols = [table.column(k) for k in keys]
        both = set(_selected(table, rule["bothPhases"], chosen))
        names = {rule["pre"]: "pre", rule["post"]: "post"}

        def key(i: int, cols: list[list[Any]] = cols) -> tuple:
            return tuple(None if c[i] is None else str(c[i]) for c in cols)

        by_phase: dict[str, set[tuple]] = {"pre": set(), "post": set()}
        for i in chosen:
            if phases[i] in names:
                by_phase[names[phases[i]]].add(key(i))
        for ph, other in (("pre", "post"), ("post", "pre")):
            for i in chosen:
                if names.get(phases[i]) != ph or (ph == "post" and i not in both):
                    continue
                k = key(i)
                if k not in by_phase[other]:
                    desc = ", ".join(f"{n}={v}" for n, v in zip(keys, k, strict=True) if v is not None)
                    message = f"{ph} figure has no {other} figure ({desc})"
                    out.append(_at(pkg, res.name, "pre-post", message, table.rows[i], rule["phase"]))
    return out


def check_complete_charts(pkg: Package, frames: Frames) -> list[Problem]:
    """Each chart plots every row of its dimension."""
    out = []
    for res, table, rule, chosen in _rules(pkg, frames, "complete-chart"):
        dimension = frames.get(rule["dimension"])
        if dimension is None:
            continue
        every = {str(v) for v in dimension.column(rule["dimensionField"])}
        item = rule["item"]
        items = table.column(item)
        for key, members in _groups(table, list(rule["groupBy"]), chosen).items():
            missing = sorted(every - {str(items[i]) for i in members})
            if missing:
                message = f"chart {_label(key)} lacks {', '.join(missing)}"
                out.append(_at(pkg, res.name, "complete-chart", message, table.rows[members[0]], item))
    return out


def check_printed_order(pkg: Package, frames: Frames) -> list[Problem]:
    """Each list the report prints in order of its values still is, read by position."""
    out = []
    for res, table, rule, chosen in _rules(pkg, frames, "printed-order"):
        position, value = rule["position"], rule["value"]
        descending = rule["order"] == "descending"
        positions, values = table.column(position), table.column(value)
        for key, members in _groups(table, list(rule["groupBy"]), chosen).items():
            ordered = sorted(
                (i for i in members if values[i] is not None),
                key=lambda i: (positions[i] is None, positions[i] or 0),
            )
            for i, prev in zip(ordered[1:], ordered[:-1], strict=True):
                v, p = values[i], values[prev]
                if (v > p) if descending else (v < p):
                    first = "largest" if descending else "smallest"
                    message = (
                        f"{value} {_number(v)} follows {_number(p)} in list {_label(key)}, "
                        f"which the report prints {first} first"
                    )
                    out.append(_at(pkg, res.name, "printed-order", message, table.rows[i], value))
                    break
    return out


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _split_ids(value: object) -> list[str]:
    return [] if value is None else str(value).split()


def check_figure_ids(pkg: Package, frames: Frames) -> list[Problem]:
    out = []
    seen: dict[str, str] = {}
    for res in pkg.resources:
        table = frames.get(res.name)
        if table is None or res.kind != "fact" or "figure_id" not in table:
            continue
        for row, fid in zip(table.rows, table.column("figure_id"), strict=True):
            if fid is None:
                continue
            if fid in seen and seen[fid] != res.name:
                message = f"figure_id {fid!r} is also used in {seen[fid]}"
                out.append(_at(pkg, res.name, "figure-ids", message, row, "figure_id"))
            seen.setdefault(fid, res.name)
    claims = frames.get("claims")
    facts_loaded = all(res.name in frames for res in pkg.resources if res.kind == "fact")
    # With a fact table missing or invalid (already reported), citations into it cannot be judged.
    if claims is not None and facts_loaded:
        for row, ids in zip(claims.rows, claims.column("figure_ids"), strict=True):
            for fid in _split_ids(ids):
                if fid not in seen:
                    message = f"cites figure_id {fid!r}, which no fact row has"
                    out.append(_at(pkg, "claims", "figure-ids", message, row, "figure_ids"))
    return out


def check_list_positions(pkg: Package, frames: Frames) -> list[Problem]:
    """A value sits at the position its item has in the dimension's printed list, and
    agrees with the item on ``sameFields`` (the list it belongs to)."""
    out = []
    for res, table, rule, chosen in _rules(pkg, frames, "list-positions"):
        dims = frames.get(rule["dimension"])
        if dims is None:
            continue
        item_col, position = rule["item"], rule["position"]
        lookup = {item: j for j, item in enumerate(dims.column(item_col))}
        list_pos, value_pos = dims.column(rule["listPosition"]), table.column(position)
        same = [(f, dims.column(f), table.column(f)) for f in rule["sameFields"] or ()]
        items = table.column(item_col)
        for i in chosen:
            item = items[i]
            j = lookup.get(item) if item is not None else None
            if j is None:
                continue
            row = table.rows[i]
            if list_pos[j] is not None and value_pos[i] is not None and list_pos[j] != value_pos[i]:
                message = (
                    f"value at {position} {value_pos[i]} is matched to {item!r}, "
                    f"listed at position {list_pos[j]} of {rule['dimension']}"
                )
                out.append(_at(pkg, res.name, "list-positions", message, row, position))
            for f, listed, given in same:
                if str(listed[j]) != str(given[i]):
                    message = f"{item!r} has {f} {listed[j]} in {rule['dimension']}, this row {given[i]}"
                    out.append(_at(pkg, res.name, "list-positions", message, row, f))
    return out


def check_unique_positions(pkg: Package, frames: Frames) -> list[Problem]:
    """No two values of one printed list (rows alike in ``groupBy``) share a position."""
    out = []
    for res, table, rule, chosen in _rules(pkg, frames, "unique-positions"):
        fld = rule["position"]
        cols = [table.column(k) for k in (*rule["groupBy"], fld)]
        positions = table.column(fld)
        seen: set[tuple] = set()
        for i in chosen:
            if positions[i] is None:
                continue
            key = tuple(c[i] for c in cols)
            if key in seen:
                message = f"two values share this {fld} in one printed list"
                out.append(_at(pkg, res.name, "unique-positions", message, table.rows[i], fld))
            seen.add(key)
    return out


def check_present_unless(pkg: Package, frames: Frames) -> list[Problem]:
    """A field is empty in exactly the rows ``absentWhen`` selects: a selected row has no
    value in it, every other row (of those ``where`` selects) has one."""
    out = []
    for res, table, rule, chosen in _rules(pkg, frames, "present-unless"):
        col, absent_when = rule["field"], rule["absentWhen"]
        absent = set(_selected(table, absent_when, chosen))
        values = table.column(col)
        condition = _describe(absent_when)
        for i in chosen:
            whole = i in absent
            if whole == (values[i] is not None):
                message = (
                    f"a row where {condition} must have no {col}"
                    if whole
                    else f"a row must have a {col} unless {condition}"
                )
                out.append(_at(pkg, res.name, "present-unless", message, table.rows[i], col))
    return out


ALL_CHECKS: tuple[Callable[[Package, Frames], list[Problem]], ...] = (
    check_printed_values,
    check_shares_closed,
    check_pre_post,
    check_complete_charts,
    check_printed_order,
    check_figure_ids,
    check_list_positions,
    check_unique_positions,
    check_present_unless,
    *CHECK_DATA_RULES,
)


def run_checks(
    pkg: Package, frames: Frames, checks: Iterable[Callable[[Package, Frames], list[Problem]]] = ALL_CHECKS
) -> list[Problem]:
    """Run the cross-row checks over the typed tables of a package."""
    out: list[Problem] = []
    for check in checks:
        out.extend(check(pkg, frames))
    return out
