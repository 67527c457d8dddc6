"""The package's annotations type-check under mypy (with pandas-stubs), as py.typed promises."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "coprod_data"


def test_mypy_finds_no_errors(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            str(SRC),
            "--ignore-missing-imports",
            "--cache-dir",
            str(tmp_path / "mypy-cache"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success: no issues found" in done.stdout
