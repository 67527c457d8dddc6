"""Where the data package lives: the only module that knows.

From a source checkout (an editable install or ``src`` on the path) the package is
the repository's own ``datapackage.json`` and ``resources/``, so edits are seen at
once. From an installed wheel it is the copy bundled under ``coprod_data/_data``.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent
_BUNDLED = _HERE / "_data"
_CHECKOUT = _HERE.parent.parent  # src/coprod_data -> repository root


def package_root() -> Path:
    """Folder holding the bundled ``datapackage.json`` and ``resources/``.

    Examples:
        >>> (package_root() / "datapackage.json").is_file()
        True
    """
    if (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / "datapackage.json").is_file():
        return _CHECKOUT
    return _BUNDLED


def descriptor_path() -> Path:
    """Path of the bundled ``datapackage.json``."""
    return package_root() / "datapackage.json"


def resolve_descriptor(path: str | Path | None) -> Path:
    """Turn a user's PATH (a descriptor, a folder holding one, or None) into a descriptor path.

    The file need not exist: callers report a missing file themselves.
    """
    if path is None:
        return descriptor_path()
    p = Path(path)
    if p.is_dir():
        return p / "datapackage.json"
    return p


def sql_dir() -> Path:
    """Folder of the ``.sql`` view files shipped with the package."""
    return _HERE / "sql"
