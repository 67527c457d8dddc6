"""The package version, read from the data package's descriptor (the one place it is written)."""

from __future__ import annotations

import json

from coprod_data.paths import descriptor_path


def _read_version() -> str:
    with open(descriptor_path(), encoding="utf-8") as fh:
        return str(json.load(fh)["version"])


__version__ = _read_version()
