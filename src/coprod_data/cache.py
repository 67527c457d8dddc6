"""A built database per package content, kept on disk so that commands start fast.

Building the database (the tables, the views) and running the audit takes a while;
most commands only read the result. The first run builds a ``.duckdb`` file under the
cache folder, named ``coprod-data-<key>.duckdb`` where the key is a hash of everything
it is built from: the descriptor, every resource file, every SQL file, the package and
DuckDB versions. Any edit to any of them gives a new name, so a cached file is never
stale. The audit and its check layer are tables of the built database (materialised
once, in dependency order), so the cached file answers an audit without recomputing.

A cached file is trusted only after a check: it must open read-only, hold the table
``coprod_cache`` with its own key and format, every expected table, and a digest of its
whole content (every table's rows, every table, view and macro definition) equal to the
one stored when it was built. A file that fails (empty,
garbage, edited) is rebuilt and replaced. Cached files are only ever opened
read-only, by :mod:`coprod_data.db` as by the commands.

The cache folder may be shared with other files: this module only ever removes
files whose names it gave (``coprod-data-<32 hex>.duckdb``, and the temporary names
of :data:`coprod_data.db.LEFTOVER` left by a run that died).

The folder is ``$COPROD_DATA_CACHE``, else ``$XDG_CACHE_HOME/coprod-data``, else
``~/.cache/coprod-data``. ``COPROD_DATA_CACHE=off`` turns the cache off; so does a
folder that cannot be written (the commands then build a private database per run).
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from coprod_data.errors import CoprodDataError
from coprod_data.package import read_package
from coprod_data.paths import sql_dir
from coprod_data.safety import read_regular_file

if TYPE_CHECKING:  # pragma: no cover
    import duckdb

KEEP = 8  # cached databases kept; older ones are removed
FORMAT = 4  # bump when what a cached file holds changes
AUDIT_TABLES = ("audit_checks", "figure_audit")  # must be there for an audit
STAMP = "coprod_cache"
CACHED_NAME = re.compile(r"^coprod-data-([0-9a-f]{32})\.duckdb$")


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is off."""
    setting = os.environ.get("COPROD_DATA_CACHE")
    if setting is not None and setting.strip().lower() in {"", "0", "off", "no", "false"}:
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "coprod-data"


def content_key(path: str | Path | None = None) -> str:
    """Hash of everything the database is built from (descriptor, resources, SQL, versions).

    The files are read through the same checks as every other reader (regular files of
    bounded size, inside the package folder), so the key hashes exactly what is loaded.
    """
    import duckdb

    from coprod_data import __version__
    from coprod_data.package import MAX_FILE_BYTES

    pkg = read_package(path)
    h = hashlib.sha256()
    h.update(f"{FORMAT}|{__version__}|{duckdb.__version__}".encode())
    h.update(read_regular_file(pkg.descriptor, what="datapackage.json"))
    for res in pkg.resources:
        res.check_file()
        h.update(res.name.encode())
        h.update(read_regular_file(res.file, max_bytes=MAX_FILE_BYTES, what="resource file"))
    here = Path(__file__).resolve().parent
    # the tables hold what reading.py, table.py and checks.py accepted and typed
    names = ("ddl.py", "db.py", "cache.py", "reading.py", "table.py", "checks.py", "checkdata.py")
    code = [here / n for n in names if (here / n).is_file()]
    for f in [*code, *sorted(sql_dir().glob("*.sql"))]:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:32]


