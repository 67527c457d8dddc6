"""An exported .duckdb file opens in the DuckDB command-line client that PyPI serves
(duckdb-cli, a test dependency), not only in the library version that wrote it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from coprod_data.db import EXPORT_STORAGE_VERSION, export

CLI = Path(sys.executable).with_name("duckdb")


@pytest.mark.slow
def test_an_export_opens_in_the_duckdb_cli(tmp_path):
    assert CLI.is_file(), "duckdb-cli is a test dependency; install the test extras"
    out = export(tmp_path / "coprod.duckdb", path=None)
    query = (
        "SELECT storage_version FROM coprod_export; "
        "SELECT count(*) FROM local_authorities; "
        "SELECT count(*) > 0 FROM figure_audit; "
        "SELECT count(*) > 0 FROM internal.check_inputs; "
        "SELECT count(*) FROM (SHOW TABLES) WHERE name = 'check_inputs';"
    )
    result = subprocess.run(
        [str(CLI), "-readonly", "-csv", "-noheader", str(out), "-c", query],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [EXPORT_STORAGE_VERSION, "152", "true", "true", "0"]
