"""DuckDB: every resource as a typed table, every view from ``sql/``, read-only queries, export.

Views live as plain ``.sql`` files under ``coprod_data/sql/``, one view per file,
named ``NNN_view_name.sql`` and run in that (dependency) order. ``000_tables.sql``
is generated from the descriptor; with it the same database builds without Python::

    cat src/coprod_data/sql/*.sql | duckdb coprod.duckdb
"""

from __future__ import annotations

import contextlib
import re
import shutil
import tempfile
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from coprod_data.checkdata import INTERNAL_SCHEMA
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


def _build(con: duckdb.DuckDBPyConnection, path: str | Path | None, *, comments: bool = True) -> None:
    """Create and fill every table, then every view (and, unless ``comments`` is false, give
    every table, view and column its ``COMMENT ON``: the tables' from the descriptor, the
    views' from ``990_comments.sql``. :func:`comments_script` builds without them, so a stale
    script that names a moved or renamed relation cannot stop its own regeneration).

    The package goes through the one reading path (:func:`coprod_data.reading.gate`): a
    package ``validate`` refuses is refused here, with its first problem named, and the
    tables hold exactly the typed values that were checked (DuckDB never reads the CSV
    files, so it cannot parse them differently or expand a glob in a path).
    """
    from coprod_data.package import missing_resources
    from coprod_data.reading import gate, insert_tables

    pkg = read_package(path)
    missing = missing_resources(pkg)
    if missing:
        raise CoprodDataError(
            f"the package lacks resources the views need: {', '.join(missing)}; "
            "run 'coprod-data validate' on it",
            file=str(pkg.descriptor),
        )
    data = gate(pkg)
    import duckdb

    try:
        insert_tables(con, data, comments=comments)
    except duckdb.Error as exc:  # the checks passed, so this is a bug of ours; say where
        raise CoprodDataError(
            f"cannot load the package into DuckDB: {_first_line(exc)}", file=str(pkg.descriptor)
        ) from None
    for view in view_files():
        if not comments and view.name == COMMENTS_FILE:
            continue
        try:
            con.execute(view.read_text(encoding="utf-8"))
        except duckdb.Error as exc:  # a broken view is a bug of ours; name the file
            raise CoprodDataError(f"view failed: {_first_line(exc)}", file=view.name) from None


COMMENTS_FILE = "990_comments.sql"


