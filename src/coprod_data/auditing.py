"""The figure audit: every check declared in the package, its verdict, and the verdict of
every published figure and claim.

The work is done in SQL (tables ``audit_checks`` and ``figure_audit``, built once with
the database); this module returns them as rows or DataFrames and summarises them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from coprod_data.errors import CoprodDataError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: Verdicts of a check, worst first.
CHECK_STATUSES = ("discrepancy", "conditional", "not_recomputable", "within_rounding", "reproduced")
#: Statuses of a figure or claim, worst first: a figure in a failed check that does not
#: single it out is ``involved``, not wrong.
STATUSES = ("discrepancy", "involved", "conditional", "not_recomputable", "within_rounding", "reproduced")
STATUS_MEANINGS = {
    "reproduced": "holds as printed: another printing, a count or the report's own figures give exactly this",
    "within_rounding": "holds for some exact values the printed (rounded) ones come from; needs nothing else",
    "conditional": "holds only under an assumption the row names (an interpretation of a phrase, an overlap, "
    "a base, a pairing); interpretation is not rounding",
    "involved": "takes part in a failed check that does not single it out: something in the check is wrong, "
    "not necessarily this",
    "discrepancy": "fails under every reading the reports allow (a figure or claim: a failed check names it)",
    "not_recomputable": "nothing in the reports bears on it",
}
COLUMNS = [
    "figure_id",
    "kind",
    "document_id",
    "section",
    "statement",
    "published",
    "recomputed",
    "unit",
    "precision",
    "tolerance",
    "status",
    "checks",
    "failed_checks",
    "assumption",
    "detail",
    "printed",
    "published_value",
    "figure_ids",
    "n_checks",
    "n_failed_checks",
    "deciding_check",
    "check_published_value",
    "check_recomputed_value",
    "check_recomputed_lo",
    "check_recomputed_hi",
    "check_base_lo",
    "check_base_hi",
    "check_pass_chance",
]
CHECK_COLUMNS = [
    "check_id",
    "kind",
    "document_id",
    "section",
    "statement",
    "status",
    "reading",
    "assumption",
    "figure_ids",
    "claim_ids",
    "singled_out",
    "published_value",
    "recomputed_value",
    "recomputed_lo",
    "recomputed_hi",
    "base_lo",
    "base_hi",
    "statistic",
    "pass_chance",
    "strength",
    "recomputed",
    "detail",
]

#: The pandas dtype of every number column of ``figure_audit`` and ``audit_checks``
#: (``DOUBLE`` -> ``float64``, ``BIGINT`` -> ``Int64``; a test keeps it in step with the
#: tables), so a column stays numeric when a filter leaves it empty.
NUMBER_DTYPES = {
    "published_value": "float64",
    "n_checks": "Int64",
    "n_failed_checks": "Int64",
    "check_published_value": "float64",
    "check_recomputed_value": "float64",
    "check_recomputed_lo": "float64",
    "check_recomputed_hi": "float64",
    "check_base_lo": "Int64",
    "check_base_hi": "Int64",
    "check_pass_chance": "float64",
    "recomputed_value": "float64",
    "recomputed_lo": "float64",
    "recomputed_hi": "float64",
    "base_lo": "Int64",
    "base_hi": "Int64",
    "statistic": "float64",
    "pass_chance": "float64",
}


def _order(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(f"'{s}'" for s in values) + "]"


def _query(
    con,
    table: str,
    columns: list[str],
    statuses: tuple[str, ...],
    key: str,
    status: str | None,
    document: str | None,
) -> list[tuple]:
    if status is not None and status not in statuses:
        raise CoprodDataError(f"unknown status {status!r}; choose from {', '.join(statuses)}", field="status")
    documents = [r[0] for r in con.execute("SELECT document_id FROM documents ORDER BY 1").fetchall()]
    if document is not None and document not in documents:
        raise CoprodDataError(
            f"unknown document {document!r}; choose from {', '.join(documents)}", field="document"
        )
    return con.execute(
        f"SELECT {', '.join(columns)} FROM {table} "
        "WHERE ($status IS NULL OR status = $status) AND ($document IS NULL OR document_id = $document) "
        f"ORDER BY list_position({_order(statuses)}, status), document_id, {key}",
        {"status": status, "document": document},
    ).fetchall()


FIGURES = ("figure_audit", COLUMNS, STATUSES, "kind DESC, figure_id")
CHECKS = ("audit_checks", CHECK_COLUMNS, CHECK_STATUSES, "check_id")


def report_rows(
    path: str | Path | None = None,
    *,
    queries: tuple[tuple[tuple, str | None], ...] = ((FIGURES, None),),
    document: str | None = None,
) -> list[tuple[list[str], list[tuple]]]:
    """Several audit queries on one connection (one build when the cache is off):
    each ``(FIGURES or CHECKS, status)`` gives its column names and rows."""
    import duckdb

    from coprod_data.db import _first_line, open_read_only

    con, _ = open_read_only(path, own_queries=True)  # fixed queries, no catalog comments read
    try:
        out = []
        for (table, columns, statuses, key), status in queries:
            out.append((list(columns), _query(con, table, columns, statuses, key, status, document)))
        return out
    except duckdb.Error as exc:
        raise CoprodDataError(f"the audit failed: {_first_line(exc)}") from None
    finally:
        con.close()


def _rows(
    path: str | Path | None, spec: tuple, status: str | None, document: str | None
) -> tuple[list[str], list[tuple]]:
    if status is not None and status not in spec[2]:  # before any build
        raise CoprodDataError(f"unknown status {status!r}; choose from {', '.join(spec[2])}", field="status")
    return report_rows(path, queries=((spec, status),), document=document)[0]


def audit_rows(
    path: str | Path | None = None, *, status: str | None = None, document: str | None = None
) -> tuple[list[str], list[tuple]]:
    """The per-figure and per-claim audit as column names and rows, worst first (no pandas).

    Reads the cached database when it can (:mod:`coprod_data.cache`).
    """
    return _rows(path, FIGURES, status, document)


def check_rows(
    path: str | Path | None = None, *, status: str | None = None, document: str | None = None
) -> tuple[list[str], list[tuple]]:
    """One row per check (table ``audit_checks``), failed checks first (no pandas)."""
    return _rows(path, CHECKS, status, document)


def typed_frame(columns: list[str], rows: list[tuple], statuses: tuple[str, ...]) -> pd.DataFrame:
    """Audit rows as a typed DataFrame.

    ``status`` is an ordered categorical whose categories are ``statuses`` (worst
    first, so ``status < "reproduced"`` selects every row that is not reproduced and
    sorting puts the worst first); whole numbers are ``Int64``, other numbers
    ``float64``; text and identifiers are pandas ``string``; list columns stay lists.
    The columns of :data:`NUMBER_DTYPES` take their dtype from there, even when empty.
    """
    import pandas as pd

    out: dict[str, pd.Series] = {}
    for i, name in enumerate(columns):
        raw = [row[i] for row in rows]
        values = [v for v in raw if v is not None and not (isinstance(v, float) and v != v)]
        col = pd.Series(raw, dtype=object)
        if name == "status":
            out[name] = col.astype(pd.CategoricalDtype(list(statuses), ordered=True))
        elif name in NUMBER_DTYPES:
            out[name] = col.astype("Int64") if NUMBER_DTYPES[name] == "Int64" else col.astype("float64")
        elif values and all(isinstance(v, bool) for v in values):
            out[name] = col.astype("boolean")
        elif values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            out[name] = col.astype("Int64")
        elif values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            out[name] = col.astype("float64")
        elif all(isinstance(v, str) for v in values):
            out[name] = col.astype("string")
        else:  # lists (ids of a check's members) stay Python lists
            out[name] = col
    return pd.DataFrame(out, index=pd.RangeIndex(len(rows)), columns=columns)


def audit(
    path: str | Path | None = None, *, status: str | None = None, document: str | None = None
) -> pd.DataFrame:
    """The ``figure_audit`` table as a DataFrame: one status per figure and claim, worst first.

    Columns are typed: ``status`` is an ordered categorical in the order of
    :data:`STATUSES` (worst first), numbers are numbers, identifiers and text are pandas
    ``string``. Beside the text (``published``, ``recomputed``, ``detail``), the numbers:

    - ``published_value`` (``float64``): the printed value (empty for a claim without one);
    - ``n_checks``, ``n_failed_checks`` (``Int64``): how many checks judge the row, and how
      many of them failed (their ids: ``failed_checks``);
    - ``deciding_check`` (``string``): the judging check whose verdict sets ``status`` (the
      worst in the roll-up's order, ties by id; empty when no check judges the row), and
      that check's numbers from :func:`audit_checks`: ``check_published_value``,
      ``check_recomputed_value``, ``check_recomputed_lo`` / ``check_recomputed_hi`` (the
      range the printed figures allow), ``check_base_lo`` / ``check_base_hi`` (the bases
      that fit, ``Int64``) and ``check_pass_chance`` (the check's strength). They are the
      check's numbers, for the quantity the check tests (a list's total, a change, the
      other printing), not necessarily this row's own value.

    Args:
        path: the data package (default: the bundled one).
        status: keep only rows with this status.
        document: keep only rows of this document id.

    Examples:
        >>> df = audit()
        >>> sorted(df.status.unique())  # doctest: +NORMALIZE_WHITESPACE
        ['conditional', 'discrepancy', 'involved', 'not_recomputable', 'reproduced', 'within_rounding']
        >>> list(df.status.cat.categories) == list(STATUSES) and df.status.cat.ordered
        True
        >>> str(df.check_recomputed_lo.dtype), str(df.n_checks.dtype)
        ('float64', 'Int64')
        >>> bool((df.n_checks >= df.n_failed_checks).all())
        True
    """
    columns, rows = audit_rows(path, status=status, document=document)
    return typed_frame(columns, rows, STATUSES)


def checks(
    path: str | Path | None = None, *, status: str | None = None, document: str | None = None
) -> pd.DataFrame:
    """The ``audit_checks`` table as a DataFrame: one row per check, failed checks first.

    Typed as :func:`audit`: ``status`` an ordered categorical in the order of
    :data:`CHECK_STATUSES`, the recomputed values, bounds, bases and statistics numbers,
    ``figure_ids``, ``claim_ids`` and ``singled_out`` lists of ids.

    Examples:
        >>> df = checks()
        >>> df.check_id.is_unique and set(df.status) <= set(CHECK_STATUSES)
        True
    """
    columns, rows = check_rows(path, status=status, document=document)
    return typed_frame(columns, rows, CHECK_STATUSES)


def summarise(df: pd.DataFrame) -> pd.DataFrame:
    """Counts per document and status (rows: documents plus a total; columns: statuses).

    Works on :func:`audit` (figures and claims) and on :func:`checks` frames.
    """
    import pandas as pd

    order = STATUSES if "figure_id" in df.columns else CHECK_STATUSES
    table = pd.crosstab(
        df["document_id"].astype(str), df["status"].astype(str), margins=True, margins_name="all"
    )
    return table.reindex(columns=[s for s in order if s in table.columns] + ["all"], fill_value=0)
