"""DuckDB: every resource as a typed table, every view from ``sql/``, read-only queries, export.

Views live as plain ``.sql`` files under ``coprod_data/sql/``, one view per file,
named ``NNN_view_name.sql`` and run in that (dependency) order. ``000_tables.sql``
is generated from the descriptor; with it the same database builds without Python::

    cat src/coprod_data/sql/*.sql | duckdb coprod.duckdb
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from coprod_data.errors import CoprodDataError
from coprod_data.package import read_package
from coprod_data.paths import sql_dir

if TYPE_CHECKING:  # pragma: no cover
    import duckdb

_VIEW_FILE = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


def view_files() -> list[Path]:
    """The view files in the order they run (by numeric prefix), excluding ``000_tables.sql``."""
    files = sorted(p for p in sql_dir().glob("*.sql") if _VIEW_FILE.match(p.name))
    return [p for p in files if not p.name.startswith("000_")]


def _build(con: duckdb.DuckDBPyConnection, path: str | Path | None) -> None:
    from coprod_data.ddl import build_tables_sql
    from coprod_data.package import missing_resources

    pkg = read_package(path)
    missing = missing_resources(pkg)
    if missing:
        raise CoprodDataError(
            f"the package lacks resources the views need: {', '.join(missing)}; "
            "run 'coprod-data validate' on it",
            file=str(pkg.descriptor),
        )
    for res in pkg.resources:
        res.check_file()
    import duckdb

    try:
        con.execute(build_tables_sql(pkg, relative=False))
    except duckdb.Error as exc:
        raise CoprodDataError(
            f"cannot load the package into DuckDB: {_first_line(exc)}", file=str(pkg.descriptor)
        ) from None
    for view in view_files():
        try:
            con.execute(view.read_text(encoding="utf-8"))
        except duckdb.Error as exc:  # a broken view is a bug of ours; name the file
            raise CoprodDataError(f"view failed: {_first_line(exc)}", file=view.name) from None


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def connect(database: str | Path | None = None, path: str | Path | None = None) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection holding every resource as a table and every view.

    Args:
        database: a ``.duckdb`` file to open, or to build when it does not exist yet;
            default an in-memory database built now.
        path: the data package to build from (default: the bundled one).

    Examples:
        >>> con = connect()
        >>> con.execute("SELECT count(*) FROM local_authorities").fetchone()[0]
        152
    """
    import duckdb

    if database is not None and Path(database).exists():
        try:
            return duckdb.connect(str(database))
        except duckdb.Error as exc:
            raise CoprodDataError(
                f"cannot open the database: {_first_line(exc)}", file=str(database)
            ) from None
    if database is not None:
        target = Path(database)
        if not target.parent.is_dir():
            raise CoprodDataError("the folder does not exist", file=str(target))
        tmp = target.with_name(f".{target.name}.building")
        tmp.unlink(missing_ok=True)
        con = duckdb.connect(str(tmp))
        try:
            _build(con, path)
            con.close()
            tmp.replace(target)
        except BaseException:
            con.close()
            tmp.unlink(missing_ok=True)
            Path(f"{tmp}.wal").unlink(missing_ok=True)
            raise
        return duckdb.connect(str(target))
    con = duckdb.connect()
    _build(con, path)
    return con


