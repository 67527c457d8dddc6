"""Rows as text: csv, json, markdown or an aligned table. Plain Python, so commands stay fast."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
import math
from collections import Counter
from collections.abc import Sequence

from coprod_data.safety import json_safe, printable


def _plain(value: object) -> object:
    if isinstance(value, float) and not math.isfinite(value):
        return None  # JSON has no NaN or Infinity
    if isinstance(value, decimal.Decimal):
        return _plain(float(value))
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _text(value: object) -> str:
    """A cell as text for a terminal: control characters shown as escapes (see :func:`printable`)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return printable(_plain(value))


def render(columns: Sequence[str], rows: Sequence[Sequence[object]], fmt: str) -> str:
    """Rows in one of the formats ``table``, ``csv``, ``json`` (a list of records) or ``markdown``.

    Examples:
        >>> print(render(["a", "b"], [(1, None), (2.0, "x|y")], "markdown"))
        | a | b |
        | --- | --- |
        | 1 |  |
        | 2 | x\\|y |
    """
    if fmt == "json":
        records = [dict(zip(columns, (_plain(v) for v in row), strict=True)) for row in rows]
        text = json.dumps(records, ensure_ascii=False, indent=2, default=str, allow_nan=False)
        return json_safe(text)
    if fmt == "csv":
        buf = io.StringIO(newline="")
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow([_text(c) for c in columns])
        writer.writerows([_text(v) for v in row] for row in rows)
        return buf.getvalue().rstrip("\n")
    if fmt == "markdown":

        def cell(v: object) -> str:
            return _text(v).replace("|", "\\|").replace("\n", " ")

        lines = [
            "| " + " | ".join(cell(c) for c in columns) + " |",
            "| " + " | ".join("---" for _ in columns) + " |",
        ]
        lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
        return "\n".join(lines)
    columns = [_text(c) for c in columns]
    texts = [[_text(v) for v in row] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in texts)]) for i, c in enumerate(columns)]
    out = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    out += ["  ".join(t.ljust(w) for t, w in zip(r, widths, strict=True)).rstrip() for r in texts]
    return "\n".join(out)


def crosstab(pairs: Sequence[tuple[str, str]], row_order: Sequence[str], col_order: Sequence[str]) -> str:
    """A count table of (row, column) pairs with totals, as aligned text."""
    counts = Counter(pairs)
    rows = sorted(
        {r for r, _ in pairs}, key=lambda r: (list(row_order).index(r) if r in row_order else 99, r)
    )
    cols = [c for c in col_order if any(pc == c for _, pc in pairs)]
    table = [(r, *(counts[(r, c)] for c in cols), sum(counts[(r, c)] for c in cols)) for r in rows]
    table.append(("all", *(sum(counts[(r, c)] for r in rows) for c in cols), len(pairs)))
    return render(["document", *cols, "all"], table, "table")