_DEFINITIONS_SQL = """
SELECT md5(coalesce(string_agg(d, chr(10) ORDER BY d), '')) FROM (
    SELECT 'table ' || schema_name || '.' || table_name || ' ' || coalesce(sql, '') AS d
        FROM duckdb_tables()
        WHERE database_name = current_database() AND NOT internal AND table_name <> $stamp
    UNION ALL SELECT 'view ' || schema_name || '.' || view_name || ' ' || coalesce(sql, '')
        FROM duckdb_views() WHERE database_name = current_database() AND NOT internal
    UNION ALL SELECT 'macro ' || schema_name || '.' || function_name || ' ' || function_type || ' '
            || coalesce(CAST(parameters AS VARCHAR), '') || ' ' || coalesce(macro_definition, '')
        FROM duckdb_functions() WHERE database_name = current_database() AND NOT internal
    UNION ALL SELECT 'type ' || schema_name || '.' || type_name || ' ' || coalesce(logical_type, '') || ' '
            || coalesce(CAST(labels AS VARCHAR), '')
        FROM duckdb_types() WHERE database_name = current_database() AND NOT internal
    UNION ALL SELECT 'sequence ' || schema_name || '.' || sequence_name || ' ' || coalesce(sql, '')
        FROM duckdb_sequences() WHERE database_name = current_database()
    UNION ALL SELECT 'index ' || schema_name || '.' || index_name || ' ' || coalesce(sql, '')
        FROM duckdb_indexes() WHERE database_name = current_database()
)
"""


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _digest(con: duckdb.DuckDBPyConnection) -> str:
    """One digest of everything a query can read in the database, the stamp table aside: every
    table's definition and rows, and every view, macro, type, sequence and index definition.

    An edited row, an added table or a replaced view (``CREATE OR REPLACE VIEW figure_audit``)
    each change it, so :func:`_verify` rejects the file.
    """
    first = con.execute(_DEFINITIONS_SQL, {"stamp": STAMP}).fetchone()
    assert first is not None  # an aggregate query returns one row
    definitions = first[0]
    tables = con.execute(
        "SELECT schema_name, table_name FROM duckdb_tables() "
        "WHERE database_name = current_database() AND NOT internal AND table_name <> ? "
        "ORDER BY schema_name, table_name",
        [STAMP],
    ).fetchall()
    if not tables:
        return f"{definitions}|"
    parts = " UNION ALL ".join(
        f"SELECT {i} AS i, count(*) AS n, coalesce(sum(hash(t)::HUGEINT), 0) AS s "
        f"FROM {_quote(schema)}.{_quote(name)} AS t"
        for i, (schema, name) in enumerate(tables)
    )
    rows = con.execute(f"SELECT string_agg(i || ':' || n || ':' || s, ',' ORDER BY i) FROM ({parts})")
    row = rows.fetchone()
    assert row is not None  # an aggregate query returns one row
    return f"{definitions}|{row[0]}"


def _stamp(con: duckdb.DuckDBPyConnection, key: str) -> None:
    """Store the stamp that :func:`_verify` checks."""
    digest = _digest(con)
    con.execute(
        f"CREATE TABLE {STAMP} AS SELECT ?::VARCHAR AS key, ?::INTEGER AS format, ?::VARCHAR AS digest",
        [key, FORMAT, digest],
    )


def _verify(con: duckdb.DuckDBPyConnection, key: str, path: str | Path | None) -> bool:
    """Whether an opened cached file is what this module built for ``key``: its stamp, and the
    digest of its whole content and schema (see :func:`_digest`)."""
    import duckdb

    try:
        tables = {
            r[0]
            for r in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
            ).fetchall()
        }
        expected = {r.name for r in read_package(path).resources} | {STAMP, *AUDIT_TABLES}
        if not expected <= tables:
            return False
        stamp = con.execute(f"SELECT key, format, digest FROM {STAMP}").fetchall()
        if len(stamp) != 1 or stamp[0][0] != key or stamp[0][1] != FORMAT:
            return False
        return _digest(con) == stamp[0][2]
    except duckdb.Error:
        return False


def _open(target: Path) -> duckdb.DuckDBPyConnection | None:
    import duckdb

    try:
        return duckdb.connect(str(target), read_only=True, config={"temp_directory": ""})
    except duckdb.Error:
        return None


