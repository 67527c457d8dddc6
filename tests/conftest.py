"""Shared fixtures: a private copy of the package to corrupt, and the seed texts."""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

import pytest
from hypothesis import HealthCheck, settings

from coprod_data.fileio import stamp
from coprod_data.paths import package_root

REPO = Path(__file__).resolve().parent.parent

# Hypothesis profiles: a fast default for every run, a thorough one for scheduled or
# manual runs: COPROD_HYPOTHESIS_PROFILE=thorough python -m pytest tests/property
# Both print the blob that reproduces a failure (@reproduce_failure), whatever the order
# or seed the run had (pytest-randomly shuffles the tests; its seed is in the header).
settings.register_profile(
    "default",
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile(
    "thorough",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
PROFILE = os.environ.get("COPROD_HYPOTHESIS_PROFILE", "default")
settings.load_profile(PROFILE)


def examples(default: int, thorough: int) -> int:
    """Examples for a slow property: fewer than the profile's, scaled with it."""
    return thorough if PROFILE == "thorough" else default


# Keep the tests' cached databases out of the user's cache folder.
os.environ.setdefault("COPROD_DATA_CACHE", tempfile.mkdtemp(prefix="coprod-data-cache-"))
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture
def pkg_copy(tmp_path: Path) -> Path:
    """A copy of the bundled package in a temporary folder; returns its descriptor path."""
    root = package_root()
    shutil.copy(root / "datapackage.json", tmp_path / "datapackage.json")
    shutil.copytree(root / "resources", tmp_path / "resources")
    return tmp_path / "datapackage.json"


@pytest.fixture(scope="session")
def seeds() -> Mapping[str, str]:
    """Seed texts by document id (read-only: one mapping serves every test). Present in CI
    (shared/ beside the clone); skipped elsewhere."""
    files = {
        "attitude_survey": "000_be0f5f862c51d4da.txt",
        "telford_case_study": "002_7c8e5425560a3390.txt",
        "national_la_survey": "003_04ffd17006a819cc.txt",
    }
    if not SEEDS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"seed folder {SEEDS} missing in CI")
        pytest.skip(f"seed folder {SEEDS} not present beside this checkout")
    return MappingProxyType({doc: (SEEDS / name).read_text(encoding="utf-8") for doc, name in files.items()})


def edit_cell(
    descriptor: Path, resource: str, key: str, field: str, value: str, *, restamp: bool = True
) -> int:
    """Set one cell of a copied resource, found by its first-column key; returns the CSV line edited."""
    path = descriptor.parent / "resources" / f"{resource}.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    header = rows[0]
    col = header.index(field)
    line = next((i for i, row in enumerate(rows[1:], start=2) if row[0] == key), None)
    if line is None:
        raise KeyError(key)
    rows[line - 1][col] = value
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    if restamp:
        stamp(descriptor)
    return line
