"""Cross-row and cross-table checks: what a table schema cannot say.

Each check takes the typed frames of the whole package and returns located
problems. They run after every resource has passed its own schema.

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

import pandas as pd

from coprod_data.checkdata import RULES as CHECK_DATA_RULES
from coprod_data.package import Package
from coprod_data.table import Problem

Frames = dict[str, pd.DataFrame]

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
    """A problem located in a resource's CSV: its file, the CSV line and the field."""
    return Problem(resource, check, message, file=pkg.resource(resource).path, row=int(row), field=field)


def _value_column(frame: pd.DataFrame) -> str | None:
    for name in ("value_pct", "share_pct", "value"):
        if name in frame.columns:
            return name
    return None


def check_printed_values(pkg: Package, frames: Frames) -> list[Problem]:
    out = []
    for res in pkg.resources:
        frame = frames.get(res.name)
        if frame is None or res.kind != "fact" or "printed" not in frame.columns:
            continue
        col = _value_column(frame)
        if col is None:
            continue
        for row, rec in frame.iterrows():
            printed, value = rec["printed"], rec[col]
            if pd.isna(printed) or pd.isna(value):
                continue
            expected = parse_printed(str(printed), str(rec["source_kind"]))
            if expected is None:
                out.append(
                    _at(
                        pkg,
                        res.name,
                        "printed-value",
                        f"cannot read a number from printed {printed!r}",
                        row,
                        "printed",
                    )
                )
            elif expected != int(value):
                out.append(
                    _at(
                        pkg,
                        res.name,
                        "printed-value",
                        f"{col} is {int(value)} but the printed token {printed!r} says {expected}",
                        row,
                        col,
                    )
                )
    return out


SHARE_LISTS = {"best_feature_shares": ["group_id", "phase"], "la_action_shares": ["group_id"]}


def check_shares_closed(pkg: Package, frames: Frames) -> list[Problem]:
    out = []
    for name, keys in SHARE_LISTS.items():
        frame = frames.get(name)
        if frame is None:
            continue
        for key, grp in frame.groupby(keys, observed=True, sort=True):
            label = " / ".join(str(k) for k in (key if isinstance(key, tuple) else (key,)))
            flags = set(grp["is_open_list"].dropna())
            first = int(grp.index.min())
            if len(flags) > 1:
                out.append(
                    _at(
                        pkg,
                        name,
                        "shares-closed",
                        f"list {label} mixes open and closed rows",
                        first,
                        "is_open_list",
                    )
                )
                continue
            if flags == {True}:
                continue
            total, n = int(grp["share_pct"].sum()), len(grp)
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
        frame = frames.get(name)
        if frame is None:
            continue
        phased = frame[frame["phase"].notna()]
        by_phase = {
            ph: {
                tuple(r)
                for r in phased.loc[phased["phase"] == ph, keys].astype("string").itertuples(index=False)
            }
            for ph in ("pre", "post")
        }
        for ph, other in (("pre", "post"), ("post", "pre")):
            part = phased[phased["phase"] == ph]
            if ph == "post":
                part = part[part["source_kind"].isin(["chart", "table"])]
            for row, rec in part[keys].astype("string").iterrows():
                if tuple(rec) not in by_phase[other]:
                    desc = ", ".join(f"{k}={v}" for k, v in zip(keys, rec, strict=True) if pd.notna(v))
                    out.append(
                        _at(
                            pkg, name, "pre-post", f"{ph} figure has no {other} figure ({desc})", row, "phase"
                        )
                    )
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
        frame, dimension = frames.get(name), frames.get(dim)
        if frame is None or dimension is None:
            continue
        every = set(dimension.iloc[:, 0].astype(str))
        charts = frame[frame["source_kind"] == "chart"]
        for key, chart in charts.groupby(keys, observed=True, sort=True):
            missing = sorted(every - set(chart[item].astype(str)))
            if missing:
                label = " / ".join(map(str, key if isinstance(key, tuple) else (key,)))
                out.append(
                    _at(
                        pkg,
                        name,
                        "complete-chart",
                        f"chart {label} lacks {', '.join(missing)}",
                        chart.index.min(),
                        item,
                    )
                )
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
        frame = frames.get(name)
        if frame is None:
            continue
        part = frame
        for col, val in where.items():
            part = part[part[col] == val]
        for key, lst in part.groupby(keys, observed=True, sort=True):
            lst = lst.sort_values(position)
            values = [int(v) for v in lst[value]]
            pairs = list(zip(lst.index, values, strict=True))
            for (row, v), prev in zip(pairs[1:], values[:-1], strict=True):
                if v > prev:
                    label = " / ".join(map(str, key if isinstance(key, tuple) else (key,)))
                    out.append(
                        _at(
                            pkg,
                            name,
                            "printed-order",
                            f"{value} {v} follows {prev} in list {label}, which the report prints "
                            "largest first",
                            row,
                            value,
                        )
                    )
                    break
    return out