def relations(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """``(name, 'table'|'view')`` for every table and view of the main schema."""
    rows = con.execute(
        "SELECT table_name, CASE table_type WHEN 'VIEW' THEN 'view' ELSE 'table' END "
        "FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_type, table_name"
    ).fetchall()
    return [(str(n), str(t)) for n, t in rows]


def open_read_only(path: str | Path | None = None) -> tuple[duckdb.DuckDBPyConnection, bool]:
    """A read-only connection to the package's database, and whether it is the cached one.

    Uses the cached database (see :mod:`coprod_data.cache`) when it can, opened
    read-only by DuckDB itself; otherwise builds one in memory. Either way the
    connection cannot touch files: external access is switched off and locked.
    """
    import duckdb

    from coprod_data.cache import cached_database

    cached = cached_database(path)
    if cached is not None:
        try:
            con = duckdb.connect(str(cached), read_only=True)
        except duckdb.Error:
            cached = None
    if cached is None:
        con = connect(path=path)
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con, cached is not None


def query_rows(sql: str, path: str | Path | None = None) -> tuple[list[str], list[tuple]]:
    """Run one read-only query; return the column names and the rows (no pandas needed).

    The statement's type is read from DuckDB's own parser: only SELECT-like statements
    (SELECT, WITH, FROM, DESCRIBE, SHOW, SUMMARIZE) and EXPLAIN run.

    Raises :class:`CoprodDataError` for an empty query, more than one statement, a
    statement that would write, or an error in the query (DuckDB's message, first line).
    """
    import duckdb

    text = sql.strip()
    if not text.rstrip(";").strip():
        raise CoprodDataError("empty query")
    con, _ = open_read_only(path)
    try:
        statements = con.extract_statements(text)
        if len(statements) != 1:
            raise CoprodDataError(f"one statement at a time, please (got {len(statements)})")
        kind = statements[0].type
        if kind not in (duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN):
            first = text.split(None, 1)[0].upper()
            raise CoprodDataError(
                f"the database is read-only here: {first} statements are not allowed; use SELECT, WITH, "
                "FROM, DESCRIBE, SHOW, SUMMARIZE or EXPLAIN"
            )
        cursor = con.execute(text)
        columns = [d[0] for d in cursor.description or []]
        return columns, cursor.fetchall()
    except duckdb.Error as exc:
        raise CoprodDataError(f"query failed: {_first_line(exc)}") from None
    except MemoryError:
        raise CoprodDataError("the result does not fit in memory; add a LIMIT or aggregate") from None
    finally:
        con.close()


def query(sql: str, path: str | Path | None = None):
    """Run one read-only query against the package and return a pandas DataFrame.

    See :func:`query_rows` for what is allowed and the errors raised.

    Examples:
        >>> query("SELECT count(*) AS n FROM figure_audit").n.item() > 0
        True
    """
    import pandas as pd

    columns, rows = query_rows(sql, path)
    return pd.DataFrame.from_records(rows, columns=columns)


DATABASE_SUFFIXES = (".duckdb", ".db")


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _is_our_export(folder: Path) -> bool:
    """A folder export may replace: one that holds only Parquet files (an earlier export)."""
    return all(p.is_file() and p.suffix == ".parquet" for p in folder.iterdir())


def export(target: str | Path, *, force: bool = False, path: str | Path | None = None) -> Path:
    """Write the database: a ``.duckdb`` file, or Parquet files (one per table and view) in a folder.

    A folder is chosen when ``target`` is an existing directory or ends with ``/``;
    otherwise the name must end in ``.duckdb`` or ``.db``. Written to a temporary name
    beside the target and renamed, so a failure leaves nothing partial. Refuses to
    overwrite unless ``force``, and even then replaces only a database file or a folder
    that holds nothing but Parquet files (an earlier export): it never deletes anything
    else. The data version is in the ``package_info`` table (and ``package_info.parquet``).
    """
    raw = str(target)
    if not raw.strip():
        raise CoprodDataError("no output path given")
    as_dir = raw.endswith(("/", "\\")) or Path(raw).is_dir()
    out = Path(raw.rstrip("/\\") or raw).absolute()
    if as_dir and (out == Path.cwd().absolute() or out == Path(out.anchor) or out == Path.home()):
        raise CoprodDataError(
            "refusing to export into the current, home or root folder; name a new folder", file=str(out)
        )
    if not as_dir and out.suffix not in DATABASE_SUFFIXES:
        raise CoprodDataError("expected a .duckdb (or .db) file name, or a folder ending with '/'", file=raw)
    if out.exists() and not (as_dir and out.is_dir() and not any(out.iterdir())):
        if not force:
            raise CoprodDataError("already exists; use --force to overwrite", file=str(out))
        if as_dir and not out.is_dir():
            raise CoprodDataError("exists and is not a folder", file=str(out))
        if as_dir and not _is_our_export(out):
            raise CoprodDataError(
                "exists and holds files other than Parquet exports; refusing to replace it", file=str(out)
            )
        if not as_dir and not out.is_file():
            raise CoprodDataError("exists and is not a file", file=str(out))
    parent = out.parent
    if not parent.exists():
        raise CoprodDataError("the folder to write into does not exist", file=str(parent))
    if not parent.is_dir():
        raise CoprodDataError("is not a folder", file=str(parent))
    import duckdb

    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=parent))
    except OSError as exc:
        raise CoprodDataError(f"cannot write here: {exc.strerror or exc}", file=str(parent)) from None
    try:
        if as_dir:
            con = connect(path=path)
            try:
                for name, _kind in relations(con):
                    dest = _sql_string(str(staging / f"{name}.parquet"))
                    con.execute(f'COPY (SELECT * FROM "{name}") TO {dest} (FORMAT parquet)')
            finally:
                con.close()
            built = staging
        else:
            built = staging / out.name
            connect(built, path=path).close()
        if out.exists():  # --force, checked above to be a file or an earlier export
            if out.is_dir():
                shutil.rmtree(out)
            else:
                out.unlink()
        built.replace(out)
    except duckdb.Error as exc:
        raise CoprodDataError(f"export failed: {_first_line(exc)}", file=str(out)) from None
    except OSError as exc:
        raise CoprodDataError(f"cannot write: {exc.strerror or exc}", file=str(out)) from None
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return out
