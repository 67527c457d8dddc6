"""coprod-data: the figures of 4Children's co-production reports as a validated data package.

The public API is small and imports nothing heavy until it is used::

    >>> import coprod_data
    >>> coprod_data.resource_names()[:3]
    ['documents', 'respondent_groups', 'questions']
    >>> df = coprod_data.load("response_rates")          # validated pandas DataFrame
    >>> report = coprod_data.validate()                  # every check, one report
    >>> report.ok
    True
    >>> audit = coprod_data.audit()                      # every figure beside its recomputation
    >>> verdicts = coprod_data.audit_checks()            # every check, with its numbers
    >>> con = coprod_data.connect()                      # DuckDB: tables and views

pandas, pandera and frictionless load on first use, not at import time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from coprod_data._version import __version__

if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from pathlib import Path

    import duckdb
    import pandas as pd

    from coprod_data.validation import ValidationReport

__all__ = [
    "CoprodDataError",
    "__version__",
    "audit",
    "audit_checks",
    "connect",
    "describe",
    "load",
    "one_per_figure",
    "resource_names",
    "validate",
]


def resource_names(path: str | None = None) -> list[str]:
    """Names of the package's resources, in descriptor order.

    Args:
        path: a ``datapackage.json`` (or the folder holding it); default the bundled package.

    Examples:
        >>> "claims" in resource_names()
        True
    """
    from coprod_data.package import read_package

    return [r.name for r in read_package(path).resources]


def load(name: str, path: str | None = None) -> pd.DataFrame:
    """Load one resource as a pandas DataFrame that has passed its pandera schema.

    Integer fields are nullable ``Int64``, enum fields and identifier columns are
    categoricals, text is ``string``. The index is a plain ``RangeIndex``: row ``i`` is
    CSV line ``i + 2``. ``frame.attrs`` holds the resource's title, description,
    sources, licences and, under ``"fields"``, each field's type, description, unit and
    constraints (what :func:`describe` prints). See :func:`coprod_data.loading.load`.

    Examples:
        >>> rates = load("response_rates")
        >>> str(rates["value_pct"].dtype)
        'Int64'
        >>> rates.attrs["fields"]["value_pct"]["description"] != ""
        True
    """
    from coprod_data.loading import load as _load

    return _load(name, path)


def describe(name: str, path: str | None = None) -> str:
    """Print the data dictionary of one resource and return it as text.

    The resource's title, description, sources and licences, then each field with its
    type, unit, description and constraints. See :func:`coprod_data.loading.describe`.

    Examples:
        >>> text = describe("regions")  # doctest: +ELLIPSIS
        regions: ...
        >>> "region_id (string)" in text
        True
    """
    from coprod_data.loading import describe as _describe

    return _describe(name, path)


def one_per_figure(frame: pd.DataFrame, path: str | None = None) -> pd.DataFrame:
    """Keep one printing per figure: the rows of a fact table that are safe to ``groupby``.

    A quantity printed twice (in the text and in a chart, say) is two rows of its fact
    table, tied together by a ``same_figure`` check; :func:`load` keeps both. This
    returns a copy of ``frame`` without the later printings (the check's first printing
    present in ``frame`` is kept). See :func:`coprod_data.loading.one_per_figure`.

    Examples:
        >>> ratings = load("resource_ratings")
        >>> sorted(ratings.source_kind.value_counts()[lambda s: s > 0].index)
        ['chart', 'text']
        >>> key = ["scope", "challenge_id", "resource_type_id", "measure"]
        >>> int(ratings.groupby(key, observed=True, dropna=False).size().max())  # text and chart
        2
        >>> int(one_per_figure(ratings).groupby(key, observed=True, dropna=False).size().max())
        1
    """
    from coprod_data.loading import one_per_figure as _one

    return _one(frame, path)


def validate(path: str | None = None) -> ValidationReport:
    """Run every check on a data package and return one report.

    The checks every command runs before reading a package (types, constraints,
    keys, foreign keys, hashes, the cross-row and cross-table checks), and
    Frictionless as a second opinion. See
    :func:`coprod_data.validation.validate`.

    Examples:
        >>> validate().ok
        True
    """
    from coprod_data.validation import validate as _validate

    return _validate(path)


def audit(path: str | None = None, *, status: str | None = None, document: str | None = None) -> pd.DataFrame:
    """The figure audit: every published figure and claim beside its recomputation.

    One row per figure (the fact tables) and per claim (the claims register), with
    ``published``, ``recomputed``, ``status`` (reproduced, within_rounding, conditional,
    involved, discrepancy, not_recomputable), ``checks`` and ``detail``; the worst first. See
    :func:`coprod_data.auditing.audit`.

    Examples:
        >>> df = audit(status="discrepancy")
        >>> len(df) > 0 and set(df.kind) <= {"figure", "claim"}
        True
    """
    from coprod_data.auditing import audit as _audit

    return _audit(path, status=status, document=document)


def audit_checks(
    path: str | None = None, *, status: str | None = None, document: str | None = None
) -> pd.DataFrame:
    """The checks behind the audit: one row per check declared in the package, failed first.

    Each check's ``kind``, ``statement``, ``status`` (reproduced, within_rounding,
    conditional, discrepancy, not_recomputable; an ordered categorical, worst first), the
    ``reading`` a conditional verdict rests on, the ``figure_ids`` and ``claim_ids`` it
    reads, the numbers as numbers (``published_value``, ``recomputed_value``,
    ``recomputed_lo`` / ``recomputed_hi``, ``base_lo`` / ``base_hi``, ``statistic``,
    ``pass_chance``) and its ``strength``. The table ``audit_checks`` in SQL; see
    :func:`coprod_data.auditing.checks`.

    Args:
        path: the data package (default: the bundled one).
        status: keep only checks with this verdict.
        document: keep only checks of this document id.

    Examples:
        >>> failed = audit_checks(status="discrepancy")
        >>> len(failed) > 0 and failed.check_id.is_unique and bool((failed.status == "discrepancy").all())
        True
        >>> str(failed.recomputed_lo.dtype), str(failed.base_lo.dtype)
        ('float64', 'Int64')
    """
    from coprod_data.auditing import checks as _checks

    return _checks(path, status=status, document=document)


def connect(
    database: str | Path | None = None, path: str | Path | None = None, *, read_only: bool = True
) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection holding every resource as a table and every view.

    With ``database`` a ``.duckdb`` file is opened (read-only unless ``read_only=False``),
    or built there when missing. See :func:`coprod_data.db.connect`.

    Examples:
        >>> con = connect()
        >>> con.execute("SELECT count(*) FROM local_authorities").fetchone()[0]
        152
    """
    from coprod_data.db import connect as _connect

    return _connect(database, path, read_only=read_only)


def __dir__() -> list[str]:
    return sorted(__all__)


def __getattr__(name: str) -> Any:
    if name == "CoprodDataError":
        from coprod_data.errors import CoprodDataError

        return CoprodDataError
    raise AttributeError(f"module 'coprod_data' has no attribute {name!r}")