def _split_ids(value: object) -> list[str]:
    return [] if pd.isna(value) else str(value).split()


def check_figure_ids(pkg: Package, frames: Frames) -> list[Problem]:
    out = []
    seen: dict[str, str] = {}
    for res in pkg.resources:
        frame = frames.get(res.name)
        if frame is None or res.kind != "fact":
            continue
        for row, fid in frame["figure_id"].items():
            if pd.isna(fid):
                continue
            if fid in seen and seen[fid] != res.name:
                out.append(
                    _at(
                        pkg,
                        res.name,
                        "figure-ids",
                        f"figure_id {fid!r} is also used in {seen[fid]}",
                        row,
                        "figure_id",
                    )
                )
            seen.setdefault(fid, res.name)
    claims = frames.get("claims")
    facts_loaded = all(res.name in frames for res in pkg.resources if res.kind == "fact")
    # With a fact table missing or invalid (already reported), citations into it cannot be judged.
    if claims is not None and facts_loaded:
        res = pkg.resource("claims")
        for row, ids in claims["figure_ids"].items():
            for fid in _split_ids(ids):
                if fid not in seen:
                    out.append(
                        _at(
                            pkg,
                            "claims",
                            "figure-ids",
                            f"cites figure_id {fid!r}, which no fact row has",
                            row,
                            "figure_ids",
                        )
                    )
    return out


def check_list_positions(pkg: Package, frames: Frames) -> list[Problem]:
    out = []
    for fact, dim, id_col in (
        ("best_feature_shares", "best_feature_themes", "theme_id"),
        ("la_action_shares", "la_actions", "action_id"),
    ):
        frame, dims = frames.get(fact), frames.get(dim)
        if frame is None or dims is None:
            continue
        lookup = dims.set_index(id_col)
        for row, rec in frame.iterrows():
            item = rec[id_col]
            if pd.isna(item) or item not in lookup.index:
                continue
            d = lookup.loc[item]
            if int(d["list_position"]) != int(rec["value_position"]):
                out.append(
                    _at(
                        pkg,
                        fact,
                        "list-positions",
                        f"value at position {int(rec['value_position'])} is matched to {item!r}, "
                        f"listed at position {int(d['list_position'])}",
                        row,
                        "value_position",
                    )
                )
            if str(d["group_id"]) != str(rec["group_id"]):
                out.append(
                    _at(
                        pkg,
                        fact,
                        "list-positions",
                        f"{item!r} belongs to the {d['group_id']} list, not {rec['group_id']}",
                        row,
                        "group_id",
                    )
                )
    uniques = {
        "best_feature_shares": (["group_id", "phase", "value_position"], "value_position"),
        "la_action_shares": (["group_id", "value_position"], "value_position"),
        "impact_ratings": (["source_locator", "group_id", "phase", "chart_position"], "chart_position"),
        "resource_ratings": (["source_kind", "source_locator", "chart_position"], "chart_position"),
    }
    for name, (keys, field) in uniques.items():
        frame = frames.get(name)
        if frame is None:
            continue
        sub = frame[frame[field].notna()]
        dup = sub[sub.duplicated(keys, keep="first")]
        for row in dup.index:
            out.append(
                _at(
                    pkg,
                    name,
                    "list-positions",
                    f"two values share this {field} in one printed list",
                    row,
                    field,
                )
            )
    return out


def check_scope(pkg: Package, frames: Frames) -> list[Problem]:
    out = []
    for name, scope_all, col in (
        ("resource_ratings", "overall", "challenge_id"),
        ("response_rates", "national", "region_id"),
    ):
        frame = frames.get(name)
        if frame is None:
            continue
        for row, rec in frame.iterrows():
            whole = rec["scope"] == scope_all
            if whole == pd.notna(rec[col]):
                need = "no" if whole else "a"
                out.append(_at(pkg, name, "scope", f"a {rec['scope']} row must have {need} {col}", row, col))
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
    """Run the cross-row checks over the typed frames of a package."""
    out: list[Problem] = []
    for check in checks:
        out.extend(check(pkg, frames))
    return out