def open_cached(path: str | Path | None = None) -> duckdb.DuckDBPyConnection | None:
    """A read-only connection to the package's checked cached database; None when the cache is off
    or unusable (the caller then builds its own).

    A missing file is built; a file that fails the check is rebuilt and replaced.
    """
    folder = cache_dir()
    if folder is None:
        return None
    try:
        key = content_key(path)
    except (OSError, CoprodDataError):
        return None  # a missing or odd file: the caller's own build reports it properly
    target = folder / f"coprod-data-{key}.duckdb"
    if target.is_file():
        con = _open(target)
        if con is not None and (
            _sealed(target, key, con) or (_verify(con, key, path) and _seal(target, key))
        ):
            return con
        if con is not None:
            con.close()
    if _build(folder, target, key, path) is None:
        return None
    con = _open(target)
    if con is not None and _verify(con, key, path):
        _seal(target, key)
        return con
    if con is not None:
        con.close()
    return None


# The full check reads every table (about 0.05-0.1 s). Once a file has passed it, a seal
# beside it records the file's size, modification time and inode; while they are unchanged
# (no process wrote the file: DuckDB's every write changes them) and no log lies beside it,
# the stamp's key is checked alone. Any change sends the file through the full check again.
SEAL_SUFFIX = ".checked"


def _file_facts(target: Path) -> list[int]:
    info = target.stat()
    return [info.st_size, info.st_mtime_ns, info.st_ino]


def _seal(target: Path, key: str) -> bool:
    import json

    from coprod_data.fileio import atomic_write_bytes

    try:
        facts = {"key": key, "format": FORMAT, "file": _file_facts(target)}
        atomic_write_bytes(target.with_name(target.name + SEAL_SUFFIX), json.dumps(facts).encode())
    except (OSError, CoprodDataError):
        pass  # no seal: the next run checks in full again
    return True


def _sealed(target: Path, key: str, con: duckdb.DuckDBPyConnection) -> bool:
    import json

    import duckdb

    seal = target.with_name(target.name + SEAL_SUFFIX)
    try:
        if target.with_name(target.name + ".wal").exists():
            return False
        facts = json.loads(read_regular_file(seal, max_bytes=10_000, what="cache seal"))
        if facts != {"key": key, "format": FORMAT, "file": _file_facts(target)}:
            return False
        stamp = con.execute(f"SELECT key, format FROM {STAMP}").fetchall()
        return stamp == [(key, FORMAT)]
    except (OSError, ValueError, CoprodDataError, duckdb.Error):
        return False


def cached_database(path: str | Path | None = None) -> Path | None:
    """The path of the package's checked cached database (built or rebuilt when needed); None
    when the cache is off or unusable."""
    con = open_cached(path)
    if con is None:
        return None
    con.close()
    return (cache_dir() or Path()) / f"coprod-data-{content_key(path)}.duckdb"


def _build(folder: Path, target: Path, key: str, path: str | Path | None) -> Path | None:
    import duckdb

    from coprod_data.db import build_file

    try:
        folder.mkdir(parents=True, exist_ok=True)
        # a log left beside a cached file (someone opened it read-write) would be replayed into
        # the new one, fail the check, and so rebuild on every run: it is ours by its name
        target.with_name(target.name + ".wal").unlink(missing_ok=True)
        build_file(target, path, after_build=lambda con: _stamp(con, key))
    except (OSError, CoprodDataError, duckdb.Error):
        # a full disk or an odd folder: the caller builds its own (which reports real package errors)
        return None
    _evict(folder)
    return target


def _evict(folder: Path) -> None:
    """Keep the :data:`KEEP` newest cached databases; touch nothing whose name we did not give."""
    try:
        entries = list(folder.iterdir())
        ours = [p for p in entries if CACHED_NAME.match(p.name) and p.is_file()]
        ours.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        for old in ours[KEEP:]:
            old.unlink(missing_ok=True)
        for seal in entries:  # seals of databases no longer there
            name = seal.name.removesuffix(SEAL_SUFFIX)
            if seal.name.endswith(SEAL_SUFFIX) and CACHED_NAME.match(name) and not (folder / name).exists():
                seal.unlink(missing_ok=True)
    except OSError:
        pass
