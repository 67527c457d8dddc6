"""The figure audit: every published figure beside its recomputation.

The work is done in SQL (the ``figure_audit`` view and the views it stands on);
this module returns it as a DataFrame and summarises it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from coprod_data.errors import CoprodDataError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

STATUSES = ("discrepancy", "not_recomputable", "within_rounding", "reproduced")
COLUMNS = [
    "figure_id",
    "kind",
    "document_id",
    "section",
    "statement",
    "published",
    "recomputed",
    "unit",
    "rule",
    "precision",
    "tolerance",
    "status",
    "detail",
    "printed",
    "published_value",
    "figure_ids",
    "issue_key",
]


def audit_rows(
    path: str | Path | None = None, *, status: str | None = None, document: str | None = None
) -> tuple[list[str], list[tuple]]:
    """The audit as column names and rows, discrepancies first (no pandas needed).

    Reads the cached database when it can (:mod:`coprod_data.cache`).
    """
    import duckdb

    from coprod_data.db import _first_line, open_read_only

    if status is not None and status not in STATUSES:
        raise CoprodDataError(f"unknown status {status!r}; choose from {', '.join(STATUSES)}", field="status")
    con, _ = open_read_only(path)
    try:
        documents = [r[0] for r in con.execute("SELECT document_id FROM documents ORDER BY 1").fetchall()]
        if document is not None and document not in documents:
            raise CoprodDataError(
                f"unknown document {document!r}; choose from {', '.join(documents)}", field="document"
            )
        order = ", ".join(f"'{s}'" for s in STATUSES)
        cursor = con.execute(
            f"SELECT {', '.join(COLUMNS)} FROM figure_audit "
            "WHERE ($status IS NULL OR status = $status) AND ($document IS NULL OR document_id = $document) "
            f"ORDER BY list_position([{order}], status), document_id, kind DESC, figure_id",
            {"status": status, "document": document},
        )
        return list(COLUMNS), cursor.fetchall()
    except duckdb.Error as exc:
        raise CoprodDataError(f"the audit failed: {_first_line(exc)}") from None
    finally:
        con.close()


def audit(
    path: str | Path | None = None, *, status: str | None = None, document: str | None = None
) -> pd.DataFrame:
    """The ``figure_audit`` view as a DataFrame, discrepancies first.

    Args:
        path: the data package (default: the bundled one).
        status: keep only rows with this status.
        document: keep only rows of this document id.

    Examples:
        >>> df = audit()
        >>> sorted(df.status.unique())  # doctest: +NORMALIZE_WHITESPACE
        ['discrepancy', 'not_recomputable', 'reproduced', 'within_rounding']
        >>> df.loc[df.figure_id == "tel-12", "status"].item()
        'discrepancy'
    """
    import pandas as pd

    columns, rows = audit_rows(path, status=status, document=document)
    return pd.DataFrame.from_records(rows, columns=columns)


def issues(df: pd.DataFrame) -> pd.DataFrame:
    """The distinct inconsistencies behind the discrepancy rows of an audit frame.

    One inconsistency (a total that does not add up, say) marks every figure and claim
    it touches; this counts it once, with its rows and one explanation.
    """
    disc = df[df["status"] == "discrepancy"]
    grouped = disc.groupby("issue_key", sort=True).agg(
        document_id=("document_id", "first"),
        rows=("figure_id", "size"),
        figure_ids=("figure_id", lambda s: " ".join(sorted(s))),
        detail=("detail", "first"),
    )
    return grouped.reset_index()


def summarise(df: pd.DataFrame) -> pd.DataFrame:
    """Counts per document and status (rows: documents plus a total; columns: statuses)."""
    import pandas as pd

    table = pd.crosstab(df["document_id"], df["status"], margins=True, margins_name="all")
    return table.reindex(columns=[s for s in STATUSES if s in table.columns] + ["all"], fill_value=0)