def comments_database(path: str | Path | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory database built without ``990_comments.sql``, for :func:`comments_script`."""
    import duckdb

    con = duckdb.connect()
    try:
        _build(con, path, comments=False)
    except BaseException:
        con.close()
        raise
    return con


def comments_script(con: duckdb.DuckDBPyConnection, path: str | Path | None = None) -> str:
    """``COMMENT ON`` every view and SQL-built table of ``con`` (in ``main`` and in the schema
    ``internal`` of the intermediate steps), from the SQL files' headers.

    The committed ``sql/990_comments.sql`` is this script for the bundled package (a test
    keeps them equal); the Python build and the duckdb CLI both run it after the views.
    A column the relation's own header does not document takes the description of the
    descriptor field, or else of the first header, that documents a column of that name.
    """
    from coprod_data.checkdata import generated_views_sql
    from coprod_data.sqldocs import column_fallbacks, comments_sql, parse, read_all

    pkg = read_package(path)
    docs = {o.name: o for o in parse(generated_views_sql(pkg), "000_tables.sql")}
    docs.update(read_all([f for f in view_files() if f.name != COMMENTS_FILE]))
    tables = {r.name for r in pkg.resources} | {"package_info"}
    columns: dict[str, list[str]] = {}
    for schema, table, column in con.execute(
        "SELECT schema_name, table_name, column_name FROM duckdb_columns() "
        "WHERE database_name = current_database() AND schema_name IN ('main', ?) AND NOT internal "
        "ORDER BY table_name, column_index",
        [INTERNAL_SCHEMA],
    ).fetchall():
        obj = docs.get(table)
        if table not in tables and obj is not None and (obj.schema or "main") == schema:
            columns.setdefault(table, []).append(column)
    fields = {f.name: f.description for r in pkg.resources for f in r.fields if f.description}
    head = (
        "-- Generated by coprod_data.db.comments_script from the headers of the other SQL files:\n"
        "-- do not edit by hand (regenerate with 'coprod-data ddl --comments').\n"
    )
    return head + comments_sql(docs, columns, column_fallbacks(docs, fields))


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def connect(
    database: str | Path | None = None, path: str | Path | None = None, *, read_only: bool = True
) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection holding every resource as a table and every view.

    Args:
        database: a ``.duckdb`` file to open, or to build when it does not exist yet
            (built under a temporary name and renamed, so it is never half-written);
            default an in-memory database built now.
        path: the data package to build from (default: the bundled one).
        read_only: open a file read-only (the default). A cached database of the
            ``audit`` and ``sql`` commands is always opened read-only.

    Examples:
        >>> con = connect()
        >>> con.execute("SELECT count(*) FROM local_authorities").fetchone()[0]
        152
    """
    import duckdb

    if database is None:
        return _in_memory(path)
    target = Path(database)
    if not read_only and _in_cache(target):
        raise CoprodDataError(
            "is a cached database of coprod-data; it can only be opened read-only", file=str(target)
        )
    if not target.exists():
        if _wal(target).exists():
            raise CoprodDataError(
                f"{_wal(target).name} is beside it: a DuckDB log that would be replayed into the new "
                "database; remove it yourself, or choose a new name",
                file=str(target),
            )
        build_file(target, path)
    try:
        return duckdb.connect(str(target), read_only=read_only)
    except duckdb.Error as exc:
        raise CoprodDataError(f"cannot open the database: {_first_line(exc)}", file=str(target)) from None


def _in_memory(
    path: str | Path | None, *, comments: bool = True, temp_directory: str | None = None
) -> duckdb.DuckDBPyConnection:
    """A new in-memory database holding the package (closed again if the build fails)."""
    import duckdb

    config: dict[str, str | bool | int | float | list[str]] = {}
    if temp_directory is not None:
        config["temp_directory"] = temp_directory
    con = duckdb.connect(config=config)
    try:
        _build(con, path, comments=comments)
    except BaseException:
        con.close()
        raise
    return con


def _wal(database: Path) -> Path:
    """The write-ahead log DuckDB keeps beside ``database`` (and replays into it when opened)."""
    return database.with_name(database.name + ".wal")


def _in_cache(target: Path) -> bool:
    from coprod_data.cache import cache_dir

    folder = cache_dir()
    if folder is None:
        return False
    try:
        return target.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):
        return False


# Names of what a run writes before renaming it into place: a dead run's leftovers are
# recognised by this pattern and the run's process id, and removed by later runs. Only
# hidden names (a leading dot) in the folders a user chose; the undotted ``mem`` name
# is the private folder made under the system's temporary folder.
LEFTOVER = re.compile(
    r"^(?:\.coprod-data-(?P<kind>build|export|old)|coprod-data-(?P<mem>mem))-(?P<pid>[1-9][0-9]{0,9})-(?P<rest>.+)$"
)
_MKDTEMP_SUFFIX = re.compile(r"^[a-z0-9_]{8}$")  # what tempfile.mkdtemp appends
_EXPORTED = (".parquet", ".duckdb", ".db", ".wal")


def _pid_alive(pid: int) -> bool:
    import os

    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError, ValueError):
        return True  # another user's process, or a number no process has: keep the file
    return True


def _is_duckdb_file(path: Path) -> bool:
    """A regular file that DuckDB wrote (its magic bytes, a WAL's name) or left empty."""
    import os
    import stat

    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode):
            return False
        if info.st_size == 0 or path.name.endswith(".wal"):
            return True
        with open(path, "rb") as fh:
            return fh.read(12)[8:12] == b"DUCK"
    except OSError:
        return False


def _holds_only(folder: Path, allowed: Callable[[Path], bool]) -> bool:
    """Whether ``folder`` (a real folder, not a link) holds only regular files that ``allowed`` accepts."""
    if folder.is_symlink() or not folder.is_dir():
        return False
    try:
        return all(not e.is_symlink() and e.is_file() and allowed(e) for e in folder.iterdir())
    except OSError:
        return False


def _export_entry(entry: Path) -> bool:
    if entry.name == EXPORT_MARKER or LEFTOVER.match(entry.name):
        return True
    return entry.name.endswith(_EXPORTED)


