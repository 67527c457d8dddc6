"""A built database per package content, kept on disk so that commands start fast.

Building the database (20 tables, the views) and running the audit takes about a
second; most commands only read the result. The first run builds a ``.duckdb`` file
under the cache folder, named by a hash of everything it is built from: the
descriptor, every resource file, every SQL file, the package and DuckDB versions.
Any edit to any of them gives a new name, so a cached file is never stale. The audit
and its check layer are tables of the built database (materialised once, in dependency
order), so the cached file answers an audit without recomputing anything.

The folder is ``$COPROD_DATA_CACHE``, else ``$XDG_CACHE_HOME/coprod-data``, else
``~/.cache/coprod-data``. ``COPROD_DATA_CACHE=off`` turns the cache off; so does a
folder that cannot be written (the commands then build in memory, as before).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from coprod_data.errors import CoprodDataError
from coprod_data.package import read_package
from coprod_data.paths import sql_dir

KEEP = 8  # cached databases kept; older ones are removed
FORMAT = 3  # bump when what a cached file holds changes


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
    """Hash of everything the database is built from (descriptor, resources, SQL, versions)."""
    import duckdb

    from coprod_data import __version__

    pkg = read_package(path)
    h = hashlib.sha256()
    h.update(f"{FORMAT}|{__version__}|{duckdb.__version__}".encode())
    h.update(pkg.descriptor.read_bytes())
    for res in pkg.resources:
        res.check_file()
        h.update(res.name.encode())
        h.update(res.file.read_bytes())
    here = Path(__file__).resolve().parent
    sources = [here / "ddl.py", here / "db.py", here / "cache.py", here / "checkdata.py"]
    for f in [*sources, *sorted(sql_dir().glob("*.sql"))]:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:32]


def cached_database(path: str | Path | None = None) -> Path | None:
    """The cached database for a package, built now if missing; None when the cache is unusable.

    Errors in the package itself (a missing file, a bad descriptor) are raised as
    :class:`~coprod_data.errors.CoprodDataError`, as by :func:`coprod_data.db.connect`.
    """
    folder = cache_dir()
    if folder is None:
        return None
    try:
        key = content_key(path)
    except (OSError, CoprodDataError):
        return None  # a missing or odd file: the caller's own build reports it properly
    target = folder / f"{key}.duckdb"
    if target.is_file():
        return target
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{key}.{os.getpid()}.building"
    except OSError:
        return None
    import duckdb

    from coprod_data.db import connect

    try:
        # The check layer and the audit are tables, built once with the database.
        connect(tmp, path=path).close()
        os.replace(tmp, target)
    except (OSError, CoprodDataError, duckdb.Error):
        # a full disk or an odd folder: build in memory instead (which reports real package errors)
        return None
    finally:
        for leftover in (tmp, Path(f"{tmp}.wal")):
            leftover.unlink(missing_ok=True)
    _evict(folder)
    return target


def _evict(folder: Path) -> None:
    try:
        files = sorted(folder.glob("*.duckdb"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in files[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
