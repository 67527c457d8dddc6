"""Atomic writes and the descriptor's hash/bytes stamps."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from coprod_data.errors import CoprodDataError
from coprod_data.package import Resource, read_package
from coprod_data.paths import resolve_descriptor
from coprod_data.safety import read_regular_file


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    A reader sees the old file or the new one, never a half-written file; on any
    error the temporary file is removed and the old file is left as it was.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise CoprodDataError(f"cannot write here: {exc.strerror or exc}", file=str(target)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise CoprodDataError(f"cannot write the file: {exc.strerror or exc}", file=str(target)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def file_digest(path: Path) -> tuple[str, int]:
    """``('sha256:<hex>', size in bytes)`` of a file."""
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
            size += len(chunk)
    return f"sha256:{h.hexdigest()}", size


def stamp(path: str | Path | None = None) -> list[str]:
    """Recompute ``hash`` and ``bytes`` of every resource and rewrite the descriptor atomically.

    Returns the names of the resources whose stamps changed.

    Examples:
        >>> stamp("datapackage.json")  # doctest: +SKIP
        ['counts']
    """
    descriptor = resolve_descriptor(path)
    pkg = read_package(descriptor)
    # the same checked reading as read_package's (a FIFO, a device, a BOM), so never a hang or traceback
    raw = json.loads(read_regular_file(pkg.descriptor, what="datapackage.json").decode("utf-8-sig"))
    changed = []
    for res_raw, res in zip(raw["resources"], pkg.resources, strict=True):
        res.check_file()  # a regular file inside the package, of bounded size, as every reader checks
        try:
            digest, size = file_digest(res.file)
        except OSError as exc:
            raise CoprodDataError(f"cannot read the file: {exc.strerror or exc}", file=res.path) from None
        if res_raw.get("hash") != digest or res_raw.get("bytes") != size:
            changed.append(res.name)
        res_raw["hash"], res_raw["bytes"] = digest, size
    text = json.dumps(raw, indent=2, ensure_ascii=False) + "\n"
    atomic_write_bytes(descriptor, text.encode("utf-8"))
    return changed


def _cell(value: Any) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def frame_to_csv_bytes(resource: Resource, frame: pd.DataFrame) -> bytes:
    """Serialise a frame in the package's CSV dialect (UTF-8, LF, minimal quoting, empty = missing)."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(resource.field_names)
    for rec in frame[resource.field_names].itertuples(index=False):
        writer.writerow([_cell(v) for v in rec])
    return buf.getvalue().encode("utf-8")


def write_resource(resource: Resource, frame: pd.DataFrame, path: str | Path | None = None) -> Path:
    """Write a frame as a resource's CSV (atomically); default path is the resource's own file."""
    target = Path(path) if path is not None else resource.file
    atomic_write_bytes(target, frame_to_csv_bytes(resource, frame))
    return target