def _is_leftover(entry: Path, m: re.Match) -> bool:
    """Whether ``entry`` (its name matched by :data:`LEFTOVER`) has the shape of what we write there."""
    kind, rest = m.group("kind") or m.group("mem"), m.group("rest")
    if kind == "build":  # a database file being built, or its WAL
        return not entry.is_symlink() and _is_duckdb_file(entry)
    if kind == "old":  # an earlier export moved aside: a database, or a folder of Parquet files
        if entry.is_symlink():
            return False
        return _is_duckdb_file(entry) or _holds_only(entry, _export_entry)
    if not _MKDTEMP_SUFFIX.match(rest):
        return False
    if kind == "export":  # a staging folder
        return _holds_only(entry, _export_entry)
    # mem: a private folder holding one database being built or opened
    return _holds_only(entry, lambda e: e.name.startswith(("package.duckdb", ".coprod-data-build-")))


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove what runs that died (``kill -9``, power cut) left in ``folder``: only names of
    our own pattern (:data:`LEFTOVER`), holding what we write under that name, whose process
    is gone. Anything else, however its name looks, is left alone. Returns what was removed."""
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        m = LEFTOVER.match(entry.name)
        if not m or _pid_alive(int(m.group("pid"))) or not _is_leftover(entry, m):
            continue
        try:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
            removed.append(entry)
        except OSError:
            pass
    return removed


def build_file(
    target: Path,
    path: str | Path | None = None,
    *,
    after_build: Callable | None = None,
    storage_version: str | None = None,
) -> Path:
    """Build the database into ``target`` atomically: a temporary name in the same folder, then a rename.

    ``after_build(con)`` runs on the new database before it is closed and renamed (the
    cache stores its snapshot and stamp there). ``storage_version`` (e.g. ``v1.0.0``)
    writes a file that older DuckDB releases can open. Leftovers of dead runs in the
    folder are removed first.
    """
    import os

    import duckdb

    folder = target.parent
    if not folder.is_dir():
        raise CoprodDataError("the folder does not exist", file=str(target))
    remove_leftovers(folder)
    tmp = folder / f".coprod-data-build-{os.getpid()}-{target.name}"
    for leftover in (tmp, Path(f"{tmp}.wal")):
        leftover.unlink(missing_ok=True)
    try:
        config: dict[str, str | bool | int | float | list[str]] = {"temp_directory": ""}
        if storage_version:
            config["storage_compatibility_version"] = storage_version
        con = duckdb.connect(str(tmp), config=config)
    except duckdb.Error as exc:
        raise CoprodDataError(f"cannot create the database: {_first_line(exc)}", file=str(target)) from None
    try:
        try:
            _build(con, path)
            if after_build is not None:
                after_build(con)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        tmp.replace(target)
    finally:
        for leftover in (tmp, Path(f"{tmp}.wal")):
            leftover.unlink(missing_ok=True)
    return target


def relations(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """``(name, 'table'|'view')`` for every table and view of the main schema: what users query
    (the intermediate steps of the audit are in the schema ``internal``)."""
    rows = con.execute(
        "SELECT table_name, CASE table_type WHEN 'VIEW' THEN 'view' ELSE 'table' END "
        "FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_type, table_name"
    ).fetchall()
    return [(str(n), str(t)) for n, t in rows]


_LIVE: weakref.WeakSet = weakref.WeakSet()  # connections a Ctrl-C should interrupt


def interrupt_all() -> None:
    """Interrupt every query running on a connection opened by :func:`open_read_only`."""
    for con in list(_LIVE):
        with contextlib.suppress(Exception):  # a closed connection
            con.interrupt()


def _lock_down(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    _LIVE.add(con)
    return con


def _private_read_only(path: str | Path | None) -> duckdb.DuckDBPyConnection | None:
    """Build the database into a private temporary folder and open it read-only.

    The same sandbox as the cached file: DuckDB itself refuses every write, and there is
    no temporary folder for a query to read. The file is removed at once (the open
    connection keeps it alive); a run killed before that leaves a folder that later runs
    remove. None when no private folder can be made.
    """
    import os

    import duckdb

    tmp_root = Path(tempfile.gettempdir())
    remove_leftovers(tmp_root)
    try:
        folder = Path(tempfile.mkdtemp(prefix=f"coprod-data-mem-{os.getpid()}-"))
    except OSError:
        return None
    try:
        target = build_file(folder / "package.duckdb", path)
        return duckdb.connect(str(target), read_only=True, config={"temp_directory": ""})
    except (OSError, duckdb.IOException):
        return None
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def open_read_only(
    path: str | Path | None = None, *, own_queries: bool = False
) -> tuple[duckdb.DuckDBPyConnection, bool]:
    """A read-only connection to the package's database, and whether it is the cached one.

    Uses the cached database (see :mod:`coprod_data.cache`) when it can; otherwise builds
    one in a private temporary file. Both are opened read-only by DuckDB itself, with
    no temporary folder, and external access switched off and locked, so a query can
    neither write nor reach a file. Only when no temporary file can be written at all is
    the database built in memory (statements are still checked by :func:`query_rows`).

    ``own_queries=True`` is for a caller that runs only its own fixed queries and reads no
    catalog comments (the audit): when nothing is cached it needs no sandbox against a
    user's SQL, so the database is built in memory, without the ``COMMENT ON`` statements
    (a quarter of the build's time) and without writing, checkpointing and reopening a
    file (a tenth). The cached database always has its comments.
    """

    from coprod_data.cache import open_cached

    con = open_cached(path)
    if con is not None:
        return _lock_down(con), True
    if own_queries:
        return _lock_down(_in_memory(path, comments=False, temp_directory="")), False
    con = _private_read_only(path)
    if con is None:
        con = connect(path=path)
        con.execute("SET temp_directory = ''")
    return _lock_down(con), False


_EXPLAIN = re.compile(r"^\s*EXPLAIN\b(\s+ANALY[SZ]E\b)?(\s*\([^)]*\))?", re.IGNORECASE)
_READING = ("SELECT",)


def statement_kind(con: duckdb.DuckDBPyConnection, text: str) -> str:
    """The kind of the one statement in ``text`` (``SELECT``, ``EXPLAIN SELECT``, ...), by DuckDB's parser.

    Raises :class:`CoprodDataError` for more than one statement.
    """
    statements = con.extract_statements(text)
    if len(statements) != 1:
        raise CoprodDataError(f"one statement at a time, please (got {len(statements)})")
    kind = statements[0].type.name
    if kind == "EXPLAIN":  # EXPLAIN ANALYZE runs its statement: judge what it explains
        inner = _EXPLAIN.sub("", statements[0].query, count=1)
        inner_statements = con.extract_statements(inner) if inner.strip() else []
        inner_kind = inner_statements[0].type.name if len(inner_statements) == 1 else "UNKNOWN"
        return f"EXPLAIN {inner_kind}"
    return kind


DEFAULT_TIMEOUT = 60.0  # seconds a query of the sql command may run
MAX_TIMEOUT = 1e6  # about 11 days; a timer cannot wait much longer (threading.TIMEOUT_MAX)


def query_rows(
    sql: str, path: str | Path | None = None, *, timeout: float | None = DEFAULT_TIMEOUT
) -> tuple[list[str], list[tuple]]:
    """Run one read-only query; return the column names and the rows (no pandas needed).

    The statement's type is read from DuckDB's own parser: only SELECT-like statements
    (SELECT, WITH, FROM, DESCRIBE, SHOW, SUMMARIZE) and EXPLAIN of them run. A query
    running longer than ``timeout`` seconds (None or 0: no limit) is interrupted.

    Raises :class:`CoprodDataError` for an empty query, more than one statement, a
    statement that would write, a query over time, or an error in the query (DuckDB's
    message, first line).
    """
    text = sql.strip()
    if not text.rstrip(";").strip():
        raise CoprodDataError("empty query")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # bytes that are not UTF-8, passed through as surrogates
        raise CoprodDataError("the query is not valid UTF-8") from None
    if timeout is not None and not 0 <= timeout <= MAX_TIMEOUT:  # also refuses nan
        raise CoprodDataError(
            f"the timeout must be 0 (none) or a number of seconds up to {MAX_TIMEOUT:g}", field="timeout"
        )
    con, _ = open_read_only(path)
    try:
        return run_query(con, text, timeout=timeout)
    finally:
        con.close()


def run_query(
    con: duckdb.DuckDBPyConnection, sql: str, *, timeout: float | None = DEFAULT_TIMEOUT
) -> tuple[list[str], list[tuple]]:
    """Check and run one statement on a connection from :func:`open_read_only` (see :func:`query_rows`)."""
    import threading

    import duckdb

    text = sql.strip()
    timer = None
    fired = threading.Event()
    try:
        kind = statement_kind(con, text)
        if kind.removeprefix("EXPLAIN ") not in _READING:
            first = text.split(None, 1)[0].upper()
            raise CoprodDataError(
                f"the database is read-only here: {first} statements are not allowed; use SELECT, WITH, "
                "FROM, DESCRIBE, SHOW, SUMMARIZE or EXPLAIN"
            )
        if timeout:

            def stop() -> None:
                fired.set()
                con.interrupt()

            timer = threading.Timer(timeout, stop)
            timer.daemon = True
            timer.start()
        cursor = con.execute(text)
        columns = [d[0] for d in cursor.description or []]
        return columns, cursor.fetchall()
    except duckdb.InterruptException:
        if fired.is_set():
            raise CoprodDataError(
                f"the query ran longer than {timeout:g} s and was stopped; use --timeout to allow more"
            ) from None
        raise KeyboardInterrupt from None
    except duckdb.Error as exc:
        raise CoprodDataError(f"query failed: {_first_line(exc)}") from None
    except MemoryError:
        raise CoprodDataError("the result does not fit in memory; add a LIMIT or aggregate") from None
    finally:
        if timer is not None:
            timer.cancel()


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


EXPORT_MARKER = "coprod-data-export.json"  # in a folder export: what it wrote
EXPORT_TABLE = "coprod_export"  # in a database export: who wrote it
# The storage format of an exported .duckdb file: the oldest that DuckDB 1.x releases
# read, so the file opens in the DuckDB CLI of PyPI's duckdb-cli (1.5.6 when written)
# as well as in the library that wrote it (2.x). Recorded in the coprod_export table.
EXPORT_STORAGE_VERSION = "v1.0.0"


def _is_our_database(target: Path) -> bool:
    """Whether ``target`` is a DuckDB file written by :func:`export` (its own marker table)."""
    import duckdb

    try:
        with open(target, "rb") as fh:
            head = fh.read(16)
    except OSError:
        return False
    if head[8:12] != b"DUCK":  # not a DuckDB database at all
        return False
    try:
        con = duckdb.connect(str(target), read_only=True, config={"temp_directory": ""})
    except duckdb.Error:
        return False
    try:
        rows = con.execute(f"SELECT tool FROM {EXPORT_TABLE}").fetchall()
        return rows == [("coprod-data",)]
    except duckdb.Error:
        return False
    finally:
        con.close()


def _foreign_in_export(folder: Path) -> str | None:
    """The first entry of ``folder`` that an earlier export did not write (None: all are ours)."""
    import json

    marker = folder / EXPORT_MARKER
    try:
        listed = set(json.loads(marker.read_text(encoding="utf-8"))["files"])
    except (OSError, ValueError, KeyError, TypeError):
        return next((p.name for p in sorted(folder.iterdir())), None) or "?"
    for entry in sorted(folder.iterdir()):
        if entry.name != EXPORT_MARKER and (
            entry.name not in listed or not entry.is_file() or entry.is_symlink()
        ):
            return entry.name
    return None


def export(
    target: str | Path,
    *,
    force: bool = False,
    path: str | Path | None = None,
    storage_version: str = EXPORT_STORAGE_VERSION,
) -> Path:
    """Write the database: a ``.duckdb`` file, or a folder of Parquet files (one per relation of ``main``).

    The ``.duckdb`` file holds everything the build makes: the tables and views users query in
    the schema ``main``, and the intermediate steps of the audit in the schema ``internal``
    (query them as ``internal.name``). A Parquet folder holds the relations of ``main`` only
    (see :func:`relations`), so every query the docs show runs on it too.

    A folder is chosen when ``target`` is an existing directory or ends with ``/``;
    otherwise the name must end in ``.duckdb`` or ``.db``. Written to a temporary name
    beside the target and renamed, so a failure leaves nothing partial. Refuses to
    overwrite unless ``force``, and even then replaces only what an earlier export wrote:
    a database holding the ``coprod_export`` marker table, or a folder whose every file
    is listed in its ``coprod-data-export.json``. Anything else is refused with a message,
    never deleted. The data version is in the ``package_info`` table (and ``package_info.parquet``).

    A ``.duckdb`` file is written in DuckDB's storage format ``storage_version``
    (default :data:`EXPORT_STORAGE_VERSION`, readable by DuckDB 1.0 and later), which
    the ``coprod_export`` table records with the package version and the time written.
    """
    import json
    import os

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
    replacing = out.exists() or out.is_symlink()
    if replacing and as_dir and out.is_dir() and not out.is_symlink() and not any(out.iterdir()):
        replacing = False  # an empty folder: nothing to lose
    if replacing:
        if not force:
            raise CoprodDataError("already exists; use --force to overwrite", file=str(out))
        if out.is_symlink():
            raise CoprodDataError("is a symbolic link; refusing to replace it", file=str(out))
        if as_dir and not out.is_dir():
            raise CoprodDataError("exists and is not a folder", file=str(out))
        if not as_dir and not out.is_file():
            raise CoprodDataError("exists and is not a file", file=str(out))
        if as_dir:
            foreign = _foreign_in_export(out)
            if foreign is not None:
                raise CoprodDataError(
                    f"holds {foreign!r}, which no earlier export of coprod-data wrote; refusing to replace "
                    "the folder (remove it yourself, or choose a new folder)",
                    file=str(out),
                )
        elif not _is_our_database(out):
            raise CoprodDataError(
                "is not a database written by 'coprod-data export'; refusing to overwrite it "
                "(remove it yourself, or choose a new name)",
                file=str(out),
            )
    wal = _wal(out)
    if not as_dir and (wal.exists() or wal.is_symlink()) and not replacing:
        raise CoprodDataError(
            f"{wal.name} is beside it: a DuckDB log that would be replayed into the new file; "
            "remove it yourself, or choose a new name",
            file=str(out),
        )
    parent = out.parent
    if not parent.exists():
        raise CoprodDataError("the folder to write into does not exist", file=str(parent))
    if not parent.is_dir():
        raise CoprodDataError("is not a folder", file=str(parent))
    import duckdb

    remove_leftovers(parent)
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".coprod-data-export-{os.getpid()}-", dir=parent))
    except OSError as exc:
        raise CoprodDataError(f"cannot write here: {exc.strerror or exc}", file=str(parent)) from None

    def mark(con: duckdb.DuckDBPyConnection) -> None:
        con.execute(
            f"CREATE TABLE {EXPORT_TABLE} AS SELECT 'coprod-data' AS tool, ?::VARCHAR AS package_version, "
            "?::VARCHAR AS storage_version, now()::VARCHAR AS written_at",
            [read_package(path).version, storage_version if not as_dir else None],
        )

    try:
        if as_dir:
            con = connect(path=path)
            try:
                mark(con)
                names = [name for name, _kind in relations(con)]
                for name in names:
                    dest = _sql_string(str(staging / f"{name}.parquet"))
                    con.execute(f'COPY (SELECT * FROM "{name}") TO {dest} (FORMAT parquet)')
            finally:
                con.close()
            listing = {"tool": "coprod-data", "files": sorted(f"{n}.parquet" for n in names)}
            (staging / EXPORT_MARKER).write_text(json.dumps(listing, indent=2) + "\n", encoding="utf-8")
            built = staging
        else:
            built = build_file(staging / out.name, path, after_build=mark, storage_version=storage_version)
        if replacing:  # checked above to be an earlier export: move it aside, then swap
            old = parent / f".coprod-data-old-{os.getpid()}-{out.name}"
            old_wal = _wal(old)
            out.replace(old)
            if not as_dir and (wal.exists() or wal.is_symlink()):
                wal.replace(old_wal)  # its log goes with it: replayed into the new file, it would change it
            built.replace(out)
            if old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
            else:
                old.unlink(missing_ok=True)
                old_wal.unlink(missing_ok=True)
        else:
            built.replace(out)
    except duckdb.Error as exc:
        raise CoprodDataError(f"export failed: {_first_line(exc)}", file=str(out)) from None
    except OSError as exc:
        raise CoprodDataError(f"cannot write: {exc.strerror or exc}", file=str(out)) from None
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return out
