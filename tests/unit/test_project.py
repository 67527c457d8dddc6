"""Project wiring: one version, the README's commands, a light import, the frictionless CLI."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

import coprod_data
from coprod_data.paths import package_root

REPO = Path(__file__).resolve().parents[2]


def test_version_is_single_sourced_from_the_descriptor():
    descriptor = json.loads((package_root() / "datapackage.json").read_text(encoding="utf-8"))
    assert coprod_data.__version__ == descriptor["version"] == version("coprod-data")
    assert re.fullmatch(r"\d+\.\d+\.\d+", descriptor["version"])
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject and 'path = "datapackage.json"' in pyproject


def test_changelog_has_an_entry_for_the_current_version():
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{coprod_data.__version__}] - " in text  # Keep a Changelog headings
    assert "## [Unreleased]" in text


def readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines()[:10] if line.startswith("    ")]


def test_readme_opens_with_the_two_commands():
    main, tests = readme_commands()
    assert "coprod-data" in main and "pytest" in tests and "mkdocs build --strict" in tests


def test_ci_runs_exactly_the_readme_test_command():
    _, tests = readme_commands()
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert tests in [line.strip() for line in ci]


@pytest.mark.parametrize("module", ["coprod_data", "coprod_data.cli"])
def test_import_is_light(module):
    """Neither the library nor the command line loads a heavy module before a function needs it
    (the command line's parser included: every command pays for what it imports)."""
    heavy = {"pandas", "pandera", "frictionless", "duckdb", "rich", "pydantic"}
    code = f"import sys, {module}; print(sorted({heavy!r} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_frictionless_validate_reports_no_errors():
    exe = Path(sys.executable).parent / "frictionless"
    proc = subprocess.run(
        [str(exe), "validate", "datapackage.json", "--json"],
        cwd=package_root(),
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(proc.stdout)
    assert proc.returncode == 0 and report["valid"] is True, proc.stdout[-2000:]


def test_descriptor_declares_v2_licences_sources_and_stamps():
    d = json.loads((package_root() / "datapackage.json").read_text(encoding="utf-8"))
    assert d["$schema"].endswith("/2.0/datapackage.json")
    assert d["licenses"] and len(d["sources"]) == 3
    for res in d["resources"]:
        assert res["hash"].startswith("sha256:") and res["bytes"] > 0
        assert res["schema"]["primaryKey"]
