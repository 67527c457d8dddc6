"""Cross-row and cross-table checks: what a table schema cannot say.

Each check takes the typed tables of the whole package (:class:`coprod_data.reading.Table`:
plain Python values by column, no pandas) and returns located problems. A check sees only
the resources that have no problem of their own.

* ``printed-value``: the stored value is what the printed token says
  (``'56%'`` -> 56, chart ``0.56999999999999995`` -> 57, ``'Seven'`` -> 7).
* ``shares-closed``: the shares of one printed list sum to 100 within the slack its
  item count allows under rounding to whole percent, unless the list is flagged open.
* ``pre-post``: every figure printed for before the workshops has its after figure,
  and in charts and tables the other way round too.
* ``complete-chart``: each chart plots every category of its dimension.
* ``printed-order``: lists the reports print largest first are still in that order.
* ``figure-ids``: ``figure_id`` is unique across fact resources and every id a claim
  cites exists.
* ``list-positions``: a value sits at its label's position in the printed list, and
  positions within a list or chart are unique.
* ``scope``: overall and national rows have no challenge or region; the others do.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from coprod_data.checkdata import RULES as CHECK_DATA_RULES
from coprod_data.package import Package
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


def _value_column(table: Table) -> str | None:
    for name in ("value_pct", "share_pct", "value"):
        if name in table:
            return name
    return None


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
        if table is None or res.kind != "fact" or "printed" not in table:
            continue
        col = _value_column(table)
        if col is None:
            continue
        kinds = table.column("source_kind") if "source_kind" in table else [None] * len(table)
        rows = table.rows
        for i, (printed, value, kind) in enumerate(
            zip(table.column("printed"), table.column(col), kinds, strict=True)
        ):
            if printed is None or value is None:
                continue
            expected = parse_printed(str(printed), str(kind))
            if expected is None:
                message = f"cannot read a number from printed {printed!r}"
                out.append(_at(pkg, res.name, "printed-value", message, rows[i], "printed"))
            elif expected != int(value):
                message = f"{col} is {int(value)} but the printed token {printed!r} says {expected}"
                out.append(_at(pkg, res.name, "printed-value", message, rows[i], col))
    return out


SHARE_LISTS = {"best_feature_shares": ["group_id", "phase"], "la_action_shares": ["group_id"]}


def check_shares_closed(pkg: Package, frames: Frames) -> list[Problem]:
    out = []
    for name, keys in SHARE_LISTS.items():
        table = frames.get(name)
        if table is None:
            continue
        open_flags, shares = table.column("is_open_list"), table.column("share_pct")
        for key, members in _groups(table, keys).items():
            label = _label(key)
            flags = {open_flags[i] for i in members if open_flags[i] is not None}
            first = table.rows[members[0]]
            if len(flags) > 1:
                message = f"list {label} mixes open and closed rows"
                out.append(_at(pkg, name, "shares-closed", message, first, "is_open_list"))
                continue
            if flags == {True}:
                continue
            total, n = int(sum(shares[i] for i in members if shares[i] is not None)), len(members)
            slack = rounding_slack(n)
            if abs(total - 100) > slack:
                message = (
                    f"shares of list {label} sum to {total}; {n} items rounded to whole percent "
                    f"allow 100 +/- {slack}. Flag the list open if the report prints it so"
                )
                out.append(_at(pkg, name, "shares-closed", message, first, "share_pct"))
    return out


PAIR_KEYS = {
    "counts": ["document_id", "subject", "group_id"],
    "understanding": ["document_id", "source_kind", "source_locator", "measure", "group_id"],
    "impact_ratings": ["document_id", "source_locator", "group_id", "impact_id"],
    "best_feature_shares": ["document_id", "group_id", "theme_id"],
}


def check_pre_post(pkg: Package, frames: Frames) -> list[Problem]:
    """Every pre figure has its post figure; in charts and tables, which print both
    phases side by side, every post figure has its pre figure too (the text of 4.1
    prints some post figures alone)."""
    out = []
    for name, keys in PAIR_KEYS.items():
        table = frames.get(name)
        if table is None:
            continue
        phases, kinds = table.column("phase"), table.column("source_kind")
        cols = [table.column(k) for k in keys]

        def key(i: int, cols: list[list[Any]] = cols) -> tuple:
            return tuple(None if c[i] is None else str(c[i]) for c in cols)

        by_phase: dict[str, set[tuple]] = {"pre": set(), "post": set()}
        for i, phase in enumerate(phases):
            if phase in by_phase:
                by_phase[phase].add(key(i))
        for ph, other in (("pre", "post"), ("post", "pre")):
            for i, phase in enumerate(phases):
                if phase != ph or (ph == "post" and kinds[i] not in ("chart", "table")):
                    continue
                k = key(i)
                if k not in by_phase[other]:
                    desc = ", ".join(f"{n}={v}" for n, v in zip(keys, k, strict=True) if v is not None)
                    message = f"{ph} figure has no {other} figure ({desc})"
                    out.append(_at(pkg, name, "pre-post", message, table.rows[i], "phase"))
    return out


# Charts plot every category of their dimension: each Q3 chart (per group and phase)
# all nine impacts, each national survey chart all six resource types.
COMPLETE_CHARTS = {
    "impact_ratings": ("impact_id", "impacts", ["source_locator", "group_id", "phase"]),
    "resource_ratings": ("resource_type_id", "resource_types", ["source_locator"]),
}


def check_complete_charts(pkg: Package, frames: Frames) -> list[Problem]:
    out = []
    for name, (item, dim, keys) in COMPLETE_CHARTS.items():
        table, dimension = frames.get(name), frames.get(dim)
        if table is None or dimension is None:
            continue
        every = {str(v) for v in dimension.column(dimension.resource.fields[0].name)}
        charts = [i for i, kind in enumerate(table.column("source_kind")) if kind == "chart"]
        items = table.column(item)
        for key, members in _groups(table, keys, charts).items():
            missing = sorted(every - {str(items[i]) for i in members})
            if missing:
                message = f"chart {_label(key)} lacks {', '.join(missing)}"
                out.append(_at(pkg, name, "complete-chart", message, table.rows[members[0]], item))
    return out


# Lists the reports print largest first (checked in their printed order):
# the Q3 charts before the workshops (sections 4.2, 4.4), the Q2 tables before the
# workshops (4.3, 4.5), the Q4 tables (5) and the overall resources chart.
SORTED_LISTS = {
    "impact_ratings": (
        ["source_locator", "group_id", "phase"],
        "chart_position",
        "value_pct",
        {"phase": "pre"},
    ),
    "best_feature_shares": (["group_id", "phase"], "value_position", "share_pct", {"phase": "pre"}),
    "la_action_shares": (["group_id"], "value_position", "share_pct", {}),
    "resource_ratings": (
        ["source_locator"],
        "chart_position",
        "value_pct",
        {"source_kind": "chart", "scope": "overall"},
    ),
}


def check_printed_order(pkg: Package, frames: Frames) -> list[Problem]:
    out = []
    for name, (keys, position, value, where) in SORTED_LISTS.items():
        table = frames.get(name)
        if table is None:
            continue
        conditions = [(table.column(col), val) for col, val in where.items()]
        chosen = [i for i in range(len(table)) if all(c[i] == val for c, val in conditions)]
        positions, values = table.column(position), table.column(value)
        for key, members in _groups(table, keys, chosen).items():
            ordered = sorted(
                (i for i in members if values[i] is not None),
                key=lambda i: (positions[i] is None, positions[i] or 0),
            )
            for i, prev in zip(ordered[1:], ordered[:-1], strict=True):
                v, p = int(values[i]), int(values[prev])
                if v > p:
                    label = _label(key)
                    message = (
                        f"{value} {v} follows {p} in list {label}, which the report prints largest first"
                    )
                    out.append(_at(pkg, name, "printed-order", message, table.rows[i], value))
                    break
    return out


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
    out = []
    for fact, dim, id_col in (
        ("best_feature_shares", "best_feature_themes", "theme_id"),
        ("la_action_shares", "la_actions", "action_id"),
    ):
        table, dims = frames.get(fact), frames.get(dim)
        if table is None or dims is None:
            continue
        lookup = {item: j for j, item in enumerate(dims.column(id_col))}
        list_pos, list_group = dims.column("list_position"), dims.column("group_id")
        value_pos, groups = table.column("value_position"), table.column("group_id")
        for i, item in enumerate(table.column(id_col)):
            j = lookup.get(item) if item is not None else None
            if j is None:
                continue
            row = table.rows[i]
            if list_pos[j] is not None and value_pos[i] is not None and list_pos[j] != value_pos[i]:
                message = (
                    f"value at position {value_pos[i]} is matched to {item!r}, "
                    f"listed at position {list_pos[j]}"
                )
                out.append(_at(pkg, fact, "list-positions", message, row, "value_position"))
            if str(list_group[j]) != str(groups[i]):
                message = f"{item!r} belongs to the {list_group[j]} list, not {groups[i]}"
                out.append(_at(pkg, fact, "list-positions", message, row, "group_id"))
    uniques = {
        "best_feature_shares": (["group_id", "phase", "value_position"], "value_position"),
        "la_action_shares": (["group_id", "value_position"], "value_position"),
        "impact_ratings": (["source_locator", "group_id", "phase", "chart_position"], "chart_position"),
        "resource_ratings": (["source_kind", "source_locator", "chart_position"], "chart_position"),
    }
    for name, (keys, fld) in uniques.items():
        table = frames.get(name)
        if table is None:
            continue
        cols = [table.column(k) for k in keys]
        seen: set[tuple] = set()
        for i, v in enumerate(table.column(fld)):
            if v is None:
                continue
            key = tuple(c[i] for c in cols)
            if key in seen:
                message = f"two values share this {fld} in one printed list"
                out.append(_at(pkg, name, "list-positions", message, table.rows[i], fld))
            seen.add(key)
    return out


def check_scope(pkg: Package, frames: Frames) -> list[Problem]:
    out = []
    for name, scope_all, col in (
        ("resource_ratings", "overall", "challenge_id"),
        ("response_rates", "national", "region_id"),
    ):
        table = frames.get(name)
        if table is None:
            continue
        for row, scope, value in zip(table.rows, table.column("scope"), table.column(col), strict=True):
            whole = scope == scope_all
            if whole == (value is not None):
                need = "no" if whole else "a"
                out.append(_at(pkg, name, "scope", f"a {scope} row must have {need} {col}", row, col))
    return out


ALL_CHECKS: tuple[Callable[[Package, Frames], list[Problem]], ...] = (
    check_printed_values,
    check_shares_closed,
    check_pre_post,
    check_complete_charts,
    check_printed_order,
    check_figure_ids,
    check_list_positions,
    check_scope,
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
